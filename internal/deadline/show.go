package deadline

import (
	"time"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
)

// LastDay returns the last day a person can act before the deadline d: the
// day before when d is midnight in Hà Nội ("trước ngày 25/9" is 25/9 00:00,
// the last day 24/9), else d's own day.
func LastDay(d time.Time) time.Time {
	local := d.In(clock.Zone)
	day := clock.Date(local.Year(), local.Month(), local.Day())
	if local.Equal(day) {
		return day.AddDate(0, 0, -1)
	}
	return day
}

// Show is how every text the server writes (mail, messages, reports, the
// first start) names a deadline: "hết ngày 24/09/2026" for 25/09/2026
// 00:00, the catalog's "deadline.last_day".
func Show(d time.Time) string {
	return i18n.T("deadline.last_day", "date", clock.FormatDate(LastDay(d)))
}

// ShowInstant is Show with the instant itself where precision matters:
// "hết ngày 24/09/2026 (hạn chót 25/09/2026 00:00)".
func ShowInstant(d time.Time) string {
	return i18n.T("deadline.last_day_instant", "date", clock.FormatDate(LastDay(d)), "instant", clock.FormatDateTime(d))
}

// DaysLeft counts the ward's calendar days from now's day to the last day
// before the deadline d (LastDay): 0 on that last day, -1 once d has
// passed. Every page and mail says "còn N ngày" with this number; the
// pages' daysLeft (pb_public/js/format.js) is the same rule.
func DaysLeft(now, d time.Time) int {
	if !now.Before(d) {
		return -1
	}
	n := now.In(clock.Zone)
	today := clock.Date(n.Year(), n.Month(), n.Day())
	last := LastDay(d)
	// calendar days: both are midnights of the ward's zone (no DST in Vietnam).
	return int(last.Sub(today).Hours()+12) / 24
}
