package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"sangkien/internal/testkit"
)

func TestAuditOfCRUD(t *testing.T) {
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
		},
	}).Test(t)
}
