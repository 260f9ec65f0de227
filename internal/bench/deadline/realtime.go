package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"sangkien/internal/bench/benchkit"
)

// watcher is the secretariat's realtime channel (PocketBase's SSE
// /api/realtime) with the subscriptions a progress page makes: the
// connection's PB_CONNECT, the council page's scores and the initiatives
// (the submissions arriving). It counts the events by topic and keeps, for
// an initiative, the statuses each record was seen in and the records its
// events carried.
//
// The program announces a record as the database holds it when its turn
// comes (hooks/guard_realtime_dispatch.go): an initiative endorsed before
// its submission was announced is announced once, endorsed. So what is
// expected is every submission announced (submitted or endorsed) and
// every endorsement announced; between one and two events each, and never
// one row twice (a change under way leaves a newer row to its own change).
type watcher struct {
	mu         sync.Mutex
	events     map[string]int              // topic → events
	seen       map[string]map[string]bool  // status → record ids
	records    map[string][]map[string]any // record id → its initiative events' records, in order
	reconnects int
	connected  chan struct{}
}

// watchTopics are the subscriptions sent once connected.
var watchTopics = []string{"PB_CONNECT", "scores/*", "initiatives/*"}

// watch connects to base's realtime as token and keeps the channel open,
// connecting again when the server closes it, until ctx ends. It returns
// once the first subscription is in place (or failed).
func watch(ctx context.Context, base, token string, rec *recorder) (*watcher, error) {
	w := &watcher{events: map[string]int{}, seen: map[string]map[string]bool{}, records: map[string][]map[string]any{}, connected: make(chan struct{})}
	first := make(chan error, 1)
	go func() {
		for n := 0; ctx.Err() == nil; n++ {
			err := w.session(ctx, base, token, rec, first)
			if ctx.Err() != nil {
				return
			}
			if n == 0 && err != nil {
				select {
				case first <- err:
				default:
				}
			}
			w.mu.Lock()
			w.reconnects++
			w.mu.Unlock()
			time.Sleep(200 * time.Millisecond)
		}
	}()
	select {
	case err := <-first:
		return w, err
	case <-ctx.Done():
		return w, ctx.Err()
	}
}

// session is one realtime connection: connect, subscribe, read events
// until the stream ends.
func (w *watcher) session(ctx context.Context, base, token string, rec *recorder, first chan error) error {
	t0 := time.Now()
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/api/realtime", nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET /api/realtime: %d", res.StatusCode)
	}
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	var event, data string
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event:"):
			event = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
		case strings.HasPrefix(line, "data:"):
			data += strings.TrimPrefix(line, "data:")
		case line == "":
			if event == "" {
				continue
			}
			if event == "PB_CONNECT" {
				var c struct{ ClientID string }
				json.Unmarshal([]byte(data), &c)
				err := benchkit.Call(ctx, http.DefaultClient, "POST", base+"/api/realtime", token,
					map[string]any{"clientId": c.ClientID, "subscriptions": watchTopics}, nil)
				if err != nil {
					rec.fail("realtime: subscribe", err)
					return err
				}
				rec.add("realtime: connect and subscribe", time.Since(t0))
				select {
				case first <- nil:
				default:
				}
			}
			w.count(event, data)
			event, data = "", ""
		}
	}
	return sc.Err()
}

// count notes one event of topic.
func (w *watcher) count(topic, data string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.events[topic]++
	if topic != "initiatives/*" {
		return
	}
	var e struct {
		Record map[string]any
	}
	if json.Unmarshal([]byte(data), &e) == nil {
		id, _ := e.Record["id"].(string)
		status, _ := e.Record["status"].(string)
		if w.seen[status] == nil {
			w.seen[status] = map[string]bool{}
		}
		w.seen[status][id] = true
		w.records[id] = append(w.records[id], e.Record)
	}
}

// repeats describes each initiative announced more than once in one
// status: its id, and the fields that differ between those events (none:
// the same row sent again).
func (w *watcher) repeats() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for id, recs := range w.records {
		for i := 1; i < len(recs); i++ {
			if recs[i]["status"] != recs[i-1]["status"] {
				continue
			}
			var changed []string
			for k, v := range recs[i] {
				if fmt.Sprint(v) != fmt.Sprint(recs[i-1][k]) {
					changed = append(changed, k)
				}
			}
			slices.Sort(changed)
			out = append(out, fmt.Sprintf("%s twice %v, changed between: %v", id, recs[i]["status"], changed))
		}
	}
	slices.Sort(out)
	return out
}

// missing returns the ids not seen in status, each with the statuses it
// was seen in.
func (w *watcher) missing(status string, ids []string) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []string
	for _, id := range ids {
		if w.seen[status][id] {
			continue
		}
		var in []string
		for st, set := range w.seen {
			if set[id] {
				in = append(in, st)
			}
		}
		out = append(out, fmt.Sprintf("%s (seen %v)", id, in))
	}
	return out
}

// announced reports how many of ids were seen at all, in any status but
// a draft.
func (w *watcher) announced(ids []string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, id := range ids {
		for st, set := range w.seen {
			if st != "draft" && set[id] {
				n++
				break
			}
		}
	}
	return n
}

// saw reports how many of ids were seen in status.
func (w *watcher) saw(status string, ids []string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, id := range ids {
		if w.seen[status][id] {
			n++
		}
	}
	return n
}

// snapshot returns the events by topic, the records seen per status and
// the reconnects.
func (w *watcher) snapshot() (events map[string]int, seen map[string]int, reconnects int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	events, seen = map[string]int{}, map[string]int{}
	for k, v := range w.events {
		events[k] = v
	}
	for k, v := range w.seen {
		seen[k] = len(v)
	}
	return events, seen, w.reconnects
}
