package deadline

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
)

func TestLater(t *testing.T) {
	base := clock.Date(2026, time.September, 25)
	for _, c := range []struct {
		name     string
		until    time.Time
		want     time.Time
		extended bool
	}{
		{"a later extension moves it", base.AddDate(0, 0, 5), base.AddDate(0, 0, 5), true},
		{"an earlier one does not shorten it", base.Add(-time.Hour), base, false},
		{"the same instant is no extension", base, base, false},
		{"no extension", time.Time{}, base, false},
	} {
		got, extended := later(base, c.until)
		if !got.Equal(c.want) || extended != c.extended {
			t.Errorf("%s: %v %v, want %v %v", c.name, got, extended, c.want, c.extended)
		}
	}
}

func TestSubmittedLate(t *testing.T) {
	col := core.NewBaseCollection("initiatives")
	col.Fields.Add(&core.BoolField{Name: "late"}, &core.DateField{Name: "submitted_at"})
	d := clock.Date(2026, time.September, 25)
	for _, c := range []struct {
		name string
		late bool
		at   time.Time
		want bool
	}{
		{"never submitted", false, time.Time{}, false},
		{"a second before", false, d.Add(-time.Second), false},
		{"a nanosecond before", false, d.Add(-time.Nanosecond), false},
		{"at the deadline itself", false, d, true},
		{"after it", false, d.Add(time.Second), true},
		{"marked late, submitted before", true, d.Add(-time.Hour), true},
	} {
		r := core.NewRecord(col)
		r.Set("late", c.late)
		if !c.at.IsZero() {
			r.Set("submitted_at", c.at)
		}
		if got := SubmittedLate(r, d); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestPassed(t *testing.T) {
	d := clock.Date(2026, time.September, 25)
	for _, c := range []struct {
		now  time.Time
		want bool
	}{
		{d.Add(-time.Second), false},
		// the clock stands still at the pinned instant: these two are
		// exactly one nanosecond before the deadline and the deadline.
		{d.Add(-time.Nanosecond), false},
		{d, true},
		{d.Add(time.Second), true},
	} {
		if got := Passed(c.now, d); got != c.want {
			t.Errorf("at %v: %v, want %v", c.now, got, c.want)
		}
	}
}
