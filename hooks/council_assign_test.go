package hooks_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/testkit"
)

// completeCouncil saves a second council in the ward's round with a chair
// and two members, all voting, made of new accounts.
func (w *scoringWard) completeCouncil(t testing.TB) *core.Record {
	t.Helper()
	c := w.newCouncil(t, "Hội đồng chuyên đề")
	for i, pos := range []string{"chair", "member", "member"} {
		u := w.User(t, fmt.Sprintf("hd2.%d@phuong.test", i), fmt.Sprintf("Thành viên %d", i), nil, "staff", "council")
		testkit.Save(t, w.App, "council_members", map[string]any{"council": c.Id, "user": u.Id, "position": pos, "votes": true})
	}
	return c
}

func TestAutoAssignOnAccept(t *testing.T) {
	t.Parallel()
	t.Run("the round's only council takes an initiative on acceptance", func(t *testing.T) {
		w := newScoringWard(t)
		defer w.App.Cleanup()
		w.setRound(t, "open")
		ini := w.Initiative(t, w.StaffB, "endorsed", nil)
		testkit.Update(t, w.App, ini, map[string]any{"status": "accepted"})
		if got := reload(t, w.App, ini).GetString("council"); got != w.Council.Id {
			t.Fatalf("council = %q, want the ward's council", got)
		}
		entries, err := w.App.FindRecordsByFilter("audit_log", "record = {:id} && action = 'assign'", "", 0, 0,
			map[string]any{"id": ini.Id})
		if err != nil || len(entries) != 1 {
			t.Fatalf("assign entries %d, %v", len(entries), err)
		}
		if e := entries[0]; e.GetString("actor_name") != "system" || e.GetString("reason") == "" ||
			e.GetString("after") != fmt.Sprintf(`{"council":%q}`, w.Council.Id) {
			t.Errorf("entry %v", e.PublicExport())
		}
	})
	t.Run("with two councils the secretariat chooses", func(t *testing.T) {
		w := newScoringWard(t)
		defer w.App.Cleanup()
		w.setRound(t, "open")
		w.completeCouncil(t)
		ini := w.Initiative(t, w.StaffB, "endorsed", nil)
		testkit.Update(t, w.App, ini, map[string]any{"status": "accepted"})
		if got := reload(t, w.App, ini).GetString("council"); got != "" {
			t.Fatalf("council = %q, want none", got)
		}
	})
	t.Run("an initiative not accepted is not assigned", func(t *testing.T) {
		w := newScoringWard(t)
		defer w.App.Cleanup()
		ini := w.Initiative(t, w.StaffB, "submitted", nil)
		testkit.Update(t, w.App, ini, map[string]any{"status": "endorsed"})
		if got := reload(t, w.App, ini).GetString("council"); got != "" {
			t.Fatalf("council = %q, want none", got)
		}
	})
}

