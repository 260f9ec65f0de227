package hooks_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestRealtimeNeedsSignIn: signed out, no collection can be subscribed to
// (every collection of the schema, by name or by id, each record topic and
// the whole collection): 401, and PocketBase holds nothing for the
// connection. Signed in, the same subscriptions are taken.
func TestRealtimeNeedsSignIn(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	cols, err := w.App.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	anon, _ := rtOpen(t, srv.URL)
	signed, _ := rtOpen(t, srv.URL)
	tok := testkit.Token(t, w.StaffA)
	tried := 0
	for _, c := range cols {
		if c.System && c.Name != "users" {
			continue
		}
		for _, sub := range []string{c.Name + "/*", c.Id + "/*", c.Name + "/" + w.StaffA.Id, c.Name} {
			tried++
			if status, body := rtSubscribe(t, srv.URL, anon.id, "", sub); status != http.StatusUnauthorized {
				t.Errorf("signed out, %s: status %d, want 401: %v", sub, status, body)
			}
			if status, body := rtSubscribe(t, srv.URL, signed.id, tok, sub); status != http.StatusNoContent {
				t.Errorf("signed in, %s: status %d, want 204: %v", sub, status, body)
			}
		}
	}
	if tried < 40 {
		t.Errorf("only %d topics: is the schema walk finding the collections?", tried)
	}
	client, err := w.App.SubscriptionsBroker().ClientById(anon.id)
	if err != nil {
		t.Fatal(err)
	}
	if subs := client.Subscriptions(); len(subs) != 0 {
		t.Errorf("the signed-out connection holds %v", subs)
	}
	// the SDK's own connect topic is no record data: allowed signed out.
	if status, body := rtSubscribe(t, srv.URL, anon.id, "", "PB_CONNECT"); status != http.StatusNoContent {
		t.Errorf("signed out, PB_CONNECT: status %d: %v", status, body)
	}
}

// TestRealtimeSubscriptionCap: a connection holds at most 50
// subscriptions; 51 in one request answer 400 too_many_subscriptions.
func TestRealtimeSubscriptionCap(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	s, _ := rtOpen(t, srv.URL)
	tok := testkit.Token(t, w.StaffA)
	subs := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("initiatives/x%d", i)
		}
		return out
	}
	if status, body := rtSubscribe(t, srv.URL, s.id, tok, subs(50)...); status != http.StatusNoContent {
		t.Errorf("50 subscriptions: status %d: %v", status, body)
	}
	status, body := rtSubscribe(t, srv.URL, s.id, tok, subs(51)...)
	if status != http.StatusBadRequest || apitest.ErrCode(body, "subscriptions") != "too_many_subscriptions" {
		t.Errorf("51 subscriptions: status %d, want 400 too_many_subscriptions: %v", status, body)
	}
}

// TestRealtimeConnectionCaps: one account holds at most 10 realtime
// connections (the 11th answers 429 too_many_connections until one of the
// ten closes), and one address at most 100 (the 101st is refused before
// PocketBase registers it).
func TestRealtimeConnectionCaps(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	tok := testkit.Token(t, w.StaffA)
	var mine []*rtStream
	for i := range 10 {
		s, status := rtOpen(t, srv.URL)
		if s == nil {
			t.Fatalf("connection %d: %d", i, status)
		}
		if status, body := rtSubscribe(t, srv.URL, s.id, tok, "initiatives/*"); status != http.StatusNoContent {
			t.Fatalf("connection %d of the account: %d %v", i, status, body)
		}
		mine = append(mine, s)
	}
	extra, _ := rtOpen(t, srv.URL)
	status, body := rtSubscribe(t, srv.URL, extra.id, tok, "initiatives/*")
	if status != http.StatusTooManyRequests || apitest.ErrCode(body, "subscriptions") != "too_many_connections" {
		t.Errorf("the account's 11th connection: status %d, want 429 too_many_connections: %v", status, body)
	}
	if status, body := rtSubscribe(t, srv.URL, extra.id, testkit.Token(t, w.StaffB), "initiatives/*"); status != http.StatusNoContent {
		t.Errorf("another account on the same address: %d %v", status, body)
	}
	mine[0].close()
	deadline := time.Now().Add(5 * time.Second)
	again, _ := rtOpen(t, srv.URL)
	for {
		status, body = rtSubscribe(t, srv.URL, again.id, tok, "initiatives/*")
		if status == http.StatusNoContent || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if status != http.StatusNoContent {
		t.Errorf("after one of the ten closed: %d %v", status, body)
	}

	// 11 connections are open from this address (nine of the account's, the
	// extra one, the one after the close); up to 100 in all.
	open := 11
	for ; open < 100; open++ {
		if s, status := rtOpen(t, srv.URL); s == nil {
			t.Fatalf("connection %d of the address: %d", open+1, status)
		}
	}
	if s, status := rtOpen(t, srv.URL); s != nil || status != http.StatusTooManyRequests {
		t.Errorf("the address's 101st connection: status %d, want 429", status)
	}
}
