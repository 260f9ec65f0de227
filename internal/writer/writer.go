// Package writer gives the program's write transactions the one SQLite
// writer in the order they asked for it. PocketBase writes through a pool
// of one connection, and database/sql hands a freed connection to a
// waiter chosen at random (connRequestSet.TakeRandom): with 64 requests
// waiting, a few waited many turns (bench-city's submits: p50 430 ms, p99
// 2.7 s). A goroutine blocked on a full channel is woken first in, first
// out, so Tx queues there first and meets at most the writers that do not
// pass through it.
package writer

import (
	"github.com/pocketbase/pocketbase/core"
)

// turnKey names, in the app's store, the channel whose one slot is the
// turn at the writer (kept with the app, so an app's end frees it).
const turnKey = "sangkien.writer.turn"

// Tx runs fn in a transaction of app, after the transactions that asked
// before it through Tx. Inside a transaction (app is one) fn joins it, as
// app.RunInTransaction does.
func Tx(app core.App, fn func(tx core.App) error) error {
	if app.IsTransactional() {
		return app.RunInTransaction(fn)
	}
	turn := app.Store().GetOrSet(turnKey, func() any { return make(chan struct{}, 1) }).(chan struct{})
	turn <- struct{}{}
	defer func() { <-turn }()
	return app.RunInTransaction(fn)
}
