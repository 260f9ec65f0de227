package migrations_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/dbutils"

	"sangkien/internal/clock"
	"sangkien/internal/demo"
	"sangkien/internal/footprint"
	"sangkien/internal/testkit"
	_ "sangkien/migrations"
)

// wardCollections are the collections of the REST contract (docs/domain.md)
// besides users, which PocketBase makes and the migrations extend.
var wardCollections = []string{
	"units", "fields", "rounds", "criteria", "extensions", "initiatives", "councils",
	"council_members", "scores", "decisions", "audit_log", "organization",
}

// bareApp returns an app on dir bootstrapped as PocketBase does before
// `serve`: its own system migrations applied, none of ours; at, when
// given, stops the app's clock there before anything runs.
func bareApp(t *testing.T, dir string, at ...time.Time) *core.BaseApp {
	t.Helper()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, DBConnect: footprint.DBConnect})
	for _, at := range at {
		clock.Of(app).Set(at)
	}
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app.ResetBootstrapState() })
	return app
}

// ourFiles are the names of our migrations, in the order they run.
func ourFiles() []string {
	var files []string
	for _, m := range core.AppMigrations.Items() {
		files = append(files, m.File)
	}
	return files
}

// upTo applies our migrations up to and including file.
func upTo(t *testing.T, app core.App, file string) []string {
	t.Helper()
	var list core.MigrationsList
	for _, m := range core.AppMigrations.Items() {
		if m.File <= file {
			list.Add(m)
		}
	}
	applied, err := core.NewMigrationsRunner(app, list).Up()
	if err != nil {
		t.Fatal(err)
	}
	return applied
}

// upAll applies every migration of ours not yet applied.
func upAll(t *testing.T, app core.App) []string {
	t.Helper()
	applied, err := core.NewMigrationsRunner(app, core.AppMigrations).Up()
	if err != nil {
		t.Fatal(err)
	}
	return applied
}

// appAt returns a bare app on a copy of a folder left at our migration
// file (it and every one before it applied, none after; "" for none of
// ours): what a program of that day left behind.
func appAt(t *testing.T, file string) *core.BaseApp {
	t.Helper()
	chain.once.Do(func() { chain.err = buildChain() })
	if chain.err != nil {
		t.Fatal(chain.err)
	}
	i := 0
	if file != "" {
		if i = slices.Index(ourFiles(), file) + 1; i == 0 {
			t.Fatalf("no migration %s", file)
		}
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(chain.dirs[i])); err != nil {
		t.Fatal(err)
	}
	return bareApp(t, dir)
}

// chain holds the folders of appAt, made once per test binary: one folder
// taken through our migrations one at a time, copied before the first and
// after each (dirs[i]: the first i applied).
var chain struct {
	once sync.Once
	root string
	dirs []string
	err  error
}

// buildChain makes chain's folders; each step must apply exactly its own
// migration.
func buildChain() error {
	root, err := os.MkdirTemp("", "sangkien_migrations_")
	if err != nil {
		return err
	}
	chain.root = root
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: filepath.Join(root, "work"), DBConnect: footprint.DBConnect})
	if err := app.Bootstrap(); err != nil {
		return err
	}
	defer app.ResetBootstrapState()
	save := func() error {
		dir := filepath.Join(root, fmt.Sprint(len(chain.dirs)))
		chain.dirs = append(chain.dirs, dir)
		return testkit.Snapshot(app, dir)
	}
	if err := save(); err != nil {
		return err
	}
	var list core.MigrationsList
	for _, m := range core.AppMigrations.Items() {
		list.Add(m)
		applied, err := core.NewMigrationsRunner(app, list).Up()
		if err != nil {
			return err
		}
		if !slices.Equal(applied, []string{m.File}) {
			return fmt.Errorf("the start after %s applied %v", m.File, applied)
		}
		if err := save(); err != nil {
			return err
		}
	}
	return nil
}

