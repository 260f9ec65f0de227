package hooks

import (
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// A connection closing while events are being sent to it: every Send
// returns (none waits on a stream no one reads), none sends on the closed
// channel (run under -race, PocketBase's own client fails here: its check
// and its send are two steps), and a message sent before the close is
// read.
func TestWardClientSendAndDiscardNeverOverlap(t *testing.T) {
	for round := 0; round < 200; round++ {
		c := newWardClient(subscriptions.NewDefaultClient())
		read := make(chan int)
		go func() {
			n := 0
			for range c.Channel() {
				n++
				if n == 3 {
					break // the stream stops reading, as a dropped connection does
				}
			}
			read <- n
		}()
		c.Send(subscriptions.Message{Name: "first"})
		var senders sync.WaitGroup
		for range 8 {
			senders.Go(func() { c.Send(subscriptions.Message{Name: "later"}) })
		}
		time.Sleep(time.Duration(round%3) * 100 * time.Microsecond)
		c.Discard()
		c.Discard()
		done := make(chan struct{})
		go func() { senders.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("round %d: a Send still waits after Discard", round)
		}
		if n := <-read; n < 1 {
			t.Fatalf("round %d: the message sent before Discard was not read", round)
		}
		if !c.IsDiscarded() {
			t.Fatalf("round %d: Discard left the client open", round)
		}
		c.Send(subscriptions.Message{Name: "after"}) // returns at once
	}
}
