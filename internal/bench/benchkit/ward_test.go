package benchkit_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/bench/benchkit"
	"sangkien/internal/testkit"
)

// TestNewStaffSignInWithTheWardsPassword: the staff NewStaff adds to a
// ward, with the hash DemoHash reads from it, sign in through the program
// with the ward's own password, each of the unit its turn gives and with
// the staff role only; a wrong password is refused, the error carrying the
// answer's status.
func TestNewStaffSignInWithTheWardsPassword(t *testing.T) {
	w := testkit.NewWard(t)
	hash, err := benchkit.DemoHash(w.App)
	if err != nil {
		t.Fatal(err)
	}
	users, err := w.App.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	units := []string{w.UnitA.Id, w.UnitB.Id}
	var added []*core.Record
	err = w.App.RunInTransaction(func(tx core.App) (err error) {
		added, err = benchkit.NewStaff(tx, users, hash, 3, units, func(k int) (string, string) {
			return fmt.Sprintf("them%d@phuong.test", k), fmt.Sprintf("Cán bộ Thêm %d", k)
		})
		return err
	})
	if err != nil || len(added) != 3 {
		t.Fatalf("NewStaff: %d accounts, %v", len(added), err)
	}
	srv := testkit.Serve(t, w.App)
	signIn := func(email, password string, out any) error {
		return benchkit.CallWith(context.Background(), http.DefaultClient, http.MethodPost,
			srv.URL+"/api/collections/users/auth-with-password", "", map[string]string{"X-Sangkien-Device": "0123456789abcdef0123456789abcdef"},
			map[string]any{"identity": email, "password": password}, out)
	}
	for k, unit := range []string{units[0], units[1], units[0]} {
		email := fmt.Sprintf("them%d@phuong.test", k)
		var a struct {
			Token  string
			Record struct {
				Name, Unit string
				Roles      []string
			}
		}
		if err := signIn(email, testkit.Password, &a); err != nil {
			t.Errorf("%s: %v", email, err)
			continue
		}
		if a.Token == "" || a.Record.Unit != unit || !slices.Equal(a.Record.Roles, []string{"staff"}) || a.Record.Name != fmt.Sprintf("Cán bộ Thêm %d", k) {
			t.Errorf("%s: signed in as %+v, want unit %s and the staff role", email, a.Record, unit)
		}
	}
	if err := signIn("them0@phuong.test", "sai-mat-khau", nil); err == nil || !strings.Contains(err.Error(), ": 400 ") {
		t.Errorf("a wrong password: error %v, want the 400 answer", err)
	}
}
