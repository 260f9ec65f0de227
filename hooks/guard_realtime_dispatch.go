package hooks

import (
	"encoding/json/v2"
	"fmt"
	"hash/maphash"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/picker"
	"github.com/pocketbase/pocketbase/tools/routine"
	"github.com/pocketbase/pocketbase/tools/search"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// realtimeQueueMax bounds the record changes waiting to be delivered; past
// it a change is dropped (and logged), never waited for by the save.
const realtimeQueueMax = 10000

// wardClient is the realtime client of every connection: PocketBase's own
// client, but PocketBase's broadcast (which asks for subscriptions by topic
// prefix, inside the save of whoever changes a record, one rule query per
// subscription) finds none. realtimeDispatch delivers the record events
// instead, after the save has answered.
//
// A message is never sent on the channel while Discard closes it:
// PocketBase's client checks, then sends, so a connection closing between
// the two is a send racing a close (the race detector says so; the send's
// recover hides the panic alone). Here Discard first tells the senders
// waiting on the stream to give up, then closes the channel once none is
// inside Send.
type wardClient struct {
	*subscriptions.DefaultClient

	sending sync.RWMutex  // held for reading by every Send, for writing by Discard
	closing chan struct{} // closed when Discard begins
	once    sync.Once
}

// newWardClient is a wardClient with the store of c (its address).
func newWardClient(c subscriptions.Client) *wardClient {
	w := &wardClient{DefaultClient: subscriptions.NewDefaultClient(), closing: make(chan struct{})}
	if ip := c.Get(apis.RealtimeClientIPKey); ip != nil {
		w.Set(apis.RealtimeClientIPKey, ip)
	}
	return w
}

// Send hands m to the connection's stream, or drops it when the client is
// being discarded (a message then has no one to read it).
func (c *wardClient) Send(m subscriptions.Message) {
	c.sending.RLock()
	defer c.sending.RUnlock()
	select {
	case <-c.closing:
		return
	default:
	}
	select {
	case c.DefaultClient.Channel() <- m:
	case <-c.closing:
	}
}

// Discard ends the client: senders waiting give up, then the channel
// closes. Calling it again does nothing.
func (c *wardClient) Discard() {
	c.once.Do(func() { close(c.closing) })
	c.sending.Lock()
	defer c.sending.Unlock()
	c.DefaultClient.Discard()
}

// Subscriptions answers PocketBase's broadcast (a call with prefixes) with
// nothing; without prefixes it returns every subscription.
func (c *wardClient) Subscriptions(prefixes ...string) map[string]subscriptions.SubscriptionOptions {
	if len(prefixes) > 0 {
		return nil
	}
	return c.DefaultClient.Subscriptions()
}

// held returns the subscriptions whose topic starts with one of prefixes,
// as PocketBase's broadcast selects them.
func (c *wardClient) held(prefixes ...string) map[string]subscriptions.SubscriptionOptions {
	return c.DefaultClient.Subscriptions(prefixes...)
}

// realtimeChange is one saved record to announce.
type realtimeChange struct {
	action, collection, id string
}

// realtimeDispatch delivers record events to the wardClients outside the
// save: a created or updated record is queued and announced by one
// goroutine (started when there is work, gone when there is none), which
// reads the record again through each subscription's rule, so what is sent
// is a row the database holds and the rule allows when checked. A
// record changed again before its turn is announced once; one changed
// again after its turn came is announced by that later change alone: an
// announcement sends nothing newer than the change it was queued for (by
// the record's updated stamp) while that later change is queued, and a
// newer row it did send (the later change committed, its hook not yet
// run) is not sent again when that change comes; so no subscriber receives
// one row twice, and every row is announced. A delete
// is checked before the row goes (it cannot be read after): once per account
// and rule, not per subscription, and without the subscription's filter
// (the rule decides; an extra delete event tells nothing the rule hides).
type realtimeDispatch struct {
	app core.App

	mu      sync.Mutex
	queue   []realtimeChange
	queued  map[string]string // record key → updated stamp of its latest change, while queued
	running bool
	stopped bool
	idle    sync.WaitGroup // the goroutine, while it runs

	deletes sync.Map // record key → []pendingMessage

	// ahead holds, per record, the fingerprint (rowSum) of a row sent
	// ahead of its own change (read newer than the change announced, with
	// that newer change's hook yet to queue it): when that change comes and
	// the row is still the one sent, nothing is sent again. The row's
	// content is compared, not its updated stamp alone: two saves in one
	// millisecond share a stamp.
	ahead map[string]uint64
}

// rowSeed seeds the fingerprints of rows sent ahead.
var rowSeed = maphash.MakeSeed()

// rowSum is the fingerprint of record's row (every field's value); false
// when there is none.
func rowSum(record *core.Record) (uint64, bool) {
	b, err := json.Marshal(record.FieldsData(), json.Deterministic(true))
	if err != nil {
		return 0, false
	}
	return maphash.Bytes(rowSeed, b), true
}

// pendingMessage is a delete event waiting for its delete to commit.
type pendingMessage struct {
	client subscriptions.Client
	msg    subscriptions.Message
}

// newRealtimeDispatch binds the dispatcher to app's record events.
func newRealtimeDispatch(app core.App) *realtimeDispatch {
	d := &realtimeDispatch{app: app, queued: map[string]string{}}
	app.OnRecordAfterCreateSuccess().BindFunc(func(e *core.RecordEvent) error {
		d.enqueue("create", e.Record)
		return e.Next()
	})
	app.OnRecordAfterUpdateSuccess().BindFunc(func(e *core.RecordEvent) error {
		d.enqueue("update", e.Record)
		return e.Next()
	})
	app.OnRecordDelete().Bind(&hook.Handler[*core.RecordEvent]{
		Func: func(e *core.RecordEvent) error {
			// checked with the app outside the delete's transaction, as
			// PocketBase does: the rules read the row before it goes.
			d.prepareDelete(e.Record)
			return e.Next()
		},
		Priority: 99,
	})
	app.OnRecordAfterDeleteSuccess().BindFunc(func(e *core.RecordEvent) error {
		if v, ok := d.deletes.LoadAndDelete(recordKey(e.Record)); ok {
			for _, p := range v.([]pendingMessage) {
				routine.FireAndForget(func() { p.client.Send(p.msg) })
			}
		}
		return e.Next()
	})
	app.OnRecordAfterDeleteError().BindFunc(func(e *core.RecordErrorEvent) error {
		d.deletes.Delete(recordKey(e.Record))
		return e.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		d.stop()
		return e.Next()
	})
	return d
}

// recordKey names a record across collections.
func recordKey(r *core.Record) string {
	return r.Collection().Id + "/" + r.Id
}

// wardClients returns the connected wardClients, or none.
func (d *realtimeDispatch) wardClients() []*wardClient {
	var out []*wardClient
	for _, c := range d.app.SubscriptionsBroker().Clients() {
		if w, ok := c.(*wardClient); ok && !w.IsDiscarded() {
			out = append(out, w)
		}
	}
	return out
}

// enqueue queues a saved record for announcement, unless no one is
// connected or it is queued already (then its stamp becomes this change's);
// the save does not wait.
func (d *realtimeDispatch) enqueue(action string, r *core.Record) {
	if d.app.SubscriptionsBroker().TotalClients() == 0 {
		return
	}
	key := recordKey(r)
	stamp := r.GetString("updated")
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopped {
		return
	}
	if _, ok := d.queued[key]; ok {
		d.queued[key] = stamp // announced with its state at its turn
		return
	}
	if len(d.queue) >= realtimeQueueMax {
		d.app.Logger().Warn("realtime: queue full, change not announced", slog.String("record", key))
		return
	}
	d.queued[key] = stamp
	d.queue = append(d.queue, realtimeChange{action, r.Collection().Id, r.Id})
	if !d.running {
		d.running = true
		d.idle.Add(1)
		go d.run()
	}
}

// stop drops what is queued and waits for the change being announced:
// the app is closing its database.
func (d *realtimeDispatch) stop() {
	d.mu.Lock()
	d.stopped = true
	d.queue = nil
	d.mu.Unlock()
	d.idle.Wait()
}

// run announces the queued changes one after the other until none is
// left, resting after each four times as long as it took.
func (d *realtimeDispatch) run() {
	for {
		d.mu.Lock()
		if len(d.queue) == 0 {
			d.running = false
			d.mu.Unlock()
			d.idle.Done()
			return
		}
		c := d.queue[0]
		d.queue = d.queue[1:]
		key := c.collection + "/" + c.id
		stamp := d.queued[key]
		delete(d.queued, key)
		d.mu.Unlock()
		start := time.Now()
		d.announce(c, stamp)
		// at most a fifth of one core: however much is subscribed, the
		// requests of everyone else keep the rest.
		time.Sleep(4 * time.Since(start))
	}
}

// announce sends the record of c, saved with the updated stamp, to every
// subscription its rule and the subscription's filter let through. What a
// subscriber receives is the row as its rule's own query returned it (see
// visible), never a copy read before the check: a record that changes
// between the two (a sheet submitted, an initiative out of draft) cannot
// carry the content of one state to those whom only the other state shows
// it. A row saved since stamp is not sent while its change is queued
// again: that change announces it. A row whose change is not queued again
// is sent all the same: the hooks of two saves run after their commits,
// each in its own request, so the later save may queue its change first
// and the earlier one's stamp be the one remembered; skipping would then
// announce neither.
func (d *realtimeDispatch) announce(c realtimeChange, stamp string) {
	record, err := d.app.FindRecordById(c.collection, c.id)
	if err != nil {
		return // deleted since: its delete event says so
	}
	if record.GetString("updated") != stamp && d.queuedAgain(c) {
		return
	}
	if d.sentBefore(c, stamp, record) {
		return
	}
	for _, m := range d.messages(c.action, record, true) {
		routine.FireAndForget(func() { m.client.Send(m.msg) })
	}
}

// sentBefore reports whether record, the row of c as read now, was sent
// already, ahead of its change; a row about to be sent ahead of its change
// (its updated stamp is not the announced change's) is noted. The notes
// are bounded: past the queue's cap they are forgotten, and a row may then
// be sent twice, never lost.
func (d *realtimeDispatch) sentBefore(c realtimeChange, stamp string, record *core.Record) bool {
	key := c.collection + "/" + c.id
	ahead := record.GetString("updated") != stamp
	d.mu.Lock()
	prev, noted := d.ahead[key]
	delete(d.ahead, key)
	d.mu.Unlock()
	if !noted && !ahead {
		return false
	}
	sum, ok := rowSum(record)
	if !ok {
		return false // sent, and not noted: a row may be sent twice, never lost
	}
	if noted && prev == sum {
		return true
	}
	if ahead {
		d.mu.Lock()
		if d.ahead == nil || len(d.ahead) >= realtimeQueueMax {
			d.ahead = map[string]uint64{}
		}
		d.ahead[key] = sum
		d.mu.Unlock()
	}
	return false
}

// queuedAgain reports whether the record of c has a change in the queue.
func (d *realtimeDispatch) queuedAgain(c realtimeChange) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	_, ok := d.queued[c.collection+"/"+c.id]
	return ok
}

