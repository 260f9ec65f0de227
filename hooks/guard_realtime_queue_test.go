package hooks_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/hooks"
	"sangkien/internal/testkit"
)

// TestRealtimeQueueHoldsAChangeOnce: a record saved twice before its turn
// waits once in the realtime queue (it is announced once, with its state
// at its turn); two records wait twice.
func TestRealtimeQueueHoldsAChangeOnce(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	a := w.Initiative(t, w.StaffA, "draft", nil)
	b := w.Initiative(t, w.StaffA, "draft", nil)
	if n := hooks.RealtimeQueued(w.App, 0, a, a); n != 1 {
		t.Errorf("one record saved twice: %d changes queued, want 1", n)
	}
	if n := hooks.RealtimeQueued(w.App, 0, a, b, a); n != 2 {
		t.Errorf("two records saved: %d changes queued, want 2", n)
	}
}

// TestRealtimeQueueStopsAtItsCap: with the queue one short of its cap, of
// two records saved the first is queued and the second dropped: the queue
// never holds more than its cap.
func TestRealtimeQueueStopsAtItsCap(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	a := w.Initiative(t, w.StaffA, "draft", nil)
	b := w.Initiative(t, w.StaffA, "draft", nil)
	if n := hooks.RealtimeQueued(w.App, hooks.RealtimeQueueMax-1, a, b); n != hooks.RealtimeQueueMax {
		t.Errorf("%d changes queued, the cap is %d", n, hooks.RealtimeQueueMax)
	}
}

// officeWatchingAnInitiative is a served ward with an endorsed initiative
// ("Sổ theo dõi hồ sơ điện tử") and the secretariat subscribed to the
// initiatives' events.
func officeWatchingAnInitiative(t *testing.T) (*testkit.Ward, *core.Record, *rtStream) {
	t.Helper()
	w := testkit.NewWard(t)
	ini := w.Initiative(t, w.StaffA, "endorsed", map[string]any{"title": "Sổ theo dõi hồ sơ điện tử"})
	srv := testkit.Serve(t, w.App)
	office, _ := rtOpen(t, srv.URL)
	if status, body := rtSubscribe(t, srv.URL, office.id, testkit.Token(t, w.Secretariat), "initiatives/*"); status != http.StatusNoContent {
		t.Fatalf("subscribe: %d %v", status, body)
	}
	return w, ini, office
}

// TestRealtimeAnnouncementLeavesANewerRowToItsChange: the announcement of
// a change sends the record as that change saved it; once the record has
// changed again (its updated stamp is newer) and that later change is
// queued, it sends nothing, the later change announcing it, so no one
// receives one row twice.
func TestRealtimeAnnouncementLeavesANewerRowToItsChange(t *testing.T) {
	t.Parallel()
	w, ini, office := officeWatchingAnInitiative(t)
	// an earlier change of the record: it has been saved again since.
	hooks.RealtimeAnnounce(w.App, ini, "2000-01-02 03:04:05.678Z", true)
	if _, got := office.waitClosed(500 * time.Millisecond); len(got) != 0 {
		t.Errorf("the announcement of an earlier change sent %d events: %v", len(got), got)
	}
	// the record's latest change.
	hooks.RealtimeAnnounce(w.App, ini, ini.GetString("updated"), false)
	_, got := office.waitClosed(time.Second)
	if len(got) != 1 || !strings.Contains(got[0].data, "Sổ theo dõi hồ sơ điện tử") {
		t.Errorf("the announcement of the latest change sent %v, want the record once", got)
	}
}

// TestRealtimeRowSentAheadIsNotSentAgainByItsChange: a record saved twice
// (a file attached, then the initiative submitted), the earlier change's
// turn comes after the later save committed but before its hook queued
// it: the earlier change sends the newer row (nothing queued would
// announce it), and the later change, when it comes, sends nothing more.
func TestRealtimeRowSentAheadIsNotSentAgainByItsChange(t *testing.T) {
	t.Parallel()
	w, ini, office := officeWatchingAnInitiative(t)
	hooks.RealtimeAnnounceAheadThenItsChange(w.App, ini, "2000-01-02 03:04:05.678Z")
	_, got := office.waitClosed(time.Second)
	if len(got) != 1 || !strings.Contains(got[0].data, "Sổ theo dõi hồ sơ điện tử") {
		t.Errorf("a row sent ahead of its change, then that change: the subscriber received %d events %v, want the row once", len(got), got)
	}
}

// TestRealtimeRowSavedAgainWithTheSameStampIsSent: a row sent ahead of its
// change, then saved again before that change's turn with the same updated
// stamp (two saves in one millisecond: the stamp counts milliseconds; here
// the second is written directly, its stamp kept): the change sends the
// row as it is now, so the subscriber receives the later text.
func TestRealtimeRowSavedAgainWithTheSameStampIsSent(t *testing.T) {
	t.Parallel()
	w, ini, office := officeWatchingAnInitiative(t)
	hooks.RealtimeAnnounceAheadThenSavedAgain(w.App, ini, "2000-01-02 03:04:05.678Z", func() {
		if _, err := w.App.DB().NewQuery("UPDATE initiatives SET title = {:t} WHERE id = {:id}").
			Bind(dbx.Params{"t": "Sổ theo dõi hồ sơ điện tử, bản sửa", "id": ini.Id}).Execute(); err != nil {
			t.Fatal(err)
		}
	})
	_, got := office.waitClosed(time.Second)
	later := 0
	for _, ev := range got {
		if strings.Contains(ev.data, "bản sửa") {
			later++
		}
	}
	if len(got) != 2 || later != 1 {
		t.Errorf("a row sent ahead, then saved again with its stamp: the subscriber received %d events %v, want the first row and the later one", len(got), got)
	}
}

// TestRealtimeAnnouncesTheLatestRowWhenHooksFireOutOfOrder: two saves of
// one record commit in turn, but the later save's hook queues its change
// before the earlier one's (each request runs its hooks after its commit,
// in its own goroutine). The record's latest row is announced all the
// same, once: no change is lost because the queue remembers an older
// stamp than the row's.
func TestRealtimeAnnouncesTheLatestRowWhenHooksFireOutOfOrder(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	ini := w.Initiative(t, w.StaffA, "endorsed", map[string]any{"title": "Bản nháp thứ nhất"})
	first := ini.Clone()
	time.Sleep(5 * time.Millisecond) // the second save's stamp differs
	ini.Set("title", "Sổ theo dõi hồ sơ điện tử")
	if err := w.App.Save(ini); err != nil {
		t.Fatal(err)
	}
	if first.GetString("updated") == ini.GetString("updated") {
		t.Fatal("the two saves share one updated stamp")
	}
	srv := testkit.Serve(t, w.App)
	office, _ := rtOpen(t, srv.URL)
	if status, body := rtSubscribe(t, srv.URL, office.id, testkit.Token(t, w.Secretariat), "initiatives/*"); status != http.StatusNoContent {
		t.Fatalf("subscribe: %d %v", status, body)
	}
	hooks.RealtimeRunInTurn(w.App, ini, first)
	_, got := office.waitClosed(time.Second)
	if len(got) != 1 || !strings.Contains(got[0].data, "Sổ theo dõi hồ sơ điện tử") {
		t.Errorf("after two saves whose hooks fired out of order the subscriber received %v, want the latest row once", got)
	}
}
