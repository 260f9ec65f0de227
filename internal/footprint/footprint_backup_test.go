package footprint_test

import (
	"archive/zip"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	_ "modernc.org/sqlite"

	"sangkien/internal/stmtcache"
)

// TestBackupsOnAKeptStatementHoldEveryRow checks that PocketBase's
// backups (VACUUM INTO a bound path, on a reader connection) taken one
// after the other on one connection, the later ones on its kept
// statement, each hold every record saved before them.
func TestBackupsOnAKeptStatementHoldEveryRow(t *testing.T) {
	app, col := probes(t)
	readers := app.ConcurrentDB().(*dbx.DB).DB()
	readers.SetMaxOpenConns(1) // every backup on one reader connection
	for i := 1; i <= 4; i++ {
		rec := core.NewRecord(col)
		rec.Set("a", fmt.Sprint(i))
		if err := app.Save(rec); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("b%d.zip", i)
		if err := app.CreateBackup(context.Background(), name); err != nil {
			t.Fatal(err)
		}
		if n := countIn(t, filepath.Join(app.DataDir(), "backups", name)); n != i {
			t.Errorf("backup %d holds %d records, want %d", i, n, i)
		}
	}
	if s, _ := stmtcache.StatsOf(readers); s.Hits < 2 {
		t.Errorf("the later backups did not run on a kept statement: %+v", s)
	}
}

// countIn returns how many records the probes table of the backup at
// zipPath holds.
func countIn(t *testing.T, zipPath string) int {
	t.Helper()
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	dir := t.TempDir()
	for _, f := range zr.File {
		if f.Name != "data.db" {
			continue
		}
		r, _ := f.Open()
		w, _ := os.Create(filepath.Join(dir, "data.db"))
		io.Copy(w, r)
		w.Close()
		r.Close()
	}
	db, err := sql.Open("sqlite", filepath.Join(dir, "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM probes").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
