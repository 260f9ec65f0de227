package hooks_test

import (
	"net/http"
	"testing"
	"time"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestDeactivationClosesRealtime: a staff member follows their draft live;
// the secretariat deactivates the account, and the open stream ends at
// once (not at PocketBase's 30-minute limit); no event reaches it after.
func TestDeactivationClosesRealtime(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	mine := w.Initiative(t, w.StaffA, "draft", map[string]any{"title": "Bản nháp theo dõi"})
	s, _ := rtOpen(t, srv.URL)
	if status, body := rtSubscribe(t, srv.URL, s.id, testkit.Token(t, w.StaffA), "initiatives/"+mine.Id); status != http.StatusNoContent {
		t.Fatalf("subscribe: %d %v", status, body)
	}
	testkit.Update(t, w.App, mine, map[string]any{"title": "Lần sửa thứ nhất"})
	if !s.waitEvent("initiatives/"+mine.Id, "Lần sửa thứ nhất", 5*time.Second) {
		t.Fatal("the active account does not receive its draft's change")
	}
	if code, ans := apitest.Send(t, srv.URL, http.MethodPatch, "/api/collections/users/records/"+w.StaffA.Id, apitest.As(w.Secretariat), apitest.JSON(map[string]any{"active": false})).StatusJSON(); code != 200 {
		t.Fatalf("deactivate: %d %v", code, ans)
	}
	testkit.Update(t, w.App, mine, map[string]any{"title": "Sửa sau khi khóa"})
	closed, got := s.waitClosed(15 * time.Second)
	if !closed {
		t.Error("the deactivated account's realtime stream is still open")
	}
	for _, ev := range got {
		if ev.name == "initiatives/"+mine.Id {
			t.Errorf("an event reached the deactivated account: %s", ev.data)
		}
	}
}

// TestInactiveAccountGetsNoRealtimeMessage: an account turned inactive
// behind the hooks' back (a direct database change) receives no further
// message: each message sent checks the account, and the stream ends.
func TestInactiveAccountGetsNoRealtimeMessage(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	mine := w.Initiative(t, w.StaffA, "draft", map[string]any{"title": "Bản nháp theo dõi"})
	s, _ := rtOpen(t, srv.URL)
	if status, body := rtSubscribe(t, srv.URL, s.id, testkit.Token(t, w.StaffA), "initiatives/"+mine.Id); status != http.StatusNoContent {
		t.Fatalf("subscribe: %d %v", status, body)
	}
	if _, err := w.App.DB().NewQuery("UPDATE users SET active = FALSE WHERE id = {:id}").Bind(map[string]any{"id": w.StaffA.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	testkit.Update(t, w.App, mine, map[string]any{"title": "Sửa khi tài khoản đã khóa"})
	closed, got := s.waitClosed(15 * time.Second)
	for _, ev := range got {
		if ev.name == "initiatives/"+mine.Id {
			t.Errorf("a message reached the inactive account: %s", ev.data)
		}
	}
	if !closed {
		t.Error("the inactive account's realtime stream is still open after a message")
	}
}
