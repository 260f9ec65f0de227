package hooks_test

import (
	"testing"

	"sangkien/internal/apitest"
	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestAccountErrorsSayWhy: what a person meets changing their own e-mail
// comes back Vietnamese with PocketBase's code and says what is wrong (a
// new address equal to the current one read only "Giá trị không hợp lệ.").
func TestAccountErrorsSayWhy(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	staff := testkit.Token(t, w.StaffA)
	status, res := apitest.Send(t, srv, "POST", "/api/collections/users/request-email-change", apitest.Token(staff), apitest.JSON(
		`{"newEmail":"`+w.StaffA.Email()+`"}`)).StatusJSON()

	if status != 400 {
		t.Fatalf("status %d: %v", status, res)
	}
	everyMessageVietnamese(t, "the same e-mail", res)
	data, _ := res["data"].(map[string]any)
	fe, _ := data["newEmail"].(map[string]any)
	if fe["code"] != "validation_not_in_invalid" {
		t.Fatalf("data.newEmail = %v, want code validation_not_in_invalid", fe)
	}
	if !i18n.Has("pb.validation_not_in_invalid") || fe["message"] != i18n.T("pb.validation_not_in_invalid") {
		t.Errorf("data.newEmail.message %q, want the catalog's pb.validation_not_in_invalid", fe["message"])
	}
}
