package hooks_test

import (
	"net/http"
	"testing"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestUsersNeverSortedByEmail: PocketBase adds "emailVisibility = true" to
// a non-superuser's filter on email, but not to a sort, so
// users?sort=email listed every account in the order of its hidden
// address (which addresses come before which, who uses a private mailbox).
// email may still be filtered on (public addresses only); a sort on it is
// refused with 400 filter_not_allowed, for every caller but a superuser.
func TestUsersNeverSortedByEmail(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	h := testkit.Handler(t, w.App)
	for _, c := range fgCallers(t, w)[1:] {
		for _, sort := range []string{"email", "-email", "name,+email"} {
			status, body := apitest.Send(t, h, http.MethodGet, "/api/collections/users/records?sort="+sort, apitest.Token(c.token)).StatusObject(t)
			if status != http.StatusBadRequest || apitest.ErrCode(body, "sort") != "filter_not_allowed" {
				t.Errorf("%s sorts users by %s: status %d, want 400 filter_not_allowed: %v", c.name, sort, status, body)
			}
		}
		if status, body := apitest.Send(t, h, http.MethodGet, "/api/collections/users/records?filter=email%3D%27x%40y.z%27", apitest.Token(c.token)).StatusObject(t); status != http.StatusOK {
			t.Errorf("%s filters users on email: status %d, want 200: %v", c.name, status, body)
		}
	}
}
