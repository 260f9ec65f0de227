package hooks_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tools/subscriptions"

	"sangkien/hooks"
	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// rtSubscribe sends the subscriptions of realtime client clientID as the
// holder of token ("" = signed out) and returns the status and the
// decoded answer (nil for 204).
func rtSubscribe(t testing.TB, base, clientID, token string, subs ...string) (int, map[string]any) {
	t.Helper()
	res := apitest.Send(t, base, http.MethodPost, "/api/realtime", apitest.Token(token),
		apitest.JSON(map[string]any{"clientId": clientID, "subscriptions": subs}))
	var got map[string]any
	_ = json.Unmarshal(res.Body, &got)
	return res.Status, got
}

// rtTopic is a subscription to collection's records with options as its
// raw (JSON) options text.
func rtTopic(collection, options string) string {
	return collection + "/*?options=" + url.QueryEscape(options)
}

// TestRealtimeOptionsSpelledTwice: the spellings put a filter the
// guard refuses beside a harmless one, so that a reader matching names in
// any case, or letting the last duplicate win, checks the harmless one
// while PocketBase runs the other. Every one is refused.
func TestRealtimeOptionsSpelledTwice(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	tok := testkit.Token(t, w.Members[0])
	clientID, stop := realtimeConnect(t, srv.URL)
	defer stop()
	evil := `"scores_via_initiative.total <= 78"`
	for _, options := range []string{
		`{"query":{"filter":` + evil + `},"QUERY":{"filter":"id != ''"}}`,
		`{"query":{"filter":` + evil + `,"filter":"id != ''"}}`,
		`{"query":{"filter":` + evil + `},"query":{"filter":"id != ''"}}`,
		`{"query":{"filter":` + evil + `,"Filter":"id != ''"}}`,
		`{"query":{"filter":` + evil + `},"Query":{"filter":"id != ''"}}`,
		`{"query":{"filter":` + evil + `},"headers":{},"query":{}}`,
	} {
		status, body := rtSubscribe(t, srv.URL, clientID, tok, rtTopic("initiatives", options))
		if status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400: %v", options, status, body)
		}
	}
	// a plain filter on allowed fields is still accepted.
	if status, body := rtSubscribe(t, srv.URL, clientID, tok, rtTopic("initiatives", `{"query":{"filter":"status = 'accepted'"}}`)); status != http.StatusNoContent {
		t.Errorf("a plain filter: status %d, want 204: %v", status, body)
	}
}

// rtSpellings are the ways of writing options whose filter PocketBase
// runs is evil, each beside a decoy a careless reader would check
// instead: duplicates, other letter cases, nesting, escapes, the options
// parameter twice.
func rtSpellings(evil string) []string {
	e, _ := json.Marshal(evil)
	f := string(e)
	decoy := `"id != ''"`
	opts := func(s string) string { return "?options=" + url.QueryEscape(s) }
	return []string{
		opts(`{"query":{"filter":` + f + `}}`),
		opts(`{"query":{"filter":` + f + `},"QUERY":{"filter":` + decoy + `}}`),
		opts(`{"Query":{"filter":` + decoy + `},"query":{"filter":` + f + `}}`),
		opts(`{"query":{"filter":` + f + `,"filter":` + decoy + `}}`),
		opts(`{"query":{"filter":` + f + `},"query":{"filter":` + decoy + `}}`),
		opts(`{"query":{"filter":` + f + `,"FILTER":` + decoy + `}}`),
		opts(`{"query":{"filter":` + f + `,"query":{"filter":` + decoy + `}}}`),
		opts(`{"query":{"filter":` + f + `},"headers":{"x":` + decoy + `},"quEry":null}`),
		opts(`{"\u0071uery":{"\u0066ilter":` + f + `}}`),
		opts(`{"query":{"filter":`+f+`}}`) + "&options=" + url.QueryEscape(`{"query":{"filter":`+decoy+`}}`),
		"?x=1&options=" + url.QueryEscape(`{"query":{"filter":`+f+`}}`),
	}
}

