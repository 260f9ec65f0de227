// Package testkit builds test apps with the real migrations and hooks, and a
// small known ward on top, so every test talks about the same people:
// staff of unit A and B, the head of A, the secretariat, a council of four,
// the chairman. Tests use it from external test packages (package x_test).
package testkit

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"sangkien/hooks"
	"sangkien/internal/footprint"
	"sangkien/internal/readers"
	_ "sangkien/migrations"
)

// Root is the repository's root folder.
var Root = func() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}()

// NewTestApp is tests.NewTestApp on a copy of dataDir, with the server's
// database connections (footprint.DBConnect), without hooks.
func NewTestApp(dataDir string) (*tests.TestApp, error) {
	return tests.NewTestAppWithConfig(core.BaseAppConfig{
		DataDir: dataDir, EncryptionEnv: "pb_test_env", DBConnect: footprint.DBConnect,
	})
}

// NewApp returns a fresh test app: every migration applied to an empty
// database (so the seeded ward is there) and every hook registered. It is
// cleaned up (its databases closed) when the test ends.
func NewApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app, err := OpenFreshApp()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	return app
}

// OpenFreshApp is NewApp for code without a test at hand (a template
// built once per test binary): the caller ends it with app.Cleanup(). The
// migrations run on an empty database once per test binary, into a
// template folder that every call copies: under the race detector they
// cost seconds of CPU each time.
func OpenFreshApp() (*tests.TestApp, error) {
	dir, err := migrated()
	if err != nil {
		return nil, err
	}
	return OpenApp(dir)
}

// migrated returns the folder holding every migration applied to an empty
// database, made on first use.
func migrated() (string, error) {
	migratedOnce.Do(func() { migratedDir, migratedErr = buildMigrated() })
	return migratedDir, migratedErr
}

var (
	migratedOnce sync.Once
	migratedDir  string
	migratedErr  error
)

// buildMigrated applies every migration to an empty folder (no hooks, as
// NewTestApp runs them before OpenApp registers any) and keeps a copy of
// its data folder for OpenFreshApp and the known ward's template.
func buildMigrated() (string, error) {
	empty, err := os.MkdirTemp("", "sangkien_empty_")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(empty)
	// an empty folder: a fresh database with only our migrations, not
	// PocketBase's own fixture data.
	app, err := NewTestApp(empty)
	if err != nil {
		return "", err
	}
	defer app.Cleanup()
	return snapshotTemp(app)
}

// OpenApp is NewApp on a copy of dataDir (empty: a fresh database), for
// code without a test at hand: the caller ends it with app.Cleanup().
func OpenApp(dataDir string) (*tests.TestApp, error) {
	app, err := NewTestApp(dataDir)
	if err != nil {
		return nil, err
	}
	site, err := Site()
	if err != nil {
		app.Cleanup()
		return nil, err
	}
	if err := site.Register(app); err != nil {
		app.Cleanup()
		return nil, err
	}
	return app, nil
}

// Site returns the repository's pb_public ready to serve, read once per
// test binary (its catalog loaded, its pages framed) for every app a test
// opens.
func Site() (*hooks.Site, error) {
	siteOnce.Do(func() { site, siteErr = hooks.NewSite(os.DirFS(filepath.Join(Root, "pb_public"))) })
	return site, siteErr
}

var (
	siteOnce sync.Once
	site     *hooks.Site
	siteErr  error
)

// Snapshot copies app's data folder, every write in it (the databases'
// write-ahead logs checkpointed first), into dir, a new folder: a template
// that OpenApp copies again for each test, so a world that is slow to
// build is built once per test binary.
func Snapshot(app core.App, dir string) error {
	for _, db := range []dbx.Builder{app.DB(), app.AuxDB()} {
		if _, err := db.NewQuery("PRAGMA wal_checkpoint(TRUNCATE)").Execute(); err != nil {
			return err
		}
	}
	return os.CopyFS(dir, os.DirFS(app.DataDir()))
}

// snapshotTemp is Snapshot into a new temporary folder, which it returns.
func snapshotTemp(app core.App) (string, error) {
	dir, err := os.MkdirTemp("", "sangkien_snapshot_")
	if err != nil {
		return "", err
	}
	if err := Snapshot(app, dir); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	return dir, nil
}

