package hooks

import (
	"bytes"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"sangkien/internal/apitest"
	"sangkien/internal/clock"
	"sangkien/internal/i18n"
	_ "sangkien/migrations"
)

// These tests are internal (package hooks) to read what the start prints; they
// cannot import testkit (it imports hooks), so they make their own app.

// noAdminEnv sets SANGKIEN_ADMIN_EMAIL and SANGKIEN_ADMIN_PASSWORD empty for
// app, as on a machine where the operator set neither: the first start
// makes admin@sangkien.local with a generated password.
func noAdminEnv(app core.App) {
	setEnv(app, "SANGKIEN_ADMIN_EMAIL", "")
	setEnv(app, "SANGKIEN_ADMIN_PASSWORD", "")
}

// testSite returns ../pb_public ready to serve, read once per test binary
// for every app these tests open.
func testSite(t *testing.T) *Site {
	t.Helper()
	sharedSite.once.Do(func() { sharedSite.site, sharedSite.err = NewSite(os.DirFS("../pb_public")) })
	if sharedSite.err != nil {
		t.Fatal(sharedSite.err)
	}
	return sharedSite.site
}

var sharedSite struct {
	once sync.Once
	site *Site
	err  error
}

// newFirstRunApp returns a fresh app on an empty folder: migrations applied
// (the seeded ward is there), hooks registered, no account at all.
func newFirstRunApp(t *testing.T) core.App {
	t.Helper()
	return newFirstRunAppAt(t, time.Time{})
}

// newFirstRunAppAt is newFirstRunApp with the app's clock stopped at at
// (the real clock when at is zero) from before the migrations run. On the
// real clock the folder is a copy of one migrated once per test binary
// (migratedFolder): the same database the migrations leave, without
// running them again for every test.
func newFirstRunAppAt(t *testing.T, at time.Time) core.App {
	t.Helper()
	dir := t.TempDir()
	if at.IsZero() {
		if err := os.CopyFS(dir, os.DirFS(migratedFolder(t))); err != nil {
			t.Fatal(err)
		}
	}
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, EncryptionEnv: "pb_test_env"})
	if !at.IsZero() {
		clock.Of(app).Set(at)
	}
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	// ends as the program does: the terminate event (which stops the
	// serving goroutines and waits for them), then the reset.
	t.Cleanup(func() {
		_ = app.OnTerminate().Trigger(&core.TerminateEvent{App: app}, func(e *core.TerminateEvent) error {
			return app.ResetBootstrapState()
		})
	})
	if err := app.RunAllMigrations(); err != nil {
		t.Fatal(err)
	}
	if err := testSite(t).Register(app); err != nil {
		t.Fatal(err)
	}
	return app
}

// migrated is the folder of migratedFolder, made once per test binary.
var migrated struct {
	once sync.Once
	dir  string
	err  error
}

// migratedFolder returns a folder where every migration ran on the real
// clock, no hook registered, nothing else done (its databases'
// write-ahead logs checkpointed, so a copy holds every write).
func migratedFolder(t *testing.T) string {
	t.Helper()
	migrated.once.Do(func() {
		migrated.dir, migrated.err = os.MkdirTemp("", "sangkien_firstrun_")
		if migrated.err != nil {
			return
		}
		app := core.NewBaseApp(core.BaseAppConfig{DataDir: migrated.dir, EncryptionEnv: "pb_test_env"})
		if migrated.err = app.Bootstrap(); migrated.err != nil {
			return
		}
		defer app.ResetBootstrapState()
		if migrated.err = app.RunAllMigrations(); migrated.err != nil {
			return
		}
		for _, db := range []dbx.Builder{app.DB(), app.AuxDB()} {
			if _, migrated.err = db.NewQuery("PRAGMA wal_checkpoint(TRUNCATE)").Execute(); migrated.err != nil {
				return
			}
		}
	})
	if migrated.err != nil {
		t.Fatal(migrated.err)
	}
	return migrated.dir
}

// serve triggers the serve event as `sangkien serve --http addr` does and
// returns what firstRun printed and the app's HTTP handler.
func serve(t *testing.T, app core.App, addr string) (string, http.Handler) {
	t.Helper()
	out := new(bytes.Buffer)
	app.Store().Set(bootOutputKey, &bootOutput{Stdout: out, Stderr: os.Stderr})
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	se := &core.ServeEvent{App: app, Router: router}
	if addr != "" {
		se.Server = &http.Server{Addr: addr}
	}
	err = app.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		var err error
		mux, err = e.Router.BuildMux()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), mux
}

