package clock

import (
	"testing"
	"time"
)

func TestFormatsUseWardZone(t *testing.T) {
	// 17:30 UTC on 24/9 is already 00:30 on 25/9 in Hanoi.
	utc := time.Date(2026, 9, 24, 17, 30, 0, 0, time.UTC)
	if got := FormatDate(utc); got != "25/09/2026" {
		t.Errorf("FormatDate = %s", got)
	}
	if got := FormatDateTime(utc); got != "25/09/2026 00:30" {
		t.Errorf("FormatDateTime = %s", got)
	}
	if got := Date(2026, time.September, 25).UTC(); !got.Equal(time.Date(2026, 9, 24, 17, 0, 0, 0, time.UTC)) {
		t.Errorf("Date = %v", got)
	}
}

func TestSet(t *testing.T) {
	want := time.Date(2026, 9, 24, 16, 59, 59, 999999999, time.UTC)
	restore := Set(want)
	got := Now()
	time.Sleep(2 * time.Millisecond)
	later := Now()
	restore()
	// the clock stands still where a test pins it, to the nanosecond.
	if !got.Equal(want) || !later.Equal(want) {
		t.Errorf("Now after Set = %v, then %v; want exactly %v", got, later, want)
	}
	if got.Location() != Zone {
		t.Errorf("Now is in %v, want %v", got.Location(), Zone)
	}
	if d := time.Since(Now()); d > time.Second || d < -time.Second {
		t.Errorf("restore did not bring back the real clock: %v off", d)
	}
}
