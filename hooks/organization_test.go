package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"sangkien/internal/testkit"
)

func TestOrganizationIsSingle(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	(&tests.ApiScenario{
		Name:   "POST /api/collections/organization/records - a second record, even by a superuser, should fail",
		Method: http.MethodPost, URL: "/api/collections/organization/records",
		Headers:         map[string]string{"Authorization": testkit.Token(t, w.Superuser)},
		Body:            strings.NewReader(`{"ward_name":"Phường Khác"}`),
		ExpectedStatus:  400,
		ExpectedContent: []string{`"code":"organization_single"`},
		TestAppFactory:  func(testing.TB) *tests.TestApp { return w.App },
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			if n, _ := app.CountRecords("organization"); n != 1 {
				t.Errorf("%d organization records, want 1", n)
			}
		},
	}).Test(t)
}