// TestFilterOracleThroughRealtime repeats the schema walk of
// TestFilterOracleOnEveryRelationPath through realtime subscriptions:
// every relation, back-relation and JSON path of every collection, as the
// filter of a subscription to the collection (by name, by id, in another
// case, the old "name?" form), in every spelling of rtSpellings, from a
// signed-out caller, staff and a council member, is refused, and PocketBase
// ends up holding no subscription for any of them.
func TestFilterOracleThroughRealtime(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	h := testkit.Handler(t, w.App)
	callers := []fgCaller{
		{"anonymous", ""},
		{"staff of unit B", testkit.Token(t, w.StaffB)},
		{"council member", testkit.Token(t, w.Members[0])},
	}
	clients := make([]subscriptions.Client, len(callers))
	for i := range callers {
		clients[i] = subscriptions.NewDefaultClient()
		w.App.SubscriptionsBroker().Register(clients[i])
	}
	walked := 0
	for collection, paths := range fgPaths(t, w.App) {
		col, err := w.App.FindCollectionByNameOrId(collection)
		if err != nil {
			t.Fatal(err)
		}
		topics := []string{collection + "/*", col.Id + "/*", strings.ToUpper(collection) + "/*", collection}
		for _, path := range paths {
			if hooks.FilterAllowed(collection, path) {
				continue
			}
			for i, spelling := range rtSpellings(path + " != 'zz'") {
				sub := topics[i%len(topics)] + spelling
				for j, c := range callers {
					walked++
					body, _ := json.Marshal(map[string]any{"clientId": clients[j].Id(), "subscriptions": []string{sub}})
					headers := map[string]string{}
					if c.token != "" {
						headers["Authorization"] = c.token
					}
					status, raw := apitest.Send(t, h, http.MethodPost, "/api/realtime", apitest.JSON(string(body)), apitest.Headers(headers)).StatusBody()
					if status < 400 || status > 499 {
						t.Errorf("%s, %s: status %d, want it refused: %s", c.name, sub, status, raw)
					}
				}
			}
		}
	}
	for j, c := range callers {
		if subs := clients[j].Subscriptions(); len(subs) != 0 {
			t.Errorf("%s: PocketBase holds %d subscriptions: %v", c.name, len(subs), subs)
		}
	}
	t.Logf("%d subscriptions refused", walked)
	if walked < 1000 {
		t.Errorf("only %d subscriptions: is the schema walk still finding the relations?", walked)
	}
}

// FuzzRealtimeOptions feeds the realtime guard and PocketBase the same
// subscription and compares what each reads: whenever PocketBase accepts
// it (204), the query and headers it stores are the ones the guard
// checked; and whatever the guard accepts, encoding/json v1 (names in any
// case, the last duplicate winning) reads the same filter too, so no
// reader of the options sees another filter.
func FuzzRealtimeOptions(f *testing.F) {
	for _, s := range rtSpellings("scores_via_initiative.total <= 78") {
		raw, _ := url.QueryUnescape(strings.TrimPrefix(s, "?options="))
		f.Add(raw, uint8(0), false)
	}
	for _, s := range []string{
		`{"query":{"filter":"status = 'accepted'"}}`, `{"query":{"filter":1}}`, `{"query":{"filter":true}}`,
		`{"query":{"filter":null},"headers":null}`, `{}`, `null`, `[]`, `{"query":{"filter":"status = 'draft'"}} {}`,
		`{"query":{"filter":"id != ''","ﬁlter":"x"}}`, `{"query":{"expand":"owner","fields":"id"},"headers":{"X-Token":"a"}}`,
		`{"query":{"filter":"\u0073tatus = 'draft'"}}`, `{"query":{"filter":"id != ''"},"headerſ":{}}`, `{"query":{"filter":"a","FİLTER":"b"}}`,
	} {
		f.Add(s, uint8(1), true)
	}
	w, err := testkit.OpenWard()
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(w.App.Cleanup)
	h, err := testkit.NewHandler(w.App)
	if err != nil {
		f.Fatal(err)
	}
	token, err := w.Members[0].NewAuthToken()
	if err != nil {
		f.Fatal(err)
	}
	client := subscriptions.NewDefaultClient()
	w.App.SubscriptionsBroker().Register(client)
	topics := []string{"initiatives/*", "scores/*", "initiatives", "PB_CONNECT", "rounds/x"}
	f.Fuzz(func(t *testing.T, options string, topic uint8, escape bool) {
		sub := topics[int(topic)%len(topics)] + "?options="
		if escape {
			sub += url.QueryEscape(options)
		} else {
			sub += options
		}
		body, _ := json.Marshal(map[string]any{"clientId": client.Id(), "subscriptions": []string{sub}})
		// the topic as the server receives it (JSON text carries no invalid UTF-8)
		var sent struct{ Subscriptions []string }
		if err := json.Unmarshal(body, &sent); err != nil {
			t.Fatal(err)
		}
		sub = sent.Subscriptions[0]
		seen, guardErr := hooks.RealtimeOptions(sub)
		status, raw := apitest.Send(t, h, http.MethodPost, "/api/realtime", apitest.JSON(string(body)), apitest.Headers(map[string]string{"Authorization": token})).StatusBody()
		if status == http.StatusNoContent {
			if guardErr != nil {
				t.Fatalf("%q: the guard refused it (%v) but PocketBase took it", sub, guardErr)
			}
			stored, ok := client.Subscriptions()[sub]
			if !ok && sub != "" {
				t.Fatalf("%q: accepted but not stored: %v", sub, client.Subscriptions())
			}
			if fmt.Sprint(stored.Query) != fmt.Sprint(seen.Query) || fmt.Sprint(stored.Headers) != fmt.Sprint(seen.Headers) {
				t.Fatalf("%q: the guard read %v %v, PocketBase stored %v %v", sub, seen.Query, seen.Headers, stored.Query, stored.Headers)
			}
		} else if guardErr == nil && status != http.StatusBadRequest {
			t.Fatalf("%q: status %d: %s", sub, status, raw)
		}
		if guardErr != nil {
			return
		}
		u, err := url.Parse(sub)
		if err != nil {
			return
		}
		var v1 struct {
			Query map[string]any `json:"query"`
		}
		if json.Unmarshal([]byte(u.Query().Get("options")), &v1) != nil {
			return
		}
		if text, isText := v1.Query["filter"].(string); isText && text != seen.Query["filter"] {
			t.Fatalf("%q: encoding/json v1 reads filter %q, the guard %q", sub, text, seen.Query["filter"])
		}
	})
}

