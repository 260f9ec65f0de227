package hooks

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// RealtimeOptions returns the options of a subscription as the realtime
// guard reads them, or the error that refuses them (exported for the tests
// of package hooks_test).
func RealtimeOptions(sub string) (subscriptions.SubscriptionOptions, error) {
	return subscriptionOptions(sub)
}

// RealtimeQueueMax is the realtime queue's cap (exported for the tests of
// package hooks_test).
const RealtimeQueueMax = realtimeQueueMax

// RealtimeQueued returns how many changes the realtime queue of app holds
// after records are saved in turn, with waiting changes of other records
// queued before them and one client connected; nothing is announced (the
// queue is one that is not running, bound to no event).
func RealtimeQueued(app core.App, waiting int, records ...*core.Record) int {
	client := subscriptions.NewDefaultClient()
	app.SubscriptionsBroker().Register(client)
	defer app.SubscriptionsBroker().Unregister(client.Id())
	d := &realtimeDispatch{app: app, queued: map[string]string{}, running: true}
	for i := range waiting {
		key := fmt.Sprint("waiting/", i)
		d.queued[key] = ""
		d.queue = append(d.queue, realtimeChange{"update", "waiting", fmt.Sprint(i)})
	}
	for _, r := range records {
		d.enqueue("update", r)
	}
	return len(d.queue)
}

// RealtimeAnnounce announces, once and at once, the update of r saved with
// the updated stamp to app's realtime subscribers, as the dispatcher does
// at that change's turn, with a later change of r waiting in the queue
// when laterQueued (exported for the tests of package hooks_test).
func RealtimeAnnounce(app core.App, r *core.Record, stamp string, laterQueued bool) {
	d := &realtimeDispatch{app: app, queued: map[string]string{}}
	if laterQueued {
		d.queued[recordKey(r)] = r.GetString("updated")
	}
	d.announce(realtimeChange{"update", r.Collection().Id, r.Id}, stamp)
}

// RealtimeRunInTurn queues the updates of records in the order given, as
// their save hooks fired (not necessarily the order their saves were
// committed in), then announces the queue to app's realtime subscribers
// until it is empty (exported for the tests of package hooks_test).
func RealtimeRunInTurn(app core.App, records ...*core.Record) {
	d := &realtimeDispatch{app: app, queued: map[string]string{}, running: true}
	for _, r := range records {
		d.enqueue("update", r)
	}
	d.idle.Add(1)
	d.run()
}

// RealtimeAnnounceAheadThenItsChange announces, on one dispatcher, the
// change of r saved with the earlier stamp (r has been saved again since
// and that later change is not queued yet), then the later change itself
// (r's stamp), as the dispatcher does when the later save's hook queues
// its change after the earlier change's turn (exported for the tests of
// package hooks_test).
func RealtimeAnnounceAheadThenItsChange(app core.App, r *core.Record, earlier string) {
	RealtimeAnnounceAheadThenSavedAgain(app, r, earlier, func() {})
}

// RealtimeAnnounceAheadThenSavedAgain is RealtimeAnnounceAheadThenItsChange
// with again run between the two announcements: r saved again before the
// later change's turn (exported for the tests of package hooks_test).
func RealtimeAnnounceAheadThenSavedAgain(app core.App, r *core.Record, earlier string, again func()) {
	d := &realtimeDispatch{app: app, queued: map[string]string{}}
	c := realtimeChange{"update", r.Collection().Id, r.Id}
	d.announce(c, earlier)
	again()
	d.announce(c, r.GetString("updated"))
}
