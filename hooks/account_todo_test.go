package hooks_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/clock"
	"sangkien/internal/testkit"
)

// todoOf returns GET /api/reform/me/todo as who, decoded, and its raw text.
func todoOf(t *testing.T, srv *httptest.Server, who *core.Record) (map[string]any, string) {
	t.Helper()
	res := apitest.Send(t, srv, http.MethodGet, "/api/reform/me/todo", apitest.As(who))
	if res.Status != 200 {
		t.Fatalf("todo as %s: %d", who.GetString("name"), res.Status)
	}
	var raw json.RawMessage
	res.Decode(t, &raw)
	out := map[string]any{}
	_ = json.Unmarshal(raw, &out)
	return out, string(raw)
}

// list returns ans[key] as a list of objects.
func list(ans map[string]any, key string) []map[string]any {
	var out []map[string]any
	items, _ := ans[key].([]any)
	for _, x := range items {
		out = append(out, x.(map[string]any))
	}
	return out
}

// codesOf returns the "code" of each item.
func codesOf(items []any) []string {
	var out []string
	for _, x := range items {
		out = append(out, x.(map[string]any)["code"].(string))
	}
	return out
}

// pendingOf returns rounds[year].pending[role].
func pendingOf(ans map[string]any, year int, role string) int {
	for _, r := range list(ans, "rounds") {
		if int(r["year"].(float64)) == year {
			n, _ := r["pending"].(map[string]any)[role].(float64)
			return int(n)
		}
	}
	return -1
}

// TestMyTodoWhileOpen: each role sees what waits for it in an open round,
// and nothing of another unit or another person.
func TestMyTodoWhileOpen(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	year := w.Round.GetInt("year")
	// "trước ngày" a day a month ahead; the clock 2 days 23 hours before it:
	// the last day is in 2 days, and units short of their quota show.
	d := time.Now().AddDate(0, 1, 0).In(clock.Zone)
	due := clock.Date(d.Year(), d.Month(), d.Day())
	testkit.Update(t, w.App, w.Round, map[string]any{"submission_deadline": due})
	setClock(w.App, due.AddDate(0, 0, -3).Add(time.Hour))
	w.Initiative(t, w.StaffA, "draft", map[string]any{"title": "Bản nháp của An"})
	w.Initiative(t, w.StaffA, "returned", map[string]any{"code": "SK-T-001", "return_reason": "Bổ sung số liệu"})
	w.Initiative(t, w.StaffA, "submitted", map[string]any{"code": "SK-T-002"})
	w.Initiative(t, w.StaffB, "draft", map[string]any{"title": "Bản nháp của Cường"})
	w.Initiative(t, w.StaffB, "submitted", map[string]any{"code": "SK-T-003"})
	w.Initiative(t, w.StaffA2, "endorsed", map[string]any{"code": "SK-T-004"})
	w.Initiative(t, w.Secretariat, "endorsed", map[string]any{"code": "SK-T-005"}) // the officer's own

	srv := testkit.Serve(t, w.App)
	staff, raw := todoOf(t, srv, w.StaffA)
	items, _ := staff["staff"].([]any)
	if len(items) != 2 || strings.Contains(raw, "Cường") || strings.Contains(raw, "SK-T-002") {
		t.Errorf("staff A's list: %s", raw)
	}
	if !strings.Contains(raw, `"return_reason":"Bổ sung số liệu"`) || !strings.Contains(raw, `"days_left":2`) {
		t.Errorf("staff A's returned one lacks its reason or its days left (2): %s", raw)
	}
	if pendingOf(staff, year, "staff") != 2 || staff["unit_head"] != nil || staff["secretariat"] != nil || staff["staff"] == nil {
		t.Errorf("staff A: pending %d, parts of other roles: %s", pendingOf(staff, year, "staff"), raw)
	}

	head, raw := todoOf(t, srv, w.HeadA)
	if !strings.Contains(raw, `"staff":[]`) {
		t.Errorf("head A (also staff, nothing to write) has no empty staff part: %s", raw)
	}
	parts := list(head, "unit_head")
	if len(parts) != 1 {
		t.Fatalf("head A: %s", raw)
	}
	if got := codesOf(parts[0]["waiting"].([]any)); strings.Join(got, ",") != "SK-T-002" {
		t.Errorf("head A waits for %v, want SK-T-002 only", got)
	}
	if parts[0]["quota"] == nil || int(parts[0]["days_left"].(float64)) != 2 {
		t.Errorf("head A's round has no quota card or wrong days left: %s", raw)
	}
	if head["counts"].(map[string]any)["unit_head"].(float64) != 1 {
		t.Errorf("head A's menu count: %s", raw)
	}

	office, raw := todoOf(t, srv, w.Secretariat)
	parts = list(office, "secretariat")
	if len(parts) != 1 {
		t.Fatalf("secretariat: %s", raw)
	}
	if got := codesOf(parts[0]["to_accept"].([]any)); strings.Join(got, ",") != "SK-T-004" {
		t.Errorf("the secretariat accepts %v, want SK-T-004 (not their own SK-T-005)", got)
	}
	if short := parts[0]["short_units"].([]any); len(short) == 0 {
		t.Errorf("no unit short of its quota 3 days before the deadline: %s", raw)
	}

	// nobody sees another's drafts through the list: a chairman has no part
	// but his own.
	chair, raw := todoOf(t, srv, w.Chairman)
	if chair["staff"] != nil || chair["secretariat"] != nil || len(list(chair, "chairman")) != 0 || strings.Contains(raw, "SK-T") {
		t.Errorf("chairman while open: %s", raw)
	}
}

