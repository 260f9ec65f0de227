package hooks_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/clock"
	"sangkien/internal/testkit"
)

// nextURL is the route that opens the round after the ward's.
func nextURL(w *testkit.Ward) string {
	return "/api/reform/rounds/" + strconv.Itoa(w.Round.GetInt("year")) + "/next"
}

// rubric returns code → max_points, name of round's criteria.
func rubric(t *testing.T, app core.App, round string) map[string]string {
	t.Helper()
	cs, err := app.FindRecordsByFilter("criteria", "round = {:r}", "sort", 0, 0, dbx.Params{"r": round})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, c := range cs {
		out[c.GetString("code")] = c.GetString("max_points") + " " + c.GetString("name") + " " + c.GetString("sort")
	}
	return out
}

// TestOpenNextRoundCarriesTheRubric opens next year's round after the
// secretariat changed this year's settings and rubric: the new round has
// the directive's dates of its year, is open, and carries the settings and
// the rubric as they stood; a second call is refused with round_exists.
func TestOpenNextRoundCarriesTheRubric(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	testkit.Update(t, w.App, w.Round, map[string]any{"threshold": 60, "approval_ratio": 0.75, "aggregation": "trimmed_mean"})
	novelty, err := w.App.FindFirstRecordByFilter("criteria", "round = {:r} && code = 'novelty'", dbx.Params{"r": w.Round.Id})
	if err != nil {
		t.Fatal(err)
	}
	testkit.Update(t, w.App, novelty, map[string]any{"max_points": 25, "name": "Tính mới"})
	testkit.Save(t, w.App, "criteria", map[string]any{"round": w.Round.Id, "code": "cost", "name": "Tiết kiệm chi phí",
		"max_points": 5, "sort": 5})
	srv := testkit.Serve(t, w.App)

	status, res := apitest.Send(t, srv, http.MethodPost, nextURL(w), apitest.As(w.Secretariat), apitest.JSON("")).StatusJSON()
	if status != http.StatusOK {
		t.Fatalf("status %d: %v", status, res)
	}
	year := w.Round.GetInt("year") + 1
	next, err := w.App.FindFirstRecordByFilter("rounds", "year = {:y}", dbx.Params{"y": year})
	if err != nil {
		t.Fatal(err)
	}
	if res["id"] != next.Id || next.GetString("status") != "open" || next.GetFloat("threshold") != 60 ||
		next.GetFloat("approval_ratio") != 0.75 || next.GetString("aggregation") != "trimmed_mean" {
		t.Errorf("next round %v", next.PublicExport())
	}
	for field, day := range map[string]int{"submission_deadline": 25, "decision_deadline": 30} {
		if got := next.GetDateTime(field).Time(); !got.Equal(clock.Date(year, time.September, day)) {
			t.Errorf("%s %v, want %d/9/%d 00:00 in Hà Nội", field, got, day, year)
		}
	}
	want, got := rubric(t, w.App, w.Round.Id), rubric(t, w.App, next.Id)
	if len(got) != 5 || got["novelty"] != "25 Tính mới 1" || got["cost"] != "5 Tiết kiệm chi phí 5" {
		t.Errorf("rubric %v", got)
	}
	for code, c := range want {
		if got[code] != c {
			t.Errorf("criterion %s: %q, want %q", code, got[code], c)
		}
	}
	if n := len(auditEntries(t, w.App, next.Id, "next")); n != 1 {
		t.Errorf("%d audit entries, want 1", n)
	}

	status, res = apitest.Send(t, srv, http.MethodPost, nextURL(w), apitest.As(w.Secretariat), apitest.JSON("")).StatusJSON()
	if status != http.StatusBadRequest || !hasCode(res, "year", "round_exists") {
		t.Errorf("second call: %d %v", status, res)
	}
	if n, _ := w.App.CountRecords("rounds"); n != 2 {
		t.Errorf("%d rounds, want 2", n)
	}
}

// hasCode reports whether an error answer holds data.<field>.code = code.
func hasCode(res map[string]any, field, code string) bool {
	data, _ := res["data"].(map[string]any)
	fe, _ := data[field].(map[string]any)
	return fe["code"] == code
}

// TestOpenNextRoundWhoMay: the secretariat and a superuser may open next
// year's round; staff, a unit head, the council, the chairman may not, nor
// anyone signed out; an unknown year is 404.
func TestOpenNextRoundWhoMay(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		caller func(w *testkit.Ward) *core.Record
		url    func(w *testkit.Ward) string
		status int
		code   string
	}{
		{"secretariat", bySecretariat, nextURL, http.StatusOK, ""},
		{"superuser", bySuperuser, nextURL, http.StatusOK, ""},
		{"staff", byStaffA, nextURL, http.StatusForbidden, "forbidden"},
		{"unit head", byHeadA, nextURL, http.StatusForbidden, "forbidden"},
		{"council member", byMember, nextURL, http.StatusForbidden, "forbidden"},
		{"chairman", byChairman, nextURL, http.StatusForbidden, "forbidden"},
		{"signed out", nil, nextURL, http.StatusUnauthorized, ""},
		{"unknown year", bySecretariat, func(*testkit.Ward) string { return "/api/reform/rounds/1999/next" }, http.StatusNotFound, "not_found"},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := testkit.NewWard(t)
			srv := testkit.Serve(t, w.App)
			token := ""
			if c.caller != nil {
				token = testkit.Token(t, c.caller(w))
			}
			status, res := apitest.Send(t, srv, http.MethodPost, c.url(w), apitest.Token(token), apitest.JSON("")).StatusJSON()
			if status != c.status {
				t.Errorf("status %d, want %d: %v", status, c.status, res)
			}
			if c.code != "" && !hasCode(res, map[string]string{"forbidden": "auth", "not_found": "year"}[c.code], c.code) {
				t.Errorf("answer %v, want code %s", res, c.code)
			}
			wantRounds := int64(1)
			if c.status == http.StatusOK {
				wantRounds = 2
			}
			if n, _ := w.App.CountRecords("rounds"); n != wantRounds {
				t.Errorf("%d rounds, want %d", n, wantRounds)
			}
		})
	}
}

// TestRoundCreatedWithoutDates: a round created through the CRUD API with
// only its year gets the directive's dates of that year and the defaults.
func TestRoundCreatedWithoutDates(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	status, res := apitest.Send(t, srv, http.MethodPost, "/api/collections/rounds/records", apitest.As(w.Secretariat), apitest.JSON(`{"year":2031}`)).StatusJSON()
	if status != http.StatusOK {
		t.Fatalf("status %d: %v", status, res)
	}
	r, err := w.App.FindRecordById("rounds", res["id"].(string))
	if err != nil {
		t.Fatal(err)
	}
	if !r.GetDateTime("submission_deadline").Time().Equal(clock.Date(2031, time.September, 25)) ||
		!r.GetDateTime("decision_deadline").Time().Equal(clock.Date(2031, time.September, 30)) ||
		r.GetString("status") != "open" || r.GetFloat("threshold") != 50 || r.GetString("aggregation") != "mean" {
		t.Errorf("round %v", r.PublicExport())
	}
}
