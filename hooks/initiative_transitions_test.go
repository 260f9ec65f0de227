package hooks_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/clock"
	"sangkien/internal/testkit"
)

// withCoAuthor lists StaffA2 as a co-author of StaffA's initiative.
func withCoAuthor(w *testkit.Ward) map[string]any {
	return map[string]any{
		"authors": []map[string]any{
			{"name": w.StaffA.GetString("name"), "share": 60, "user": w.StaffA.Id},
			{"name": w.StaffA2.GetString("name"), "share": 40, "user": w.StaffA2.Id},
		},
		"author_users": []string{w.StaffA.Id, w.StaffA2.Id},
	}
}

// expectAudit fails unless record id has exactly one audit entry of action
// whose before and after (JSON) and reason are as given.
func expectAudit(t testing.TB, app core.App, id, action, before, after, reason string) {
	t.Helper()
	entries := auditEntries(t, app, id, action)
	if len(entries) != 1 {
		t.Fatalf("%d audit entries for %s, want 1", len(entries), action)
	}
	e := entries[0]
	if before != "" && e.GetString("before") != before {
		t.Errorf("audit before = %s, want %s", e.GetString("before"), before)
	}
	if after != "" && e.GetString("after") != after {
		t.Errorf("audit after = %s, want %s", e.GetString("after"), after)
	}
	if e.GetString("reason") != reason {
		t.Errorf("audit reason = %q, want %q", e.GetString("reason"), reason)
	}
}

func TestInitiativeSubmit(t *testing.T) {
	t.Parallel()
	year := func(w *testkit.Ward) string { return fmt.Sprint(w.Round.GetInt("year")) }
	runCases(t, []actionCase{
		{
			name: "owner submits a complete draft", caller: byStaffA, url: action("submit"),
			setup:   initiativeIn(byStaffA, "draft", nil),
			status:  200,
			content: []string{`"status":"submitted"`, `"code":"SK-`, `-001"`, `"late":false`},
			// the initiative updated, its audit entry created.
			events: map[string]int{"OnRecordUpdate": 1, "OnRecordCreate": 1, "OnRecordAfterUpdateSuccess": 1},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				r := expectStatus(t, w.App, id, "submitted")
				if want := "SK-" + year(w) + "-001"; r.GetString("code") != want {
					t.Errorf("code = %q, want %q", r.GetString("code"), want)
				}
				if r.GetDateTime("submitted_at").IsZero() {
					t.Error("submitted_at not set")
				}
				e := auditEntries(t, w.App, id, "submit")
				if len(e) != 1 || e[0].GetString("actor") != w.StaffA.Id {
					t.Fatalf("audit entries %v", e)
				}
				if got := e[0].GetString("before"); got != `{"code":"","status":"draft","submitted_at":""}` {
					t.Errorf("audit before = %s", got)
				}
			},
		},
		{
			name: "re-submission of a returned initiative keeps its code", caller: byStaffA, url: action("submit"),
			setup: func(t testing.TB, w *testkit.Ward) string {
				w.Initiative(t, w.StaffA2, "submitted", map[string]any{"code": "SK-" + year(w) + "-003"})
				return w.Initiative(t, w.StaffA, "returned", map[string]any{
					"code": "SK-" + year(w) + "-002", "return_reason": "Bổ sung số liệu",
				}).Id
			},
			status:  200,
			content: []string{`"status":"submitted"`, `-002"`, `"return_reason":""`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				r := expectStatus(t, w.App, id, "submitted")
				if r.GetString("code") != "SK-"+year(w)+"-002" {
					t.Errorf("code = %q", r.GetString("code"))
				}
				expectAudit(t, w.App, id, "submit", "", "", "")
			},
		},
		{
			name: "co-author may not submit", caller: byStaffA2, url: action("submit"),
			setup: func(t testing.TB, w *testkit.Ward) string {
				return w.Initiative(t, w.StaffA, "draft", withCoAuthor(w)).Id
			},
			status: 403, content: []string{code("forbidden")},
			events: map[string]int{"OnRecordUpdate": 0, "OnRecordCreate": 0},
			check:  func(t testing.TB, w *testkit.Ward, id string) { expectStatus(t, w.App, id, "draft") },
		},
		{
			name: "unit head cannot see a draft", caller: byHeadA, url: action("submit"),
			setup:  initiativeIn(byStaffA, "draft", nil),
			status: 404, content: []string{code("not_found")},
		},
		{
			name: "staff of another unit cannot see it", caller: byStaffB, url: action("submit"),
			setup:  initiativeIn(byStaffA, "draft", nil),
			status: 404, content: []string{code("not_found")},
		},
		{
			name: "unknown initiative", caller: byStaffA, url: action("submit"),
			setup:  func(testing.TB, *testkit.Ward) string { return "nosuchrecord123" },
			status: 404, content: []string{code("not_found")},
		},
		{
			name: "anonymous", url: action("submit"),
			setup:  initiativeIn(byStaffA, "draft", nil),
			status: 401, content: []string{`"status":401`},
		},
		{
			name: "already submitted", caller: byStaffA, url: action("submit"),
			setup:  initiativeIn(byStaffA, "submitted", nil),
			status: 400, content: []string{code("invalid_transition"), "Đã nộp"},
			events: map[string]int{"OnRecordUpdate": 0, "OnRecordCreate": 0},
		},
		{
			name: "withdrawn", caller: byStaffA, url: action("submit"),
			setup:  initiativeIn(byStaffA, "withdrawn", nil),
			status: 400, content: []string{code("invalid_transition")},
		},
		{
			name: "round no longer open", caller: byStaffA, url: action("submit"),
			setup: func(t testing.TB, w *testkit.Ward) string {
				testkit.Update(t, w.App, w.Round, map[string]any{"status": "review"})
				return w.Initiative(t, w.StaffA, "draft", nil).Id
			},
			status: 400, content: []string{code("round_closed")},
			check: func(t testing.TB, w *testkit.Ward, id string) { expectStatus(t, w.App, id, "draft") },
		},
		{
			name: "a body that is not JSON", caller: byStaffA, url: action("submit"), body: "{",
			setup:  initiativeIn(byStaffA, "draft", nil),
			status: 400, content: []string{code("invalid_body")},
		},
	})
}

