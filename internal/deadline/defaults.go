package deadline

import (
	"time"

	"sangkien/internal/clock"
)

// Defaults returns the directive's dates for the round of year: units send
// their initiatives to the ward "trước ngày 25/9" and the Chairman decides
// "trước ngày 30/9", so the instants are 25/9 and 30/9 00:00 in Hà Nội.
func Defaults(year int) (submission, decision time.Time) {
	return clock.Date(year, time.September, 25), clock.Date(year, time.September, 30)
}

// OpenYear returns the year of the first round whose default submission
// deadline is still ahead of now: now's year until 24/9, the next year
// from 25/9 on (a ward installed in December gets next year's round).
func OpenYear(now time.Time) int {
	year := now.In(clock.Zone).Year()
	if submission, _ := Defaults(year); !now.Before(submission) {
		year++
	}
	return year
}
