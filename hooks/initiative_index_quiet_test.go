package hooks

import (
	"testing"
	"time"
)

// The serving drain writes the index once saves pause for the delay; saves
// that never pause wait the longest wait at most; a stop ends the wait.
func TestIndexDrainWaitsForAQuietMoment(t *testing.T) {
	t.Parallel()
	stop := make(chan struct{})
	wake := make(chan struct{}, 1)

	start := time.Now()
	if !waitQuiet(stop, wake, 30*time.Millisecond, time.Second) {
		t.Fatal("no save: the wait was stopped")
	}
	if d := time.Since(start); d < 30*time.Millisecond || d > 900*time.Millisecond {
		t.Errorf("no save after the first: waited %v, want the delay (30ms)", d)
	}

	// a save every 10 ms for 300 ms, then none: the drain waits for the pause.
	// The delays are long beside the saves' 10 ms (and 5 ms below), so a
	// saver held back by a loaded machine does not make a pause.
	saving := make(chan struct{})
	go func() {
		defer close(saving)
		for end := time.Now().Add(300 * time.Millisecond); time.Now().Before(end); time.Sleep(10 * time.Millisecond) {
			select {
			case wake <- struct{}{}:
			default:
			}
		}
	}()
	start = time.Now()
	waitQuiet(stop, wake, 250*time.Millisecond, 10*time.Second)
	if d := time.Since(start); d < 300*time.Millisecond {
		t.Errorf("saves for 300ms: the drain went after %v, while they were still coming", d)
	}
	<-saving

	// saves that never pause: the longest wait, then the drain.
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case wake <- struct{}{}:
			default:
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	start = time.Now()
	waitQuiet(stop, wake, 250*time.Millisecond, 800*time.Millisecond)
	close(done)
	if d := time.Since(start); d < 800*time.Millisecond || d > 3*time.Second {
		t.Errorf("saves without a pause: the drain went after %v, want the longest wait (800ms)", d)
	}

	close(stop)
	if waitQuiet(stop, wake, time.Hour, time.Hour) {
		t.Error("stopped: the wait said to drain")
	}
}
