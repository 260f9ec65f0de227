package hooks_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"sangkien/internal/clock"
	"sangkien/internal/testkit"
)

// lateEvening pins the server's clock at 10/6 23:30 in the ward (16:30
// UTC) of the round's year: "today" is 10/6 in Asia/Ho_Chi_Minh while it
// is still 10/6 in UTC too, and 11/6 begins at 17:00 UTC.
func lateEvening(t testing.TB, w *testkit.Ward) {
	setClock(w.App, time.Date(w.Round.GetInt("year"), time.June, 10, 23, 30, 0, 0, clock.Zone))
}

// utc writes hh:mm on dd/6 of the round's year, UTC, as PocketBase dates are sent.
func utc(w *testkit.Ward, day, hour, minute int) string {
	return fmt.Sprintf("%d-06-%02d %02d:%02d:00.000Z", w.Round.GetInt("year"), day, hour, minute)
}

// countOf fails unless collection holds n records.
func countOf(collection string, n int) func(testing.TB, *testkit.Ward, string) {
	return func(t testing.TB, w *testkit.Ward, _ string) {
		if got, err := w.App.CountRecords(collection); err != nil || got != int64(n) {
			t.Errorf("%s: %d records (%v), want %d", collection, got, err, n)
		}
	}
}

func TestDatesInTheFutureRefused(t *testing.T) {
	t.Parallel()
	const initiatives = "/api/collections/initiatives/records"
	const councils = "/api/collections/councils/records"
	const decisions = "/api/collections/decisions/records"
	at := func(path string) func(string) string { return func(id string) string { return path + "/" + id } }
	coll := func(path string) func(string) string { return func(string) string { return path } }
	newInitiative := func(first string) func(w *testkit.Ward) string {
		return func(w *testkit.Ward) string {
			return fmt.Sprintf(`{"round":%q,"title":"Sáng kiến thử","first_applied":%q}`, w.Round.Id, first)
		}
	}
	pin := func(t testing.TB, x *testkit.Ward) string { lateEvening(t, x); return "" }
	runCases(t, []actionCase{
		{
			name: "a first application tomorrow (00:00 in the ward) should fail", caller: byStaffA, url: coll(initiatives),
			setup: pin, bodyOf: func(x *testkit.Ward) string { return newInitiative(utc(x, 10, 17, 0))(x) },
			status: 400, content: []string{`"first_applied":{"code":"date_in_future"`, "Ngày áp dụng lần đầu", "11/06/"},
			check: countOf("initiatives", 0),
		},
		{
			name: "a first application today, the day's last minute", caller: byStaffA, url: coll(initiatives),
			setup: pin, bodyOf: func(x *testkit.Ward) string { return newInitiative(utc(x, 10, 16, 59))(x) },
			status: 200, content: []string{`"title":"Sáng kiến thử"`},
		},
		{
			name: "moving a draft's first application to tomorrow should fail", method: http.MethodPatch, caller: byStaffA,
			url: at(initiatives),
			setup: func(t testing.TB, x *testkit.Ward) string {
				pin(t, x)
				return x.Initiative(t, x.StaffA, "draft", nil).Id
			},
			bodyOf: func(x *testkit.Ward) string { return fmt.Sprintf(`{"first_applied":%q}`, utc(x, 11, 0, 0)) },
			status: 400, content: []string{code("date_in_future")},
		},
		{
			name: "a council set up tomorrow should fail", caller: bySecretariat, url: coll(councils),
			setup: pin,
			bodyOf: func(x *testkit.Ward) string {
				return fmt.Sprintf(`{"round":%q,"name":"Hội đồng bổ sung","decision_date":%q}`, x.Round.Id, utc(x, 11, 0, 0))
			},
			status: 400, content: []string{`"decision_date":{"code":"date_in_future"`, "Ngày quyết định thành lập Hội đồng"},
			check: countOf("councils", 1),
		},
		{
			name: "a council set up today", caller: bySecretariat, url: coll(councils),
			setup: pin,
			bodyOf: func(x *testkit.Ward) string {
				return fmt.Sprintf(`{"round":%q,"name":"Hội đồng bổ sung","decision_date":%q}`, x.Round.Id, utc(x, 10, 0, 0))
			},
			status: 200, content: []string{`"name":"Hội đồng bổ sung"`},
		},
		{
			name: "moving the council's decision date to tomorrow should fail", method: http.MethodPatch, caller: bySecretariat,
			url: at(councils),
			setup: func(t testing.TB, x *testkit.Ward) string {
				pin(t, x)
				return x.Council.Id
			},
			bodyOf: func(x *testkit.Ward) string { return fmt.Sprintf(`{"decision_date":%q}`, utc(x, 12, 3, 0)) },
			status: 400, content: []string{code("date_in_future")},
		},
		{
			name: "renaming a council whose later date came from the dashboard (the date left as it was)", method: http.MethodPatch,
			caller: bySecretariat, url: at(councils),
			setup: func(t testing.TB, x *testkit.Ward) string {
				pin(t, x)
				x.Council.Set("decision_date", utc(x, 20, 0, 0))
				if err := x.App.Save(x.Council); err != nil {
					t.Fatal(err)
				}
				return x.Council.Id
			},
			bodyOf: func(x *testkit.Ward) string { return `{"name":"Hội đồng đổi tên"}` },
			status: 200, content: []string{`"name":"Hội đồng đổi tên"`},
		},
		{
			name: "a council decision signed tomorrow should fail", caller: bySecretariat, url: coll(decisions),
			setup: pin,
			bodyOf: func(x *testkit.Ward) string {
				return fmt.Sprintf(`{"round":%q,"kind":"council","number":"15/QĐ-UBND","signed_on":%q}`, x.Round.Id, utc(x, 11, 2, 0))
			},
			status: 400, content: []string{`"signed_on":{"code":"date_in_future"`, "Ngày ký"},
			check: countOf("decisions", 0),
		},
		{
			name: "the dashboard (a superuser) is not held back", caller: bySuperuser, url: coll(councils),
			setup: pin,
			bodyOf: func(x *testkit.Ward) string {
				return fmt.Sprintf(`{"round":%q,"name":"Hội đồng bổ sung","decision_date":%q}`, x.Round.Id, utc(x, 20, 0, 0))
			},
			status: 200, content: []string{`"name":"Hội đồng bổ sung"`},
		},
	})
}

