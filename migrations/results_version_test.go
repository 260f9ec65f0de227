package migrations_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/testkit"
)

// resultsVersion is the count of changes kept by 1766000200_results_version.
func resultsVersion(t *testing.T, app core.App) int64 {
	t.Helper()
	var n int64
	if err := app.DB().NewQuery("SELECT n FROM results_version WHERE id = 1").Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestResultsVersionCountsEveryChangeResultsAreMadeOf(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	ini := w.Initiative(t, w.StaffA, "accepted", map[string]any{"council": w.Council.Id})
	draft := w.Initiative(t, w.StaffA, "draft", nil)
	var sheet *core.Record
	changes := []struct {
		name   string
		counts bool
		do     func()
	}{
		{"a draft sheet saved", false, func() { sheet = w.Sheet(t, ini, w.Chair, "draft", testkit.Points(20, 10, 20, 10), true) }},
		{"the sheet submitted", true, func() { testkit.Update(t, w.App, sheet, map[string]any{"status": "submitted"}) }},
		{"its points changed in SQL", true, func() {
			if _, err := w.App.DB().NewQuery("UPDATE scores SET total = 1 WHERE id = {:id}").Bind(map[string]any{"id": sheet.Id}).Execute(); err != nil {
				t.Fatal(err)
			}
		}},
		{"the sheet reopened", true, func() { testkit.Update(t, w.App, sheet, map[string]any{"status": "draft"}) }},
		{"the draft sheet deleted", false, func() {
			if err := w.App.Delete(sheet); err != nil {
				t.Fatal(err)
			}
		}},
		{"a draft's text written", false, func() { testkit.Update(t, w.App, draft, map[string]any{"title": "Một tiêu đề khác"}) }},
		{"a draft's authors changed", true, func() {
			testkit.Update(t, w.App, draft, map[string]any{"author_users": []string{w.StaffA.Id, w.StaffB.Id}})
		}},
		{"an accepted initiative's title", true, func() { testkit.Update(t, w.App, ini, map[string]any{"title": "Tiêu đề mới"}) }},
		{"its council taken away in SQL", true, func() {
			if _, err := w.App.DB().NewQuery("UPDATE initiatives SET council = '' WHERE id = {:id}").Bind(map[string]any{"id": ini.Id}).Execute(); err != nil {
				t.Fatal(err)
			}
		}},
		{"a member renamed", true, func() { testkit.Update(t, w.App, w.Chair, map[string]any{"name": "Tên mới"}) }},
		{"a member's position text", false, func() { testkit.Update(t, w.App, w.Chair, map[string]any{"position": "Phó Chủ tịch"}) }},
		{"the round's threshold", true, func() { testkit.Update(t, w.App, w.Round, map[string]any{"threshold": 60}) }},
		{"a seat's vote", true, func() {
			seat, err := w.App.FindFirstRecordByFilter("council_members", "council = {:c}", map[string]any{"c": w.Council.Id})
			if err != nil {
				t.Fatal(err)
			}
			testkit.Update(t, w.App, seat, map[string]any{"votes": !seat.GetBool("votes")})
		}},
		{"the initiative deleted", true, func() {
			if err := w.App.Delete(ini); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, c := range changes {
		before := resultsVersion(t, w.App)
		c.do()
		if counted := resultsVersion(t, w.App) > before; counted != c.counts {
			t.Errorf("%s: counted %v, want %v", c.name, counted, c.counts)
		}
	}
}
