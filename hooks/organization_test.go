package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

func TestOrganizationIsSingle(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	// a second record, even by a superuser, is refused.
	res := apitest.Send(t, testkit.Handler(t, w.App), http.MethodPost, "/api/collections/organization/records",
		apitest.As(w.Superuser), apitest.JSON(`{"ward_name":"Phường Khác"}`))
	if res.Status != 400 || !strings.Contains(string(res.Body), `"code":"organization_single"`) {
		t.Errorf("a second organization: %d %s, want 400 organization_single", res.Status, res.Body)
	}
	if n, _ := w.App.CountRecords("organization"); n != 1 {
		t.Errorf("%d organization records, want 1", n)
	}
}