func TestInitiativeEndorseAndSendBack(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
		{
			name: "unit head endorses", caller: byHeadA, url: action("endorse"),
			setup: func(t testing.TB, w *testkit.Ward) string {
				y := w.Round.GetInt("year")
				testkit.Update(t, w.App, w.Round, map[string]any{"submission_deadline": clock.Date(y, time.September, 25)})
				setClock(w.App, clock.Date(y, time.September, 20).Add(8*time.Hour+30*time.Minute))
				return w.Initiative(t, w.StaffA, "submitted", nil).Id
			},
			status: 200, content: []string{`"status":"endorsed"`, `"late":false`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				// the unit sent it at the server's time: 20/9 08:30 in the ward.
				at := fmt.Sprintf("%d-09-20 01:30:00.000Z", w.Round.GetInt("year"))
				if got := expectStatus(t, w.App, id, "endorsed").GetString("endorsed_at"); got != at {
					t.Errorf("endorsed_at = %q, want %q", got, at)
				}
				expectAudit(t, w.App, id, "endorse", `{"endorsed_at":"","status":"submitted"}`,
					`{"endorsed_at":"`+at+`","status":"endorsed"}`, "")
			},
		},
		{
			name: "head of another unit cannot see it", caller: byHeadB, url: action("endorse"),
			setup:  initiativeIn(byStaffA, "submitted", nil),
			status: 404, content: []string{code("not_found")},
		},
		{
			name: "the author may not endorse", caller: byStaffA, url: action("endorse"),
			setup:  initiativeIn(byStaffA, "submitted", nil),
			status: 403, content: []string{code("forbidden")},
		},
		{
			name: "the secretariat may not endorse", caller: bySecretariat, url: action("endorse"),
			setup:  initiativeIn(byStaffA, "submitted", nil),
			status: 403, content: []string{code("forbidden")},
		},
		{
			name: "already endorsed", caller: byHeadA, url: action("endorse"),
			setup:  initiativeIn(byStaffA, "endorsed", nil),
			status: 400, content: []string{code("invalid_transition")},
		},
		{
			name: "returned", caller: byHeadA, url: action("endorse"),
			setup:  initiativeIn(byStaffA, "returned", nil),
			status: 400, content: []string{code("invalid_transition")},
		},
		{
			name: "send back with a reason", caller: byHeadA, url: action("send-back"),
			body:   `{"reason":"Bổ sung số liệu tiết kiệm"}`,
			setup:  initiativeIn(byStaffA, "submitted", nil),
			status: 200, content: []string{`"status":"returned"`, `"return_reason":"Bổ sung số liệu tiết kiệm"`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				expectStatus(t, w.App, id, "returned")
				expectAudit(t, w.App, id, "send-back",
					`{"return_reason":"","status":"submitted"}`,
					`{"return_reason":"Bổ sung số liệu tiết kiệm","status":"returned"}`,
					"Bổ sung số liệu tiết kiệm")
			},
		},
		{
			name: "send back without a reason", caller: byHeadA, url: action("send-back"), body: `{"reason":"  "}`,
			setup:  initiativeIn(byStaffA, "submitted", nil),
			status: 400, content: []string{code("reason_required")},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				expectStatus(t, w.App, id, "submitted")
				if n := len(auditEntries(t, w.App, id, "send-back")); n != 0 {
					t.Errorf("%d audit entries for a refused action", n)
				}
			},
		},
		{
			name: "send back an endorsed one", caller: byHeadA, url: action("send-back"), body: `{"reason":"x"}`,
			setup:  initiativeIn(byStaffA, "endorsed", nil),
			status: 400, content: []string{code("invalid_transition")},
		},
		{
			name: "endorse while the round is in review", caller: byHeadA, url: action("endorse"),
			setup: func(t testing.TB, w *testkit.Ward) string {
				testkit.Update(t, w.App, w.Round, map[string]any{"status": "review"})
				return w.Initiative(t, w.StaffA, "submitted", nil).Id
			},
			status: 200, content: []string{`"status":"endorsed"`},
		},
		{
			name: "endorse once the round is decided", caller: byHeadA, url: action("endorse"),
			setup: func(t testing.TB, w *testkit.Ward) string {
				testkit.Update(t, w.App, w.Round, map[string]any{"status": "decided"})
				return w.Initiative(t, w.StaffA, "submitted", nil).Id
			},
			status: 400, content: []string{code("round_closed")},
		},
	})
}

