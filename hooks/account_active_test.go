package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// signInUser posts e-mail and password to the users' auth-with-password.
func signInUser(t *testing.T, base, email, password string) (int, map[string]any) {
	return apitest.Send(t, base, http.MethodPost, "/api/collections/users/auth-with-password", apitest.JSON(
		map[string]string{"identity": email, "password": password})).StatusJSON()

}

// TestDeactivatedAccount: the secretariat deactivates a staff account; its
// right password then answers 403 account_inactive (a wrong one the usual
// 400), the session it held is refused (401 account_inactive) and cannot
// be renewed; reactivated, it signs in again. New accounts are active.
func TestDeactivatedAccount(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	office := testkit.Token(t, w.Secretariat)
	staffToken := testkit.Token(t, w.StaffA)

	if !mustFind(t, w.App, "users", w.StaffA.Id).GetBool("active") {
		t.Fatal("a fixture account is not active")
	}
	if code, ans := apitest.Send(t, srv.URL, http.MethodPatch, "/api/collections/users/records/"+w.StaffA.Id, apitest.Token(office), apitest.JSON(map[string]any{"active": false})).StatusJSON(); code != 200 {
		t.Fatalf("deactivate: %d %v", code, ans)
	}
	if code, ans := signInUser(t, srv.URL, w.StaffA.Email(), testkit.Password); code != 403 || apitest.ErrCode(ans, "identity") != "account_inactive" {
		t.Errorf("sign-in of an inactive account: %d %v", code, ans)
	}
	if code, ans := signInUser(t, srv.URL, w.StaffA.Email(), "sai-mat-khau"); code != 400 || apitest.ErrCode(ans, "identity") == "account_inactive" {
		t.Errorf("wrong password of an inactive account tells: %d %v", code, ans)
	}
	if code, ans := apitest.Send(t, srv.URL, http.MethodGet, "/api/collections/initiatives/records", apitest.Token(staffToken)).StatusJSON(); code != 401 || apitest.ErrCode(ans, "auth") != "account_inactive" {
		t.Errorf("old session: %d %v", code, ans)
	}
	if code := apitest.Send(t, srv.URL, http.MethodPost, "/api/collections/users/auth-refresh", apitest.Token(staffToken)).Status; code < 400 {
		t.Errorf("old session renewed: %d", code)
	}
	if code, ans := apitest.Send(t, srv.URL, http.MethodPatch, "/api/collections/users/records/"+w.StaffA.Id, apitest.Token(office), apitest.JSON(map[string]any{"active": true})).StatusJSON(); code != 200 {
		t.Fatalf("reactivate: %d %v", code, ans)
	}
	if code, ans := signInUser(t, srv.URL, w.StaffA.Email(), testkit.Password); code != 200 {
		t.Errorf("reactivated sign-in: %d %v", code, ans)
	}

	// a new account made through the API is active and signs in.
	code, ans := apitest.Send(t, srv.URL, http.MethodPost, "/api/collections/users/records", apitest.Token(office), apitest.JSON(map[string]any{
		"email": "moi@phuong.test", "password": "matkhau123", "passwordConfirm": "matkhau123", "name": "Người Mới",
		"roles": []string{"staff"}, "unit": w.UnitA.Id,
	})).StatusJSON()

	if code != 200 || ans["active"] != true {
		t.Fatalf("create: %d %v", code, ans)
	}
	if code, ans := signInUser(t, srv.URL, "moi@phuong.test", "matkhau123"); code != 200 {
		t.Errorf("new account sign-in: %d %v", code, ans)
	}
}

// TestActiveIsNotForEveryone: nobody sets their own `active`, and the
// secretariat does not deactivate an officer (403, with the reason), the
// rules refuse the same without the guard's code.
func TestActiveIsNotForEveryone(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	for _, c := range []struct {
		name   string
		caller *core.Record
		target *core.Record
		code   string
	}{
		{"staff deactivating themselves", w.StaffA, w.StaffA, "field_managed"},
		{"the secretariat deactivating the chairman", w.Secretariat, w.Chairman, "account_managed"},
		{"the secretariat deactivating itself", w.Secretariat, w.Secretariat, "account_managed"},
		{"a unit head deactivating staff", w.HeadA, w.StaffA, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, ans := apitest.Send(t, srv.URL, http.MethodPatch, "/api/collections/users/records/"+c.target.Id, apitest.As(c.caller), apitest.JSON(map[string]any{"active": false})).StatusJSON()
			if code < 400 {
				t.Fatalf("allowed: %d %v", code, ans)
			}
			if c.code != "" && apitest.ErrCode(ans, "active") != c.code {
				t.Errorf("code %v, want %s", ans, c.code)
			}
			if !mustFind(t, w.App, "users", c.target.Id).GetBool("active") {
				t.Error("deactivated")
			}
		})
	}
}