func TestSignedInTheFutureRefused(t *testing.T) {
	t.Parallel()
	// the clock at 28/9 10:00 in the ward; 29/9 is tomorrow.
	pin := func(t testing.TB, w *scoringWard) {
		setClock(w.App, clock.Date(w.Round.GetInt("year"), time.September, 28).Add(10*time.Hour))
	}
	year := func(w *scoringWard) string { return fmt.Sprint(w.Round.GetInt("year")) }
	runWardCases(t, []wardCase{
		{
			name: "POST /api/reform/rounds/{year}/decide - signed tomorrow should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				decidedWard(t, w)
				pin(t, w)
				return wardRequest{http.MethodPost, decideURL(w), w.Chairman, decisionBody(map[string]any{"signed_on": "29/09/" + year(w)})}
			},
			status:  400,
			content: []string{`"signed_on":{"code":"date_in_future"`, "29/09/"},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				if s := reload(t, w.App, w.Round).GetString("status"); s != "review" {
					t.Errorf("round %s, want review", s)
				}
			},
		},
		{
			name: "POST /api/reform/rounds/{year}/decide - signed today",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				decidedWard(t, w)
				pin(t, w)
				return wardRequest{http.MethodPost, decideURL(w), w.Chairman, decisionBody(map[string]any{"signed_on": "28/09/" + year(w)})}
			},
			status:  200,
			content: []string{`"kind":"recognition"`},
		},
		{
			name: "POST /api/reform/initiatives/{id}/nominate - signed tomorrow should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				recognizedWard(t, w)
				pin(t, w)
				return wardRequest{http.MethodPost, nominateURL(w.Ini), w.Secretariat,
					map[string]any{"number": "37/TTr-UBND", "signed_on": year(w) + "-09-29", "signer": "Chu Thanh Lương"}}
			},
			status:  400,
			content: []string{`"signed_on":{"code":"date_in_future"`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				if reload(t, w.App, w.Ini).GetBool("nominated") {
					t.Error("nominated anyway")
				}
			},
		},
	})
}
