package hooks_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// mine is what GET /api/reform/me/initiatives answers who.
func mine(t *testing.T, h http.Handler, who *core.Record) (ids []string, total int, items []map[string]any) {
	t.Helper()
	var ans struct {
		Items      []map[string]any
		TotalItems int
	}
	apitest.Send(t, h, http.MethodGet, "/api/reform/me/initiatives", apitest.As(who)).DecodeOK(t, &ans)
	for _, it := range ans.Items {
		ids = append(ids, it["id"].(string))
	}
	return ids, ans.TotalItems, ans.Items
}

// The staff page's list holds a person's own initiatives and those naming
// them as a linked author, newest first with the columns the page shows:
// not another's, not a unit head's or the secretariat's reading, not one
// whose link was removed; and an authorship row is not enough, the
// initiatives' list rule must let the person list the row too.
func TestMyInitiativesAreOwnAndCoAuthoredThroughTheListRule(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	h := testkit.Handler(t, w.App)
	own := w.Initiative(t, w.StaffA, "draft", nil)
	co := w.Initiative(t, w.StaffA2, "submitted", map[string]any{"author_users": []string{w.StaffA2.Id, w.StaffA.Id}})
	other := w.Initiative(t, w.StaffA2, "draft", nil)
	newestFirst := func(rs ...*core.Record) []string {
		slices.SortStableFunc(rs, func(a, b *core.Record) int {
			return -a.GetDateTime("created").Time().Compare(b.GetDateTime("created").Time())
		})
		var ids []string
		for _, r := range rs {
			ids = append(ids, r.Id)
		}
		return ids
	}
	want := func(who *core.Record, name string, rs ...*core.Record) {
		t.Helper()
		ids, total, _ := mine(t, h, who)
		if w := newestFirst(rs...); !slices.Equal(ids, w) || total != len(w) {
			t.Errorf("%s lists %v (total %d), want %v", name, ids, total, w)
		}
	}
	want(w.StaffA, "the owner of one, co-author of another", co, own)
	want(w.StaffA2, "the owner of two", co, other)
	want(w.StaffB, "staff of another unit")
	want(w.HeadA, "the head of the unit (who reads the submitted one)")
	want(w.Secretariat, "the secretariat (who reads the submitted one)")

	_, _, items := mine(t, h, w.StaffA)
	for _, it := range items {
		for _, k := range []string{"id", "code", "title", "status", "late", "owner", "created", "submitted_at", "return_reason", "result_tier"} {
			if _, ok := it[k]; !ok {
				t.Errorf("a row lacks %s: %v", k, it)
			}
		}
		if _, ok := it["readers"]; ok || len(it) != 10 {
			t.Errorf("a row holds more than the page's columns: %v", it)
		}
		if it["id"] == own.Id && (it["title"] != own.GetString("title") || it["owner"] != w.StaffA.Id || it["status"] != "draft") {
			t.Errorf("the draft's row: %v", it)
		}
	}

	testkit.Update(t, w.App, co, map[string]any{"author_users": []string{w.StaffA2.Id}})
	want(w.StaffA, "a co-author whose link was removed", own)
	want(w.StaffA2, "the owner, after the removal", co, other)

	// authorship rows for people the rule keeps from the row: B and the
	// head of A on A's draft; the head's row on the submitted one shows
	// that a row the rule lets through is listed.
	for _, r := range [][2]string{{w.StaffB.Id, own.Id}, {w.HeadA.Id, own.Id}, {w.HeadA.Id, co.Id}} {
		if _, err := w.App.DB().NewQuery("INSERT INTO initiative_authors (user, initiative) VALUES ({:u}, {:i})").
			Bind(map[string]any{"u": r[0], "i": r[1]}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	want(w.StaffB, "staff of another unit named on a draft by the table alone")
	want(w.HeadA, "the head named on a draft and on a submitted one by the table alone", co)
}

// The page shows the first 200 and the number of them all.
func TestMyInitiativesShowTheFirst200AndCountThemAll(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	h := testkit.Handler(t, w.App)
	for range 201 {
		w.Initiative(t, w.StaffA, "draft", nil)
	}
	ids, total, items := mine(t, h, w.StaffA)
	if len(ids) != 200 || total != 201 {
		t.Fatalf("%d rows, total %d; want 200 of 201", len(ids), total)
	}
	for i := 1; i < len(items); i++ {
		if items[i-1]["created"].(string) < items[i]["created"].(string) {
			t.Fatalf("row %d (%v) is older than row %d (%v)", i-1, items[i-1]["created"], i, items[i]["created"])
		}
	}
}
