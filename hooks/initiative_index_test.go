package hooks_test

import (
	"net/http"
	"sangkien/internal/apitest"
	"testing"
	"time"

	"sangkien/hooks"
	"sangkien/internal/searchindex"
	"sangkien/internal/testkit"
)

// drain writes what the ward's saves queued for the search index, as any
// reader of the index does first.
func drain(t *testing.T, w *testkit.Ward) {
	t.Helper()
	if _, err := searchindex.Drain(w.App); err != nil {
		t.Fatal(err)
	}
}

// bandKeys counts the band keys kept for the initiative id.
func bandKeys(t *testing.T, w *testkit.Ward, id string) int {
	t.Helper()
	var n int
	if err := w.App.DB().NewQuery(`SELECT COUNT(*) FROM initiative_lsh l JOIN initiative_index x ON x.doc = l.doc
		WHERE x.initiative = {:id}`).Bind(map[string]any{"id": id}).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A draft keeps no band keys (the near-duplicate check compares with
// non-drafts only); it gets them when it is submitted, and is then found
// as a near-duplicate of the initiative it copies.
func TestADraftGetsItsBandKeysWhenSubmitted(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	w := tw.w
	srv := testkit.Serve(t, w.App)
	if n := bandKeys(t, w, tw.draft.Id); n != 0 {
		t.Errorf("a draft keeps %d band keys", n)
	}
	if st, body := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+tw.draft.Id+"/submit", apitest.As(w.StaffA), apitest.JSON(nil)).StatusJSON(); st != http.StatusOK {
		t.Fatalf("submit: %d %v", st, body)
	}
	drain(t, w)
	if n := bandKeys(t, w, tw.draft.Id); n == 0 {
		t.Error("the submitted initiative keeps no band keys")
	}
	_, a := similarOf(t, srv, w.Secretariat, tw.draft)
	if len(a.Items) == 0 || a.Items[0].Level != "duplicate" {
		t.Errorf("the submitted copy's similar list: %+v", a.Items)
	}
}

// A draft moved past draft by any save (here a superuser's, straight to
// endorsed, its text unchanged) gets its band keys; moved back, loses them.
func TestAnyLeavingOfDraftWritesTheBandKeys(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	w := tw.w
	tw.draft.Set("status", "endorsed")
	if err := w.App.Save(tw.draft); err != nil {
		t.Fatal(err)
	}
	drain(t, w)
	if n := bandKeys(t, w, tw.draft.Id); n == 0 {
		t.Error("endorsed without a submission: no band keys")
	}
	tw.draft.Set("status", "draft")
	if err := w.App.Save(tw.draft); err != nil {
		t.Fatal(err)
	}
	drain(t, w)
	if n := bandKeys(t, w, tw.draft.Id); n != 0 {
		t.Errorf("a draft again keeps %d band keys", n)
	}
}

// indexed reports whether the initiative id has an index entry.
func indexed(t *testing.T, w *testkit.Ward, id string) bool {
	t.Helper()
	var n int
	if err := w.App.DB().NewQuery("SELECT COUNT(*) FROM initiative_index WHERE initiative = {:id}").
		Bind(map[string]any{"id": id}).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n > 0
}

// A program that stops between a save's commit and the writing of its
// index entry (here: saves made while nothing drains the queue, as in a
// program stopped at that moment) loses nothing: the entry and the
// submitted initiative's similar list are written when it next serves,
// before its first answer.
func TestSavesCommittedBeforeAStopAreIndexedAtTheNextStart(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	w := tw.w
	draft := w.Initiative(t, w.StaffA, "draft", map[string]any{"title": "Sổ tay điện tử cho tổ dân phố"})
	tw.draft.Set("status", "submitted")
	if err := w.App.Save(tw.draft); err != nil {
		t.Fatal(err)
	}
	if indexed(t, w, draft.Id) {
		t.Fatal("the draft was indexed in its save: the queue is not what this test stops")
	}
	srv := testkit.Serve(t, w.App) // the next start
	if !indexed(t, w, draft.Id) {
		t.Error("the queued draft is not indexed once the program serves")
	}
	var stored int
	_ = w.App.DB().NewQuery("SELECT COUNT(*) FROM initiative_similar WHERE initiative = {:id}").
		Bind(map[string]any{"id": tw.draft.Id}).Row(&stored)
	if stored == 0 {
		t.Error("the submitted initiative's similar list is not kept once the program serves")
	}
	if a := search(t, srv, w.StaffA, "so tay dien tu"); len(a.Items) != 1 || a.Items[0].ID != draft.Id {
		t.Errorf("its author's search: %v", a.ids())
	}
}

// A search answers from every save committed before it: what is queued is
// written before the index is read. The draft is found by its author the
// moment it is created, and not by another member of staff.
func TestASearchSeesTheSavesBeforeIt(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	w := tw.w
	hooks.SetIndexDrainDelay(w.App, time.Hour) // the queue is drained by the reader only
	srv := testkit.Serve(t, w.App)
	st, body := apitest.Send(t, srv, http.MethodPost, "/api/collections/initiatives/records", apitest.As(w.StaffA),
		apitest.JSON(`{"round":"`+w.Round.Id+`","title":"Sổ tay điện tử cho tổ dân phố"}`)).StatusJSON()
	if st != http.StatusOK {
		t.Fatalf("create: %d %v", st, body)
	}
	if a := search(t, srv, w.StaffA, "so tay dien tu"); len(a.Items) != 1 || a.Items[0].ID != body["id"] {
		t.Errorf("its author's search right after the create: %v", a.ids())
	}
	if a := search(t, srv, w.StaffB, "so tay dien tu"); len(a.Items) != 0 {
		t.Errorf("another staff member finds the draft: %v", a.ids())
	}
}