// login posts identity and password to collection's auth-with-password and
// returns the status and the answer.
func login(t testing.TB, h http.Handler, collection, identity, password string) (int, map[string]any) {
	t.Helper()
	return apitest.Send(t, h, http.MethodPost, "/api/collections/"+collection+"/auth-with-password",
		apitest.JSON(map[string]string{"identity": identity, "password": password})).StatusJSON()
}

// printedPassword finds the password line of firstRun's output.
func printedPassword(t *testing.T, out string) string {
	t.Helper()
	label := i18n.T("firstrun.password") + ":"
	for line := range strings.Lines(out) {
		if f := strings.Fields(line); strings.HasPrefix(strings.TrimSpace(line), label) && len(f) > 0 {
			return f[len(f)-1]
		}
	}
	t.Fatalf("no password line in:\n%s", out)
	return ""
}

// checkLogins asserts that email/password opens both the dashboard
// (superuser) and the ward pages (a staff + secretariat account of VH-XH).
func checkLogins(t *testing.T, app core.App, h http.Handler, email, password string) {
	t.Helper()
	status, res := login(t, h, core.CollectionNameSuperusers, email, password)
	if status != http.StatusOK || res["token"] == "" {
		t.Errorf("superuser login: %d %v", status, res)
	}
	status, res = login(t, h, "users", email, password)
	if status != http.StatusOK || res["token"] == "" {
		t.Fatalf("ward account login: %d %v", status, res)
	}
	u, err := app.FindAuthRecordByEmail("users", email)
	if err != nil {
		t.Fatal(err)
	}
	vhxh, err := app.FindFirstRecordByData("units", "code", "VHXH")
	if err != nil {
		t.Fatal(err)
	}
	if roles := u.GetStringSlice("roles"); !slices.Equal(roles, []string{"staff", "secretariat"}) {
		t.Errorf("roles %v", roles)
	}
	if u.GetString("unit") != vhxh.Id || !u.Verified() {
		t.Errorf("unit %q verified %v", u.GetString("unit"), u.Verified())
	}
	if status, _ := login(t, h, "users", email, password+"x"); status != http.StatusBadRequest {
		t.Errorf("wrong password: %d", status)
	}
}

