package hooks_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"

	"sangkien/internal/testkit"
)

// TestRoundReopen: the secretariat takes a move to review back while no
// sheet is submitted; a draft sheet does not hold it; a submitted one does.
func TestRoundReopen(t *testing.T) {
	t.Parallel()
	var w *testkit.Ward
	withSheet := func(status string) func(testing.TB, *testkit.Ward) string {
		return func(t testing.TB, x *testkit.Ward) string {
			id := roundIn(&w, "review")(t, x)
			ini := x.Initiative(t, x.StaffA, "accepted", map[string]any{"code": "SK-2026-001", "council": x.Council.Id})
			x.Sheet(t, ini, x.Members[1], status, testkit.Points(20, 15, 20, 15), true)
			return id
		}
	}
	runCases(t, []actionCase{
		{
			name: "secretariat reopens a round in review", caller: bySecretariat, url: roundAction(&w, "reopen"),
			setup: roundIn(&w, "review"), status: 200, content: []string{`"status":"open"`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				expectRound("open")(t, w, id)
				expectAudit(t, w.App, id, "reopen", `{"status":"review"}`, `{"status":"open"}`, "")
			},
		},
		{
			name: "a draft sheet does not hold it", caller: bySecretariat, url: roundAction(&w, "reopen"),
			setup: withSheet("draft"), status: 200, content: []string{`"status":"open"`}, check: expectRound("open"),
		},
		{
			name: "a submitted sheet holds it", caller: bySecretariat, url: roundAction(&w, "reopen"),
			setup: withSheet("submitted"), status: 400, content: []string{code("sheets_submitted"), "1 phiếu"},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				expectRound("review")(t, w, id)
				if n := len(auditEntries(t, w.App, id, "reopen")); n != 0 {
					t.Errorf("%d audit entries for a refused reopen", n)
				}
			},
		},
		{
			name: "an open round is not reopened", caller: bySecretariat, url: roundAction(&w, "reopen"),
			setup: roundIn(&w, "open"), status: 400, content: []string{code("invalid_transition")},
		},
		{
			name: "a decided round is not reopened", caller: bySecretariat, url: roundAction(&w, "reopen"),
			setup: roundIn(&w, "decided"), status: 400, content: []string{code("invalid_transition")},
			check: expectRound("decided"),
		},
		{
			name: "the chairman may not", caller: byChairman, url: roundAction(&w, "reopen"),
			setup: roundIn(&w, "review"), status: 403, content: []string{code("forbidden")}, check: expectRound("review"),
		},
		{
			name: "a council member may not", caller: byMember, url: roundAction(&w, "reopen"),
			setup: roundIn(&w, "review"), status: 403, content: []string{code("forbidden")},
		},
		{
			name: "nobody signed in", url: roundAction(&w, "reopen"),
			setup: roundIn(&w, "review"), status: 401, content: []string{`"status":401`}, check: expectRound("review"),
		},
	})
}

// emptyRound saves an open round of year with a rubric copied in and an
// extension, nothing else; it returns its id.
func emptyRound(t testing.TB, w *testkit.Ward, year int) string {
	r := testkit.Save(t, w.App, "rounds", map[string]any{"year": year, "status": "open",
		"submission_deadline": fmt.Sprintf("%d-09-24 17:00:00.000Z", year), "decision_deadline": fmt.Sprintf("%d-09-29 17:00:00.000Z", year)})
	testkit.Save(t, w.App, "criteria", map[string]any{"round": r.Id, "code": "novelty", "name": "Tính mới", "max_points": 30})
	testkit.Save(t, w.App, "extensions", map[string]any{"round": r.Id, "unit": w.UnitA.Id, "until": fmt.Sprintf("%d-10-01 17:00:00.000Z", year), "reason": "Gia hạn"})
	return r.Id
}

// TestRemoveRound: an opened round with nothing in it can be removed (with
// its rubric and extensions, audited); one holding anything cannot.
func TestRemoveRound(t *testing.T) {
	t.Parallel()
	url := func(string) string { return "/api/reform/rounds/2090" }
	gone := func(t testing.TB, w *testkit.Ward, id string) {
		if _, err := w.App.FindRecordById("rounds", id); err == nil {
			t.Error("the round is still there")
		}
		if n, _ := w.App.CountRecords("criteria", dbx.HashExp{"round": id}); n != 0 {
			t.Errorf("%d criteria left", n)
		}
		entries := auditEntries(t, w.App, id, "remove")
		if len(entries) != 1 || entries[0].GetString("actor") != w.Secretariat.Id {
			t.Errorf("audit of the removal: %v", entries)
		}
	}
	stays := func(t testing.TB, w *testkit.Ward, id string) {
		if _, err := w.App.FindRecordById("rounds", id); err != nil {
			t.Error("the round is gone")
		}
	}
	runCases(t, []actionCase{
		{
			name: "secretariat removes an empty open round", method: http.MethodDelete, caller: bySecretariat, url: url,
			setup: func(t testing.TB, w *testkit.Ward) string { return emptyRound(t, w, 2090) }, status: 204, check: gone,
		},
		{
			name: "a round with a draft stays", method: http.MethodDelete, caller: bySecretariat, url: url,
			setup: func(t testing.TB, w *testkit.Ward) string {
				id := emptyRound(t, w, 2090)
				w.Initiative(t, w.StaffA, "draft", map[string]any{"round": id})
				return id
			},
			status: 400, content: []string{code("round_not_empty"), "1 sáng kiến"}, check: stays,
		},
		{
			name: "a round with a council stays", method: http.MethodDelete, caller: bySecretariat, url: url,
			setup: func(t testing.TB, w *testkit.Ward) string {
				id := emptyRound(t, w, 2090)
				testkit.Save(t, w.App, "councils", map[string]any{"round": id, "name": "Hội đồng"})
				return id
			},
			status: 400, content: []string{code("round_not_empty")}, check: stays,
		},
		{
			name: "a round in review stays", method: http.MethodDelete, caller: bySecretariat, url: url,
			setup: func(t testing.TB, w *testkit.Ward) string {
				id := emptyRound(t, w, 2090)
				r := mustFind(t, w.App, "rounds", id)
				testkit.Update(t, w.App, r, map[string]any{"status": "review"})
				return id
			},
			status: 400, content: []string{code("invalid_transition")}, check: stays,
		},
		{
			name: "the chairman may not", method: http.MethodDelete, caller: byChairman, url: url,
			setup:  func(t testing.TB, w *testkit.Ward) string { return emptyRound(t, w, 2090) },
			status: 403, content: []string{code("forbidden")}, check: stays,
		},
		{
			name: "staff may not", method: http.MethodDelete, caller: byStaffA, url: url,
			setup:  func(t testing.TB, w *testkit.Ward) string { return emptyRound(t, w, 2090) },
			status: 403, content: []string{code("forbidden")}, check: stays,
		},
		{
			name: "unknown year", method: http.MethodDelete, caller: bySecretariat, url: url,
			status: 404, content: []string{code("not_found")},
		},
	})
}
