package stmtcache_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"modernc.org/sqlite"

	"sangkien/internal/footprint"
	"sangkien/internal/stmtcache"
)

// open returns the database at path (WAL, the program's settings) through
// connections keeping size statements, closed when the test ends.
func open(t *testing.T, path string, size int) *sql.DB {
	t.Helper()
	db, err := stmtcache.Open(footprint.DSN(path), size)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// plain returns the same database opened as PocketBase opens it, without
// the cache.
func plain(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", footprint.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func stats(t *testing.T, db *sql.DB) stmtcache.Stats {
	t.Helper()
	s, ok := stmtcache.StatsOf(db)
	if !ok {
		t.Fatal("not a stmtcache database")
	}
	return s
}

func mustExec(t *testing.T, db interface {
	Exec(string, ...any) (sql.Result, error)
}, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// all reads every row of query as strings.
func all(t *testing.T, db interface {
	Query(string, ...any) (*sql.Rows, error)
}, query string, args ...any) [][]string {
	t.Helper()
	rs, err := db.Query(query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rs.Close()
	return scan(t, rs)
}

func scan(t *testing.T, rs *sql.Rows) [][]string {
	t.Helper()
	cols, err := rs.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rs.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = fmt.Sprintf("%s %v", v.String, v.Valid)
		}
		out = append(out, row)
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestKeptStatementsAnswerAsNewOnes checks that queries and writes run
// again on kept statements give the rows, results and errors that a
// database without the cache gives, and that they were kept: on one
// connection a text is prepared at its first two runs (the second kept),
// the rest are hits.
func TestKeptStatementsAnswerAsNewOnes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data.db")
	db := open(t, path, 64)
	db.SetMaxOpenConns(1)
	mustExec(t, db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, n REAL, b BLOB); CREATE INDEX t_n ON t (n)")
	for i := range 50 {
		res, err := db.Exec("INSERT INTO t (name, n, b) VALUES (?, ?, ?)", fmt.Sprintf("n%02d", i), float64(i)/2, []byte{byte(i)})
		if err != nil {
			t.Fatal(err)
		}
		if id, _ := res.LastInsertId(); id != int64(i+1) {
			t.Fatalf("insert %d: last id %d", i, id)
		}
	}
	_, err := db.Exec("INSERT INTO t (name, n, b) VALUES (?, ?, ?)", "n07", 1, nil)
	_, errPlain := plain(t, path).Exec("INSERT INTO t (name, n, b) VALUES (?, ?, ?)", "n07", 1, nil)
	if err == nil || errPlain == nil || err.Error() != errPlain.Error() {
		t.Fatalf("duplicate name: %v, without the cache %v", err, errPlain)
	}
	res, err := db.Exec("UPDATE t SET n = n + ? WHERE n < ?", 100, 5)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 10 {
		t.Fatalf("update changed %d rows, want 10", n)
	}

	before := stats(t, db)
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{"SELECT id, name, n, b FROM t WHERE n > ? ORDER BY n LIMIT ?", []any{3, 7}},
		{"SELECT id, name, n, b FROM t WHERE n > ? ORDER BY n LIMIT ?", []any{20, 100}},
		{"SELECT id, name, n, b FROM t WHERE n > ? ORDER BY n LIMIT ?", []any{1000, 5}}, // no row
		{"SELECT count(*), sum(n) FROM t WHERE name LIKE ?", []any{"n1%"}},
		{"SELECT count(*), sum(n) FROM t WHERE name LIKE ?", []any{"n2%"}},
		{"SELECT name FROM t WHERE id IN (?, ?, ?) ORDER BY id", []any{3, 9, 27}},
	} {
		for range 3 {
			got, want := all(t, db, q.sql, q.args...), all(t, plain(t, path), q.sql, q.args...)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s %v: %v, without the cache %v", q.sql, q.args, got, want)
			}
		}
	}
	after := stats(t, db)
	if prepared, hits := after.Prepared-before.Prepared, after.Hits-before.Hits; prepared != 6 || hits != 12 {
		t.Errorf("18 queries of 3 texts: %d prepared, %d hits; want 6 and 12", prepared, hits)
	}
	if after.Hits < 48 {
		t.Errorf("the 50 inserts and the rest: %d hits", after.Hits)
	}

	// A script (several statements in one text) runs whole each time.
	for i := range 3 {
		mustExec(t, db, "INSERT INTO t (name) VALUES ('s' || ?1); UPDATE t SET n = ?1 WHERE name = 's' || ?1", i)
	}
	if got := all(t, db, "SELECT name, n FROM t WHERE name LIKE 's%' ORDER BY name"); len(got) != 3 || got[2][1] != "2 true" {
		t.Errorf("the script's rows: %v", got)
	}
}

