package hooks

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// backupNames lists the backups in app's backups storage.
func backupNames(t *testing.T, app core.App) []string {
	t.Helper()
	fsys, err := app.NewBackupsFilesystem()
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	objs, err := fsys.List("")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range objs {
		names = append(names, o.Key)
	}
	return names
}

// TestUpgradeBacksUpBeforeMigrations: a ward's folder on which a newer
// version finds a migration not yet applied gets a backup first; a folder
// that is up to date, or that holds no ward yet, gets none.
func TestUpgradeBacksUpBeforeMigrations(t *testing.T) {
	t.Parallel()
	loadCatalog(t)
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	out := new(bytes.Buffer)
	app.Store().Set(bootOutputKey, &bootOutput{Stdout: out, Stderr: out})
	if name, err := backupBeforeUpgrade(app); err != nil || name != "" {
		t.Fatalf("up to date: backup %q, err %v; want none", name, err)
	}

	// the folder as the previous version left it: the backups' schedule
	// (a migration that may run again) not applied yet.
	last := upgradeMigration(t)
	if _, err := app.DB().Delete(core.DefaultMigrationsTable, dbx.HashExp{"file": last}).Execute(); err != nil {
		t.Fatal(err)
	}
	name, err := backupBeforeUpgrade(app)
	if err != nil || !strings.HasPrefix(name, "truoc_nang_cap_") {
		t.Fatalf("pending %s: backup %q, err %v", last, name, err)
	}
	if got := backupNames(t, app); len(got) != 1 || got[0] != name {
		t.Errorf("backups = %v, want [%s]", got, name)
	}
	if !strings.Contains(out.String(), name) {
		t.Errorf("start-up output %q does not name the backup", out)
	}

	fresh := openDataDir(t, t.TempDir())
	if name, err := backupBeforeUpgrade(fresh); err != nil || name != "" {
		t.Errorf("a new folder: backup %q, err %v; want none", name, err)
	}
}

// upgradeMigration is the migration the upgrade tests pretend is new: the
// backups' schedule, harmless to run twice.
func upgradeMigration(t *testing.T) string {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == "1765300000_schedule_backups.go" {
			return m.File
		}
	}
	t.Fatal("no migration 1765300000_schedule_backups.go")
	return ""
}