// Ward is the known ward of a test: records by role, and the seeded round.
type Ward struct {
	App *tests.TestApp

	UnitA, UnitB *core.Record
	Round        *core.Record
	Fields       map[string]*core.Record // by code: a, b, c, d, đ, e, g, h

	StaffA, StaffA2, StaffB *core.Record
	HeadA, HeadB            *core.Record
	Secretariat             *core.Record
	Chairman                *core.Record
	Council                 *core.Record
	Chair                   *core.Record   // council chair (also staff of unit B)
	Members                 []*core.Record // the other three voting members
	Superuser               *core.Record
}

// Password is every fixture account's password.
const Password = "matkhau123"

// NewWard returns a fresh app holding the known ward. The ward is built
// once per test binary into a template folder that every call copies, so a
// test may change anything. The seeded round's deadlines are a month ahead
// of the real clock, so it is open for submission unless a test moves them.
// The app is cleaned up when the test ends.
func NewWard(t testing.TB) *Ward {
	t.Helper()
	w, err := OpenWard()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.App.Cleanup)
	return w
}

// OpenWard is NewWard for code without a test at hand (a TestMain): the
// caller ends it with w.App.Cleanup().
func OpenWard() (*Ward, error) {
	templateOnce.Do(func() { templateDir, templateErr = buildTemplate() })
	if templateErr != nil {
		return nil, templateErr
	}
	app, err := OpenApp(templateDir)
	if err != nil {
		return nil, err
	}
	w, err := loadWard(app)
	if err != nil {
		app.Cleanup()
		return nil, err
	}
	return w, nil
}

var (
	templateOnce sync.Once
	templateDir  string
	templateErr  error
)

// RemoveTemplate removes the ward's template folder and the migrated
// one, if this test binary built them; a package whose tests open wards or
// fresh apps calls it from its TestMain after m.Run, so no folder is left
// in the temporary directory.
func RemoveTemplate() {
	if templateDir != "" {
		os.RemoveAll(templateDir)
	}
	if migratedDir != "" {
		os.RemoveAll(migratedDir)
	}
}

// Main runs a package's tests, then removes the templates (RemoveTemplate),
// and exits with the tests' status: the TestMain of a package that needs
// nothing else.
func Main(m *testing.M) {
	code := m.Run()
	RemoveTemplate()
	os.Exit(code)
}

// fixture e-mails of the known ward.
const (
	emailStaffA      = "staff.a@phuong.test"
	emailStaffA2     = "staff.a2@phuong.test"
	emailStaffB      = "staff.b@phuong.test"
	emailHeadA       = "head.a@phuong.test"
	emailHeadB       = "head.b@phuong.test"
	emailSecretariat = "vanthu@phuong.test"
	emailChairman    = "chutich@phuong.test"
	emailChair       = "hd.chutich@phuong.test"
	emailSuperuser   = "it@phuong.test"
)

// memberEmails are the council's three members besides the chair.
var memberEmails = []string{"hd.uyvien1@phuong.test", "hd.uyvien2@phuong.test", "hd.uyvien3@phuong.test"}

// buildTemplate makes the known ward in a fresh app and keeps a copy of its
// data folder for NewWard.
func buildTemplate() (string, error) {
	dir, err := migrated()
	if err != nil {
		return "", err
	}
	app, err := NewTestApp(dir)
	if err != nil {
		return "", err
	}
	defer app.Cleanup()
	if err := cheapPasswords(app); err != nil {
		return "", err
	}
	if err := noLogs(app); err != nil {
		return "", err
	}
	w := &Ward{App: app}
	if err := w.populate(); err != nil {
		return "", err
	}
	return snapshotTemp(app)
}

// noLogs stores the settings with the logs off (tests.NewTestApp turns
// them off only in memory): with logs on, PocketBase writes them every
// 3 s from a goroutine that reads the app's state while a test's cleanup
// clears it, a data race inside PocketBase v0.40.4 (core/base.go,
// initLogger vs ClearBootstrap) that failed the scoring tests under load.
func noLogs(app core.App) error {
	s := app.Settings()
	s.Logs.MaxDays = 0
	return app.Save(s)
}