// demoWard returns a fresh app holding the demo ward filled as of
// 7/12/2026 03:00 UTC. The ward is filled once per test binary into a
// template folder that every call copies, so a test may change anything.
func demoWard(t *testing.T) *tests.TestApp {
	t.Helper()
	demoTemplate.once.Do(func() { demoTemplate.dir, demoTemplate.err = fillDemoTemplate() })
	if demoTemplate.err != nil {
		t.Fatal(demoTemplate.err)
	}
	app, err := testkit.OpenApp(demoTemplate.dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	return app
}

// demoTemplate is the folder demoWard copies, filled once per test binary.
var demoTemplate struct {
	once sync.Once
	dir  string
	err  error
}

// fillDemoTemplate fills the demo ward in a fresh app and keeps a copy of
// its data folder.
func fillDemoTemplate() (string, error) {
	app, err := testkit.OpenFreshApp()
	if err != nil {
		return "", err
	}
	defer app.Cleanup()
	if _, err := demo.Fill(app, time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC)); err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "sangkien_demo_")
	if err != nil {
		return "", err
	}
	return dir, testkit.Snapshot(app, dir)
}

// TestMain runs the tests, then removes appAt's folders, the demo ward's
// template and the known ward's.
func TestMain(m *testing.M) {
	code := m.Run()
	if chain.root != "" {
		os.RemoveAll(chain.root)
	}
	if demoTemplate.dir != "" {
		os.RemoveAll(demoTemplate.dir)
	}
	testkit.RemoveTemplate()
	os.Exit(code)
}

// uniqueIndexes are the unique indexes the process relies on: one unit per
// code, one field per code, one round per year, one initiative per code,
// one sheet per member and initiative, one seat per person and council.
var uniqueIndexes = []struct {
	table, name, columns, where string
}{
	{"units", "idx_units_code", "code", ""},
	{"fields", "idx_fields_code", "code", ""},
	{"rounds", "idx_rounds_year", "year", ""},
	{"criteria", "idx_criteria_round_code", "round,code", ""},
	{"extensions", "idx_extensions_round_unit", "round,unit", ""},
	{"initiatives", "idx_initiatives_code", "code", "code != ''"},
	{"scores", "idx_scores_initiative_member", "initiative,member", ""},
	{"council_members", "idx_council_members_council_user", "council,user", ""},
}

// checkSchema asserts that every ward collection exists with its unique
// indexes in the database itself, and that the seeded ward is there.
func checkSchema(t *testing.T, app core.App) {
	t.Helper()
	for _, name := range append([]string{"users"}, wardCollections...) {
		if _, err := app.FindCollectionByNameOrId(name); err != nil {
			t.Errorf("collection %s: %v", name, err)
		}
	}
	for _, want := range uniqueIndexes {
		var sql string
		err := app.DB().NewQuery("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = {:t} AND name = {:n}").
			Bind(map[string]any{"t": want.table, "n": want.name}).Row(&sql)
		if err != nil {
			t.Errorf("index %s on %s: %v", want.name, want.table, err)
			continue
		}
		idx := dbutils.ParseIndex(sql)
		var cols []string
		for _, c := range idx.Columns {
			cols = append(cols, c.Name)
		}
		if !idx.Unique || strings.Join(cols, ",") != want.columns || idx.Where != want.where {
			t.Errorf("index %s: %s", want.name, sql)
		}
	}
	for name, n := range map[string]int64{"fields": 8, "units": 6, "rounds": 1, "criteria": 4, "organization": 1} {
		if got, err := app.CountRecords(name); err != nil || got != n {
			t.Errorf("%s: %d seeded records (%v), want %d", name, got, err, n)
		}
	}
}

