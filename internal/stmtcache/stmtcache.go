// Package stmtcache opens SQLite (modernc.org/sqlite) through connections
// that keep their prepared statements by SQL text and run them again, so a
// query PocketBase sends again and again (dbx writes the same text for the
// same query shape, its values bound as parameters) is compiled once per
// connection instead of at every request: an INSERT into a table with
// triggers compiles every trigger's program each time it is prepared.
//
// The rules the cache keeps:
//   - Bounded: each connection keeps at most its size statements, the least
//     recently used finalized first.
//   - Kept from the second run: a text is kept when the connection ran it
//     before (among the last 4 × size texts it did not keep), so texts that
//     never come again (PocketBase's create-rule check names its CTE at
//     random, one text a create) do not push out the ones that do.
//   - A statement is out of the cache while it runs: the same text asked
//     again while the first one's rows are open (a nested query, two rows
//     open in one transaction) prepares another statement. When a statement
//     comes back and its text already has one kept, it is finalized.
//   - No statement holds a read transaction: SQLite's statement is reset as
//     soon as its exec returns or its rows close (modernc does so for a
//     single-statement text), before it is kept.
//   - Schema changes are SQLite's: a kept statement compiled against an
//     older schema is compiled again by sqlite3_step (SQLITE_SCHEMA), so it
//     answers what a new one would, rows or error.
//   - Closing the connection finalizes every kept statement before the
//     connection itself closes.
//
// Everything else a modernc connection does (transactions, Ping, the
// session checks, backups, serialization, hooks, status, file control)
// passes through unchanged; Prepare too: a statement the caller prepares
// is the caller's, never kept.
package stmtcache

import (
	"container/list"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"hash/maphash"
	"reflect"
	"sync/atomic"

	"modernc.org/sqlite"
)

// Stats counts what the statements of one database (every connection it
// opened) did.
type Stats struct {
	Prepared  int64 // statements prepared for a query or exec: the misses
	Hits      int64 // queries and execs run on a kept statement
	Finalized int64 // statements finalized: after a first run, evicted, returned to a text already kept, or at close
	Kept      int64 // statements kept now, summed over the open connections
}

// Driver is the database/sql driver of one database opened with Open: its
// connections keep up to Size statements each and share its counters.
type Driver struct {
	size                            int
	seed                            maphash.Seed
	prepared, hits, finalized, kept atomic.Int64
}

// Stats returns the driver's counters.
func (d *Driver) Stats() Stats {
	return Stats{Prepared: d.prepared.Load(), Hits: d.hits.Load(), Finalized: d.finalized.Load(), Kept: d.kept.Load()}
}

// Open opens the database named by the modernc DSN name (as
// sql.Open("sqlite", name) would) on a connection that keeps statements.
func (d *Driver) Open(name string) (driver.Conn, error) {
	c, err := sqlite.NewConnector(name)
	if err != nil {
		return nil, err
	}
	return d.connect(context.Background(), c)
}

func (d *Driver) connect(ctx context.Context, c driver.Connector) (driver.Conn, error) {
	inner, err := c.Connect(ctx)
	if err != nil {
		return nil, err
	}
	if d.size > 0 {
		if err := enableQPSG(inner); err != nil {
			inner.Close()
			return nil, err
		}
	}
	return &conn{inner: inner, d: d, kept: map[string]*list.Element{}, seen: map[uint64]struct{}{}}, nil
}

// connector opens the connections of one *sql.DB.
type connector struct {
	inner driver.Connector
	d     *Driver
}

func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	return c.d.connect(ctx, c.inner)
}
func (c *connector) Driver() driver.Driver { return c.d }

// Open opens the SQLite database of the modernc DSN dsn, as
// sql.Open("sqlite", dsn) does, with connections that keep up to size
// statements each (0 keeps none: every statement is finalized after use).
// The database's counters are its own: StatsOf(db).
func Open(dsn string, size int) (*sql.DB, error) {
	if size < 0 {
		return nil, errors.New("stmtcache: negative size")
	}
	inner, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(&connector{inner: inner, d: &Driver{size: size, seed: maphash.MakeSeed()}}), nil
}

// StatsOf returns the counters of a database opened with Open; false for
// any other.
func StatsOf(db *sql.DB) (Stats, bool) {
	d, ok := db.Driver().(*Driver)
	if !ok {
		return Stats{}, false
	}
	return d.Stats(), true
}

// entry is a kept statement and its text.
type entry struct {
	query string
	st    driver.Stmt
}

