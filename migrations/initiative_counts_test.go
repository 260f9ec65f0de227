package migrations_test

import (
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

// countsDiffer fails unless initiative_counts and council_sheet_counts
// hold what counting the initiatives and the sheets gives, each row as
// text; it returns how many rows they hold.
func countsDiffer(t *testing.T, app core.App, step string) int {
	t.Helper()
	rows := func(sql string) []string {
		var out []string
		if err := app.DB().NewQuery(sql).Column(&out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	kept := rows(`SELECT 'i ' || round || ' ' || status || ' ' || council || ' ' || n || ' ' || late FROM initiative_counts
		UNION ALL SELECT 's ' || council || ' ' || member || ' ' || n FROM council_sheet_counts ORDER BY 1`)
	counted := rows(`SELECT 'i ' || round || ' ' || status || ' ' || council || ' ' || COUNT(*) || ' ' || SUM(late) FROM initiatives GROUP BY round, status, council
		UNION ALL SELECT 's ' || i.council || ' ' || s.member || ' ' || COUNT(*) FROM scores s JOIN initiatives i ON i.id = s.initiative
			WHERE i.council != '' AND s.status = 'submitted' GROUP BY i.council, s.member ORDER BY 1`)
	if !slices.Equal(kept, counted) {
		t.Errorf("%s: the kept counts\n%v\ndiffer from the counted\n%v", step, kept, counted)
	}
	return len(kept)
}

// The counts the migration keeps are, on the demo ward, what counting
// the rows gives: as the triggers kept them while the ward was made, as
// the migration fills them from the rows there, and after changes made
// in SQL (an initiative moved to another round, council and status, a
// sheet moved to another initiative and member, deletes).
func TestInitiativeCountsAreTheRowsCounted(t *testing.T) {
	t.Parallel()
	app := demoWard(t)
	if n := countsDiffer(t, app, "kept while the demo ward was made"); n == 0 {
		t.Fatal("no counts kept: the comparison proves nothing")
	}
	for _, s := range []string{"DELETE FROM initiative_counts", "DELETE FROM council_sheet_counts",
		"DELETE FROM _migrations WHERE file = '1766002200_initiative_counts.go'"} {
		if _, err := app.DB().NewQuery(s).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	if err := app.RunAppMigrations(); err != nil {
		t.Fatal(err)
	}
	countsDiffer(t, app, "filled by the migration")
	for _, s := range []string{
		`UPDATE initiatives SET round = (SELECT id FROM rounds ORDER BY year LIMIT 1), status = 'withdrawn', late = NOT late,
			council = '' WHERE id IN (SELECT initiative FROM scores WHERE status = 'submitted' LIMIT 1)`,
		`UPDATE initiatives SET council = (SELECT id FROM councils LIMIT 1) WHERE id = (SELECT id FROM initiatives WHERE council = '' AND status = 'accepted' LIMIT 1)`,
		`UPDATE scores SET (initiative, member) = (SELECT i.id, m.user FROM initiatives i, council_members m WHERE i.council != ''
				AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.initiative = i.id AND s.member = m.user) ORDER BY i.id, m.user LIMIT 1)
			WHERE id = (SELECT id FROM scores WHERE status = 'submitted' ORDER BY id DESC LIMIT 1)`,
		`UPDATE scores SET status = 'draft' WHERE id = (SELECT id FROM scores WHERE status = 'submitted' LIMIT 1)`,
		`DELETE FROM scores WHERE id = (SELECT id FROM scores WHERE status = 'submitted' ORDER BY id LIMIT 1 OFFSET 1)`,
		`DELETE FROM initiatives WHERE id = (SELECT initiative FROM scores WHERE status = 'submitted' ORDER BY id DESC LIMIT 1)`,
	} {
		if _, err := app.DB().NewQuery(s).Execute(); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		countsDiffer(t, app, s)
	}
}