// prepareDelete computes, before the row goes, the delete events of r.
func (d *realtimeDispatch) prepareDelete(r *core.Record) {
	if d.app.SubscriptionsBroker().TotalClients() == 0 {
		return
	}
	if msgs := d.messages("delete", r, false); len(msgs) > 0 {
		d.deletes.Store(recordKey(r), msgs)
	}
}

// messages returns the event of record for every wardClient subscription
// that receives it (for a create or update, the record as the
// subscription's rule reads it then, see allowed): the topics and rules of PocketBase's broadcast (the
// record's view rule for "name/id", the list rule for "name/*" and
// "name"), the subscription's filter (when withFilter), its fields; each
// rule and filter evaluated once per account (and request data).
func (d *realtimeDispatch) messages(action string, record *core.Record, withFilter bool) []pendingMessage {
	col := record.Collection()
	rules := map[string]*string{
		col.Name + "/" + record.Id + "?": col.ViewRule,
		col.Id + "/" + record.Id + "?":   col.ViewRule,
		col.Name + "/*?":                 col.ListRule,
		col.Id + "/*?":                   col.ListRule,
		col.Name + "?":                   col.ListRule,
		col.Id + "?":                     col.ListRule,
	}
	decided := map[string]bool{}
	shownBy := map[string]*core.Record{}
	var out []pendingMessage
	for _, client := range d.wardClients() {
		auth, _ := client.Get(apis.RealtimeClientAuthKey).(*core.Record)
		who := ""
		if auth != nil {
			who = auth.Collection().Id + "/" + auth.Id
		}
		for prefix, rule := range rules {
			for sub, options := range client.held(prefix) {
				info := &core.RequestInfo{
					Context: core.RequestInfoContextRealtime,
					Method:  "GET",
					Query:   options.Query,
					Headers: options.Headers,
					Auth:    auth,
				}
				shown := d.allowed(decided, shownBy, who, record, info, rule, withFilter)
				if shown == nil {
					continue
				}
				data, err := d.eventData(decided, who, action, shown, info, auth)
				if err != nil {
					d.app.Logger().Debug("realtime: event data", slog.String("sub", sub), slog.String("error", err.Error()))
					continue
				}
				out = append(out, pendingMessage{client, subscriptions.Message{Name: sub, Data: data}})
			}
		}
	}
	return out
}