// TestMyTodoInReview: in review, a member sees the sheets left (not their
// own initiative, not one already submitted), the secretariat the members
// owing sheets and the decision due, the chairman the decision to record;
// staff with a draft in a round past submission have nothing pending.
func TestMyTodoInReview(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	year := w.Round.GetInt("year")
	m := w.Members[1]
	a := w.Initiative(t, w.StaffA, "accepted", map[string]any{"code": "SK-R-001", "council": w.Council.Id})
	w.Initiative(t, w.StaffB, "accepted", map[string]any{"code": "SK-R-002", "council": w.Council.Id})
	c := w.Initiative(t, w.StaffA2, "accepted", map[string]any{"code": "SK-R-003", "council": w.Council.Id})
	w.Initiative(t, m, "accepted", map[string]any{"code": "SK-R-004", "council": w.Council.Id}) // the member's own
	w.Initiative(t, w.StaffA, "draft", nil)
	testkit.Update(t, w.App, w.Round, map[string]any{"status": "review"})
	w.Sheet(t, a, m, "submitted", testkit.Points(20, 15, 20, 15), true)
	w.Sheet(t, c, m, "draft", testkit.Points(20, 15, 20, 15), true)

	srv := testkit.Serve(t, w.App)
	member, raw := todoOf(t, srv, m)
	got := codesOf(member["council"].([]any))
	if strings.Join(got, ",") != "SK-R-002,SK-R-003" {
		t.Errorf("member's sheets left %v, want SK-R-002,SK-R-003: %s", got, raw)
	}
	if !strings.Contains(raw, `"sheet":"draft"`) || pendingOf(member, year, "council") != 2 {
		t.Errorf("member: the started sheet or the count: %s", raw)
	}
	if pendingOf(member, year, "staff") != 0 {
		t.Errorf("a member with no draft has staff work: %s", raw)
	}

	office, raw := todoOf(t, srv, w.Secretariat)
	parts := list(office, "secretariat")
	if len(parts) != 1 || parts[0]["decision_due"] != true || len(parts[0]["owing"].([]any)) != 4 {
		t.Errorf("secretariat in review (4 members owe sheets, decision due): %s", raw)
	}

	chair, raw := todoOf(t, srv, w.Chairman)
	if ct := list(chair, "chairman"); len(ct) != 1 || int(ct[0]["accepted"].(float64)) != 4 {
		t.Errorf("chairman in review: %s", raw)
	}
	if chair["counts"].(map[string]any)["chairman"].(float64) != 1 {
		t.Errorf("chairman's menu count: %s", raw)
	}

	staff, raw := todoOf(t, srv, w.StaffA)
	if len(staff["staff"].([]any)) != 1 || pendingOf(staff, year, "staff") != 0 {
		t.Errorf("staff A's draft in a round in review shows but is not pending: %s", raw)
	}
}

