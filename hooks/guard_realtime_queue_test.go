package hooks_test

import (
	"testing"

	"sangkien/hooks"
	"sangkien/internal/testkit"
)

// TestRealtimeQueueHoldsAChangeOnce: a record saved twice before its turn
// waits once in the realtime queue (it is announced once, with its state
// at its turn); two records wait twice.
func TestRealtimeQueueHoldsAChangeOnce(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	a := w.Initiative(t, w.StaffA, "draft", nil)
	b := w.Initiative(t, w.StaffA, "draft", nil)
	if n := hooks.RealtimeQueued(w.App, 0, a, a); n != 1 {
		t.Errorf("one record saved twice: %d changes queued, want 1", n)
	}
	if n := hooks.RealtimeQueued(w.App, 0, a, b, a); n != 2 {
		t.Errorf("two records saved: %d changes queued, want 2", n)
	}
}

// TestRealtimeQueueStopsAtItsCap: with the queue one short of its cap, of
// two records saved the first is queued and the second dropped: the queue
// never holds more than its cap.
func TestRealtimeQueueStopsAtItsCap(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	a := w.Initiative(t, w.StaffA, "draft", nil)
	b := w.Initiative(t, w.StaffA, "draft", nil)
	if n := hooks.RealtimeQueued(w.App, hooks.RealtimeQueueMax-1, a, b); n != hooks.RealtimeQueueMax {
		t.Errorf("%d changes queued, the cap is %d", n, hooks.RealtimeQueueMax)
	}
}