// allowed returns the version of record that info may receive under rule
// (and the subscription's filter), or nil, remembering each answer in
// shownBy by account, rule and request data. For a create or update
// (withFilter) the version is the row read again through the rule's query,
// so what is sent is a row the rule allowed at the moment it was checked;
// for a delete it is record, checked before the row goes.
func (d *realtimeDispatch) allowed(decided map[string]bool, shownBy map[string]*core.Record, who string, record *core.Record, info *core.RequestInfo, rule *string, withFilter bool) *core.Record {
	ruleText := "<nil>"
	if rule != nil {
		ruleText = *rule
	}
	key := who + "\x00rule\x00" + ruleText
	if strings.Contains(ruleText, "@request.query") || strings.Contains(ruleText, "@request.headers") {
		key += "\x00" + fmt.Sprint(info.Query, info.Headers)
	}
	shown, seen := shownBy[key]
	if !seen {
		if withFilter {
			shown = d.visible(record, info, rule)
		} else if ok, _ := d.app.CanAccessRecord(record, info, rule); ok {
			shown = record
		}
		shownBy[key] = shown
	}
	filter := info.Query[search.FilterQueryParam]
	if shown == nil || !withFilter || filter == "" {
		return shown
	}
	fkey := who + "\x00filter\x00" + fmt.Sprint(info.Query, info.Headers)
	match, seen := decided[fkey]
	if !seen {
		match = d.matches(record, info, filter)
		decided[fkey] = match
	}
	if !match {
		return nil
	}
	return shown
}