func TestInitiativeWithdraw(t *testing.T) {
	t.Parallel()
	var cases []actionCase
	for _, from := range []string{"submitted", "endorsed", "returned"} {
		cases = append(cases, actionCase{
			name: "owner withdraws a " + from + " initiative", caller: byStaffA, url: action("withdraw"),
			setup:  initiativeIn(byStaffA, from, nil),
			status: 200, content: []string{`"status":"withdrawn"`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				expectStatus(t, w.App, id, "withdrawn")
				expectAudit(t, w.App, id, "withdraw", `{"status":"`+from+`"}`, `{"status":"withdrawn"}`, "")
			},
		})
	}
	// a draft is deleted, not withdrawn: withdrawn initiatives are shown
	// to the unit head and the secretariat, drafts never are.
	for _, from := range []string{"draft", "accepted", "recognized", "not_recognized", "withdrawn"} {
		cases = append(cases, actionCase{
			name: "owner may not withdraw a " + from + " initiative", caller: byStaffA, url: action("withdraw"),
			setup:  initiativeIn(byStaffA, from, nil),
			status: 400, content: []string{code("invalid_transition")},
			check: func(t testing.TB, w *testkit.Ward, id string) { expectStatus(t, w.App, id, from) },
		})
	}
	cases = append(cases,
		actionCase{
			name: "unit head may not withdraw", caller: byHeadA, url: action("withdraw"),
			setup:  initiativeIn(byStaffA, "submitted", nil),
			status: 403, content: []string{code("forbidden")},
		},
		actionCase{
			name: "co-author may not withdraw", caller: byStaffA2, url: action("withdraw"),
			setup: func(t testing.TB, w *testkit.Ward) string {
				return w.Initiative(t, w.StaffA, "submitted", withCoAuthor(w)).Id
			},
			status: 403, content: []string{code("forbidden")},
		},
	)
	runCases(t, cases)
}

func TestInitiativeAcceptAndReturn(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
		{
			name: "secretariat accepts an endorsed initiative", caller: bySecretariat, url: action("accept"),
			setup:  initiativeIn(byStaffA, "endorsed", nil),
			status: 200, content: []string{`"status":"accepted"`, `"late":false`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				expectStatus(t, w.App, id, "accepted")
				// the ward's only council takes it on acceptance.
				expectAudit(t, w.App, id, "accept", `{"council":"","status":"endorsed"}`,
					`{"council":"`+w.Council.Id+`","status":"accepted"}`, "")
			},
		},
		{
			name: "a superuser accepts", caller: bySuperuser, url: action("accept"),
			setup:  initiativeIn(byStaffA, "endorsed", nil),
			status: 200, content: []string{`"status":"accepted"`},
		},
		{
			name: "not yet endorsed", caller: bySecretariat, url: action("accept"),
			setup:  initiativeIn(byStaffA, "submitted", nil),
			status: 400, content: []string{code("invalid_transition")},
		},
		{
			name: "unit head may not accept", caller: byHeadA, url: action("accept"),
			setup:  initiativeIn(byStaffA, "endorsed", nil),
			status: 403, content: []string{code("forbidden")},
		},
		{
			name: "chairman sees but may not accept", caller: byChairman, url: action("accept"),
			setup:  initiativeIn(byStaffA, "endorsed", nil),
			status: 403, content: []string{code("forbidden")},
		},
		{
			name: "a council member cannot see it", caller: byMember, url: action("accept"),
			setup:  initiativeIn(byStaffA, "endorsed", nil),
			status: 404, content: []string{code("not_found")},
		},
		{
			name: "secretariat returns a submitted initiative", caller: bySecretariat, url: action("return"),
			body:   `{"reason":"Thiếu phần điều kiện áp dụng"}`,
			setup:  initiativeIn(byStaffA, "submitted", nil),
			status: 200, content: []string{`"status":"returned"`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				r := expectStatus(t, w.App, id, "returned")
				if r.GetString("return_reason") != "Thiếu phần điều kiện áp dụng" {
					t.Errorf("return_reason = %q", r.GetString("return_reason"))
				}
				expectAudit(t, w.App, id, "return", "", "", "Thiếu phần điều kiện áp dụng")
			},
		},
		{
			name: "secretariat returns an endorsed initiative", caller: bySecretariat, url: action("return"),
			body:   `{"reason":"Trùng lặp"}`,
			setup:  initiativeIn(byStaffA, "endorsed", nil),
			status: 200, content: []string{`"status":"returned"`},
		},
		{
			name: "return needs a reason", caller: bySecretariat, url: action("return"),
			setup:  initiativeIn(byStaffA, "endorsed", nil),
			status: 400, content: []string{code("reason_required")},
			check: func(t testing.TB, w *testkit.Ward, id string) { expectStatus(t, w.App, id, "endorsed") },
		},
		{
			name: "an accepted initiative cannot be returned", caller: bySecretariat, url: action("return"),
			body:   `{"reason":"x"}`,
			setup:  initiativeIn(byStaffA, "accepted", nil),
			status: 400, content: []string{code("invalid_transition")},
		},
		{
			name: "a draft is not the secretariat's to see", caller: bySecretariat, url: action("return"),
			body:   `{"reason":"x"}`,
			setup:  initiativeIn(byStaffA, "draft", nil),
			status: 404, content: []string{code("not_found")},
		},
		{
			name: "the author may not return", caller: byStaffA, url: action("return"), body: `{"reason":"x"}`,
			setup:  initiativeIn(byStaffA, "submitted", nil),
			status: 403, content: []string{code("forbidden")},
		},
	})
}

