package hooks_test

import (
	"net/http"
	"testing"

	"sangkien/internal/testkit"
)

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
	tw := newTextWorld(t)
	w := tw.w
	srv := testkit.Serve(t, w.App)
	if n := bandKeys(t, w, tw.draft.Id); n != 0 {
		t.Errorf("a draft keeps %d band keys", n)
	}
	if st, body := call(t, srv, http.MethodPost, "/api/reform/initiatives/"+tw.draft.Id+"/submit", testkit.Token(t, w.StaffA), ""); st != http.StatusOK {
		t.Fatalf("submit: %d %v", st, body)
	}
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
	tw := newTextWorld(t)
	w := tw.w
	tw.draft.Set("status", "endorsed")
	if err := w.App.Save(tw.draft); err != nil {
		t.Fatal(err)
	}
	if n := bandKeys(t, w, tw.draft.Id); n == 0 {
		t.Error("endorsed without a submission: no band keys")
	}
	tw.draft.Set("status", "draft")
	if err := w.App.Save(tw.draft); err != nil {
		t.Fatal(err)
	}
	if n := bandKeys(t, w, tw.draft.Id); n != 0 {
		t.Errorf("a draft again keeps %d band keys", n)
	}
}