func TestFirstRunPrintsGeneratedPassword(t *testing.T) {
	t.Parallel()
	app := newFirstRunApp(t)
	noAdminEnv(app)
	out, h := serve(t, app, "0.0.0.0:8090")
	for _, want := range []string{
		i18n.T("firstrun.title"), "http://127.0.0.1:8090/_/", "http://127.0.0.1:8090/",
		"admin@sangkien.local", i18n.T("firstrun.note"),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	password := printedPassword(t, out)
	if len(password) != 16 {
		t.Errorf("password %q: want 16 characters", password)
	}
	checkLogins(t, app, h, "admin@sangkien.local", password)

	// a second start (a copy of the same folder) prints nothing, adds nobody.
	restarted, err := tests.NewTestApp(app.DataDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(restarted.Cleanup)
	noAdminEnv(restarted)
	if err := testSite(t).Register(restarted); err != nil {
		t.Fatal(err)
	}
	if again, _ := serve(t, restarted, "0.0.0.0:8090"); again != "" {
		t.Errorf("second start printed:\n%s", again)
	}
	for _, c := range []string{core.CollectionNameSuperusers, "users"} {
		if n, _ := restarted.CountRecords(c); n != 1 {
			t.Errorf("%s: %d accounts, want 1", c, n)
		}
	}
}

func TestFirstRunHonoursEnvironment(t *testing.T) {
	t.Parallel()
	app := newFirstRunApp(t)
	setEnv(app, "SANGKIEN_ADMIN_EMAIL", "  quantri@phuong.test ")
	setEnv(app, "SANGKIEN_ADMIN_PASSWORD", "Mat-khau-rieng-2025")
	out, h := serve(t, app, "127.0.0.1:9000")
	if !strings.Contains(out, "quantri@phuong.test") || !strings.Contains(out, "http://127.0.0.1:9000/_/") {
		t.Errorf("output:\n%s", out)
	}
	// a password the operator chose is never printed.
	if strings.Contains(out, "Mat-khau-rieng-2025") || !strings.Contains(out, "(SANGKIEN_ADMIN_PASSWORD)") {
		t.Errorf("output shows the password:\n%s", out)
	}
	checkLogins(t, app, h, "quantri@phuong.test", "Mat-khau-rieng-2025")
}

func TestFirstRunDoesNothingWhenASuperuserExists(t *testing.T) {
	t.Parallel()
	app := newFirstRunApp(t)
	noAdminEnv(app)
	col, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		t.Fatal(err)
	}
	su := core.NewRecord(col)
	su.SetEmail("it@phuong.test")
	su.SetPassword("matkhau123")
	if err := app.Save(su); err != nil {
		t.Fatal(err)
	}
	out, _ := serve(t, app, ":8090")
	if out != "" {
		t.Errorf("printed:\n%s", out)
	}
	if n, _ := app.CountRecords(core.CollectionNameSuperusers); n != 1 {
		t.Errorf("superusers %d, want 1", n)
	}
	if n, _ := app.CountRecords("users"); n != 0 {
		t.Errorf("ward accounts %d, want 0", n)
	}
}

func TestFirstRunSkipsTestRouters(t *testing.T) {
	t.Parallel()
	app := newFirstRunApp(t)
	// no server: a test's router (tests.ApiScenario), not a real start.
	if out, _ := serve(t, app, ""); out != "" {
		t.Errorf("printed:\n%s", out)
	}
	if n, _ := app.CountRecords(core.CollectionNameSuperusers); n != 0 {
		t.Errorf("superusers %d, want 0", n)
	}
}

func TestCreateFirstAccounts(t *testing.T) {
	t.Parallel()
	t.Run("keeps an existing ward account with that e-mail", func(t *testing.T) {
		app := newFirstRunApp(t)
		col, _ := app.FindCollectionByNameOrId("users")
		u := core.NewRecord(col)
		u.SetEmail("vanthu@phuong.test")
		u.SetPassword("matkhau-cu-123")
		u.Set("name", "Đỗ Thị Giang")
		u.Set("roles", []string{"staff", "chairman"})
		if err := app.Save(u); err != nil {
			t.Fatal(err)
		}
		if err := createFirstAccounts(app, "vanthu@phuong.test", "matkhau-moi-456"); err != nil {
			t.Fatal(err)
		}
		su, err := app.FindAuthRecordByEmail(core.CollectionNameSuperusers, "vanthu@phuong.test")
		if err != nil || !su.ValidatePassword("matkhau-moi-456") {
			t.Errorf("superuser %v", err)
		}
		kept, err := app.FindAuthRecordByEmail("users", "vanthu@phuong.test")
		if err != nil {
			t.Fatal(err)
		}
		if !kept.ValidatePassword("matkhau-cu-123") || kept.GetString("name") != "Đỗ Thị Giang" ||
			!slices.Equal(kept.GetStringSlice("roles"), []string{"staff", "chairman"}) {
			t.Errorf("existing account changed: %v", kept.PublicExport())
		}
		if n, _ := app.CountRecords("users"); n != 1 {
			t.Errorf("ward accounts %d, want 1", n)
		}
	})
	t.Run("saves nothing when the e-mail is invalid", func(t *testing.T) {
		app := newFirstRunApp(t)
		if err := createFirstAccounts(app, "khong-phai-email", "matkhau-moi-456"); err == nil {
			t.Fatal("want an error")
		}
		for _, c := range []string{core.CollectionNameSuperusers, "users"} {
			if n, _ := app.CountRecords(c); n != 0 {
				t.Errorf("%s: %d accounts, want 0", c, n)
			}
		}
	})
	t.Run("saves nothing when the password is too short", func(t *testing.T) {
		app := newFirstRunApp(t)
		if err := createFirstAccounts(app, "quantri@phuong.test", "123"); err == nil {
			t.Fatal("want an error")
		}
		for _, c := range []string{core.CollectionNameSuperusers, "users"} {
			if n, _ := app.CountRecords(c); n != 0 {
				t.Errorf("%s: %d accounts, want 0", c, n)
			}
		}
	})
}

// newFirstRunTestApp is newFirstRunApp on PocketBase's test app, for tests
// that read the mail it sends (TestMailer); its clock is the real one.
func newFirstRunTestApp(t *testing.T) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	if err := testSite(t).Register(app); err != nil {
		t.Fatal(err)
	}
	return app
}
