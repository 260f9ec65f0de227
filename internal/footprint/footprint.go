// Package footprint keeps the program small in memory on a ward's small
// machine. Two things decide how much a busy moment (the whole year's
// Excel export of a large round) holds: SQLite's page cache, which every
// pooled connection fills and keeps, and the headroom Go's collector
// leaves above the live heap. Both are set here, once, for the server and
// for the tests and benchmarks that measure it.
package footprint

import (
	"fmt"
	"os"
	"runtime/debug"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/stmtcache"
)

// CacheKiB is each SQLite connection's page cache, in KiB: SQLite's own
// default, where PocketBase asks for 32,000. A connection keeps its cache
// while it idles in the pool, so with PocketBase's 32 MB a few readers of
// a large round hold a hundred megabytes more for good; pages it no longer
// caches are still in the system's file cache.
const CacheKiB = 2000

// MemoryLimit is the soft limit on the memory Go manages, applied by
// LimitMemory unless GOMEMLIMIT says otherwise. It is soft: past it the
// collector works harder (never more than about half the CPU), nothing
// fails.
const MemoryLimit = 80 << 20

// AutoCheckpointPages is the size of the write-ahead log, in pages, at
// which the commit that reaches it copies the log into the database file
// (SQLite's default: 1,000). A serving program copies it far more often,
// outside any commit (hooks' startCheckpoints); this is the backstop, and
// the whole behaviour of the command-line tools.
const AutoCheckpointPages = 8000

// StatementsPerConn is how many prepared statements each SQLite
// connection keeps (internal/stmtcache): more than the distinct SQL texts
// one connection runs for a draft's create, its submit and the lists
// staff, unit heads, council and secretariat open.
const StatementsPerConn = 64

// pragmas are PocketBase's own connection settings (core.DefaultDBConnect)
// with the smaller page cache and the later automatic checkpoint.
var pragmas = fmt.Sprintf("?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)"+
	"&_pragma=journal_size_limit(200000000)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(ON)"+
	"&_pragma=temp_store(MEMORY)&_pragma=cache_size(-%d)&_pragma=wal_autocheckpoint(%d)&_defensive=1",
	CacheKiB, AutoCheckpointPages)

// DSN is the modernc data source name of the SQLite database at dbPath
// with the program's settings.
func DSN(dbPath string) string { return dbPath + pragmas }

// DBConnect opens the SQLite database at dbPath as PocketBase does, with
// a page cache of CacheKiB per connection, through connections that keep
// up to StatementsPerConn prepared statements (internal/stmtcache). dbx
// is told the driver is "sqlite" so that it builds SQLite's SQL;
// PocketBase reads nothing else from the driver.
var DBConnect core.DBConnectFunc = func(dbPath string) (*dbx.DB, error) {
	db, err := stmtcache.Open(DSN(dbPath), StatementsPerConn)
	if err != nil {
		return nil, err
	}
	return dbx.NewFromDB(db, "sqlite"), nil
}

// LimitMemory sets the soft memory limit to MemoryLimit unless the
// GOMEMLIMIT environment variable sets one; it returns the limit in force.
func LimitMemory() int64 {
	if os.Getenv("GOMEMLIMIT") != "" {
		return debug.SetMemoryLimit(-1)
	}
	debug.SetMemoryLimit(MemoryLimit)
	return MemoryLimit
}