func TestMigrationsOnEmptyFolder(t *testing.T) {
	t.Parallel()
	app := bareApp(t, t.TempDir())
	if applied := upAll(t, app); !slices.Equal(applied, ourFiles()) {
		t.Errorf("applied %v, want %v", applied, ourFiles())
	}
	checkSchema(t, app)

	// the indexes hold: a second unit VP and a second round of the year fail.
	units, _ := app.FindCollectionByNameOrId("units")
	dup := core.NewRecord(units)
	dup.Set("name", "Văn phòng (trùng)")
	dup.Set("code", "VP")
	dup.Set("kind", "department")
	if err := app.Save(dup); err == nil || !strings.Contains(err.Error(), "code") {
		t.Errorf("a second unit with code VP: %v", err)
	}
	rounds, _ := app.FindAllRecords("rounds")
	again := core.NewRecord(rounds[0].Collection())
	again.Load(rounds[0].FieldsData())
	again.Id = ""
	if err := app.Save(again); err == nil || !strings.Contains(err.Error(), "year") {
		t.Errorf("a second round of the same year: %v", err)
	}

	// a migration applied is not applied twice.
	if applied := upAll(t, app); len(applied) != 0 {
		t.Errorf("second run applied %v", applied)
	}
}

func TestMigrationsFromEachPreviousMigration(t *testing.T) {
	files := ourFiles()
	// a folder left at each earlier migration (appAt: taken there one
	// migration at a time) takes the rest on the next start. Each folder
	// is its own: the cases run in parallel.
	for i, last := range files[:len(files)-1] {
		t.Run("from "+last, func(t *testing.T) {
			t.Parallel()
			app := appAt(t, last)
			if applied := upAll(t, app); !slices.Equal(applied, files[i+1:]) {
				t.Errorf("second start applied %v, want %v", applied, files[i+1:])
			}
			checkSchema(t, app)
		})
	}
	// the collections come first: at 1764000000 they exist and are empty.
	app := appAt(t, "1764000000_create_collections.go")
	for _, name := range wardCollections {
		if n, err := app.CountRecords(name); err != nil || n != 0 {
			t.Errorf("%s: %d records (%v) before the seed", name, n, err)
		}
	}
}

func TestMigrationsDown(t *testing.T) {
	t.Parallel()
	files := ourFiles()
	app := appAt(t, files[len(files)-1])
	// PocketBase removes a deleted collection's files in a background
	// goroutine that reads the settings, while a later down step reloads
	// them: a data race inside PocketBase v0.40.4 (core/base.go, files
	// manager vs ReloadSettings) that the race detector reports. The
	// folder holds no files here, so that cleanup is switched off.
	app.OnModelAfterDeleteSuccess().Unbind("__pbFilesManagerDelete__")
	reverted, err := core.NewMigrationsRunner(app, core.AppMigrations).Down(len(files))
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(files)
	slices.Reverse(want)
	if !slices.Equal(reverted, want) {
		t.Errorf("reverted %v, want %v", reverted, want)
	}
	for _, name := range wardCollections {
		if _, err := app.FindCollectionByNameOrId(name); err == nil {
			t.Errorf("collection %s is still there", name)
		}
		var n int
		app.DB().NewQuery("SELECT count(*) FROM sqlite_master WHERE tbl_name = {:t}").Bind(map[string]any{"t": name}).Row(&n)
		if n != 0 {
			t.Errorf("table or index of %s is still there", name)
		}
	}

	// users is PocketBase's own again: same fields, indexes, rules, options.
	plain := appAt(t, "")
	if got, want := usersJSON(t, app), usersJSON(t, plain); got != want {
		t.Errorf("users after down:\n%s\nplain users:\n%s", got, want)
	}

	// and the way back up works on the reverted folder.
	if applied := upAll(t, app); !slices.Equal(applied, files) {
		t.Errorf("re-applied %v", applied)
	}
	checkSchema(t, app)
}

// usersJSON is the users collection's definition, without its timestamps.
func usersJSON(t *testing.T, app core.App) string {
	t.Helper()
	c, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(raw, &m)
	delete(m, "created")
	delete(m, "updated")
	out, _ := json.MarshalIndent(m, "", " ")
	return string(out)
}
