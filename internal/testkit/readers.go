package testkit

import (
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/readers"
)

// ReaderListsFresh fails t when some initiative's stored lists (readers,
// voters, scored, compared as sets of ids) differ from what
// readers.RefreshAll writes from the rows they depend on, or when the
// initiatives' rule does not name the accounts holding the role
// secretariat or chairman (readers.Rule): some write went around the
// hooks that keep them. step names the moment in the message.
func ReaderListsFresh(t testing.TB, app core.App, step string) {
	t.Helper()
	overseers, err := readers.Overseers(app)
	if err != nil {
		t.Fatal(err)
	}
	col, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		t.Fatal(err)
	}
	if rule := readers.Rule(overseers); *col.ListRule != rule || *col.ViewRule != rule {
		t.Errorf("%s: the initiatives' rules %q / %q, want %q", step, *col.ListRule, *col.ViewRule, rule)
	}
	read := func() map[string][3]string {
		rows := []struct {
			ID      string `db:"id"`
			Readers string `db:"readers"`
			Voters  string `db:"voters"`
			Scored  string `db:"scored"`
		}{}
		if err := app.DB().NewQuery("SELECT id, readers, voters, scored FROM initiatives").All(&rows); err != nil {
			t.Fatal(err)
		}
		out := map[string][3]string{}
		for _, r := range rows {
			var lists [3]string
			for i, l := range []string{r.Readers, r.Voters, r.Scored} {
				ids := strings.Fields(l)
				slices.Sort(ids)
				lists[i] = strings.Join(ids, " ")
			}
			out[r.ID] = lists
		}
		return out
	}
	stored := read()
	if err := readers.RefreshAll(app); err != nil {
		t.Fatal(err)
	}
	for id, lists := range read() {
		if stored[id] != lists {
			t.Errorf("%s: initiative %s: stored readers/voters/scored %q, RefreshAll writes %q", step, id, stored[id], lists)
		}
	}
}
