package hooks

import (
	"database/sql"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// checkpointEvery is how often a serving program copies the write-ahead
// logs of data.db and auxiliary.db into the database files. Each copy
// writes every page changed since the last once and syncs both files, so
// a page changed by many saves (an index's last leaf, the audit log's)
// is copied once a second, not four times.
var checkpointEvery = time.Second

// startCheckpoints copies the write-ahead logs into the database files
// from a goroutine of its own while the program serves, so that no
// request's commit does it: SQLite's own checkpoint (footprint.DBConnect
// leaves it for logs of footprint.AutoCheckpointPages or more) runs in the
// commit that crosses its threshold, and with the writer's lock held. A
// passive checkpoint takes no writer's lock and waits for no reader; the
// goroutine stops when the app terminates.
func startCheckpoints(se *core.ServeEvent) error {
	// The databases are taken once, here: the app's fields are not for a
	// goroutine to read while a test or a command resets the app.
	data, aux := sqlDB(se.App.ConcurrentDB()), sqlDB(se.App.AuxConcurrentDB())
	whileServing(se.App, func(stop <-chan struct{}) {
		tick := time.NewTicker(checkpointEvery)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if closed(checkpoint(data)) || closed(checkpoint(aux)) {
					return // reset without terminating (tests, commands)
				}
			}
		}
	})
	return se.Next()
}

// sqlDB is the database/sql handle under db (nil if db is not a *dbx.DB):
// the checkpoints go to it directly, reading nothing of dbx's that a test
// may set meanwhile (its query log).
func sqlDB(db dbx.Builder) *sql.DB {
	if d, ok := db.(*dbx.DB); ok {
		return d.DB()
	}
	return nil
}

// checkpoint runs one passive checkpoint on db; a failure is left to the
// next tick, but for a closed database (see closed).
func checkpoint(db *sql.DB) error {
	if db == nil {
		return nil
	}
	var busy, log, done int
	return db.QueryRow("PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &log, &done)
}

// closed reports whether err says the database was closed.
func closed(err error) bool {
	return err != nil && (errors.Is(err, sql.ErrConnDone) || strings.Contains(err.Error(), "database is closed"))
}

// whileServing runs work in a goroutine of its own until app terminates:
// stop is closed then, and the termination waits for work to return, so
// that nothing reads a database being closed.
func whileServing(app core.App, work func(stop <-chan struct{})) {
	stop, done := make(chan struct{}), make(chan struct{})
	var once sync.Once
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		once.Do(func() {
			close(stop)
			<-done
		})
		return e.Next()
	})
	go func() {
		defer close(done)
		work(stop)
	}()
}
