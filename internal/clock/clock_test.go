package clock

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tools/store"
)

func TestFormatsUseWardZone(t *testing.T) {
	t.Parallel()
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

// app is the smallest clock carrier: a store.
type app struct{ s *store.Store[string, any] }

func (a app) Store() *store.Store[string, any] { return a.s }

func TestSetStopsOnlyThatAppsClock(t *testing.T) {
	t.Parallel()
	a, b := app{store.New[string, any](nil)}, app{store.New[string, any](nil)}
	if Of(a) != Of(a) {
		t.Fatal("Of gives a new clock on each call")
	}
	want := time.Date(2026, 9, 24, 16, 59, 59, 999999999, time.UTC)
	restore := Of(a).Set(want)
	got := Of(a).Now()
	time.Sleep(2 * time.Millisecond)
	later := Of(a).Now()
	// the clock stands still where a test pins it, to the nanosecond.
	if !got.Equal(want) || !later.Equal(want) {
		t.Errorf("Now after Set = %v, then %v; want exactly %v", got, later, want)
	}
	if got.Location() != Zone {
		t.Errorf("Now is in %v, want %v", got.Location(), Zone)
	}
	// another app and the process keep the real time.
	for name, now := range map[string]time.Time{"other app": Of(b).Now(), "process": Now()} {
		if d := time.Since(now); d > time.Second || d < -time.Second {
			t.Errorf("%s's clock moved with a: %v off", name, d)
		}
	}
	restore()
	if d := time.Since(Of(a).Now()); d > time.Second || d < -time.Second {
		t.Errorf("restore did not bring back the real clock: %v off", d)
	}
}
