package stmtcache

import (
	"context"
	"database/sql/driver"
	"path/filepath"
	"reflect"
	"testing"

	sqlite3 "modernc.org/sqlite/lib"
)

// reprepares returns how many times SQLite compiled again the statement
// kept on c for query (SQLITE_STMTSTATUS_REPREPARE), reading the handle
// of modernc's stmt as rawHandles reads its conn's.
func reprepares(t *testing.T, c *conn, query string) int32 {
	t.Helper()
	el, ok := c.kept[query]
	if !ok {
		t.Fatalf("%q is not kept", query)
	}
	st := reflect.ValueOf(el.Value.(*entry).st).Elem()
	f := st.FieldByName("pstmt")
	if !f.IsValid() || f.Kind() != reflect.Uintptr {
		t.Fatal("modernc's stmt has no pstmt handle")
	}
	h, err := rawHandles(c.inner)
	if err != nil {
		t.Fatal(err)
	}
	return sqlite3.Xsqlite3_stmt_status(h.tls, uintptr(f.Uint()), sqlite3.SQLITE_STMTSTATUS_REPREPARE, 0)
}

// A kept statement whose LIKE pattern is a parameter runs as compiled
// whatever pattern each run binds: every connection plans with the query
// planner stability guarantee. Without it (the control, the guarantee
// turned off on the connection) SQLite compiles the statement again at
// every run.
func TestKeptLikeStatementIsNotCompiledAgain(t *testing.T) {
	db, err := Open("file:"+filepath.Join(t.TempDir(), "q.db")+"?_pragma=journal_mode(WAL)", 8)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	sc, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer sc.Close()
	if _, err := sc.ExecContext(ctx, "CREATE TABLE t (readers TEXT)"); err != nil {
		t.Fatal(err)
	}
	for _, r := range []string{"a b", "b c", "c d"} {
		if _, err := sc.ExecContext(ctx, "INSERT INTO t VALUES (?)", r); err != nil {
			t.Fatal(err)
		}
	}
	const q = `SELECT count(*) FROM t WHERE readers LIKE ? ESCAPE '\'`
	run := func() {
		t.Helper()
		for i, want := range map[string]int{"%a%": 1, "%b%": 2, "%c%": 2, "%z%": 0} {
			var n int
			if err := sc.QueryRowContext(ctx, q, i).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != want {
				t.Fatalf("%s: %d rows, want %d", i, n, want)
			}
		}
	}
	var before, after int32
	raw := func(f func(c *conn)) {
		t.Helper()
		if err := sc.Raw(func(dc any) error { f(dc.(*conn)); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	raw(func(c *conn) {
		on, err := qpsgOn(c.inner)
		if err != nil || !on {
			t.Fatalf("query planner stability guarantee: %v, %v; want on", on, err)
		}
	})
	run()
	raw(func(c *conn) { before = reprepares(t, c, q) })
	run()
	raw(func(c *conn) { after = reprepares(t, c, q) })
	if after != before {
		t.Errorf("the kept statement was compiled again %d times in 4 runs, want 0", after-before)
	}

	raw(func(c *conn) {
		h, _ := rawHandles(c.inner)
		if on, err := h.dbConfig(sqlite3.SQLITE_DBCONFIG_ENABLE_QPSG, 0); err != nil || on {
			t.Fatalf("turning the guarantee off: %v, %v", on, err)
		}
		c.flush()
	})
	run()
	raw(func(c *conn) { before = reprepares(t, c, q) })
	run()
	raw(func(c *conn) { after = reprepares(t, c, q) })
	if after-before < 3 {
		t.Errorf("control: without the guarantee the statement was compiled again %d times in 4 runs, want at least 3", after-before)
	}
}

// qpsgOn reports whether the query planner stability guarantee is on for c.
func qpsgOn(c driver.Conn) (bool, error) {
	h, err := rawHandles(c)
	if err != nil {
		return false, err
	}
	return h.dbConfig(sqlite3.SQLITE_DBCONFIG_ENABLE_QPSG, -1)
}