// conn is a modernc connection with its kept statements. database/sql
// calls one connection from one goroutine at a time (rows' Close
// included), so the cache needs no lock of its own.
type conn struct {
	inner  driver.Conn
	d      *Driver
	kept   map[string]*list.Element // of *entry, by text
	lru    list.List                // front: the most recently returned
	closed bool
	// seen holds the hashes of the last texts run and not kept (ring, in
	// the order seen), so that a text is kept at its second run.
	seen map[uint64]struct{}
	ring []uint64
	next int
}

var (
	_ driver.Conn               = (*conn)(nil)
	_ driver.ConnBeginTx        = (*conn)(nil)
	_ driver.ConnPrepareContext = (*conn)(nil)
	_ driver.SessionResetter    = (*conn)(nil)
	_ driver.Validator          = (*conn)(nil)
	_ driver.Pinger             = (*conn)(nil)
	_ sqlite.ExecQuerierContext = (*conn)(nil)
	_ sqlite.DBStatus           = (*conn)(nil)
	_ sqlite.FileControl        = (*conn)(nil)
	_ sqlite.HookRegisterer     = (*conn)(nil)
)

// take returns the kept statement for query, out of the cache (hit), or a
// newly prepared one.
func (c *conn) take(ctx context.Context, query string) (st driver.Stmt, hit bool, err error) {
	if el, ok := c.kept[query]; ok {
		c.lru.Remove(el)
		delete(c.kept, query)
		c.d.kept.Add(-1)
		c.d.hits.Add(1)
		return el.Value.(*entry).st, true, nil
	}
	st, err = c.inner.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil, false, err
	}
	c.d.prepared.Add(1)
	return st, false, nil
}

// give keeps st, done with (reset), as query's statement, finalizing the
// least recently used past the size; st itself is finalized when query
// already has a statement kept, when the connection is closed, or when st
// was prepared for what is query's first run lately (a statement that was
// kept, hit, is kept again).
func (c *conn) give(query string, st driver.Stmt, hit bool) {
	if _, ok := c.kept[query]; ok || c.closed || c.d.size == 0 || !hit && c.firstRun(query) {
		c.finalize(st)
		return
	}
	c.kept[query] = c.lru.PushFront(&entry{query: query, st: st})
	c.d.kept.Add(1)
	for c.lru.Len() > c.d.size {
		c.evict(c.lru.Back())
	}
}

// firstRun reports whether query is not among the last 4 × size texts
// the connection did not keep, and notes it among them. (Two texts of one
// hash count as one: a text then is kept at its first run.)
func (c *conn) firstRun(query string) bool {
	h := maphash.String(c.d.seed, query)
	if _, ok := c.seen[h]; ok {
		return false
	}
	if len(c.ring) < 4*c.d.size {
		c.ring = append(c.ring, h)
	} else {
		delete(c.seen, c.ring[c.next])
		c.ring[c.next] = h
		c.next = (c.next + 1) % len(c.ring)
	}
	c.seen[h] = struct{}{}
	return true
}

func (c *conn) evict(el *list.Element) {
	e := c.lru.Remove(el).(*entry)
	delete(c.kept, e.query)
	c.d.kept.Add(-1)
	c.finalize(e.st)
}

func (c *conn) finalize(st driver.Stmt) {
	st.Close() // an error finalizing a reset statement is its last run's, already reported
	c.d.finalized.Add(1)
}

// flush finalizes every kept statement.
func (c *conn) flush() {
	for c.lru.Len() > 0 {
		c.evict(c.lru.Back())
	}
}

// ExecContext runs query on its kept statement, or a new one it then keeps.
func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	st, hit, err := c.take(ctx, query)
	if err != nil {
		return nil, err
	}
	defer c.give(query, st, hit)
	return st.(driver.StmtExecContext).ExecContext(ctx, args)
}

// QueryContext runs query on its kept statement, or a new one; the
// statement comes back to the cache when the rows close.
func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	st, hit, err := c.take(ctx, query)
	if err != nil {
		return nil, err
	}
	rs, err := st.(driver.StmtQueryContext).QueryContext(ctx, args)
	if err != nil {
		c.give(query, st, hit)
		return nil, err
	}
	return &rows{Rows: rs, c: c, query: query, st: st, hit: hit}, nil
}

// Close finalizes the kept statements, then closes the connection.
func (c *conn) Close() error {
	c.closed = true
	c.flush()
	return c.inner.Close()
}

