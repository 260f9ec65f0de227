package stmtcache

import (
	"database/sql/driver"
	"errors"
	"reflect"
	"runtime"
	"unsafe"

	"modernc.org/libc"
	sqlite3 "modernc.org/sqlite/lib"
)

// A kept statement is only worth keeping if SQLite runs it as compiled.
// SQLite recompiles a statement at its next step whenever a value is bound
// to a parameter standing as the pattern of a LIKE (the plan could use an
// index for the pattern's prefix), and modernc binds every parameter at
// every run: the initiatives' list rule (`readers LIKE ?`) made each kept
// list statement compile again at every request. With the query planner
// stability guarantee (SQLITE_DBCONFIG_ENABLE_QPSG) SQLite plans a text
// once, whatever its values; nothing the program asks has a plan that a
// pattern's value could improve (the patterns it binds start with `%`).
//
// modernc does not offer the setting, so enableQPSG reaches the
// connection's SQLite handle: the first two fields of modernc's conn,
// checked by name and type before use (rawHandles); a modernc whose
// layout differs gets no setting and an error, never a wrong pointer.

// moderncConn is the start of modernc.org/sqlite's conn.
type moderncConn struct {
	db  uintptr
	tls *libc.TLS
}

// errLayout: modernc's conn does not start as moderncConn.
var errLayout = errors.New("stmtcache: modernc.org/sqlite's connection is not laid out as expected")

// rawHandles returns the SQLite handle and the thread state of a modernc
// connection.
func rawHandles(c driver.Conn) (*moderncConn, error) {
	v := reflect.ValueOf(c)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return nil, errLayout
	}
	t := v.Elem().Type()
	if t.PkgPath() != "modernc.org/sqlite" || t.Name() != "conn" || t.NumField() < 2 {
		return nil, errLayout
	}
	db, tls := t.Field(0), t.Field(1)
	if db.Name != "db" || db.Type != reflect.TypeFor[uintptr]() || db.Offset != 0 ||
		tls.Name != "tls" || tls.Type != reflect.TypeFor[*libc.TLS]() || tls.Offset != unsafe.Offsetof(moderncConn{}.tls) {
		return nil, errLayout
	}
	return (*moderncConn)(v.UnsafePointer()), nil
}

// dbConfig calls sqlite3_db_config(op, onoff, &result) on c: onoff 1 or 0
// sets the option, -1 leaves it; result is the option's state after.
func (c *moderncConn) dbConfig(op, onoff int32) (bool, error) {
	const slot = 8 // libc.VaList's stride, every target
	bp := libc.Xmalloc(c.tls, 2*slot)
	if bp == 0 {
		return false, errors.New("stmtcache: out of memory")
	}
	defer libc.Xfree(c.tls, bp)
	result := new(int32) // on the heap, pinned while SQLite writes it
	var pin runtime.Pinner
	pin.Pin(result)
	defer pin.Unpin()
	if rc := sqlite3.Xsqlite3_db_config(c.tls, c.db, op, libc.VaList(bp, onoff, uintptr(unsafe.Pointer(result)))); rc != sqlite3.SQLITE_OK {
		return false, errors.New("stmtcache: sqlite3_db_config failed")
	}
	return *result != 0, nil
}

// enableQPSG turns on the query planner stability guarantee of c.
func enableQPSG(c driver.Conn) error {
	h, err := rawHandles(c)
	if err != nil {
		return err
	}
	on, err := h.dbConfig(sqlite3.SQLITE_DBCONFIG_ENABLE_QPSG, 1)
	if err == nil && !on {
		err = errors.New("stmtcache: SQLite kept the query planner stability guarantee off")
	}
	return err
}
