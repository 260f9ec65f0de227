package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"sangkien/internal/testkit"
)

// TestOfficersNamesAreSuperusers: the name, position and unit of an officer
// (secretariat, chairman), the secretariat's own included, are set by a
// superuser only (403 account_managed, nothing stored): the audit log and
// the Excel "prepared by" line show the names people were given. The
// secretariat still sets a staff member's, and a superuser an officer's.
func TestOfficersNamesAreSuperusers(t *testing.T) {
	t.Parallel()
	officer := func(w *testkit.Ward) *core.Record {
		return w.User(t, "vhxh2@phuong.test", "Trịnh Thị Lan", nil, "staff", "secretariat")
	}
	var cases []actionCase
	for _, target := range []struct {
		name string
		pick func(w *testkit.Ward) *core.Record
	}{{"the chairman", byChairman}, {"another officer", nil}, {"itself", bySecretariat}} {
		for _, field := range []string{"name", "position", "unit"} {
			pickTarget := func(w *testkit.Ward) *core.Record {
				if target.pick == nil {
					return officer(w)
				}
				return target.pick(w)
			}
			var before *core.Record
			cases = append(cases, actionCase{
				name: "secretariat setting the " + field + " of " + target.name + " should fail", method: http.MethodPatch,
				caller: bySecretariat, url: usersURL,
				bodyOf: func(w *testkit.Ward) string {
					if field == "unit" {
						return `{"unit":"` + w.UnitB.Id + `"}`
					}
					return `{"` + field + `":"Chu Thanh Lương"}`
				},
				setup: func(t testing.TB, w *testkit.Ward) string {
					before = pickTarget(w)
					return before.Id
				},
				status: 403, content: []string{`"` + field + `":{"code":"account_managed"`},
				check: func(t testing.TB, w *testkit.Ward, id string) {
					if got, want := mustFind(t, w.App, "users", id).GetString(field), before.GetString(field); got != want {
						t.Errorf("%s = %q, want %q kept", field, got, want)
					}
				},
			})
		}
	}
	cases = append(cases,
		actionCase{
			name: "a superuser renames the chairman", method: http.MethodPatch, caller: bySuperuser,
			setup: func(_ testing.TB, w *testkit.Ward) string { return w.Chairman.Id }, url: usersURL,
			body:   `{"name":"Chu Thanh Lượng","position":"Chủ tịch UBND phường"}`,
			status: 200, content: []string{`"name":"Chu Thanh Lượng"`, `"position":"Chủ tịch UBND phường"`},
		},
		actionCase{
			name: "the secretariat renames a council member", method: http.MethodPatch, caller: bySecretariat,
			setup: func(_ testing.TB, w *testkit.Ward) string { return w.Members[0].Id }, url: usersURL,
			body:   `{"name":"Bùi Thị Khánh Linh"}`,
			status: 200, content: []string{`"name":"Bùi Thị Khánh Linh"`},
		},
		actionCase{
			name: "the secretariat sets its own e-mail visibility", method: http.MethodPatch, caller: bySecretariat,
			setup: func(_ testing.TB, w *testkit.Ward) string { return w.Secretariat.Id }, url: usersURL,
			body:   `{"emailVisibility":true}`,
			status: 200, content: []string{`"emailVisibility":true`},
		},
	)
	runCases(t, cases)
}

// TestOfficersNamesRulesWithoutTheGuard: the users collection's rules alone
// (no hooks) refuse the secretariat renaming itself or the chairman.
func TestOfficersNamesRulesWithoutTheGuard(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	t.Cleanup(w.App.Cleanup)
	dir := t.TempDir()
	if err := copyDataDir(w.App, dir); err != nil {
		t.Fatal(err)
	}
	bare := func(t testing.TB) *tests.TestApp {
		app, err := testkit.NewTestApp(dir)
		if err != nil {
			t.Fatal(err)
		}
		return app
	}
	tok := map[string]string{"Authorization": testkit.Token(t, w.Secretariat)}
	for _, s := range []tests.ApiScenario{
		{Name: "secretariat renaming the chairman", URL: usersURL(w.Chairman.Id), Body: strings.NewReader(`{"name":"Đỗ Thị Giang"}`),
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}},
		{Name: "secretariat renaming itself", URL: usersURL(w.Secretariat.Id), Body: strings.NewReader(`{"name":"Chu Thanh Lương"}`),
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}},
		{Name: "secretariat moving the chairman to another unit", URL: usersURL(w.Chairman.Id), Body: strings.NewReader(`{"unit":"` + w.UnitA.Id + `"}`),
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}},
		{Name: "secretariat renaming a staff member", URL: usersURL(w.StaffA.Id), Body: strings.NewReader(`{"name":"Nguyễn Văn Ân"}`),
			ExpectedStatus: 200, ExpectedContent: []string{`"name":"Nguyễn Văn Ân"`}},
	} {
		s.Method = http.MethodPatch
		s.Headers = tok
		s.Name = "PATCH " + s.URL + " without hooks - " + s.Name
		s.TestAppFactory = bare
		s.Test(t)
	}
}
