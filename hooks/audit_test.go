package hooks_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"sangkien/hooks"
	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

func TestAuditOfCRUD(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	tok := testkit.Token(t, w.Secretariat)
	(&tests.ApiScenario{
		Name:   "PATCH /api/collections/units/records/{id} - secretariat's change is audited",
		Method: http.MethodPatch, URL: "/api/collections/units/records/" + w.UnitA.Id,
		Headers:         map[string]string{"Authorization": tok},
		Body:            strings.NewReader(`{"quota":2}`),
		ExpectedStatus:  200,
		ExpectedContent: []string{`"quota":2`},
		ExpectedEvents:  map[string]int{"OnRecordUpdateRequest": 1, "OnRecordCreate": 1},
		TestAppFactory:  func(testing.TB) *tests.TestApp { return w.App },
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			entries, err := app.FindRecordsByFilter("audit_log", "record = {:id}", "", 0, 0, map[string]any{"id": w.UnitA.Id})
			if err != nil || len(entries) != 1 {
				t.Fatalf("audit entries %d, %v", len(entries), err)
			}
			e := entries[0]
			if e.GetString("action") != "update" || e.GetString("actor") != w.Secretariat.Id || e.GetString("actor_name") != "Đỗ Thị Giang" {
				t.Errorf("entry %v", e.PublicExport())
			}
			if got := e.GetString("before"); got != `{"quota":1}` {
				t.Errorf("before = %s", got)
			}
			if got := e.GetString("after"); got != `{"quota":2}` {
				t.Errorf("after = %s", got)
			}
			// from where: the request's address (httptest's 192.0.2.1).
			if got := e.GetString("ip"); got != "192.0.2.1" {
				t.Errorf("ip = %q", got)
			}
		},
	}).Test(t)
}

// TestAuditHidesSheets: the audit log shows the secretariat and the
// chairman no more of the score sheets than the sheets' own rules do —
// nothing of a draft sheet, nothing of the sheets on an initiative they
// co-authored — while a superuser reads every entry.
func TestAuditHidesSheets(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	// the secretariat officer co-authored "own"; "other" is StaffB's alone.
	own := w.Initiative(t, w.StaffA, "accepted", map[string]any{"council": w.Council.Id,
		"authors": []map[string]any{
			{"name": w.StaffA.GetString("name"), "share": 50, "user": w.StaffA.Id},
			{"name": w.Secretariat.GetString("name"), "share": 50, "user": w.Secretariat.Id},
		},
		"author_users": []string{w.StaffA.Id, w.Secretariat.Id}})
	other := w.Initiative(t, w.StaffB, "accepted", map[string]any{"council": w.Council.Id})
	entries := map[string]string{} // entry id → name
	audit := func(name, action string, sheet *core.Record, before, after map[string]any) {
		if err := hooks.Audit(w.App, nil, action, sheet, before, after, ""); err != nil {
			t.Fatal(err)
		}
		e, err := w.App.FindFirstRecordByFilter("audit_log", "record = {:r} && action = {:a}", map[string]any{"r": sheet.Id, "a": action})
		if err != nil {
			t.Fatal(err)
		}
		entries[e.Id] = name
	}
	points := map[string]any{"points": testkit.Points(20, 15, 20, 15), "status": "draft"}
	for _, ini := range []*core.Record{own, other} {
		sheet := w.Sheet(t, ini, w.Chair, "submitted", testkit.Points(20, 15, 20, 15), true)
		who := "other"
		if ini.Id == own.Id {
			who = "own"
		}
		audit(who+" draft", "update", sheet, map[string]any{"points": map[string]any{}}, points)
		audit(who+" submit", "submit", sheet, map[string]any{"status": "draft"}, map[string]any{"status": "submitted"})
		audit(who+" reopen", "reopen", sheet, map[string]any{"status": "submitted"}, map[string]any{"status": "draft"})
	}
	srv := testkit.Serve(t, w.App)
	for _, c := range []struct {
		who  *core.Record
		want []string
	}{
		{w.Secretariat, []string{"other submit", "other reopen"}},
		{w.Chairman, []string{"own submit", "own reopen", "other submit", "other reopen"}},
		{w.Superuser, []string{"own draft", "own submit", "own reopen", "other draft", "other submit", "other reopen"}},
	} {
		res := apitest.Send(t, srv, http.MethodGet, "/api/collections/audit_log/records?filter=collection%3D%27scores%27&perPage=100", apitest.As(c.who)).Want(t, 200)

		var got []string
		for _, it := range res["items"].([]any) {
			got = append(got, entries[it.(map[string]any)["id"].(string)])
		}
		slices.Sort(got)
		slices.Sort(c.want)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s reads %v, want %v", c.who.Email(), got, c.want)
		}
	}
}

// TestAuditLogReadOnly: nobody writes the audit log through the API, not
// even a superuser, whom the answer tells why (403 audit_log_read_only;
// the collection's rules already refuse everyone else); the entry stays
// as it was.
func TestAuditLogReadOnly(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	if err := hooks.Audit(w.App, nil, "update", w.UnitA, map[string]any{"quota": 1}, map[string]any{"quota": 2}, ""); err != nil {
		t.Fatal(err)
	}
	entry, err := w.App.FindFirstRecordByFilter("audit_log", "record = {:r}", map[string]any{"r": w.UnitA.Id})
	if err != nil {
		t.Fatal(err)
	}
	srv := testkit.Serve(t, w.App)
	writes := []struct {
		method, path string
		body         map[string]any
	}{
		{http.MethodPost, "/api/collections/audit_log/records", map[string]any{"action": "forged"}},
		{http.MethodPatch, "/api/collections/audit_log/records/" + entry.Id, map[string]any{"reason": "sửa"}},
		{http.MethodDelete, "/api/collections/audit_log/records/" + entry.Id, nil},
	}
	su := apitest.As(w.Superuser)
	sec := apitest.As(w.Secretariat)
	for _, wr := range writes {
		apitest.Send(t, srv, wr.method, wr.path, su, apitest.JSON(wr.body)).WantError(t, 403, "collection", "audit_log_read_only")
		apitest.Send(t, srv, wr.method, wr.path, sec, apitest.JSON(wr.body)).Want(t, 403)
	}
	after, err := w.App.FindRecordById("audit_log", entry.Id)
	if err != nil || after.GetString("reason") != "" || after.GetString("after") != `{"quota":2}` {
		t.Errorf("the entry changed or went: %v %v", after, err)
	}
	if n, _ := w.App.CountRecords("audit_log"); n != 1 {
		t.Errorf("%d entries, want the one", n)
	}
}