func TestAssign(t *testing.T) {
	t.Parallel()
	const councils = "/api/collections/councils/records"
	assign := func(ini *core.Record) string { return "/api/reform/initiatives/" + ini.Id + "/assign" }
	runWardCases(t, []wardCase{
		{
			name: "POST councils - the round's first council takes the accepted initiatives without one",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.setRound(t, "open")
				if err := w.App.Delete(w.Council); err != nil {
					t.Fatal(err)
				}
				w.Initiative(t, w.StaffB, "accepted", map[string]any{"code": "SK-2026-002"})
				w.Initiative(t, w.StaffA2, "endorsed", map[string]any{"code": "SK-2026-003"})
				return wardRequest{http.MethodPost, councils, w.Secretariat,
					map[string]any{"round": w.Round.Id, "name": "Hội đồng đánh giá sáng kiến năm 2026"}}
			},
			status:  200,
			content: []string{`"name":"Hội đồng đánh giá sáng kiến năm 2026"`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				c, err := w.App.FindFirstRecordByData("councils", "round", w.Round.Id)
				if err != nil {
					t.Fatal(err)
				}
				if n := w.count(t, "initiatives", "council = {:c}", map[string]any{"c": c.Id}); n != 2 {
					t.Errorf("assigned %d, want the 2 accepted", n)
				}
				if n := w.count(t, "initiatives", "status = 'endorsed' && council = ''", nil); n != 1 {
					t.Errorf("the endorsed one was assigned")
				}
				if got := auditActions(t, w.App, w.Ini.Id); len(got) != 1 || got[0] != "assign" {
					t.Errorf("audit of the initiative %v, want [assign]", got)
				}
			},
		},
		{
			name: "POST councils - a round's second council takes none",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.Initiative(t, w.StaffB, "accepted", map[string]any{"code": "SK-2026-002"})
				return wardRequest{http.MethodPost, councils, w.Secretariat,
					map[string]any{"round": w.Round.Id, "name": "Hội đồng thứ hai"}}
			},
			status:  200,
			content: []string{`"name":"Hội đồng thứ hai"`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				if n := w.count(t, "initiatives", "council = ''", nil); n != 1 {
					t.Errorf("unassigned %d, want 1", n)
				}
			},
		},
		{
			name: "POST /api/reform/initiatives/{id}/assign - the secretariat moves it to another complete council",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				c := w.completeCouncil(t)
				return wardRequest{http.MethodPost, assign(w.Ini), w.Secretariat, map[string]any{"council": c.Id}}
			},
			status:  200,
			content: []string{`"code":"SK-2026-001"`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				ini := reload(t, w.App, w.Ini)
				if ini.GetString("council") == w.Council.Id {
					t.Fatal("council unchanged")
				}
				entries, err := w.App.FindRecordsByFilter("audit_log", "record = {:id} && action = 'assign'", "", 0, 0,
					map[string]any{"id": w.Ini.Id})
				if err != nil || len(entries) != 1 {
					t.Fatalf("assign entries %d, %v", len(entries), err)
				}
				e := entries[0]
				if e.GetString("actor") != w.Secretariat.Id ||
					e.GetString("before") != fmt.Sprintf(`{"council":%q}`, w.Council.Id) ||
					e.GetString("after") != fmt.Sprintf(`{"council":%q}`, ini.GetString("council")) {
					t.Errorf("entry %v", e.PublicExport())
				}
			},
		},
		{
			name: "POST /api/reform/initiatives/{id}/assign - staff may not",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, assign(w.Ini), w.StaffA, map[string]any{"council": w.Council.Id}}
			},
			status:  403,
			content: []string{`"auth":{"code":"forbidden"`},
		},
		{
			name: "POST /api/reform/initiatives/{id}/assign - a guest must sign in",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, assign(w.Ini), nil, map[string]any{"council": w.Council.Id}}
			},
			status:  401,
			content: []string{`"status":401`},
		},
		{
			name: "POST /api/reform/initiatives/{id}/assign - to an incomplete council should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				c := w.newCouncil(t, "Hội đồng chưa đủ")
				return wardRequest{http.MethodPost, assign(w.Ini), w.Secretariat, map[string]any{"council": c.Id}}
			},
			status:  400,
			content: []string{`"council":{"code":"council_incomplete"`, `"chairs":0`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				if reload(t, w.App, w.Ini).GetString("council") != w.Council.Id {
					t.Error("council changed")
				}
			},
		},
		{
			name: "POST /api/reform/initiatives/{id}/assign - to another round's council should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				next := testkit.Save(t, w.App, "rounds", map[string]any{"year": w.Round.GetInt("year") + 1,
					"submission_deadline": w.Round.GetDateTime("submission_deadline").AddDate(1, 0, 0),
					"decision_deadline":   w.Round.GetDateTime("decision_deadline").AddDate(1, 0, 0)})
				c := testkit.Save(t, w.App, "councils", map[string]any{"round": next.Id, "name": "Hội đồng năm sau"})
				return wardRequest{http.MethodPost, assign(w.Ini), w.Secretariat, map[string]any{"council": c.Id}}
			},
			status:  400,
			content: []string{`"council":{"code":"council_other_round"`},
		},
		{
			name: "POST /api/reform/initiatives/{id}/assign - an initiative not accepted should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				ini := w.Initiative(t, w.StaffB, "endorsed", nil)
				return wardRequest{http.MethodPost, assign(ini), w.Secretariat, map[string]any{"council": w.Council.Id}}
			},
			status:  400,
			content: []string{`"status":{"code":"invalid_transition"`},
		},
		{
			name: "POST /api/reform/initiatives/{id}/assign - once members have scored should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				c := w.completeCouncil(t)
				w.Sheet(t, w.Ini, w.Chair, "draft", testkit.Points(10, 10, 10, 10), true)
				return wardRequest{http.MethodPost, assign(w.Ini), w.Secretariat, map[string]any{"council": c.Id}}
			},
			status:  400,
			content: []string{`"council":{"code":"sheets_exist"`},
		},
		{
			name: "POST /api/reform/initiatives/{id}/assign - the council named with spaces around it",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				c := w.completeCouncil(t)
				return wardRequest{http.MethodPost, assign(w.Ini), w.Secretariat, map[string]any{"council": "  " + c.Id + " "}}
			},
			status:  200,
			content: []string{`"code":"SK-2026-001"`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				if reload(t, w.App, w.Ini).GetString("council") == w.Council.Id {
					t.Error("council unchanged")
				}
			},
		},
		{
			name: "POST /api/reform/initiatives/{id}/assign - a council that is not text should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, assign(w.Ini), w.Secretariat, map[string]any{"council": 7}}
			},
			status:  400,
			content: []string{`"body":{"code":"invalid_body"`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				if reload(t, w.App, w.Ini).GetString("council") != w.Council.Id {
					t.Error("council changed")
				}
			},
		},
		{
			name: "POST /api/reform/initiatives/{id}/assign - an unknown council should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, assign(w.Ini), w.Secretariat, map[string]any{"council": "khongtontai1234"}}
			},
			status:  400,
			content: []string{`"council":{"code":"not_found"`},
		},
		{
			name: "POST /api/reform/initiatives/{id}/assign - no council named should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, assign(w.Ini), w.Secretariat, map[string]any{}}
			},
			status:  400,
			content: []string{`"council":{"code":"required"`},
		},
		{
			name: "POST /api/reform/initiatives/{id}/assign - an unknown initiative is not found",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, "/api/reform/initiatives/khongtontai1234/assign", w.Secretariat,
					map[string]any{"council": w.Council.Id}}
			},
			status:  404,
			content: []string{`"id":{"code":"not_found"`},
		},
	})
}