// TestMyTodoOwingCountsEachMembersSheets: in review, the secretariat's
// to-do names each voting member who still owes sheets, by account id,
// with how many: the council's accepted initiatives they did not
// write or co-write and have no submitted sheet on (a draft sheet is still
// owed); a member owing nothing is not listed.
func TestMyTodoOwingCountsEachMembersSheets(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	m0, m1, m2 := w.Members[0], w.Members[1], w.Members[2]
	a := w.Initiative(t, w.StaffA, "accepted", map[string]any{"code": "SK-O-001", "council": w.Council.Id})
	b := w.Initiative(t, w.StaffB, "accepted", map[string]any{"code": "SK-O-002", "council": w.Council.Id,
		"author_users": []string{w.StaffB.Id, m2.Id}})
	w.Initiative(t, w.Chair, "accepted", map[string]any{"code": "SK-O-003", "council": w.Council.Id})
	w.Initiative(t, w.StaffA2, "endorsed", map[string]any{"code": "SK-O-004", "council": w.Council.Id})
	testkit.Update(t, w.App, w.Round, map[string]any{"status": "review"})
	w.Sheet(t, a, w.Chair, "submitted", testkit.Points(20, 15, 20, 15), true)
	w.Sheet(t, b, w.Chair, "submitted", testkit.Points(20, 15, 20, 15), true)
	w.Sheet(t, a, m0, "submitted", testkit.Points(20, 15, 20, 15), true)
	w.Sheet(t, b, m0, "draft", testkit.Points(20, 15, 20, 15), true)

	office, raw := todoOf(t, testkit.Serve(t, w.App), w.Secretariat)
	parts := list(office, "secretariat")
	if len(parts) != 1 {
		t.Fatalf("secretariat in review: %s", raw)
	}
	var got []string
	for _, x := range parts[0]["owing"].([]any) {
		o := x.(map[string]any)
		got = append(got, fmt.Sprintf("%s=%v", o["name"], o["missing"]))
	}
	owes := map[string]string{m0.Id: m0.GetString("name") + "=2", m1.Id: m1.GetString("name") + "=3",
		m2.Id: m2.GetString("name") + "=2"}
	var want []string
	for _, id := range slices.Sorted(maps.Keys(owes)) {
		want = append(want, owes[id])
	}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("owing %v, want %v: %s", got, want, raw)
	}
}

// TestMyTodoNeedsAWardAccount: nobody signed in gets 401, a superuser 403.
func TestMyTodoNeedsAWardAccount(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	if st := apitest.Send(t, srv, http.MethodGet, "/api/reform/me/todo").Status; st != 401 {
		t.Errorf("anonymous: %d, want 401", st)
	}
	if st, body := apitest.Send(t, srv, http.MethodGet, "/api/reform/me/todo", apitest.As(w.Superuser)).StatusJSON(); st != 403 {
		t.Errorf("superuser: %d %v, want 403", st, body)
	}
}

// TestMyTodoOwingCountsOnlySheetsTheSecretariatMaySee: a secretariat
// holding a voting seat, its own sheet not in, is not told by its to-do
// which members have submitted on its council's initiatives: the scores
// rule hides their sheets from it until its own is in, and the overview
// counts so. Once its own is in, the member who submitted owes nothing.
func TestMyTodoOwingCountsOnlySheetsTheSecretariatMaySee(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	sent := w.Members[0]
	w.Sheet(t, w.Ini, sent, "submitted", nil, true)
	w.AddMember(t, w.Secretariat, "member")
	srv := testkit.Serve(t, w.App)
	owing := func() map[string]any {
		office, raw := todoOf(t, srv, w.Secretariat)
		parts := list(office, "secretariat")
		if len(parts) != 1 {
			t.Fatalf("secretariat in review: %s", raw)
		}
		out := map[string]any{}
		for _, x := range parts[0]["owing"].([]any) {
			o := x.(map[string]any)
			out[o["name"].(string)] = o["missing"]
		}
		return out
	}
	if got := owing(); got[sent.GetString("name")] != 1.0 || got[w.Chair.GetString("name")] != 1.0 {
		t.Errorf("owing %v: the seated secretariat without its own sheet must see the member who submitted owe 1, as the chair", got)
	}
	w.Sheet(t, w.Ini, w.Secretariat, "submitted", nil, true)
	if got := owing(); got[sent.GetString("name")] != nil || got[w.Chair.GetString("name")] != 1.0 || got[w.Secretariat.GetString("name")] != nil {
		t.Errorf("owing %v: its own sheet in, the member who submitted and itself owe nothing, the chair 1", got)
	}
}