// cheapPasswords makes the template's accounts hash their passwords at
// bcrypt's lowest cost (4) instead of PocketBase's default (10, 64 times
// the work): the tests sign in thousands of times and each sign-in checks
// a hash. Who may sign in, and with what, is unchanged.
func cheapPasswords(app core.App) error {
	for _, name := range []string{"users", core.CollectionNameSuperusers} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		if f, ok := c.Fields.GetByName("password").(*core.PasswordField); ok {
			f.Cost = 4
		}
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}

// populate saves the known ward's accounts and council into w.App.
func (w *Ward) populate() error {
	app := w.App
	unitA, err := app.FindFirstRecordByData("units", "code", "VP")
	if err != nil {
		return err
	}
	unitB, err := app.FindFirstRecordByData("units", "code", "TYT")
	if err != nil {
		return err
	}
	vhxh, err := app.FindFirstRecordByData("units", "code", "VHXH")
	if err != nil {
		return err
	}
	rounds, err := app.FindAllRecords("rounds")
	if err != nil {
		return err
	}
	round := rounds[0]
	round.Set("submission_deadline", time.Now().AddDate(0, 1, 0))
	round.Set("decision_deadline", time.Now().AddDate(0, 1, 5))
	if err := app.Save(round); err != nil {
		return err
	}
	type acct struct {
		email, name string
		unit        *core.Record
		roles       []string
	}
	accts := []acct{
		{emailStaffA, "Nguyễn Văn An", unitA, []string{"staff"}},
		{emailStaffA2, "Trần Thị Bình", unitA, []string{"staff"}},
		{emailStaffB, "Lê Văn Cường", unitB, []string{"staff"}},
		{emailHeadA, "Phạm Thị Dung", unitA, []string{"staff", "unit_head"}},
		{emailHeadB, "Hoàng Văn Em", unitB, []string{"staff", "unit_head"}},
		{emailSecretariat, "Đỗ Thị Giang", vhxh, []string{"staff", "secretariat"}},
		{emailChairman, "Chu Thanh Lương", vhxh, []string{"chairman"}},
		{emailChair, "Vũ Văn Hải", unitB, []string{"staff", "council"}},
		{memberEmails[0], "Bùi Thị Khánh", vhxh, []string{"staff", "council"}},
		{memberEmails[1], "Đặng Văn Long", vhxh, []string{"staff", "council"}},
		{memberEmails[2], "Ngô Thị Mai", vhxh, []string{"staff", "council"}},
	}
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	ids := map[string]string{}
	for _, a := range accts {
		u := core.NewRecord(users)
		u.SetEmail(a.email)
		u.SetPassword(Password)
		u.SetVerified(true)
		u.Set("name", a.name)
		u.Set("roles", a.roles)
		u.Set("position", "Chuyên viên")
		u.Set("unit", a.unit.Id)
		u.Set("active", true) // the template is built without the hooks that set it
		if err := app.Save(u); err != nil {
			return err
		}
		ids[a.email] = u.Id
	}
	// what the account hooks do when an account is made with the role
	// secretariat or chairman: the initiatives' rule names it
	if err := readers.SetRule(app); err != nil {
		return err
	}
	councils, err := app.FindCollectionByNameOrId("councils")
	if err != nil {
		return err
	}
	council := core.NewRecord(councils)
	council.Set("round", round.Id)
	council.Set("name", "Hội đồng đánh giá sáng kiến phường")
	if err := app.Save(council); err != nil {
		return err
	}
	members, err := app.FindCollectionByNameOrId("council_members")
	if err != nil {
		return err
	}
	seats := []struct{ email, position string }{
		{emailChair, "chair"}, {memberEmails[0], "secretary"}, {memberEmails[1], "member"}, {memberEmails[2], "member"},
	}
	for _, s := range seats {
		m := core.NewRecord(members)
		m.Set("council", council.Id)
		m.Set("user", ids[s.email])
		m.Set("position", s.position)
		m.Set("votes", true)
		if err := app.Save(m); err != nil {
			return err
		}
	}
	supers, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return err
	}
	su := core.NewRecord(supers)
	su.SetEmail(emailSuperuser)
	su.SetPassword(Password)
	return app.Save(su)
}

