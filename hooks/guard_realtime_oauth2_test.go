package hooks_test

import (
	"net/http"
	"testing"

	"sangkien/internal/testkit"
)

// TestRealtimeOAuth2TopicOnly: the city's sign-in page subscribes, before
// anyone is signed in, to @oauth2 (PocketBase sends the provider's code to
// it): allowed; any other topic of that kind, or @oauth2 with options, is
// still refused.
func TestRealtimeOAuth2TopicOnly(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	s, status := rtOpen(t, srv.URL)
	if s == nil {
		t.Fatalf("realtime connect: %d", status)
	}
	if status, body := rtSubscribe(t, srv.URL, s.id, "", "@oauth2"); status != http.StatusNoContent {
		t.Errorf("@oauth2 signed out: %d %v", status, body)
	}
	for _, topic := range []string{"@oauth2?options=" + `{"query":{"filter":"1=1"}}`, "@admins", "@oauth2x"} {
		if status, _ := rtSubscribe(t, srv.URL, s.id, "", topic); status != http.StatusBadRequest && status != http.StatusUnauthorized {
			t.Errorf("%s signed out: %d, want a refusal", topic, status)
		}
	}
}
