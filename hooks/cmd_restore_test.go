package hooks

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/filesystem"
)

// wardSnapshot is everything a data folder holds: every row of every table
// of data.db (PocketBase's own included) and every stored file's bytes.
type wardSnapshot struct {
	rows  map[string][]dbx.NullStringMap
	files map[string][]byte
}

// rowKey is a row's values in column order, for sorting.
func rowKey(r dbx.NullStringMap) string {
	cols := make([]string, 0, len(r))
	for c := range r {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	var b strings.Builder
	for _, c := range cols {
		b.WriteString(c + "=" + r[c].String + "\x00")
	}
	return b.String()
}

// snapshotWard reads app's database and storage folder.
func snapshotWard(t *testing.T, app core.App) wardSnapshot {
	t.Helper()
	s := wardSnapshot{rows: map[string][]dbx.NullStringMap{}, files: map[string][]byte{}}
	var tables []string
	if err := app.DB().NewQuery("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name").Column(&tables); err != nil {
		t.Fatal(err)
	}
	for _, name := range tables {
		var rows []dbx.NullStringMap
		if err := app.DB().NewQuery("SELECT * FROM [[" + name + "]]").All(&rows); err != nil {
			t.Fatal(name, err)
		}
		// in a stable order (some tables have no rowid to sort on).
		slices.SortFunc(rows, func(a, b dbx.NullStringMap) int { return strings.Compare(rowKey(a), rowKey(b)) })
		s.rows[name] = rows
	}
	storage := filepath.Join(app.DataDir(), core.LocalStorageDirName)
	filepath.WalkDir(storage, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(storage, path)
		s.files[rel] = b
		return nil
	})
	return s
}

// wardWithFile returns a fresh ward (migrations applied) holding an account
// and a council decision with its signed PDF.
func wardWithFile(t *testing.T) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	users, _ := app.FindCollectionByNameOrId("users")
	u := core.NewRecord(users)
	u.SetEmail("hoapt@hoankiem.test")
	u.SetPassword("mat-khau-123")
	u.Set("name", "Phạm Thị Hoa")
	u.Set("roles", []string{"staff"})
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	round, err := app.FindFirstRecordByFilter("rounds", "")
	if err != nil {
		t.Fatal(err)
	}
	decisions, _ := app.FindCollectionByNameOrId("decisions")
	d := core.NewRecord(decisions)
	d.Set("round", round.Id)
	d.Set("kind", "council")
	d.Set("number", "12/QĐ-UBND")
	pdf, err := filesystem.NewFileFromBytes([]byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"), "quyet-dinh.pdf")
	if err != nil {
		t.Fatal(err)
	}
	d.Set("file", pdf)
	if err := app.Save(d); err != nil {
		t.Fatal(err)
	}
	return app
}

