package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestCredentialChangesAreAudited: the secretariat may set a council
// member's (or a unit head's) password and e-mail without the old
// password, and then sign in as them; yet the audit entry is made of the
// public values, which hold neither, so such a change left no trace at
// all. The entry now says that the password or the e-mail changed (never
// the values), with who changed it.
func TestCredentialChangesAreAudited(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	h := testkit.Handler(t, w.App)
	member := w.Members[0]
	for _, c := range []struct{ field, body string }{
		{"password", `{"password":"doimatkhau123","passwordConfirm":"doimatkhau123"}`},
		{"email", `{"email":"khac@phuong.test"}`},
	} {
		status, body := apitest.Send(t, h, http.MethodPatch, "/api/collections/users/records/"+member.Id, apitest.JSON(c.body), apitest.Headers(
			map[string]string{"Authorization": testkit.Token(t, w.Secretariat)})).StatusBody()

		if status != http.StatusOK {
			t.Fatalf("the secretariat changes the %s: %d %s", c.field, status, body)
		}
		entry, err := w.App.FindFirstRecordByFilter("audit_log",
			"collection = 'users' && record = {:id} && actor = {:actor} && after ~ {:field}",
			dbx.Params{"id": member.Id, "actor": w.Secretariat.Id, "field": `"` + c.field + `"`})
		if err != nil {
			t.Fatalf("no audit entry says the %s changed: %v", c.field, err)
		}
		if raw := entry.GetString("after") + entry.GetString("before"); strings.Contains(raw, "doimatkhau123") || strings.Contains(raw, "khac@phuong.test") {
			t.Errorf("the entry holds the new value: %s", raw)
		}
	}
}
