package footprint_test

import (
	"path/filepath"
	"runtime/debug"
	"testing"

	"sangkien/internal/footprint"
	"sangkien/internal/stmtcache"
)

// TestDBConnect checks that a connection has PocketBase's settings and the
// smaller page cache, and keeps its statements.
func TestDBConnect(t *testing.T) {
	db, err := footprint.DBConnect(filepath.Join(t.TempDir(), "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for pragma, want := range map[string]string{
		"cache_size": "-2000", "journal_mode": "wal", "foreign_keys": "1",
		"busy_timeout": "10000", "synchronous": "1", "temp_store": "2", "wal_autocheckpoint": "8000",
	} {
		var got string
		if err := db.NewQuery("PRAGMA " + pragma).Row(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %s, want %s", pragma, got, want)
		}
	}
	db.DB().SetMaxOpenConns(1)
	for range 4 { // kept at the second run, run again at the third and fourth
		var n int
		if err := db.NewQuery("SELECT {:a} + 1").Bind(map[string]any{"a": 1}).Row(&n); err != nil || n != 2 {
			t.Fatalf("SELECT 1 + 1: %d, %v", n, err)
		}
	}
	if s, ok := stmtcache.StatsOf(db.DB()); !ok || s.Hits < 2 {
		t.Errorf("statements %+v (a stmtcache database: %v); want the query run again on its statement", s, ok)
	}
	if db.DriverName() != "sqlite" {
		t.Errorf("dbx driver %q, want sqlite (its SQLite builder)", db.DriverName())
	}
}

// TestLimitMemory checks the default limit, and that GOMEMLIMIT wins.
func TestLimitMemory(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	t.Setenv("GOMEMLIMIT", "")
	if got := footprint.LimitMemory(); got != footprint.MemoryLimit || debug.SetMemoryLimit(-1) != footprint.MemoryLimit {
		t.Errorf("limit %d, want %d", got, footprint.MemoryLimit)
	}
	debug.SetMemoryLimit(1 << 30) // as the runtime would from GOMEMLIMIT=1GiB
	t.Setenv("GOMEMLIMIT", "1GiB")
	if got := footprint.LimitMemory(); got != 1<<30 {
		t.Errorf("limit %d with GOMEMLIMIT set, want 1 GiB", got)
	}
}
