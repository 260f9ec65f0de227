package hooks_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"sangkien/internal/testkit"
)

// roundAction is the URL of a round action on the ward's round year.
func roundAction(w **testkit.Ward, verb string) func(string) string {
	return func(string) string { return fmt.Sprintf("/api/reform/rounds/%d/%s", (*w).Round.GetInt("year"), verb) }
}

// roundIn returns a setup putting the ward's round in status.
func roundIn(ref **testkit.Ward, status string) func(testing.TB, *testkit.Ward) string {
	return func(t testing.TB, w *testkit.Ward) string {
		*ref = w
		testkit.Update(t, w.App, w.Round, map[string]any{"status": status})
		return w.Round.Id
	}
}

// expectRound fails unless the ward's round has status.
func expectRound(status string) func(testing.TB, *testkit.Ward, string) {
	return expectRoundField("status", status)
}

// expectRoundField fails unless the ward's stored round has field = want.
func expectRoundField(field string, want any) func(testing.TB, *testkit.Ward, string) {
	return func(t testing.TB, w *testkit.Ward, _ string) {
		if got := mustFind(t, w.App, "rounds", w.Round.Id).Get(field); got != want {
			t.Errorf("round %s = %v, want %v", field, got, want)
		}
	}
}

func TestRoundStatus(t *testing.T) {
	t.Parallel()
	var w *testkit.Ward
	runCases(t, []actionCase{
		{
			name: "secretariat closes submissions", caller: bySecretariat, url: roundAction(&w, "review"),
			setup: roundIn(&w, "open"), status: 200, content: []string{`"status":"review"`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				expectRound("review")(t, w, id)
				expectAudit(t, w.App, id, "review", `{"status":"open"}`, `{"status":"review"}`, "")
			},
		},
		{
			name: "review with no council", caller: bySecretariat, url: roundAction(&w, "review"),
			setup: func(t testing.TB, x *testkit.Ward) string {
				w = x
				// a round of its own, with no council.
				r := w.Round
				w.Round = testkit.Save(t, x.App, "rounds", map[string]any{"year": r.GetInt("year") + 1,
					"submission_deadline": r.GetDateTime("submission_deadline").Time().AddDate(1, 0, 0),
					"decision_deadline":   r.GetDateTime("decision_deadline").Time().AddDate(1, 0, 0)})
				return w.Round.Id
			},
			status: 400, content: []string{code("no_council")},
			check: expectRound("open"),
		},
		{
			name: "review with an incomplete council", caller: bySecretariat, url: roundAction(&w, "review"),
			setup: func(t testing.TB, x *testkit.Ward) string {
				w = x
				// two members lose their vote: the chair and one member are not enough.
				for _, m := range x.Members[1:] {
					seat, err := x.App.FindFirstRecordByData("council_members", "user", m.Id)
					if err != nil {
						t.Fatal(err)
					}
					seat.Set("votes", false)
					if err := x.App.Save(seat); err != nil {
						t.Fatal(err)
					}
				}
				return x.Round.Id
			},
			status: 400, content: []string{code("council_incomplete")},
			check: expectRound("open"),
		},
		{
			name: "review with an accepted initiative no council took", caller: bySecretariat, url: roundAction(&w, "review"),
			setup: func(t testing.TB, x *testkit.Ward) string {
				w = x
				x.Initiative(t, x.StaffA, "accepted", map[string]any{"code": "SK-2026-007"})
				return x.Round.Id
			},
			status: 400, content: []string{code("unassigned_initiatives"), "SK-2026-007"},
			check: expectRound("open"),
		},
		{
			name: "review twice", caller: bySecretariat, url: roundAction(&w, "review"),
			setup: roundIn(&w, "review"), status: 400, content: []string{code("invalid_transition"), "Đang thẩm định"},
		},
		{
			name: "unit head may not", caller: byHeadA, url: roundAction(&w, "review"),
			setup: roundIn(&w, "open"), status: 403, content: []string{code("forbidden")},
			check: expectRound("open"),
		},
		{
			name: "chairman may not", caller: byChairman, url: roundAction(&w, "review"),
			setup: roundIn(&w, "open"), status: 403, content: []string{code("forbidden")},
		},
		{
			name: "unknown year", caller: bySecretariat, url: func(string) string { return "/api/reform/rounds/1999/review" },
			status: 404, content: []string{code("not_found")},
		},
		{
			name: "secretariat closes a decided round", caller: bySecretariat, url: roundAction(&w, "close"),
			setup: roundIn(&w, "decided"), status: 200, content: []string{`"status":"closed"`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				expectRound("closed")(t, w, id)
				expectAudit(t, w.App, id, "close", `{"status":"decided"}`, `{"status":"closed"}`, "")
			},
		},
		{
			name: "an undecided round cannot close", caller: bySecretariat, url: roundAction(&w, "close"),
			setup: roundIn(&w, "review"), status: 400, content: []string{code("invalid_transition")},
			check: expectRound("review"),
		},
		{
			name: "staff may not close", caller: byStaffA, url: roundAction(&w, "close"),
			setup: roundIn(&w, "decided"), status: 403, content: []string{code("forbidden")},
		},
		{
			name: "a status sent through the CRUD API is refused", method: http.MethodPatch, caller: bySecretariat,
			url:   func(id string) string { return "/api/collections/rounds/records/" + id },
			body:  `{"status":"closed"}`,
			setup: roundIn(&w, "open"), status: 400, content: []string{code("read_only_field")},
			check: expectRound("open"),
		},
	})
}

