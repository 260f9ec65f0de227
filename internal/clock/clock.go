// Package clock is the one place that knows the ward's time zone and how
// dates are shown: every deadline of the process is read in
// Asia/Ho_Chi_Minh, whatever the server's own zone, and shown dd/mm/yyyy.
//
// Each app carries its own clock (Of): hooks, routes, commands and
// migrations read the time with clock.Of(app).Now(), and a test stops the
// clock of its own app with clock.Of(app).Set(t), so tests on different
// apps can run in parallel. Now() is the real time, for code that has no
// app at hand; no test can move it.
package clock

import (
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/tools/store"
)

// Zone is Asia/Ho_Chi_Minh. Vietnam keeps no daylight saving time, so when
// the system has no zone database a fixed UTC+7 zone is exact.
var Zone = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		return time.FixedZone("ICT", 7*3600)
	}
	return loc
}()

// Clock is one app's clock: the real time, unless a test has stopped it.
type Clock struct {
	// pinned is the instant a test has stopped the clock at; nil is the
	// real time.
	pinned atomic.Pointer[time.Time]
}

// Now returns the current time in the ward's zone: the pinned instant
// while a test holds the clock (Set), the real time otherwise.
func (c *Clock) Now() time.Time {
	if p := c.pinned.Load(); p != nil {
		return p.In(Zone)
	}
	return Now()
}

// Set stops the clock at t (for tests): Now returns exactly t, not a
// moment later, until the returned function restores the real clock. A
// test "at the deadline's instant" then really runs at it.
func (c *Clock) Set(t time.Time) (restore func()) {
	c.pinned.Store(&t)
	return func() { c.pinned.Store(nil) }
}

// Storer is what carries a clock: a PocketBase app (core.App) or anything
// else with a store.
type Storer interface {
	Store() *store.Store[string, any]
}

// storeKey is where an app keeps its clock in its store.
const storeKey = "sangkien.clock"

// Of returns app's clock, made on first use (on the real time).
func Of(app Storer) *Clock {
	return app.Store().GetOrSet(storeKey, func() any { return &Clock{} }).(*Clock)
}

// Now returns the real time in the ward's zone, for code without an app
// (hooks and routes use Of(app).Now()).
func Now() time.Time {
	return time.Now().In(Zone)
}

// Date returns 00:00 of the given day in the ward's zone.
func Date(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, Zone)
}

// FormatDate shows t as dd/mm/yyyy in the ward's zone.
func FormatDate(t time.Time) string {
	return t.In(Zone).Format("02/01/2006")
}

// FormatDateTime shows t as dd/mm/yyyy HH:mm in the ward's zone.
func FormatDateTime(t time.Time) string {
	return t.In(Zone).Format("02/01/2006 15:04")
}