// TestSameTextWhileRowsOpenPreparesAnother checks that a query asked again
// while its first rows are still open, in a loop over them or in one
// transaction, runs on a statement of its own, and that the text keeps one
// statement afterwards.
func TestSameTextWhileRowsOpenPreparesAnother(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "data.db"), 64)
	db.SetMaxOpenConns(1)
	mustExec(t, db, "CREATE TABLE t (x INTEGER)")
	for i := 1; i <= 5; i++ {
		mustExec(t, db, "INSERT INTO t VALUES (?)", i)
	}
	const q = "SELECT x FROM t WHERE x > ? ORDER BY x"
	all(t, db, q, 0) // the text is kept

	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	outer, err := tx.Query(q, 0)
	if err != nil {
		t.Fatal(err)
	}
	var pairs []string
	for outer.Next() {
		var x int
		if err := outer.Scan(&x); err != nil {
			t.Fatal(err)
		}
		inner, err := tx.Query(q, x)
		if err != nil {
			t.Fatal(err)
		}
		for inner.Next() {
			var y int
			if err := inner.Scan(&y); err != nil {
				t.Fatal(err)
			}
			pairs = append(pairs, fmt.Sprint(x, y))
		}
		if err := inner.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := outer.Err(); err != nil {
		t.Fatal(err)
	}
	outer.Close()
	if len(pairs) != 10 || pairs[0] != "1 2" || pairs[9] != "4 5" {
		t.Fatalf("pairs x < y from the nested loop: %v", pairs)
	}

	// Two rows of the same text open side by side.
	a, err := tx.Query(q, 3)
	if err != nil {
		t.Fatal(err)
	}
	b, err := tx.Query(q, 1)
	if err != nil {
		t.Fatal(err)
	}
	gotB, gotA := scan(t, b), scan(t, a)
	a.Close()
	b.Close()
	if len(gotA) != 2 || len(gotB) != 4 {
		t.Fatalf("side by side: %v and %v", gotA, gotB)
	}
	tx.Rollback()

	s := stats(t, db)
	if s.Kept != 2 { // the insert and q; the create ran once
		t.Errorf("%d statements kept, want 2 (one a text)", s.Kept)
	}
	if s.Prepared-s.Finalized != s.Kept {
		t.Errorf("prepared %d, finalized %d, kept %d: a statement is lost", s.Prepared, s.Finalized, s.Kept)
	}
}

