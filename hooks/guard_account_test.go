package hooks_test

import (
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"sangkien/internal/testkit"
	"sangkien/internal/vocab"
)

// usersURL is the CRUD URL of a ward account (id empty: the collection).
func usersURL(id string) string {
	if id == "" {
		return "/api/collections/users/records"
	}
	return "/api/collections/users/records/" + id
}

// accountKept checks that the account pick(w) still has field = want.
func accountKept(pick func(w *testkit.Ward) *core.Record, field string) func(testing.TB, *testkit.Ward, string) {
	return func(t testing.TB, w *testkit.Ward, _ string) {
		before := pick(w)
		after := mustFind(t, w.App, "users", before.Id)
		if got, want := fmt.Sprint(after.Get(field)), fmt.Sprint(before.Get(field)); got != want {
			t.Errorf("%s = %s, want %s", field, got, want)
		}
		if after.GetString("updated") != before.GetString("updated") {
			t.Errorf("account changed")
		}
	}
}

// TestPeopleDoNotRenameThemselves: a person's name, position, unit and roles
// are the secretariat's to set (403 field_managed); the person still sets
// their own password (with the old one) and asks for a new e-mail through
// PocketBase's confirmation flow.
func TestPeopleDoNotRenameThemselves(t *testing.T) {
	t.Parallel()
	var cases []actionCase
	for field, value := range map[string]string{
		"name": `"Chu Thanh Lương"`, "position": `"Chủ tịch UBND phường"`, "unit": `"{unitB}"`,
		"roles": `["staff","secretariat"]`, "roles+": `"chairman"`,
	} {
		stored := strings.TrimSuffix(field, "+")
		for _, who := range []struct {
			name   string
			caller func(w *testkit.Ward) *core.Record
		}{{"staff", byStaffA}, {"unit head", byHeadA}, {"council member", byMember}, {"chairman", byChairman}} {
			cases = append(cases, actionCase{
				name: who.name + " setting their own " + field + " should fail", method: http.MethodPatch, caller: who.caller,
				setup: func(_ testing.TB, w *testkit.Ward) string { return who.caller(w).Id },
				url:   usersURL,
				bodyOf: func(w *testkit.Ward) string {
					return `{"` + field + `":` + strings.ReplaceAll(value, "{unitB}", w.UnitB.Id) + `}`
				},
				status:  403,
				content: []string{`"` + stored + `":{"code":"field_managed"`, "Phòng Văn hóa – Xã hội"},
				check:   accountKept(who.caller, stored),
			})
		}
	}
	// the collection named by its id or in capitals is the same collection.
	for _, col := range []string{"_pb_users_auth_", "USERS"} {
		cases = append(cases, actionCase{
			name: "staff renaming themselves through /api/collections/" + col + " should fail", method: http.MethodPatch,
			caller: byStaffA, setup: func(_ testing.TB, w *testkit.Ward) string { return w.StaffA.Id },
			url:    func(id string) string { return "/api/collections/" + col + "/records/" + id },
			body:   `{"name":"Chu Thanh Lương"}`,
			status: 403, content: []string{`"name":{"code":"field_managed"`},
			check: accountKept(byStaffA, "name"),
		})
	}
	cases = append(cases,
		actionCase{
			name: "staff changes their own password with the old one", method: http.MethodPatch, caller: byStaffA,
			setup: func(_ testing.TB, w *testkit.Ward) string { return w.StaffA.Id }, url: usersURL,
			body:   `{"oldPassword":"` + testkit.Password + `","password":"matkhaumoi456","passwordConfirm":"matkhaumoi456"}`,
			status: 200, content: []string{`"id":`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				if !mustFind(t, w.App, "users", id).ValidatePassword("matkhaumoi456") {
					t.Error("new password not set")
				}
			},
		},
		actionCase{
			name: "staff changing their own password without the old one should fail", method: http.MethodPatch, caller: byStaffA,
			setup: func(_ testing.TB, w *testkit.Ward) string { return w.StaffA.Id }, url: usersURL,
			body:   `{"password":"matkhaumoi456","passwordConfirm":"matkhaumoi456"}`,
			status: 400, content: []string{`"oldPassword":{"code":"validation_required"`},
		},
		actionCase{
			name: "staff changes their own e-mail visibility", method: http.MethodPatch, caller: byStaffA,
			setup: func(_ testing.TB, w *testkit.Ward) string { return w.StaffA.Id }, url: usersURL,
			body:   `{"emailVisibility":true}`,
			status: 200, content: []string{`"emailVisibility":true`},
		},
		actionCase{
			name: "staff asks for a new e-mail address, confirmed by mail", caller: byStaffA,
			url:    func(string) string { return "/api/collections/users/request-email-change" },
			body:   `{"newEmail":"an.nguyen@phuong.test"}`,
			status: 204,
			check: func(t testing.TB, w *testkit.Ward, _ string) {
				if w.App.TestMailer.TotalSend() != 1 {
					t.Errorf("%d mails sent, want 1", w.App.TestMailer.TotalSend())
				}
				if mustFind(t, w.App, "users", w.StaffA.Id).Email() != w.StaffA.Email() {
					t.Error("e-mail changed before confirmation")
				}
			},
		},
		actionCase{
			name: "the secretariat sets a person's name, position and unit", method: http.MethodPatch, caller: bySecretariat,
			setup: func(_ testing.TB, w *testkit.Ward) string { return w.StaffA.Id }, url: usersURL,
			bodyOf: func(w *testkit.Ward) string {
				return `{"name":"Nguyễn Văn Ân","position":"Phó Chánh Văn phòng","unit":"` + w.UnitB.Id + `"}`
			},
			status: 200, content: []string{`"name":"Nguyễn Văn Ân"`, `"position":"Phó Chánh Văn phòng"`},
		},
	)
	runCasesSharingRefusals(t, cases)
}