// visible returns record's row as info may read it under rule now: read
// again through the rule's own query (the id and the rule in one SELECT),
// or nil when the rule hides it or the row has changed since record was
// read (updated differs). A superuser, and anyone under an empty
// rule, may read every version: record is returned as it is.
func (d *realtimeDispatch) visible(record *core.Record, info *core.RequestInfo, rule *string) *core.Record {
	if info.HasSuperuserAuth() || (rule != nil && *rule == "") {
		return record
	}
	if rule == nil {
		return nil
	}
	col := record.Collection()
	q := d.app.RecordQuery(col).AndWhere(dbx.HashExp{col.Name + ".id": record.Id})
	resolver := core.NewRecordFieldResolver(d.app, col, info, true)
	expr, err := search.FilterData(*rule).BuildExpr(resolver)
	if err != nil {
		return nil
	}
	if err := resolver.UpdateQuery(q); err != nil {
		return nil
	}
	row := &core.Record{}
	if err := q.AndWhere(expr).Limit(1).One(row); err != nil {
		return nil
	}
	if row.GetString("updated") != record.GetString("updated") {
		return nil // changed since: that change announces it
	}
	return row
}

// matches reports whether record passes a subscription's filter, the way
// PocketBase's broadcast checks it.
func (d *realtimeDispatch) matches(record *core.Record, info *core.RequestInfo, filter string) bool {
	col := record.Collection()
	q := d.app.ConcurrentDB().Select("(1)").From(col.Name).AndWhere(dbx.HashExp{col.Name + ".id": record.Id})
	resolver := core.NewRecordFieldResolver(d.app, col, info, false)
	expr, err := search.FilterData(filter).BuildExpr(resolver)
	if err != nil {
		return false
	}
	q.AndWhere(expr)
	if err := resolver.UpdateQuery(q); err != nil {
		return false
	}
	var exists int
	return q.Limit(1).Row(&exists) == nil && exists > 0
}

// eventData is the event's JSON as PocketBase's broadcast writes it: a
// clean copy of the record (hidden fields only for superusers, the e-mail
// only where the account owns or manages it), the enrich hooks run, the
// subscription's fields picked. Subscriptions carry no expand (the
// realtime guard refuses it).
func (d *realtimeDispatch) eventData(decided map[string]bool, who, action string, record *core.Record, info *core.RequestInfo, auth *core.Record) ([]byte, error) {
	col := record.Collection()
	clean := record.Fresh()
	if info.HasSuperuserAuth() {
		clean.Unhide(col.Fields.FieldNames()...)
	}
	event := &core.RecordEnrichEvent{App: d.app, RequestInfo: info}
	event.Record = clean
	err := d.app.OnRecordEnrich().Trigger(event, func(e *core.RecordEnrichEvent) error {
		if col.IsAuth() {
			owner := auth != nil && auth.Id == clean.Id && auth.Collection().Id == col.Id
			manages, seen := decided[who+"\x00manage"]
			if !owner && !seen {
				manages, _ = d.app.CanAccessRecord(clean, info, col.ManageRule)
				decided[who+"\x00manage"] = manages
			}
			if owner || manages {
				clean.IgnoreEmailVisibility(true)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var payload any = clean
	if fields := info.Query["fields"]; fields != "" {
		if picked, err := picker.Pick(clean, fields); err == nil {
			payload = picked
		}
	}
	return json.Marshal(struct {
		Record any    `json:"record"`
		Action string `json:"action"`
	}{payload, action})
}