// stmtBytes is the memory SQLite's prepared statements hold on db's one
// connection.
func stmtBytes(t *testing.T, db *sql.DB) int {
	t.Helper()
	c, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var used int
	if err := c.Raw(func(dc any) (err error) {
		used, _, err = dc.(sqlite.DBStatus).Status(sqlite.DBStatusStmtUsed, false)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return used
}

// TestEvictionFinalizes checks the bound: a connection keeps its last
// size texts, the older ones are finalized and their memory freed, and
// closing the database finalizes the rest.
func TestEvictionFinalizes(t *testing.T) {
	dir := t.TempDir()
	used := map[int]int{}
	for _, size := range []int{4, 16} {
		db, err := stmtcache.Open(footprint.DSN(filepath.Join(dir, "data.db")), size)
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		mustExec(t, db, "CREATE TABLE IF NOT EXISTS t (x INTEGER, y TEXT)")
		for i := range 10 {
			for range 2 { // kept at the second run
				all(t, db, fmt.Sprintf("SELECT x, y, %d FROM t WHERE x > ? ORDER BY y", i), i)
			}
		}
		s := stats(t, db)
		if want := min(size, 10); s.Kept != int64(want) || s.Prepared != 21 || s.Finalized != 21-int64(want) {
			t.Errorf("size %d, 10 texts twice and the create: %+v; want %d kept, 21 prepared, %d finalized", size, s, want, 21-want)
		}
		used[size] = stmtBytes(t, db)
		if hits := stats(t, db).Hits; hits != 0 {
			t.Errorf("size %d: %d hits, no text ran a third time", size, hits)
		}
		db.Close()
		if s := stats(t, db); s.Kept != 0 || s.Finalized != s.Prepared {
			t.Errorf("size %d, closed: %+v; want every statement finalized", size, s)
		}
	}
	if used[4] <= 0 || used[4]*2 > used[16] {
		t.Errorf("statements' memory: %d bytes keeping 4, %d keeping 10; want the evicted ones freed", used[4], used[16])
	}
}

// checkpoint runs a truncating checkpoint on db and returns SQLite's busy
// flag and the log's size on disk after it.
func checkpoint(t *testing.T, db *sql.DB, path string) (busy int, walBytes int64) {
	t.Helper()
	var logPages, moved int
	if err := db.QueryRow("PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logPages, &moved); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path + "-wal")
	if err != nil {
		t.Fatal(err)
	}
	return busy, fi.Size()
}

// TestKeptStatementsLeaveTheCheckpointFree checks that kept statements hold
// no read transaction: after cached reads (one read to the end, one
// stopped early) and writes, another connection's truncating checkpoint
// copies the whole log and empties it. Rows left open do block it, which
// is what the test would see if a kept statement stayed active.
func TestKeptStatementsLeaveTheCheckpointFree(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data.db")
	db := open(t, path, 64)
	db.SetMaxOpenConns(1)
	other := plain(t, path)
	other.SetMaxOpenConns(1)
	mustExec(t, other, "PRAGMA busy_timeout = 200") // a blocked checkpoint gives up in 0.2 s
	mustExec(t, db, "CREATE TABLE t (x INTEGER)")
	for i := range 100 {
		mustExec(t, db, "INSERT INTO t VALUES (?)", i)
	}
	for range 3 {
		all(t, db, "SELECT x FROM t WHERE x >= ?", 10)
		rs, err := db.Query("SELECT x FROM t ORDER BY x")
		if err != nil {
			t.Fatal(err)
		}
		rs.Next() // one row of 100, then closed
		rs.Close()
		var n int
		if err := db.QueryRow("SELECT count(*) FROM t").Scan(&n); err != nil || n != 100 {
			t.Fatalf("count %d, %v", n, err)
		}
	}
	mustExec(t, other, "INSERT INTO t VALUES (1000)") // the log holds a frame past every read above
	if busy, size := checkpoint(t, other, path); busy != 0 || size != 0 {
		t.Fatalf("after cached reads: checkpoint busy %d, log %d bytes; want 0 and 0", busy, size)
	}
	if s := stats(t, db); s.Hits < 100 || s.Kept == 0 {
		t.Fatalf("the reads did not run on kept statements: %+v", s)
	}

	rs, err := db.Query("SELECT x FROM t ORDER BY x")
	if err != nil {
		t.Fatal(err)
	}
	rs.Next()
	mustExec(t, other, "INSERT INTO t VALUES (1001)")
	if busy, _ := checkpoint(t, other, path); busy != 1 {
		t.Errorf("rows left open: checkpoint busy %d, want 1 (a reader holds the log)", busy)
	}
	rs.Close()
	if busy, size := checkpoint(t, other, path); busy != 0 || size != 0 {
		t.Errorf("rows closed: checkpoint busy %d, log %d bytes; want 0 and 0", busy, size)
	}
}

// TestKeptSelectSeesSchemaChanges checks that a kept statement answers as
// a new one after another connection changes its table: a column added
// comes back in SELECT *, a dropped table gives the error an uncached
// database gives, and the table made again gives its new rows.
func TestKeptSelectSeesSchemaChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data.db")
	db := open(t, path, 64)
	db.SetMaxOpenConns(1)
	other := plain(t, path)
	mustExec(t, other, "CREATE TABLE t (a TEXT); INSERT INTO t VALUES ('one')")
	const star = "SELECT * FROM t WHERE a = ?"
	for range 2 { // kept at the second run
		if got := all(t, db, star, "one"); !reflect.DeepEqual(got, [][]string{{"one true"}}) {
			t.Fatalf("before: %v", got)
		}
	}
	mustExec(t, other, "ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'two'")
	hits := stats(t, db).Hits
	if got := all(t, db, star, "one"); !reflect.DeepEqual(got, [][]string{{"one true", "two true"}}) {
		t.Errorf("after ALTER TABLE ADD COLUMN: %v, want the new column", got)
	}
	if stats(t, db).Hits != hits+1 {
		t.Errorf("the query after the change did not run on the kept statement")
	}

	const sel = "SELECT a FROM t ORDER BY a"
	all(t, db, sel)
	all(t, db, sel)
	hits = stats(t, db).Hits
	mustExec(t, other, "DROP TABLE t")
	_, err := db.Query(sel)
	_, errPlain := other.Query(sel)
	if err == nil || errPlain == nil || err.Error() != errPlain.Error() {
		t.Errorf("dropped table: %v, without the cache %v", err, errPlain)
	}
	mustExec(t, other, "CREATE TABLE t (z INTEGER, a TEXT); INSERT INTO t VALUES (1, 'new')")
	if got := all(t, db, sel); !reflect.DeepEqual(got, [][]string{{"new true"}}) {
		t.Errorf("table made again: %v", got)
	}
	if stats(t, db).Hits != hits+2 {
		t.Errorf("the queries on the dropped and the new table did not run on the kept statement")
	}
	if got := all(t, db, star, "new"); !reflect.DeepEqual(got, [][]string{{"1 true", "new true"}}) {
		t.Errorf("SELECT * on the table made again: %v", got)
	}
}

// slow is a query whose run time its argument sets (rows counted up to it).
const slow = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT count(*) FROM c"

// TestCancelledQueryLeavesStatementUsable checks that a query on a kept
// statement interrupted by its context (while SQLite runs it, or between
// rows) returns the context's error, and that the same text runs right
// afterwards on the same connection and statement.
func TestCancelledQueryLeavesStatementUsable(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "data.db"), 64)
	ctx := context.Background()
	c, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var n int
	if err := c.QueryRowContext(ctx, slow, 10).Scan(&n); err != nil || n != 10 {
		t.Fatalf("count %d, %v", n, err)
	}

	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	err = c.QueryRowContext(short, slow, 1_000_000_000).Scan(&n)
	if !errors.Is(err, context.DeadlineExceeded) && (err == nil || err.Error() != "interrupted (9)") {
		t.Fatalf("a billion rows in 50 ms: %v", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Fatalf("the interrupt took %v", time.Since(start))
	}
	hits := stats(t, db).Hits
	if err := c.QueryRowContext(ctx, slow, 20).Scan(&n); err != nil || n != 20 {
		t.Fatalf("after the interrupt: count %d, %v", n, err)
	}
	if stats(t, db).Hits != hits+1 {
		t.Errorf("the query after the interrupt did not run on the kept statement")
	}

	const rowsQ = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ?) SELECT x FROM c"
	if got := len(scanQuery(t, ctx, c, rowsQ, 3)); got != 3 {
		t.Fatalf("%d rows, want 3", got)
	}
	between, cancelBetween := context.WithCancel(ctx)
	rs, err := c.QueryContext(between, rowsQ, 1_000_000_000)
	if err != nil {
		t.Fatal(err)
	}
	rs.Next()
	cancelBetween()
	for rs.Next() {
	}
	if !errors.Is(rs.Err(), context.Canceled) {
		t.Errorf("rows cancelled between rows: %v, want context.Canceled", rs.Err())
	}
	rs.Close()
	if got := len(scanQuery(t, ctx, c, rowsQ, 4)); got != 4 {
		t.Errorf("after the cancel: %d rows, want 4", got)
	}
	if s := stats(t, db); s.Prepared != 4 {
		t.Errorf("%d statements prepared for 2 texts, want 4 (each text's first two runs)", s.Prepared)
	}
}