// grantCallers are the callers of the role-grants matrix, by name.
var grantCallers = []struct {
	name   string
	caller func(w *testkit.Ward) *core.Record
}{
	{"anonymous", nil}, {"staff", byStaffA}, {"unit head", byHeadA}, {"council member", byMember},
	{"secretariat", bySecretariat}, {"chairman", byChairman}, {"superuser", bySuperuser},
}

// wardRoles are every role an account may hold.
var wardRoles = vocab.Roles.Words

// TestRoleGrantsMatrix: every caller creates an account with each role, and
// gives each role to an existing staff member. Only the secretariat and
// superusers make accounts; the secretariat grants staff, unit_head and
// council, never secretariat or chairman (403 role_not_grantable), which
// are for superusers. A refused grant stores nothing.
func TestRoleGrantsMatrix(t *testing.T) {
	t.Parallel()
	var cases []actionCase
	for _, c := range grantCallers {
		for _, role := range wardRoles {
			create, grant := 200, 200
			var content []string // the refusal's code; else the status or the roles
			switch {
			case c.name == "superuser":
			case c.name == "secretariat" && (role == "secretariat" || role == "chairman"):
				create, grant = 403, 403
				content = []string{`"roles":{"code":"role_not_grantable"`}
			case c.name == "secretariat":
			default:
				create, grant = 400, 404 // the collection's rules: no create, no such record
			}
			email := "moi." + role + "@phuong.test"
			createContent, grantContent := content, content
			if content == nil {
				createContent, grantContent = answerShows(create, `"roles":["`+role+`"]`), answerShows(grant, `"`+role+`"]`)
			}
			cases = append(cases,
				actionCase{
					name: c.name + " creates an account with role " + role, caller: c.caller, url: usersURL,
					bodyOf: func(w *testkit.Ward) string {
						return `{"email":"` + email + `","password":"matkhau123","passwordConfirm":"matkhau123",` +
							`"name":"Người Mới","roles":["` + role + `"],"unit":"` + w.UnitA.Id + `"}`
					},
					status: create, content: createContent,
					check: func(t testing.TB, w *testkit.Ward, _ string) {
						_, err := w.App.FindAuthRecordByEmail("users", email)
						if saved := err == nil; saved != (create == 200) {
							t.Errorf("account saved: %v, want %v", saved, create == 200)
						}
					},
				},
				actionCase{
					name: c.name + " grants role " + role + " to a staff member", method: http.MethodPatch, caller: c.caller,
					setup: func(_ testing.TB, w *testkit.Ward) string { return w.StaffA2.Id }, url: usersURL,
					body:   `{"roles":["staff","` + role + `"]}`,
					status: grant, content: grantContent,
					check: func(t testing.TB, w *testkit.Ward, id string) {
						has := slices.Contains(mustFind(t, w.App, "users", id).GetStringSlice("roles"), role)
						if want := grant == 200 || role == "staff"; has != want {
							t.Errorf("holds %s: %v, want %v", role, has, want)
						}
					},
				},
			)
		}
	}
	runCasesSharingRefusals(t, cases)
}

