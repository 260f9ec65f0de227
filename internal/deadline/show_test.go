package deadline

import (
	"os"
	"testing"
	"time"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
)

// TestShowTheLastDay: "trước ngày 25/9" is 25/9 00:00 in Hà Nội and is
// shown as its last day, 24/9; a deadline at another hour keeps its day;
// the server's zone plays no part.
func TestShowTheLastDay(t *testing.T) {
	if err := i18n.Load(os.DirFS("../../pb_public")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		at         time.Time
		show, full string
	}{
		{clock.Date(2026, time.September, 25), "hết ngày 24/09/2026", "hết ngày 24/09/2026 (tức trước 25/09/2026 00:00, giờ Việt Nam)"},
		{clock.Date(2026, time.September, 25).UTC(), "hết ngày 24/09/2026", ""},
		{clock.Date(2026, time.March, 1), "hết ngày 28/02/2026", ""},
		{clock.Date(2027, time.January, 1), "hết ngày 31/12/2026", ""},
		{clock.Date(2026, time.October, 2).Add(17 * time.Hour), "hết ngày 02/10/2026", "hết ngày 02/10/2026 (tức trước 02/10/2026 17:00, giờ Việt Nam)"},
	} {
		if got := Show(c.at); got != c.show {
			t.Errorf("Show(%v) = %q, want %q", c.at, got, c.show)
		}
		if got := ShowInstant(c.at); c.full != "" && got != c.full {
			t.Errorf("ShowInstant(%v) = %q, want %q", c.at, got, c.full)
		}
	}
}

// TestOpenYear: until 24/9 23:59:59 the year's round is still ahead; from
// 25/9 00:00 (Hà Nội) on, next year's.
func TestOpenYear(t *testing.T) {
	deadline := clock.Date(2026, time.September, 25)
	for _, c := range []struct {
		at   time.Time
		want int
	}{
		{clock.Date(2026, time.March, 1), 2026},
		{deadline.Add(-time.Nanosecond), 2026},
		{deadline, 2027},
		{deadline.UTC(), 2027}, // 24/9 17:00 UTC is already 25/9 in Hà Nội
		{clock.Date(2026, time.December, 1), 2027},
		{clock.Date(2026, time.December, 31).Add(23 * time.Hour), 2027},
	} {
		if got := OpenYear(c.at); got != c.want {
			t.Errorf("OpenYear(%v) = %d, want %d", c.at, got, c.want)
		}
	}
	sub, dec := Defaults(2027)
	if !sub.Equal(time.Date(2027, 9, 24, 17, 0, 0, 0, time.UTC)) || !dec.Equal(time.Date(2027, 9, 29, 17, 0, 0, 0, time.UTC)) {
		t.Errorf("Defaults(2027) = %v, %v", sub, dec)
	}
}

func TestDaysLeft(t *testing.T) {
	d := clock.Date(2026, time.September, 25) // "trước ngày 25/9": the last day is 24/9
	for _, c := range []struct {
		name string
		now  time.Time
		want int
	}{
		{"the last day, morning", clock.Date(2026, time.September, 24).Add(8 * time.Hour), 0},
		{"the last day, a second before midnight", d.Add(-time.Second), 0},
		{"at the deadline itself", d, -1},
		{"after it", d.Add(time.Hour), -1},
		{"the day before the last day, just after midnight", clock.Date(2026, time.September, 23), 1},
		{"the day before the last day, late evening", clock.Date(2026, time.September, 23).Add(23*time.Hour + 59*time.Minute), 1},
		{"ten days before, UTC still the day before", clock.Date(2026, time.September, 14).Add(time.Hour).UTC(), 10},
		{"291 days before", clock.Date(2025, time.December, 7).Add(10 * time.Hour), 291},
	} {
		if got := DaysLeft(c.now, d); got != c.want {
			t.Errorf("%s: %d, want %d", c.name, got, c.want)
		}
	}
	// a deadline that is not midnight: its own day is the last.
	noon := clock.Date(2026, time.September, 25).Add(12 * time.Hour)
	if got := DaysLeft(clock.Date(2026, time.September, 25).Add(time.Hour), noon); got != 0 {
		t.Errorf("deadline at noon, same morning: %d, want 0", got)
	}
}
