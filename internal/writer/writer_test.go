package writer_test

import (
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/testkit"
	"sangkien/internal/writer"
)

// Transactions that wait for the writer get it in the order they asked.
func TestWaitingTransactionsRunInArrivalOrder(t *testing.T) {
	app := testkit.NewApp(t)
	hold, release := make(chan struct{}), make(chan struct{})
	go writer.Tx(app, func(core.App) error { //nolint:errcheck
		close(hold)
		<-release
		return nil
	})
	<-hold
	var (
		mu    sync.Mutex
		order []int
		wg    sync.WaitGroup
	)
	const n = 12
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = writer.Tx(app, func(tx core.App) error {
				_, err := tx.DB().NewQuery("SELECT 1").Execute()
				mu.Lock()
				order = append(order, i)
				mu.Unlock()
				return err
			})
		}()
		time.Sleep(30 * time.Millisecond) // goroutine i is waiting before i+1 asks
	}
	close(release)
	wg.Wait()
	for i, got := range order {
		if got != i {
			t.Fatalf("order %v, want 0…%d", order, n-1)
		}
	}
}

// Inside a transaction Tx joins it rather than waiting for its own turn
// (which would never come).
func TestATransactionInsideOneJoinsIt(t *testing.T) {
	app := testkit.NewApp(t)
	done := make(chan error, 1)
	go func() {
		done <- writer.Tx(app, func(tx core.App) error {
			return writer.Tx(tx, func(inner core.App) error {
				_, err := inner.DB().NewQuery("SELECT 1").Execute()
				return err
			})
		})
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a transaction inside another waited for a turn")
	}
}