// TestSettingsChangesAudited: the secretariat's changes of a deadline and of
// an extension go to audit_log with their values before and after.
func TestSettingsChangesAudited(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
		{
			name: "moving the submission deadline", method: http.MethodPatch, caller: bySecretariat,
			url:    func(id string) string { return "/api/collections/rounds/records/" + id },
			body:   `{"submission_deadline":"2026-09-29 17:00:00.000Z"}`,
			setup:  func(t testing.TB, w *testkit.Ward) string { return w.Round.Id },
			status: 200, content: []string{`"submission_deadline":"2026-09-29 17:00:00.000Z"`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				old := w.Round.GetDateTime("submission_deadline").String()
				expectAudit(t, w.App, id, "update",
					`{"submission_deadline":"`+old+`"}`, `{"submission_deadline":"2026-09-29 17:00:00.000Z"}`, "")
			},
		},
		{
			name: "granting an extension", method: http.MethodPost, caller: bySecretariat,
			url: func(string) string { return "/api/collections/extensions/records" },
			bodyOf: func(w *testkit.Ward) string {
				return `{"round":"` + w.Round.Id + `","unit":"` + w.UnitB.Id + `","until":"2026-10-04 17:00:00.000Z","reason":"Trạm Y tế đang chống dịch"}`
			},
			status: 200, content: []string{`"until":"2026-10-04 17:00:00.000Z"`},
			check: func(t testing.TB, w *testkit.Ward, _ string) {
				x, err := w.App.FindFirstRecordByData("extensions", "unit", w.UnitB.Id)
				if err != nil {
					t.Fatal(err)
				}
				e := auditEntries(t, w.App, x.Id, "create")
				if len(e) != 1 || e[0].GetString("actor") != w.Secretariat.Id {
					t.Fatalf("audit entries %v", e)
				}
				if got := e[0].GetString("after"); !contains(got, `"until":"2026-10-04 17:00:00.000Z"`, `"reason":"Trạm Y tế đang chống dịch"`) {
					t.Errorf("audit after = %s", got)
				}
			},
		},
		{
			name: "prolonging an extension", method: http.MethodPatch, caller: bySecretariat,
			url:  func(id string) string { return "/api/collections/extensions/records/" + id },
			body: `{"until":"2026-10-09 17:00:00.000Z"}`,
			setup: func(t testing.TB, w *testkit.Ward) string {
				x := extend(t, w, w.UnitB, w.Round.GetDateTime("submission_deadline").Time().AddDate(0, 0, 3))
				return x.Id
			},
			status: 200, content: []string{`"until":"2026-10-09 17:00:00.000Z"`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				old := w.Round.GetDateTime("submission_deadline").Time().AddDate(0, 0, 3).UTC().Format("2006-01-02 15:04:05.000Z")
				expectAudit(t, w.App, id, "update", `{"until":"`+old+`"}`, `{"until":"2026-10-09 17:00:00.000Z"}`, "")
			},
		},
		{
			name: "a unit head may not grant one", method: http.MethodPost, caller: byHeadB,
			url: func(string) string { return "/api/collections/extensions/records" },
			bodyOf: func(w *testkit.Ward) string {
				return `{"round":"` + w.Round.Id + `","unit":"` + w.UnitB.Id + `","until":"2026-10-04 17:00:00.000Z","reason":"Tự gia hạn"}`
			},
			status: 400, content: []string{`"status":400`},
			check: func(t testing.TB, w *testkit.Ward, _ string) {
				if n, _ := w.App.CountRecords("extensions"); n != 0 {
					t.Errorf("%d extensions saved", n)
				}
			},
		},
	})
}

// contains reports whether s holds every part.
func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