// rtEvent is one server-sent event of a realtime stream.
type rtEvent struct{ name, data string }

// rtStream is an open realtime connection: the client id PocketBase gave
// it and the events it receives (the channel closes when the stream ends).
type rtStream struct {
	id     string
	events chan rtEvent
	close  func()
}

// rtOpen connects to base's realtime stream, as a browser's EventSource
// does (no credentials), and returns the stream once PocketBase has
// announced its client id; or nil and the status of a refused connection.
func rtOpen(t testing.TB, base string) (*rtStream, int) {
	t.Helper()
	res := apitest.Open(t, base, http.MethodGet, "/api/realtime")
	if res.StatusCode != http.StatusOK {
		res.Body.Close()
		return nil, res.StatusCode
	}
	s := &rtStream{events: make(chan rtEvent, 1000), close: func() { res.Body.Close() }}
	t.Cleanup(s.close)
	go func() {
		defer close(s.events)
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 1<<16), 1<<20)
		var ev rtEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					s.events <- ev
				}
				ev = rtEvent{}
			case strings.HasPrefix(line, "event:"):
				ev.name = line[len("event:"):]
			case strings.HasPrefix(line, "data:"):
				ev.data += line[len("data:"):]
			}
		}
	}()
	select {
	case ev, ok := <-s.events:
		if !ok || ev.name != "PB_CONNECT" {
			t.Fatalf("realtime: first event %v (open %v)", ev, ok)
		}
		var hello struct{ ClientID string }
		if err := json.Unmarshal([]byte(ev.data), &hello); err != nil || hello.ClientID == "" {
			t.Fatalf("realtime: PB_CONNECT %q: %v", ev.data, err)
		}
		s.id = hello.ClientID
	case <-time.After(10 * time.Second):
		t.Fatal("realtime: no PB_CONNECT")
	}
	return s, http.StatusOK
}

// waitEvent waits up to d for an event named name whose data contains
// text, and reports whether it came.
func (s *rtStream) waitEvent(name, text string, d time.Duration) bool {
	deadline := time.After(d)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				return false
			}
			if ev.name == name && strings.Contains(ev.data, text) {
				return true
			}
		case <-deadline:
			return false
		}
	}
}

// waitClosed waits up to d for the stream to end, and reports whether it
// did; every event received meanwhile is returned.
func (s *rtStream) waitClosed(d time.Duration) (bool, []rtEvent) {
	deadline := time.After(d)
	var got []rtEvent
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				return true, got
			}
			got = append(got, ev)
		case <-deadline:
			return false, got
		}
	}
}