func scanQuery(t *testing.T, ctx context.Context, c *sql.Conn, q string, args ...any) [][]string {
	t.Helper()
	rs, err := c.QueryContext(ctx, q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	return scan(t, rs)
}

// TestTextsRunOnceDoNotPushOutKeptOnes checks that texts run once (as
// PocketBase's create-rule check, whose CTE has a random name) are not
// kept, so the statements kept before them are still there after them.
func TestTextsRunOnceDoNotPushOutKeptOnes(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "data.db"), 4)
	db.SetMaxOpenConns(1)
	mustExec(t, db, "CREATE TABLE t (x INTEGER)")
	kept := func() {
		for i := range 4 {
			var n int
			if err := db.QueryRow(fmt.Sprintf("SELECT count(*) + %d FROM t WHERE x > ?", i), 0).Scan(&n); err != nil || n != i {
				t.Fatalf("count %d, %v", n, err)
			}
		}
	}
	kept()
	kept()
	if s := stats(t, db); s.Kept != 4 {
		t.Fatalf("%d kept after two runs of 4 texts, want 4", s.Kept)
	}
	for i := range 100 {
		var n int
		if err := db.QueryRow(fmt.Sprintf("WITH once_%d AS (SELECT ? AS v) SELECT v FROM once_%d", i, i), i).Scan(&n); err != nil || n != i {
			t.Fatalf("once %d: %d, %v", i, n, err)
		}
	}
	before := stats(t, db)
	kept()
	if after := stats(t, db); after.Hits-before.Hits != 4 || after.Kept != 4 {
		t.Errorf("after 100 texts run once: %d of the 4 kept texts hit, %d kept; want 4 and 4", after.Hits-before.Hits, after.Kept)
	}
}