// answerShows is what an answer with status shows: ok for a 200, PocketBase's
// error shape with that status otherwise.
func answerShows(status int, ok string) []string {
	if status == http.StatusOK {
		return []string{ok}
	}
	return []string{fmt.Sprintf(`"status":%d`, status)}
}

// TestOfficersAccountsAreManagedBySuperusers: the secretariat may not change
// the e-mail, password, verification or roles of a secretariat officer or
// of the chairman, its own roles included (403 account_managed), nor their
// name and position (TestOfficersNamesAreSuperusers); it still changes its
// own password with the old one, and resets a staff member's password. A
// superuser does all of it.
func TestOfficersAccountsAreManagedBySuperusers(t *testing.T) {
	t.Parallel()
	// another officer, made once per ward (the refusals share one).
	officer := func(w *testkit.Ward) *core.Record {
		if r, err := w.App.FindAuthRecordByEmail("users", "vhxh2@phuong.test"); err == nil {
			return r
		}
		return w.User(t, "vhxh2@phuong.test", "Trịnh Thị Lan", nil, "staff", "secretariat")
	}
	var cases []actionCase
	for _, target := range []struct {
		name string
		pick func(w *testkit.Ward) *core.Record
	}{{"the chairman", byChairman}, {"another officer", nil}, {"itself", bySecretariat}} {
		for _, body := range []string{
			`{"email":"chutich.moi@phuong.test"}`,
			`{"password":"matkhaumoi456","passwordConfirm":"matkhaumoi456"}`,
			`{"verified":false}`,
			`{"roles":["staff"]}`,
			`{"roles-":"staff"}`,
		} {
			field := strings.TrimSuffix(strings.SplitN(strings.TrimPrefix(body, `{"`), `"`, 2)[0], "-")
			status, content := 403, `"`+field+`":{"code":"account_managed"`
			if target.name == "itself" && field == "password" {
				// its own password, as anyone's: with the old one.
				status, content = 400, `"oldPassword":{"code":"validation_required"`
			}
			cases = append(cases, actionCase{
				name: "secretariat setting " + field + " of " + target.name + " should fail", method: http.MethodPatch,
				caller: bySecretariat, url: usersURL, body: body,
				setup: func(t testing.TB, w *testkit.Ward) string {
					if target.pick == nil {
						return officer(w).Id
					}
					return target.pick(w).Id
				},
				status: status, content: []string{content},
				check: func(t testing.TB, w *testkit.Ward, id string) {
					r := mustFind(t, w.App, "users", id)
					roles := []string{"staff", "secretariat"}
					if target.pick != nil {
						roles = target.pick(w).GetStringSlice("roles")
					}
					if !r.ValidatePassword(testkit.Password) || r.Email() == "chutich.moi@phuong.test" || !r.Verified() ||
						!slices.Equal(r.GetStringSlice("roles"), roles) {
						t.Errorf("account changed: %s %v %v", r.Email(), r.Verified(), r.GetStringSlice("roles"))
					}
				},
			})
		}
	}
	cases = append(cases,
		actionCase{
			name: "secretariat setting the chairman's position should fail", method: http.MethodPatch, caller: bySecretariat,
			setup: func(_ testing.TB, w *testkit.Ward) string { return w.Chairman.Id }, url: usersURL,
			body:   `{"position":"Chủ tịch UBND phường"}`,
			status: 403, content: []string{`"position":{"code":"account_managed"`},
		},
		actionCase{
			name: "secretariat changes its own password with the old one", method: http.MethodPatch, caller: bySecretariat,
			setup: func(_ testing.TB, w *testkit.Ward) string { return w.Secretariat.Id }, url: usersURL,
			body:   `{"oldPassword":"` + testkit.Password + `","password":"matkhaumoi456","passwordConfirm":"matkhaumoi456"}`,
			status: 200, content: []string{`"id":`},
		},
		actionCase{
			name: "secretariat resets a staff member's password", method: http.MethodPatch, caller: bySecretariat,
			setup: func(_ testing.TB, w *testkit.Ward) string { return w.StaffA.Id }, url: usersURL,
			body:   `{"password":"matkhaumoi456","passwordConfirm":"matkhaumoi456"}`,
			status: 200, content: []string{`"id":`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				if !mustFind(t, w.App, "users", id).ValidatePassword("matkhaumoi456") {
					t.Error("password not reset")
				}
			},
		},
		actionCase{
			name: "secretariat changes a unit head's e-mail", method: http.MethodPatch, caller: bySecretariat,
			setup: func(_ testing.TB, w *testkit.Ward) string { return w.HeadA.Id }, url: usersURL,
			body:   `{"email":"truongphong.a@phuong.test"}`,
			status: 200, content: []string{`"email":"truongphong.a@phuong.test"`},
		},
		actionCase{
			name: "a superuser changes the chairman's e-mail and password", method: http.MethodPatch, caller: bySuperuser,
			setup: func(_ testing.TB, w *testkit.Ward) string { return w.Chairman.Id }, url: usersURL,
			body:   `{"email":"chutich.moi@phuong.test","password":"matkhaumoi456","passwordConfirm":"matkhaumoi456"}`,
			status: 200, content: []string{`"email":"chutich.moi@phuong.test"`},
		},
	)
	runCasesSharingRefusals(t, cases)
}

