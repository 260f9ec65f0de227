package migrations_test

import (
	"strings"
	"testing"
)

// Each list a page asks for reads its page in the order of an index: no
// sort of the whole round before the first 50 rows (SQLite's plan says
// "USE TEMP B-TREE FOR ORDER BY" when it sorts).
func TestInitiativeListsReadAPageInIndexOrder(t *testing.T) {
	t.Parallel()
	app := appAt(t, ourFiles()[len(ourFiles())-1])
	for _, c := range []struct{ list, where, order, index string }{
		{"secretariat", "round = 'r' AND status = 'submitted'", "submitted_at", "idx_initiatives_round_status_submitted"},
		{"overview", "round = 'r' AND status IS NOT 'draft'", "code", "idx_initiatives_round_code"},
		{"unit head", "unit = 'u' AND round = 'r' AND status IS NOT 'draft'", "submitted_at", "idx_initiatives_unit_round_submitted"},
		{"council member", "council = 'c'", "code", "idx_initiatives_council_code"},
		{"assignment (council page)", "round = 'r' AND status = 'accepted'", "code", "idx_initiatives_round_status_code"},
	} {
		rows, err := app.DB().NewQuery("EXPLAIN QUERY PLAN SELECT * FROM initiatives WHERE " + c.where +
			" ORDER BY " + c.order + " LIMIT 50").Rows()
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			rows.Scan(&id, &parent, &unused, &detail)
			plan = append(plan, detail)
		}
		rows.Close()
		text := strings.Join(plan, "; ")
		if !strings.Contains(text, c.index) || strings.Contains(text, "FOR ORDER BY") {
			t.Errorf("%s's list: plan %q, want a read in the order of %s", c.list, text, c.index)
		}
	}
}
