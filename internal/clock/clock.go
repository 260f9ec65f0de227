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

// offset is added to the real time; tests move the server's clock with Set.
var offset atomic.Int64

// Now returns the server's current time in the ward's zone.
func Now() time.Time {
	return time.Now().Add(time.Duration(offset.Load())).In(Zone)
}

// Set makes Now return t from this moment on (for tests and demos), and
// returns a function that restores the real clock.
func Set(t time.Time) (restore func()) {
	offset.Store(int64(time.Until(t)))
	return func() { offset.Store(0) }
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