// TestInitiativeWholeWay walks one initiative through the state machine over
// HTTP, as the people would: submit, send back, edit, re-submit, endorse,
// accept; and checks the code survives and every step is audited.
func TestInitiativeWholeWay(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	r := w.Initiative(t, w.StaffA, "draft", nil)
	staff, head, sec := testkit.Token(t, w.StaffA), testkit.Token(t, w.HeadA), testkit.Token(t, w.Secretariat)
	steps := []struct {
		method, path, token, body string
		status                    int
		want                      string // the status, or the error code of a 400
	}{
		{"POST", "/submit", staff, "", 200, "submitted"},
		{"PATCH", "", staff, `{"summary":"Sửa khi đã nộp"}`, 400, "locked"},
		{"POST", "/send-back", head, `{"reason":"Nêu rõ số liệu"}`, 200, "returned"},
		{"PATCH", "", staff, `{"summary":"Đã bổ sung số liệu"}`, 200, "returned"},
		{"POST", "/submit", staff, "", 200, "submitted"},
		{"POST", "/endorse", head, "", 200, "endorsed"},
		{"POST", "/accept", sec, "", 200, "accepted"},
		{"POST", "/withdraw", staff, "", 400, "invalid_transition"},
	}
	code := ""
	for i, s := range steps {
		path := "/api/reform/initiatives/" + r.Id + s.path
		if s.method == http.MethodPatch {
			path = "/api/collections/initiatives/records/" + r.Id
		}
		status, body := apitest.Send(t, srv, s.method, path, apitest.Token(s.token), apitest.JSON(s.body)).StatusJSON()
		if status != s.status {
			t.Fatalf("step %d %s %s: status %d, want %d: %v", i, s.method, s.path, status, s.status, body)
		}
		if s.status == 200 && body["status"] != s.want {
			t.Fatalf("step %d: status field %v, want %s", i, body["status"], s.want)
		}
		if s.status == 400 && !strings.Contains(fmt.Sprint(body["data"]), "code:"+s.want) {
			t.Fatalf("step %d: data %v, want code %s", i, body["data"], s.want)
		}
		if c, _ := body["code"].(string); s.status == 200 && c != "" {
			if code != "" && c != code {
				t.Fatalf("code changed from %s to %s", code, c)
			}
			code = c
		}
	}
	got := expectStatus(t, w.App, r.Id, "accepted")
	if got.GetString("summary") != "Đã bổ sung số liệu" || got.GetString("return_reason") != "" {
		t.Errorf("summary %q, return_reason %q", got.GetString("summary"), got.GetString("return_reason"))
	}
	for _, a := range []string{"send-back", "endorse", "accept"} {
		if n := len(auditEntries(t, w.App, r.Id, a)); n != 1 {
			t.Errorf("%d audit entries for %s", n, a)
		}
	}
	if n := len(auditEntries(t, w.App, r.Id, "submit")); n != 2 {
		t.Errorf("%d audit entries for submit, want 2", n)
	}
}