// loadWard finds the known ward's records in app.
func loadWard(app *tests.TestApp) (*Ward, error) {
	w := &Ward{App: app, Fields: map[string]*core.Record{}}
	var err error
	find := func(dst **core.Record, col, email string) {
		if err == nil {
			*dst, err = app.FindAuthRecordByEmail(col, email)
		}
	}
	find(&w.StaffA, "users", emailStaffA)
	find(&w.StaffA2, "users", emailStaffA2)
	find(&w.StaffB, "users", emailStaffB)
	find(&w.HeadA, "users", emailHeadA)
	find(&w.HeadB, "users", emailHeadB)
	find(&w.Secretariat, "users", emailSecretariat)
	find(&w.Chairman, "users", emailChairman)
	find(&w.Chair, "users", emailChair)
	find(&w.Superuser, core.CollectionNameSuperusers, emailSuperuser)
	w.Members = make([]*core.Record, len(memberEmails))
	for i, e := range memberEmails {
		find(&w.Members[i], "users", e)
	}
	if err != nil {
		return nil, err
	}
	if w.UnitA, err = app.FindFirstRecordByData("units", "code", "VP"); err != nil {
		return nil, err
	}
	if w.UnitB, err = app.FindFirstRecordByData("units", "code", "TYT"); err != nil {
		return nil, err
	}
	rounds, err := app.FindAllRecords("rounds")
	if err != nil || len(rounds) == 0 {
		return nil, fmt.Errorf("testkit: no round: %v", err)
	}
	w.Round = rounds[0]
	if w.Council, err = app.FindFirstRecordByData("councils", "round", w.Round.Id); err != nil {
		return nil, err
	}
	fields, err := app.FindAllRecords("fields")
	if err != nil {
		return nil, err
	}
	for _, f := range fields {
		w.Fields[f.GetString("code")] = f
	}
	return w, nil
}

// User saves a ward account with the given roles in unit (nil for none).
func (w *Ward) User(t testing.TB, email, name string, unit *core.Record, roles ...string) *core.Record {
	t.Helper()
	users, err := w.App.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	u := core.NewRecord(users)
	u.SetEmail(email)
	u.SetPassword(Password)
	u.SetVerified(true)
	u.Set("name", name)
	u.Set("roles", roles)
	u.Set("position", "Chuyên viên")
	if unit != nil {
		u.Set("unit", unit.Id)
	}
	if err := w.App.Save(u); err != nil {
		t.Fatal(err)
	}
	return u
}

// AddMember seats user on the ward's council in position, with a vote.
func (w *Ward) AddMember(t testing.TB, user *core.Record, position string) *core.Record {
	t.Helper()
	return Save(t, w.App, "council_members", map[string]any{
		"council": w.Council.Id, "user": user.Id, "position": position, "votes": true,
	})
}

// Initiative saves an initiative of owner's unit directly (no API, no
// hooks' request checks) with the given status and a complete form; extra
// sets more fields. Use it to put the world in a state; use the API to test
// how it gets there.
func (w *Ward) Initiative(t testing.TB, owner *core.Record, status string, extra map[string]any) *core.Record {
	t.Helper()
	col, err := w.App.FindCollectionByNameOrId("initiatives")
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Set("round", w.Round.Id)
	r.Set("unit", owner.GetString("unit"))
	r.Set("owner", owner.Id)
	r.Set("field", w.Fields["c"].Id)
	r.Set("title", "Số hóa hồ sơ một cửa của "+owner.GetString("name"))
	r.Set("summary", "Tóm tắt sáng kiến.")
	r.Set("solution", "Nội dung giải pháp.")
	r.Set("benefits", "Rút ngắn thời gian giải quyết hồ sơ.")
	r.Set("first_applied", time.Now().AddDate(0, -2, 0))
	r.Set("authors", []map[string]any{{
		"name": owner.GetString("name"), "position": "Chuyên viên", "workplace": "UBND phường",
		"share": 100, "user": owner.Id,
	}})
	r.Set("author_users", []string{owner.Id})
	r.Set("status", status)
	if status != "draft" {
		r.Set("submitted_at", time.Now().Add(-time.Hour))
	}
	for k, v := range extra {
		r.Set(k, v)
	}
	if err := w.App.Save(r); err != nil {
		t.Fatal(err)
	}
	return r
}

// Token returns an auth token for a ward account or a superuser.
func Token(t testing.TB, r *core.Record) string {
	t.Helper()
	tok, err := r.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
