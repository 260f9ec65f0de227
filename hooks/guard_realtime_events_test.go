package hooks_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"runtime/debug"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestRealtimeEventsFollowTheRules walks the schema: every caller (but the
// signed-out, who may not subscribe) follows every collection ("name/*")
// and one record of each ("name/id"); each record is saved once; a caller
// receives the list event exactly when the REST list shows it the record,
// the record event exactly when the REST view does, and the event's record
// has the fields the REST view shows it, no more. The events are sent
// outside the save; this holds them to PocketBase's own rules.
func TestRealtimeEventsFollowTheRules(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	h := srv.Config.Handler
	cols, err := w.App.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	type target struct{ col, id string }
	draft := w.Initiative(t, w.StaffA2, "draft", nil)
	accepted := w.Initiative(t, w.StaffA, "accepted", map[string]any{"council": w.Council.Id})
	mine := w.Sheet(t, accepted, w.Members[1], "draft", testkit.Points(20, 15, 20, 10), true)
	theirs := w.Sheet(t, accepted, w.Members[2], "submitted", testkit.Points(25, 15, 20, 10), true)
	if code, ans := apitest.Send(t, srv.URL, http.MethodPatch, "/api/collections/initiatives/records/"+draft.Id, apitest.As(w.StaffA2), apitest.JSON(map[string]any{"title": "Bản nháp được sửa"})).StatusJSON(); code != 200 {
		t.Fatalf("an audited save: %d %v", code, ans)
	}
	targets := []target{{"initiatives", draft.Id}, {"initiatives", accepted.Id}, {"scores", mine.Id}, {"scores", theirs.Id}}
	for _, c := range cols {
		if (c.System && c.Name != "users") || c.IsView() || c.Name == "initiatives" || c.Name == "scores" {
			continue // a view is never saved: no event
		}
		r, err := w.App.FindFirstRecordByFilter(c, "id != ''")
		if err != nil {
			t.Logf("%s: no record in the ward", c.Name)
			continue
		}
		targets = append(targets, target{c.Name, r.Id})
	}
	if len(targets) < 13 {
		t.Fatalf("only %d records to save", len(targets))
	}
	callers := fgCallers(t, w)[1:] // the signed-out may not subscribe
	callers = append(callers, fgCaller{"superuser", testkit.Token(t, w.Superuser)})
	streams := make([]*rtStream, len(callers))
	want := make([]map[string]map[string]any, len(callers)) // event name → REST view (nil for a list)
	for i, c := range callers {
		streams[i], _ = rtOpen(t, srv.URL)
		var subs []string
		want[i] = map[string]map[string]any{}
		for _, tg := range targets {
			subs = append(subs, tg.col+"/*", tg.col+"/"+tg.id)
			status, list := apitest.Send(t, h, http.MethodGet, "/api/collections/"+tg.col+"/records?perPage=500&skipTotal=1", apitest.Token(c.token)).StatusObject(t)
			items, _ := list["items"].([]any)
			for _, it := range items {
				if m, _ := it.(map[string]any); status == 200 && m["id"] == tg.id {
					want[i][tg.col+"/*"] = nil
				}
			}
			if status, view := apitest.Send(t, h, http.MethodGet, "/api/collections/"+tg.col+"/records/"+tg.id, apitest.Token(c.token)).StatusObject(t); status == 200 {
				want[i][tg.col+"/"+tg.id] = view
			}
		}
		if status, body := rtSubscribe(t, srv.URL, streams[i].id, c.token, subs...); status != http.StatusNoContent {
			t.Fatalf("%s: subscribe: %d %v", c.name, status, body)
		}
	}
	for _, tg := range targets {
		r, err := w.App.FindRecordById(tg.col, tg.id)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.App.Save(r); err != nil {
			t.Fatalf("save %s: %v", tg.col, err)
		}
	}
	// each caller's events are awaited until as many have come as the REST
	// API shows it; every record's events go out together (one announcement
	// for every subscriber), so once all callers have theirs, half a second
	// more lets any event the rules forbid arrive, and none may.
	got := make([]map[string]map[string]any, len(callers))
	read := func(i int, ev rtEvent) {
		var data struct {
			Action string         `json:"action"`
			Record map[string]any `json:"record"`
		}
		_ = json.Unmarshal([]byte(ev.data), &data)
		got[i][ev.name] = data.Record
	}
	waited, stop := context.WithTimeout(context.Background(), 60*time.Second)
	defer stop()
	for i := range callers {
		got[i] = map[string]map[string]any{}
	wait:
		for len(got[i]) < len(want[i]) {
			select {
			case ev := <-streams[i].events:
				read(i, ev)
			case <-waited.Done(): // stays done for the callers after
				break wait
			}
		}
	}
	time.Sleep(500 * time.Millisecond)
	for i, c := range callers {
		for more := true; more; {
			select {
			case ev := <-streams[i].events:
				read(i, ev)
			default:
				more = false
			}
		}
		for name, view := range want[i] {
			rec, ok := got[i][name]
			if !ok {
				t.Errorf("%s: no event on %s, which the REST API shows", c.name, name)
				continue
			}
			if view != nil && strings.Join(keys(rec), " ") != strings.Join(keys(view), " ") {
				t.Errorf("%s, %s: the event has fields %v, the REST view %v", c.name, name, keys(rec), keys(view))
			}
		}
		for name, rec := range got[i] {
			if _, ok := want[i][name]; !ok {
				t.Errorf("%s: an event on %s, which the REST API does not show: %v", c.name, name, rec)
			}
		}
	}
}

// keys returns m's keys in order.
func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestRealtimeDeleteEvent: a staff member deletes their draft; their own
// subscriptions (the collection, the record) receive the delete event,
// another unit's staff and the secretariat, who cannot see the draft,
// receive nothing.
func TestRealtimeDeleteEvent(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	draft := w.Initiative(t, w.StaffA, "draft", map[string]any{"title": "Bản nháp sẽ xóa"})
	owner, _ := rtOpen(t, srv.URL)
	other, _ := rtOpen(t, srv.URL)
	office, _ := rtOpen(t, srv.URL)
	ownerTok := testkit.Token(t, w.StaffA)
	for _, s := range []struct {
		stream *rtStream
		token  string
		subs   []string
	}{
		{owner, ownerTok, []string{"initiatives/*", "initiatives/" + draft.Id}},
		{other, testkit.Token(t, w.StaffB), []string{"initiatives/*", "initiatives/" + draft.Id}},
		{office, testkit.Token(t, w.Secretariat), []string{"initiatives/*", "initiatives/" + draft.Id}},
	} {
		if status, body := rtSubscribe(t, srv.URL, s.stream.id, s.token, s.subs...); status != http.StatusNoContent {
			t.Fatalf("subscribe: %d %v", status, body)
		}
	}
	if status := apitest.Send(t, srv, http.MethodDelete, "/api/collections/initiatives/records/"+draft.Id, apitest.Token(ownerTok)).Status; status != http.StatusNoContent {
		t.Fatalf("delete: %d", status)
	}
	missing := map[string]bool{"initiatives/*": true, "initiatives/" + draft.Id: true}
	deadline := time.After(30 * time.Second)
wait:
	for len(missing) > 0 {
		select {
		case ev, ok := <-owner.events:
			if !ok {
				break wait
			}
			if strings.Contains(ev.data, `"action":"delete"`) {
				delete(missing, ev.name)
			}
		case <-deadline:
			break wait
		}
	}
	for name := range missing {
		t.Errorf("the owner got no delete event on %s", name)
	}
	// the delete's events go out together: once the owner's are in, half a
	// second lets any other arrive.
	time.Sleep(500 * time.Millisecond)
	for who, s := range map[string]*rtStream{"staff of unit B": other, "secretariat": office} {
		select {
		case ev := <-s.events:
			t.Errorf("%s, who cannot see the draft, got %v", who, ev)
		default:
		}
	}
}

// TestRealtimeSendsWhatTheRulesShowNow: a member's draft sheet (which the
// secretariat may not see) is saved with draft words, and submitted with
// others at the very moment the dispatcher has read the draft, before it
// checks the subscribers' rules (the submit runs inside the dispatcher's
// first read of the sheet, once its row is read). The secretariat,
// following the sheets live, receives the submitted sheet and never the
// draft's words: what is sent is the row the rule allowed when checked.
// And it receives the submitted sheet once: the draft's announcement, under
// way when the submission came, leaves it to the submission's own.
func TestRealtimeSendsWhatTheRulesShowNow(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	// made before the server starts, which indexes them then: no
	// background drain runs while the test swaps the query log below.
	ini := w.Initiative(t, w.StaffA, "accepted", map[string]any{"council": w.Council.Id})
	sheet := w.Sheet(t, ini, w.Members[1], "draft", testkit.Points(20, 15, 20, 10), true)
	srv := testkit.Serve(t, w.App)
	office, _ := rtOpen(t, srv.URL)
	if status, body := rtSubscribe(t, srv.URL, office.id, testkit.Token(t, w.Secretariat), "scores/*"); status != http.StatusNoContent {
		t.Fatalf("subscribe: %d %v", status, body)
	}
	db := w.App.ConcurrentDB().(*dbx.DB)
	logged := db.QueryLogFunc
	var armed, submittedBetween atomic.Bool
	submitErr := make(chan error, 1)
	db.QueryLogFunc = func(ctx context.Context, d time.Duration, sql string, rows *sql.Rows, err error) {
		if logged != nil {
			logged(ctx, d, sql, rows, err)
		}
		// the dispatcher's read of the sheet: its row is read (SQLite has
		// stepped to it), the rules are not checked yet.
		if !strings.Contains(sql, "`scores`.*") || !strings.Contains(sql, sheet.Id) ||
			!strings.Contains(string(debug.Stack()), "realtimeDispatch).announce") || !armed.CompareAndSwap(true, false) {
			return
		}
		time.Sleep(2 * time.Millisecond) // a later stamp than the draft's (updated counts milliseconds)
		r, ferr := w.App.FindRecordById("scores", sheet.Id)
		if ferr == nil {
			r.Set("status", "submitted")
			r.Set("comment", "Nhận xét chính thức")
			ferr = w.App.Save(r)
		}
		submittedBetween.Store(ferr == nil)
		submitErr <- ferr
	}
	// not put back when the test ends: the dispatcher may still be querying
	// until the app closes (a write here would race its reads), and the
	// function does nothing once disarmed.
	armed.Store(true)
	testkit.Update(t, w.App, sheet, map[string]any{"comment": "Lời nháp riêng"})
	submitted := 0
	deadline := time.After(30 * time.Second)
	for submitted == 0 {
		select {
		case err := <-submitErr:
			if err != nil {
				t.Fatalf("submitting the sheet between the read and the check: %v", err)
			}
		case ev := <-office.events:
			if strings.Contains(ev.data, "Nhận xét chính thức") {
				submitted++
			}
			if strings.Contains(ev.data, "Lời nháp riêng") {
				t.Errorf("the secretariat received a draft's words: %s", ev.data)
			}
		case <-deadline:
			t.Fatal("the secretariat did not receive the submitted sheet")
		}
	}
	if !submittedBetween.Load() {
		t.Fatal("the sheet was not submitted between the dispatcher's read and its check")
	}
	_, rest := office.waitClosed(time.Second)
	for _, ev := range rest {
		if strings.Contains(ev.data, "Lời nháp riêng") {
			t.Errorf("the secretariat received a draft's words: %s", ev.data)
		}
		if strings.Contains(ev.data, "Nhận xét chính thức") {
			submitted++
		}
	}
	if submitted != 1 {
		t.Errorf("the secretariat received the submitted sheet %d times, want once", submitted)
	}
}

// TestRealtimeFilterNeverWidensTheRules: a subscriber's filter narrows what
// the rules let it see and never adds to it: another person's draft,
// matched by a filter that matches everything, is not sent to a staff
// member the list rule keeps it from, and is sent to its owner.
func TestRealtimeFilterNeverWidensTheRules(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	draft := w.Initiative(t, w.StaffA2, "draft", nil)
	topic := rtTopic("initiatives", `{"query":{"filter":"id != ''"}}`)
	other, _ := rtOpen(t, srv.URL)
	owner, _ := rtOpen(t, srv.URL)
	for _, s := range []struct {
		stream *rtStream
		who    *core.Record
	}{{other, w.StaffA}, {owner, w.StaffA2}} {
		if status, body := rtSubscribe(t, srv.URL, s.stream.id, testkit.Token(t, s.who), topic); status != http.StatusNoContent {
			t.Fatalf("subscribe: %d %v", status, body)
		}
	}
	if err := w.App.Save(draft); err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-owner.events:
		if !strings.Contains(ev.data, draft.Id) {
			t.Errorf("owner: event %s %s", ev.name, ev.data)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("owner: no event on their own draft")
	}
	select {
	case ev := <-other.events:
		t.Errorf("another staff member received %s: %s", ev.name, ev.data)
	case <-time.After(time.Second):
	}
}

// TestRealtimeEventHasTheFieldsAsked: a subscription whose options ask for
// some fields ("fields": "id,title") receives the record with those fields
// only, as the REST API answers the same query.
func TestRealtimeEventHasTheFieldsAsked(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	draft := w.Initiative(t, w.StaffA, "draft", nil)
	s, _ := rtOpen(t, srv.URL)
	if status, body := rtSubscribe(t, srv.URL, s.id, testkit.Token(t, w.StaffA), rtTopic("initiatives", `{"query":{"fields":"id,title"}}`)); status != http.StatusNoContent {
		t.Fatalf("subscribe: %d %v", status, body)
	}
	testkit.Update(t, w.App, draft, map[string]any{"title": "Tên mới"})
	select {
	case ev := <-s.events:
		var data struct {
			Record map[string]any `json:"record"`
		}
		if err := json.Unmarshal([]byte(ev.data), &data); err != nil {
			t.Fatalf("%v: %s", err, ev.data)
		}
		if got := strings.Join(keys(data.Record), " "); got != "id title" || data.Record["title"] != "Tên mới" {
			t.Errorf("the event's record %v, want id and title only", data.Record)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no event on the saved draft")
	}
}

// TestRealtimeOwnAccountEventHasTheEmail: a person following their own
// account receives its e-mail address in the event, as the REST view shows
// it to them.
func TestRealtimeOwnAccountEventHasTheEmail(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	topic := "users/" + w.StaffA.Id
	own, _ := rtOpen(t, srv.URL)
	if status, body := rtSubscribe(t, srv.URL, own.id, testkit.Token(t, w.StaffA), topic); status != http.StatusNoContent {
		t.Fatalf("subscribe: %d %v", status, body)
	}
	testkit.Update(t, w.App, w.StaffA, map[string]any{"name": "Tên mới"})
	select {
	case ev := <-own.events:
		if !strings.Contains(ev.data, `"email":"`+w.StaffA.Email()+`"`) {
			t.Errorf("the owner's event on their account has no e-mail: %s", ev.data)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no event on the owner's own account")
	}
}