// TestClosedConnectionsFinalizeTheirStatements checks that a connection
// the pool drops (here after an interrupt, which modernc's session check
// refuses) and the database's close finalize every statement.
func TestClosedConnectionsFinalizeTheirStatements(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "data.db"), 64)
	db.SetMaxOpenConns(2)
	ctx := context.Background()
	for i := range 5 {
		var n int
		if err := db.QueryRowContext(ctx, fmt.Sprintf("SELECT %d + ?", i), 1).Scan(&n); err != nil {
			t.Fatal(err)
		}
		short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
		db.QueryRowContext(short, slow, 1_000_000_000).Scan(&n)
		cancel()
	}
	db.Close()
	if s := stats(t, db); s.Kept != 0 || s.Finalized != s.Prepared || s.Prepared < 6 {
		t.Errorf("closed: %+v; want every prepared statement finalized", s)
	}
}

// TestConcurrentUse runs writes, reads and transactions from many
// goroutines on a few connections (meant for -race) and checks the rows
// and that no statement is lost.
func TestConcurrentUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data.db")
	db := open(t, path, 8)
	db.SetMaxOpenConns(4)
	mustExec(t, db, "CREATE TABLE t (g INTEGER, i INTEGER, PRIMARY KEY (g, i))")
	const goroutines, each = 12, 40
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if _, err := db.Exec("INSERT INTO t (g, i) VALUES (?, ?)", g, i); err != nil {
					errs <- err
					return
				}
				var n int
				if err := db.QueryRow("SELECT count(*) FROM t WHERE g = ?", g).Scan(&n); err != nil || n != i+1 {
					errs <- fmt.Errorf("goroutine %d after %d inserts: count %d, %v", g, i+1, n, err)
					return
				}
				// a text of its own every few rounds, so the small caches evict
				if err := db.QueryRow(fmt.Sprintf("SELECT max(i) FROM t WHERE g = ? AND i < %d", i%12+1), g).Scan(new(sql.NullInt64)); err != nil {
					errs <- err
					return
				}
				if i%10 == 0 {
					tx, err := db.Begin()
					if err != nil {
						errs <- err
						return
					}
					rs, err := tx.Query("SELECT i FROM t WHERE g = ? ORDER BY i", g)
					if err == nil {
						for rs.Next() {
							var x int
							if err = tx.QueryRow("SELECT count(*) FROM t WHERE g = ? AND i <= ?", g, 0).Scan(&x); err != nil {
								break
							}
						}
						rs.Close()
					}
					tx.Rollback()
					if err != nil {
						errs <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var n int
	if err := plain(t, path).QueryRow("SELECT count(*) FROM t").Scan(&n); err != nil || n != goroutines*each {
		t.Errorf("%d rows, want %d (%v)", n, goroutines*each, err)
	}
	s := stats(t, db)
	if s.Hits < goroutines*each || s.Kept > 4*8 {
		t.Errorf("%+v: want hits, at most 32 kept", s)
	}
	db.Close()
	if s := stats(t, db); s.Kept != 0 || s.Finalized != s.Prepared {
		t.Errorf("closed: %+v; want every prepared statement finalized", s)
	}
}

// TestModerncConnectionPassesThrough checks that what PocketBase or a tool
// may reach on modernc's connection (conn.Raw: backup, serialization,
// read-only check, status; the rows' column types) answers through a
// connection that keeps statements as it does without.
func TestModerncConnectionPassesThrough(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data.db")
	db := open(t, path, 64)
	mustExec(t, db, "CREATE TABLE t (a INTEGER NOT NULL, b TEXT); INSERT INTO t VALUES (1, 'x')")
	columns := func(d *sql.DB) string {
		rs, err := d.Query("SELECT a, b FROM t")
		if err != nil {
			t.Fatal(err)
		}
		defer rs.Close()
		types, err := rs.ColumnTypes()
		if err != nil {
			t.Fatal(err)
		}
		var out string
		for _, ct := range types {
			n, nok := ct.Nullable()
			l, lok := ct.Length()
			out += fmt.Sprint(ct.Name(), ct.DatabaseTypeName(), ct.ScanType(), n, nok, l, lok, ";")
		}
		return out
	}
	want := columns(plain(t, path))
	for range 3 { // the later runs on the kept statement
		if got := columns(db); got != want || want == "" {
			t.Fatalf("column types %q, without the cache %q", got, want)
		}
	}

	c, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	copyPath := filepath.Join(dir, "copy.db")
	if err := c.Raw(func(dc any) error {
		if ro, err := dc.(interface{ IsReadOnly(string) (bool, error) }).IsReadOnly("main"); err != nil || ro {
			return fmt.Errorf("read-only %v, %v", ro, err)
		}
		if b, err := dc.(interface{ Serialize() ([]byte, error) }).Serialize(); err != nil || len(b) == 0 {
			return fmt.Errorf("serialized %d bytes, %v", len(b), err)
		}
		bk, err := dc.(interface {
			NewBackup(string) (*sqlite.Backup, error)
		}).NewBackup(copyPath)
		if err != nil {
			return err
		}
		for more := true; more; {
			if more, err = bk.Step(-1); err != nil {
				return err
			}
		}
		return bk.Finish()
	}); err != nil {
		t.Fatal(err)
	}
	if got := all(t, plain(t, copyPath), "SELECT a, b FROM t"); !reflect.DeepEqual(got, [][]string{{"1 true", "x true"}}) {
		t.Errorf("the backup's rows: %v", got)
	}
}