// backupOf makes a PocketBase backup of app and copies it out of the data
// folder (the folder is then lost), returning the copy's path.
func backupOf(t *testing.T, app core.App) string {
	t.Helper()
	if err := app.CreateBackup(context.Background(), "tay.zip"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(app.DataDir(), core.LocalBackupsDirName, "tay.zip"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "tay.zip")
	if err := os.WriteFile(out, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

// compareSnapshots fails for every table or file that differs.
func compareSnapshots(t *testing.T, before, after wardSnapshot) {
	t.Helper()
	if len(before.files) == 0 {
		t.Fatal("the ward had no stored file to compare")
	}
	for name, rows := range before.rows {
		if !reflect.DeepEqual(rows, after.rows[name]) {
			t.Errorf("table %s: %d rows before, %d after, or values differ", name, len(rows), len(after.rows[name]))
		}
	}
	if len(before.rows) != len(after.rows) {
		t.Errorf("%d tables before, %d after", len(before.rows), len(after.rows))
	}
	for name, b := range before.files {
		if !bytes.Equal(b, after.files[name]) {
			t.Errorf("file %s differs after the restore (%d bytes before, %d after)", name, len(b), len(after.files[name]))
		}
	}
	if len(before.files) != len(after.files) {
		t.Errorf("%d files before, %d after", len(before.files), len(after.files))
	}
}

// TestBackupWipeRestore: a backup of a ward, the folder lost, `sangkien
// restore` into a new folder: every row of every table and every file's
// bytes are as they were.
func TestBackupWipeRestore(t *testing.T) {
	t.Parallel()
	app := wardWithFile(t)
	zip := backupOf(t, app)
	before := snapshotWard(t, app)
	app.Cleanup() // the machine's data folder is gone

	for _, fresh := range []bool{true, false} {
		dir := filepath.Join(t.TempDir(), "pb_data")
		target := openDataDir(t, dir) // what the program does before a command
		out := new(bytes.Buffer)
		if err := runRestore(target, out, restoreOptions{file: zip, fresh: fresh}); err != nil {
			t.Fatalf("fresh=%v: %v", fresh, err)
		}
		if !strings.Contains(out.String(), "Đã khôi phục") {
			t.Errorf("output = %q", out)
		}
		compareSnapshots(t, before, snapshotWard(t, openDataDir(t, dir)))
	}
}

// TestRestoreRefusesAFolderWithData: restoring over a folder that holds a
// ward's data is refused and changes nothing; with --replace it goes
// through and the old folder is kept aside, whole, its backups carried
// into the restored folder.
func TestRestoreRefusesAFolderWithData(t *testing.T) {
	t.Parallel()
	app := wardWithFile(t)
	zip := backupOf(t, app)
	before := snapshotWard(t, app)
	app.Cleanup()

	dir := filepath.Join(t.TempDir(), "pb_data")
	if err := runRestore(openDataDir(t, dir), new(bytes.Buffer), restoreOptions{file: zip, fresh: true}); err != nil {
		t.Fatal(err)
	}
	// the ward works on: a new account after the backup.
	live := openDataDir(t, dir)
	users, _ := live.FindCollectionByNameOrId("users")
	u := core.NewRecord(users)
	u.SetEmail("moi@hoankiem.test")
	u.SetPassword("mat-khau-123")
	u.Set("name", "Người mới")
	if err := live.Save(u); err != nil {
		t.Fatal(err)
	}
	if err := live.CreateBackup(context.Background(), "dem_qua.zip"); err != nil {
		t.Fatal(err)
	}

	err := runRestore(live, new(bytes.Buffer), restoreOptions{file: zip})
	if err == nil || !strings.Contains(err.Error(), "--replace") {
		t.Fatalf("restore over data: err = %v, want a refusal naming --replace", err)
	}
	again := openDataDir(t, dir)
	if _, err := again.FindAuthRecordByEmail("users", "moi@hoankiem.test"); err != nil {
		t.Fatalf("the refused restore changed the folder: %v", err)
	}

	out := new(bytes.Buffer)
	if err := runRestore(again, out, restoreOptions{file: zip, replace: true}); err != nil {
		t.Fatal(err)
	}
	compareSnapshots(t, before, snapshotWard(t, openDataDir(t, dir)))
	asides, _ := filepath.Glob(dir + ".truoc-khoi-phuc-*")
	if len(asides) != 1 || !strings.Contains(out.String(), asides[0]) {
		t.Fatalf("aside folders %v; output %q", asides, out)
	}
	old := openDataDir(t, asides[0])
	if _, err := old.FindAuthRecordByEmail("users", "moi@hoankiem.test"); err != nil {
		t.Errorf("the replaced data is not kept aside: %v", err)
	}
	if !pathExists(filepath.Join(dir, core.LocalBackupsDirName, "dem_qua.zip")) {
		t.Error("the replaced folder's backups are not in the restored folder")
	}
}

// TestRestoreRefusesAFolderThatIsNotOurs: a folder without ward data but
// with other things in it (a wrong --dir) is left alone.
func TestRestoreRefusesAFolderThatIsNotOurs(t *testing.T) {
	t.Parallel()
	app := wardWithFile(t)
	zip := backupOf(t, app)
	app.Cleanup()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bao-cao.docx"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := runRestore(openDataDir(t, dir), new(bytes.Buffer), restoreOptions{file: zip})
	if err == nil || !strings.Contains(err.Error(), "bao-cao.docx") {
		t.Fatalf("err = %v, want a refusal naming bao-cao.docx", err)
	}
	if !pathExists(filepath.Join(dir, "bao-cao.docx")) {
		t.Error("the folder's own file is gone")
	}
}
