package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/testkit"
)

// coAuthoredBy returns the extra fields of an initiative of StaffA that
// also lists the ward account pick(w) as a linked co-author.
func coAuthoredBy(pick func(w *testkit.Ward) *core.Record) func(testing.TB, *testkit.Ward) map[string]any {
	return func(_ testing.TB, w *testkit.Ward) map[string]any {
		return map[string]any{"author_users": []string{w.StaffA.Id, pick(w).Id}}
	}
}

// TestNobodyActsOnTheirOwnInitiative: the unit head does not endorse or send
// back, and the secretariat does not accept or return, an initiative they
// wrote or co-wrote (403 own_initiative); the initiative stays as it was.
// Someone else in the same role still may.
func TestNobodyActsOnTheirOwnInitiative(t *testing.T) {
	t.Parallel()
	reason := `{"reason":"Bổ sung số liệu"}`
	type self struct {
		verb, from, body string
		caller           func(w *testkit.Ward) *core.Record
	}
	var cases []actionCase
	for _, s := range []self{
		{"endorse", "submitted", "", byHeadA},
		{"send-back", "submitted", reason, byHeadA},
		{"accept", "endorsed", "", bySecretariat},
		{"return", "endorsed", reason, bySecretariat},
		{"return", "submitted", reason, bySecretariat},
	} {
		from := s.from
		kept := func(t testing.TB, w *testkit.Ward, id string) {
			expectStatus(t, w.App, id, from)
			if n := len(auditEntries(t, w.App, id, s.verb)); n != 0 {
				t.Errorf("%d %s audit entries, want 0", n, s.verb)
			}
		}
		cases = append(cases,
			actionCase{
				name: s.verb + " as a linked co-author should fail", caller: s.caller, url: action(s.verb), body: s.body,
				setup: func(t testing.TB, w *testkit.Ward) string {
					return w.Initiative(t, w.StaffA, from, coAuthoredBy(s.caller)(t, w)).Id
				},
				status: 403, content: []string{`"auth":{"code":"own_initiative"`, "Bạn là tác giả"},
				check: kept,
			},
		)
	}
	// the unit head's own initiative, drafted in their unit.
	cases = append(cases,
		actionCase{
			name: "the unit head endorsing the initiative they drafted should fail", caller: byHeadA, url: action("endorse"),
			setup:  initiativeIn(byHeadA, "submitted", nil),
			status: 403, content: []string{`"auth":{"code":"own_initiative"`},
			check: func(t testing.TB, w *testkit.Ward, id string) { expectStatus(t, w.App, id, "submitted") },
		},
		actionCase{
			name: "the secretariat accepting the initiative it drafted should fail", caller: bySecretariat, url: action("accept"),
			setup:  initiativeIn(bySecretariat, "endorsed", nil),
			status: 403, content: []string{`"auth":{"code":"own_initiative"`},
			check: func(t testing.TB, w *testkit.Ward, id string) { expectStatus(t, w.App, id, "endorsed") },
		},
		// another head of the unit endorses it; the superuser accepts it.
		actionCase{
			name: "another head of the unit endorses the unit head's initiative", url: action("endorse"),
			caller: func(w *testkit.Ward) *core.Record {
				return w.User(t, "head.a2@phuong.test", "Lý Thị Hoa", w.UnitA, "staff", "unit_head")
			},
			setup:  initiativeIn(byHeadA, "submitted", nil),
			status: 200, content: []string{`"status":"endorsed"`},
		},
		actionCase{
			name: "the superuser accepts the secretariat's initiative", caller: bySuperuser, url: action("accept"),
			setup:  initiativeIn(bySecretariat, "endorsed", nil),
			status: 200, content: []string{`"status":"accepted"`},
		},
	)
	runCases(t, cases)
}

// TestNobodyReopensTheirOwnSheet: whoever may reopen a sheet (the council's
// secretary, the secretariat) may not reopen their own (403 own_sheet):
// having read everyone else's sheets, a member cannot take theirs back to
// change it. The secretariat reopens it for them.
func TestNobodyReopensTheirOwnSheet(t *testing.T) {
	t.Parallel()
	reopen := func(s *core.Record) string { return "/api/reform/scores/" + s.Id + "/reopen" }
	reason := map[string]any{"reason": "Tôi muốn sửa điểm"}
	kept := func(t testing.TB, w *scoringWard, _ *http.Response) {
		rs, err := w.App.FindAllRecords("scores")
		if err != nil || len(rs) == 0 {
			t.Fatal(err)
		}
		for _, s := range rs {
			if s.GetString("status") != "submitted" {
				t.Errorf("sheet of %s is %q, want submitted", s.GetString("member"), s.GetString("status"))
			}
		}
	}
	runWardCases(t, []wardCase{
		{
			name: "POST /api/reform/scores/{id}/reopen - the council's secretary reopening their own sheet should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				// Members[0] holds the secretary's seat; they have read Members[1]'s sheet.
				w.Sheet(t, w.Ini, w.Members[1], "submitted", testkit.Points(25, 15, 25, 15), true)
				own := w.Sheet(t, w.Ini, w.Members[0], "submitted", testkit.Points(20, 10, 20, 10), true)
				return wardRequest{http.MethodPost, reopen(own), w.Members[0], reason}
			},
			status: 403, content: []string{`"auth":{"code":"own_sheet"`, "phiếu chấm của chính mình"},
			after: kept,
		},
		{
			name: "POST /api/reform/scores/{id}/reopen - a secretariat officer on the council reopening their own sheet should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				testkit.Update(t, w.App, w.Members[2], map[string]any{"roles": []string{"staff", "council", "secretariat"}})
				own := w.Sheet(t, w.Ini, w.Members[2], "submitted", testkit.Points(20, 10, 20, 10), true)
				return wardRequest{http.MethodPost, reopen(own), w.Members[2], reason}
			},
			status: 403, content: []string{`"auth":{"code":"own_sheet"`},
			after: kept,
		},
		{
			name: "POST /api/reform/scores/{id}/reopen - the secretariat reopens the secretary's sheet",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				own := w.Sheet(t, w.Ini, w.Members[0], "submitted", testkit.Points(20, 10, 20, 10), true)
				return wardRequest{http.MethodPost, reopen(own), w.Secretariat, reason}
			},
			status: 200, content: []string{`"status":"draft"`},
		},
	})
}