// TestAccountRulesWithoutTheGuard runs the ward with no hooks: the users
// collection's API rules alone refuse what the guard explains (a person
// renaming themselves, the secretariat granting chairman or changing the
// chairman's password), and allow what the guard allows.
func TestAccountRulesWithoutTheGuard(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	t.Cleanup(w.App.Cleanup)
	noRoles := w.User(t, "moi.vao@phuong.test", "Phan Văn Tân", w.UnitA)
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
	tok := func(r *core.Record) map[string]string { return map[string]string{"Authorization": testkit.Token(t, r)} }
	newAccount := func(role string) string {
		return `{"email":"moi@phuong.test","password":"matkhau123","passwordConfirm":"matkhau123","name":"Người Mới","roles":["` + role + `"]}`
	}
	for _, s := range []tests.ApiScenario{
		{Name: "staff renaming themselves", Method: http.MethodPatch, URL: usersURL(w.StaffA.Id), Headers: tok(w.StaffA),
			Body: strings.NewReader(`{"name":"Chu Thanh Lương"}`), ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}},
		{Name: "staff setting their position", Method: http.MethodPatch, URL: usersURL(w.StaffA.Id), Headers: tok(w.StaffA),
			Body: strings.NewReader(`{"position":"Chủ tịch"}`), ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}},
		{Name: "staff changing their e-mail visibility", Method: http.MethodPatch, URL: usersURL(w.StaffA.Id), Headers: tok(w.StaffA),
			Body: strings.NewReader(`{"emailVisibility":true}`), ExpectedStatus: 200, ExpectedContent: []string{`"emailVisibility":true`}},
		{Name: "secretariat creating a chairman", Method: http.MethodPost, URL: usersURL(""), Headers: tok(w.Secretariat),
			Body: strings.NewReader(newAccount("chairman")), ExpectedStatus: 400, ExpectedContent: []string{`"status":400`}},
		{Name: "secretariat creating a secretariat officer", Method: http.MethodPost, URL: usersURL(""), Headers: tok(w.Secretariat),
			Body: strings.NewReader(newAccount("secretariat")), ExpectedStatus: 400, ExpectedContent: []string{`"status":400`}},
		{Name: "secretariat creating a council member", Method: http.MethodPost, URL: usersURL(""), Headers: tok(w.Secretariat),
			Body: strings.NewReader(newAccount("council")), ExpectedStatus: 200, ExpectedContent: []string{`"roles":["council"]`}},
		{Name: "secretariat granting chairman", Method: http.MethodPatch, URL: usersURL(w.StaffA2.Id), Headers: tok(w.Secretariat),
			Body: strings.NewReader(`{"roles+":"chairman"}`), ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}},
		{Name: "secretariat granting unit_head", Method: http.MethodPatch, URL: usersURL(w.StaffA2.Id), Headers: tok(w.Secretariat),
			Body: strings.NewReader(`{"roles+":"unit_head"}`), ExpectedStatus: 200, ExpectedContent: []string{`"unit_head"`}},
		{Name: "secretariat setting the chairman's password", Method: http.MethodPatch, URL: usersURL(w.Chairman.Id), Headers: tok(w.Secretariat),
			Body: strings.NewReader(`{"password":"matkhaumoi456","passwordConfirm":"matkhaumoi456"}`), ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}},
		{Name: "secretariat setting the chairman's roles", Method: http.MethodPatch, URL: usersURL(w.Chairman.Id), Headers: tok(w.Secretariat),
			Body: strings.NewReader(`{"roles":["staff"]}`), ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}},
		{Name: "secretariat setting the chairman's position", Method: http.MethodPatch, URL: usersURL(w.Chairman.Id), Headers: tok(w.Secretariat),
			Body: strings.NewReader(`{"position":"Chủ tịch UBND phường"}`), ExpectedStatus: 404, ExpectedContent: []string{`"status":404`}},
		{Name: "secretariat resetting the password of an account with no roles yet", Method: http.MethodPatch, URL: usersURL(noRoles.Id),
			Headers: tok(w.Secretariat), Body: strings.NewReader(`{"password":"matkhaumoi456","passwordConfirm":"matkhaumoi456"}`),
			ExpectedStatus: 200, ExpectedContent: []string{`"id":`}},
		{Name: "secretariat resetting a staff member's password", Method: http.MethodPatch, URL: usersURL(w.StaffA.Id), Headers: tok(w.Secretariat),
			Body: strings.NewReader(`{"password":"matkhaumoi456","passwordConfirm":"matkhaumoi456"}`), ExpectedStatus: 200, ExpectedContent: []string{`"id":`}},
	} {
		s.Name = s.Method + " " + s.URL + " without hooks - " + s.Name
		s.TestAppFactory = bare
		s.Test(t)
	}
}

// copyDataDir copies app's data folder, every write checkpointed, to dir.
func copyDataDir(app core.App, dir string) error {
	for _, db := range []dbx.Builder{app.DB(), app.AuxDB()} {
		if _, err := db.NewQuery("PRAGMA wal_checkpoint(TRUNCATE)").Execute(); err != nil {
			return err
		}
	}
	return os.CopyFS(dir, os.DirFS(app.DataDir()))
}
