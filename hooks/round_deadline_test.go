package hooks_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
	"sangkien/internal/testkit"
)

// deadlineWorld sets the ward's round deadline to 25/9 00:00 (Asia/Ho_Chi_Minh)
// of the round's year, puts the server's clock at the deadline plus offset,
// and saves an initiative of StaffA in status (first applied in January,
// submitted_at as given unless zero).
func deadlineWorld(status string, offset time.Duration, submittedAt func(d time.Time) time.Time, extra func(t testing.TB, w *testkit.Ward, d time.Time)) func(testing.TB, *testkit.Ward) string {
	return func(t testing.TB, w *testkit.Ward) string {
		d := roundDeadline(w)
		testkit.Update(t, w.App, w.Round, map[string]any{"submission_deadline": d})
		if extra != nil {
			extra(t, w, d)
		}
		fields := map[string]any{"first_applied": clock.Date(w.Round.GetInt("year"), time.January, 15)}
		if submittedAt != nil {
			fields["submitted_at"] = submittedAt(d)
		} else if status != "draft" {
			fields["submitted_at"] = d.Add(-48 * time.Hour)
		}
		r := w.Initiative(t, w.StaffA, status, fields)
		setClock(w.App, d.Add(offset))
		return r.Id
	}
}

// roundDeadline is 25/9 00:00 in the ward of the round's year.
func roundDeadline(w *testkit.Ward) time.Time {
	return clock.Date(w.Round.GetInt("year"), time.September, 25)
}

// extendA gives unit A an extension to 30/9 00:00.
func extendA(t testing.TB, w *testkit.Ward, d time.Time) {
	extend(t, w, w.UnitA, d.AddDate(0, 0, 5))
}

const second = time.Second

// shown is how a deadline on dd/mm of the seeded round's year, 00:00, is
// written in messages: "25/09/2026 00:00".
func shown(ddmm string) string {
	return fmt.Sprintf("%s/%d 00:00", ddmm, deadline.OpenYear(time.Now()))
}

func TestSubmitDeadline(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
		{
			name: "one second before the deadline", caller: byStaffA, url: action("submit"),
			setup:  deadlineWorld("draft", -second, nil, nil),
			status: 200, content: []string{`"status":"submitted"`},
		},
		{
			name: "one second after the deadline", caller: byStaffA, url: action("submit"),
			setup:  deadlineWorld("draft", second, nil, nil),
			status: 400, content: []string{code("deadline_passed"), shown("25/09")},
			check: func(t testing.TB, w *testkit.Ward, id string) { expectStatus(t, w.App, id, "draft") },
		},
		{
			// the clock stands still where a test pins it: exactly 1 ns before.
			name: "one nanosecond before the deadline", caller: byStaffA, url: action("submit"),
			setup:  deadlineWorld("draft", -time.Nanosecond, nil, nil),
			status: 200, content: []string{`"status":"submitted"`},
		},
		{
			name: "at the deadline itself", caller: byStaffA, url: action("submit"),
			setup:  deadlineWorld("draft", 0, nil, nil),
			status: 400, content: []string{code("deadline_passed")},
		},
		{
			name: "re-submission one second after the deadline", caller: byStaffA, url: action("submit"),
			setup:  deadlineWorld("returned", second, nil, nil),
			status: 400, content: []string{code("deadline_passed")},
			check: func(t testing.TB, w *testkit.Ward, id string) { expectStatus(t, w.App, id, "returned") },
		},
		{
			name: "with an extension, one second after the round's deadline", caller: byStaffA, url: action("submit"),
			setup:  deadlineWorld("draft", second, nil, extendA),
			status: 200, content: []string{`"status":"submitted"`, `"late":false`},
		},
		{
			name: "with an extension, one second before it ends", caller: byStaffA, url: action("submit"),
			setup:  deadlineWorld("draft", 5*24*time.Hour-second, nil, extendA),
			status: 200, content: []string{`"status":"submitted"`},
		},
		{
			name: "with an extension, one second after it ends", caller: byStaffA, url: action("submit"),
			setup:  deadlineWorld("draft", 5*24*time.Hour+second, nil, extendA),
			status: 400, content: []string{code("deadline_passed"), shown("30/09")},
		},
		{
			name: "another unit's extension does not help", caller: byStaffA, url: action("submit"),
			setup: deadlineWorld("draft", second, nil, func(t testing.TB, w *testkit.Ward, d time.Time) {
				extend(t, w, w.UnitB, d.AddDate(0, 0, 5))
			}),
			status: 400, content: []string{code("deadline_passed"), shown("25/09")},
		},
		{
			name: "an extension ending before the deadline does not shorten it", caller: byStaffA, url: action("submit"),
			setup: deadlineWorld("draft", -second, nil, func(t testing.TB, w *testkit.Ward, d time.Time) {
				extend(t, w, w.UnitA, d.AddDate(0, 0, -5))
			}),
			status: 200, content: []string{`"status":"submitted"`},
		},
		{
			// the tests' server runs in New York (TestMain).
			name: "one second after: shown in Vietnam's time, not the server's", caller: byStaffA, url: action("submit"),
			setup:  deadlineWorld("draft", second, nil, nil),
			status: 400, content: []string{code("deadline_passed"), shown("25/09")},
			// the last day 24/09 is shown, never New York's 24/09 13:00.
			absent: []string{shown("24/09")[:11] + "13:00"},
		},
	})
}

