// Package clock is the one place that knows the ward's time zone and how
// dates are shown: every deadline of the process is read in
// Asia/Ho_Chi_Minh, whatever the server's own zone, and shown dd/mm/yyyy.
package clock

import (
	"sync/atomic"
	"time"
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

// pinned is the instant a test has stopped the clock at; nil is the real
// time.
var pinned atomic.Pointer[time.Time]

// Now returns the server's current time in the ward's zone: the pinned
// instant while a test holds the clock (Set), the real time otherwise.
func Now() time.Time {
	if p := pinned.Load(); p != nil {
		return p.In(Zone)
	}
	return time.Now().In(Zone)
}

// Set stops the server's clock at t (for tests): Now returns exactly t,
// not a moment later, until the returned function restores the real
// clock. A test "at the deadline's instant" then really runs at it.
func Set(t time.Time) (restore func()) {
	pinned.Store(&t)
	return func() { pinned.Store(nil) }
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