func (c *conn) Prepare(query string) (driver.Stmt, error) { return c.inner.Prepare(query) }
func (c *conn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.inner.(driver.ConnPrepareContext).PrepareContext(ctx, query)
}
func (c *conn) Begin() (driver.Tx, error) { return c.BeginTx(context.Background(), driver.TxOptions{}) }
func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.inner.(driver.ConnBeginTx).BeginTx(ctx, opts)
}
func (c *conn) ResetSession(ctx context.Context) error {
	return c.inner.(driver.SessionResetter).ResetSession(ctx)
}
func (c *conn) IsValid() bool                  { return c.inner.(driver.Validator).IsValid() }
func (c *conn) Ping(ctx context.Context) error { return c.inner.(driver.Pinger).Ping(ctx) }

func (c *conn) Status(op sqlite.DBStatusOp, reset bool) (int, int, error) {
	return c.inner.(sqlite.DBStatus).Status(op, reset)
}
func (c *conn) FileControlPersistWAL(dbName string, mode int) (int, error) {
	return c.inner.(sqlite.FileControl).FileControlPersistWAL(dbName, mode)
}
func (c *conn) FileControlDataVersion(dbName string) (uint32, error) {
	return c.inner.(sqlite.FileControl).FileControlDataVersion(dbName)
}
func (c *conn) RegisterPreUpdateHook(fn sqlite.PreUpdateHookFn) {
	c.inner.(sqlite.HookRegisterer).RegisterPreUpdateHook(fn)
}
func (c *conn) RegisterCommitHook(fn sqlite.CommitHookFn) {
	c.inner.(sqlite.HookRegisterer).RegisterCommitHook(fn)
}
func (c *conn) RegisterRollbackHook(fn sqlite.RollbackHookFn) {
	c.inner.(sqlite.HookRegisterer).RegisterRollbackHook(fn)
}
func (c *conn) Serialize() ([]byte, error) {
	return c.inner.(interface{ Serialize() ([]byte, error) }).Serialize()
}

// Deserialize replaces the database; the kept statements are finalized first.
func (c *conn) Deserialize(buf []byte) error {
	c.flush()
	return c.inner.(interface{ Deserialize([]byte) error }).Deserialize(buf)
}
func (c *conn) NewBackup(dstURI string) (*sqlite.Backup, error) {
	return c.inner.(interface {
		NewBackup(string) (*sqlite.Backup, error)
	}).NewBackup(dstURI)
}

// NewRestore replaces the database from srcURI; the kept statements are
// finalized first.
func (c *conn) NewRestore(srcURI string) (*sqlite.Backup, error) {
	c.flush()
	return c.inner.(interface {
		NewRestore(string) (*sqlite.Backup, error)
	}).NewRestore(srcURI)
}
func (c *conn) IsReadOnly(schema string) (bool, error) {
	return c.inner.(interface{ IsReadOnly(string) (bool, error) }).IsReadOnly(schema)
}
func (c *conn) ColumnInfo(query string) ([]sqlite.ColumnInfo, error) {
	return c.inner.(interface {
		ColumnInfo(string) ([]sqlite.ColumnInfo, error)
	}).ColumnInfo(query)
}

// rows are a query's rows; closing them returns the statement (reset by
// modernc's Close) to the connection's cache.
type rows struct {
	driver.Rows
	c     *conn
	query string
	st    driver.Stmt
	hit   bool
}

func (r *rows) Close() error {
	err := r.Rows.Close()
	if r.st != nil {
		r.c.give(r.query, r.st, r.hit)
		r.st = nil
	}
	return err
}

func (r *rows) ColumnTypeDatabaseTypeName(i int) string {
	return r.Rows.(driver.RowsColumnTypeDatabaseTypeName).ColumnTypeDatabaseTypeName(i)
}
func (r *rows) ColumnTypeLength(i int) (int64, bool) {
	return r.Rows.(driver.RowsColumnTypeLength).ColumnTypeLength(i)
}
func (r *rows) ColumnTypeNullable(i int) (bool, bool) {
	return r.Rows.(driver.RowsColumnTypeNullable).ColumnTypeNullable(i)
}
func (r *rows) ColumnTypePrecisionScale(i int) (int64, int64, bool) {
	return r.Rows.(driver.RowsColumnTypePrecisionScale).ColumnTypePrecisionScale(i)
}
func (r *rows) ColumnTypeScanType(i int) reflect.Type {
	return r.Rows.(driver.RowsColumnTypeScanType).ColumnTypeScanType(i)
}