func TestEditDeadline(t *testing.T) {
	t.Parallel()
	patch := func(id string) string { return "/api/collections/initiatives/records/" + id }
	body := `{"summary":"Đã bổ sung số liệu"}`
	notSaved := func(t testing.TB, w *testkit.Ward, id string) {
		if got := mustFind(t, w.App, "initiatives", id).GetString("summary"); got == "Đã bổ sung số liệu" {
			t.Error("the edit was saved")
		}
	}
	runCases(t, []actionCase{
		{
			name: "returned, one second before the deadline", method: http.MethodPatch, caller: byStaffA, url: patch, body: body,
			setup:  deadlineWorld("returned", -second, nil, nil),
			status: 200, content: []string{`"summary":"Đã bổ sung số liệu"`},
		},
		{
			name: "returned, one second after the deadline", method: http.MethodPatch, caller: byStaffA, url: patch, body: body,
			setup:  deadlineWorld("returned", second, nil, nil),
			status: 400, content: []string{code("deadline_passed"), shown("25/09")},
			check: notSaved,
		},
		{
			name: "returned, within the unit's extension", method: http.MethodPatch, caller: byStaffA, url: patch, body: body,
			setup:  deadlineWorld("returned", second, nil, extendA),
			status: 200, content: []string{`"summary":"Đã bổ sung số liệu"`},
		},
		{
			name: "submitted, one second before the deadline: locked", method: http.MethodPatch, caller: byStaffA, url: patch, body: body,
			setup:  deadlineWorld("submitted", -second, nil, nil),
			status: 400, content: []string{code("locked")},
		},
		{
			name: "submitted, one second after the deadline", method: http.MethodPatch, caller: byStaffA, url: patch, body: body,
			setup:  deadlineWorld("submitted", second, nil, nil),
			status: 400, content: []string{code("deadline_passed"), shown("25/09")},
			check: notSaved,
		},
		{
			name: "endorsed, after the deadline but within the unit's extension: locked", method: http.MethodPatch, caller: byStaffA, url: patch, body: body,
			setup:  deadlineWorld("endorsed", second, nil, extendA),
			status: 400, content: []string{code("locked")},
		},
		{
			name: "accepted, after the deadline: locked", method: http.MethodPatch, caller: byStaffA, url: patch, body: body,
			setup:  deadlineWorld("accepted", second, nil, nil),
			status: 400, content: []string{code("locked")},
		},
		{
			name: "a draft stays editable after the deadline", method: http.MethodPatch, caller: byStaffA, url: patch, body: body,
			setup:  deadlineWorld("draft", second, nil, nil),
			status: 200, content: []string{`"summary":"Đã bổ sung số liệu"`},
		},
	})
}

func TestAcceptLate(t *testing.T) {
	t.Parallel()
	after := func(d time.Time) time.Time { return d.Add(time.Hour) }
	runCases(t, []actionCase{
		{
			name: "on time, accepted after the deadline", caller: bySecretariat, url: action("accept"),
			setup:  deadlineWorld("endorsed", 3*24*time.Hour, nil, nil),
			status: 200, content: []string{`"status":"accepted"`, `"late":false`},
		},
		{
			name: "submitted after the deadline, without late_ok", caller: bySecretariat, url: action("accept"),
			setup:  deadlineWorld("endorsed", 3*24*time.Hour, after, nil),
			status: 400, content: []string{code("deadline_passed"), shown("25/09")},
			check: func(t testing.TB, w *testkit.Ward, id string) { expectStatus(t, w.App, id, "endorsed") },
		},
		{
			name: "submitted after the deadline, late_ok false", caller: bySecretariat, url: action("accept"),
			body:   `{"late_ok":false}`,
			setup:  deadlineWorld("endorsed", 3*24*time.Hour, after, nil),
			status: 400, content: []string{code("deadline_passed")},
		},
		{
			name: "submitted after the deadline, with late_ok", caller: bySecretariat, url: action("accept"),
			body:   `{"late_ok":true}`,
			setup:  deadlineWorld("endorsed", 3*24*time.Hour, after, nil),
			status: 200, content: []string{`"status":"accepted"`, `"late":true`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				if !expectStatus(t, w.App, id, "accepted").GetBool("late") {
					t.Error("late not kept")
				}
				// the ward's only council takes it on acceptance.
				expectAudit(t, w.App, id, "accept", `{"council":"","late":false,"status":"endorsed"}`,
					`{"council":"`+w.Council.Id+`","late":true,"status":"accepted"}`, "")
			},
		},
		{
			name: "marked late, without late_ok", caller: bySecretariat, url: action("accept"),
			setup: func(t testing.TB, w *testkit.Ward) string {
				return w.Initiative(t, w.StaffA, "endorsed", map[string]any{"late": true}).Id
			},
			status: 400, content: []string{code("deadline_passed")},
		},
		{
			name: "marked late, with late_ok it stays late", caller: bySecretariat, url: action("accept"),
			body: `{"late_ok":true}`,
			setup: func(t testing.TB, w *testkit.Ward) string {
				return w.Initiative(t, w.StaffA, "endorsed", map[string]any{"late": true}).Id
			},
			status: 200, content: []string{`"late":true`},
		},
		{
			name: "submitted within the unit's extension is on time", caller: bySecretariat, url: action("accept"),
			setup:  deadlineWorld("endorsed", 10*24*time.Hour, after, extendA),
			status: 200, content: []string{`"status":"accepted"`, `"late":false`},
		},
	})
}
