package report_test

import (
	"strings"
	"testing"
	"time"

	"sangkien/internal/clock"
	"sangkien/internal/report"
)

// placeDateLine returns the place-and-date line of the first sheet of f:
// the one cell holding ", ngày ".
func placeDateLine(t *testing.T, rows [][]string) string {
	t.Helper()
	for _, r := range rows {
		for _, c := range r {
			if strings.Contains(c, ", ngày ") {
				return c
			}
		}
	}
	t.Fatal("no place-and-date line")
	return ""
}

// TestPlaceDateLine: the line under a report is dated the day it is made,
// in the ward's zone, whatever the round's year; as Nghị định 30/2020
// writes dates, days below 10 and months 1 and 2 take a leading zero,
// months 3 to 12 none.
func TestPlaceDateLine(t *testing.T) {
	fx := newFixture(t) // the round of 2026
	for _, c := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2027, 1, 9, 9, 0, 0, 0, clock.Zone), "ngày 09 tháng 01 năm 2027"},
		{time.Date(2027, 2, 3, 9, 0, 0, 0, clock.Zone), "ngày 03 tháng 02 năm 2027"},
		{time.Date(2027, 3, 1, 9, 0, 0, 0, clock.Zone), "ngày 01 tháng 3 năm 2027"},
		{time.Date(2026, 9, 10, 9, 0, 0, 0, clock.Zone), "ngày 10 tháng 9 năm 2026"},
		{time.Date(2026, 12, 31, 9, 0, 0, 0, clock.Zone), "ngày 31 tháng 12 năm 2026"},
		// 31/12 17:30 UTC is already 1/1 in the ward: the new year's date.
		{time.Date(2026, 12, 31, 17, 30, 0, 0, time.UTC), "ngày 01 tháng 01 năm 2027"},
	} {
		f := open(t, fx.w.App, fx.w.Round, report.Quota, report.Options{Now: c.now})
		rows, err := f.GetRows(f.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		if got := placeDateLine(t, rows); !strings.HasSuffix(got, c.want) {
			t.Errorf("made at %v: %q, want … %q", c.now, got, c.want)
		}
	}

	// made by the export route (no Now given): the server's clock.
	restore := clock.Of(fx.w.App).Set(time.Date(2027, 2, 28, 23, 59, 0, 0, clock.Zone))
	defer restore()
	f := open(t, fx.w.App, fx.w.Round, report.Quota, report.Options{})
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if got := placeDateLine(t, rows); !strings.HasSuffix(got, "ngày 28 tháng 02 năm 2027") {
		t.Errorf("by the server's clock: %q", got)
	}
}
