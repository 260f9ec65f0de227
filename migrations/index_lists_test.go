package migrations_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
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
		text := planOf(t, app, "SELECT * FROM initiatives WHERE "+c.where+" ORDER BY "+c.order+" LIMIT 50")
		if !strings.Contains(text, c.index) || strings.Contains(text, "FOR ORDER BY") {
			t.Errorf("%s's list: plan %q, want a read in the order of %s", c.list, text, c.index)
		}
	}
}

// A council member's queue is counted from an index alone (the council
// page's counts in one pass: the queue, those done, the member's own), not
// from the initiatives' wide rows.
func TestCouncilQueueCountsReadAnIndexOnly(t *testing.T) {
	t.Parallel()
	app := appAt(t, ourFiles()[len(ourFiles())-1])
	text := planOf(t, app, "SELECT COUNT(CASE WHEN NOT mine THEN 1 END), COUNT(CASE WHEN NOT mine AND scored THEN 1 END), "+
		"COUNT(CASE WHEN mine THEN 1 END) FROM (SELECT (owner = 'm' OR instr(author_users, 'm') > 0) AS mine, "+
		"instr(scored, 'm') > 0 AS scored FROM initiatives WHERE council = 'c' AND readers LIKE '%m%' LIMIT 2147483647)")
	if !strings.Contains(text, "COVERING INDEX idx_initiatives_council_queue") {
		t.Errorf("the queue's counts: plan %q, want the covering index idx_initiatives_council_queue", text)
	}
}

// A unit head's second table (the unit's initiatives of the round past
// waiting) is counted from an index alone: the unit and round, the status
// and the list rule's reader list are all in
// idx_initiatives_unit_round_submitted (PocketBase's total, under the
// rule, as it asks it). (The waiting table's count, status = 'submitted',
// may read idx_initiatives_quota and its few rows: the planner's choice on
// the city's statistics.)
func TestUnitHeadOthersCountReadsAnIndexOnly(t *testing.T) {
	t.Parallel()
	app := appAt(t, ourFiles()[len(ourFiles())-1])
	text := planOf(t, app, "SELECT COUNT(DISTINCT initiatives._rowid_) FROM initiatives WHERE ('m' IS NOT '' AND "+
		"(readers LIKE '%m%' ESCAPE '\\' OR (readers LIKE '%*oversight%' ESCAPE '\\' AND ('m' = 'a' OR 'm' = 'b')))) "+
		"AND (unit = 'u' AND round = 'r' AND status IS NOT 'draft' AND status IS NOT 'submitted')")
	if !strings.Contains(text, "COVERING INDEX idx_initiatives_unit_round_submitted") {
		t.Errorf("the unit head's count of the others: plan %q, want the covering index idx_initiatives_unit_round_submitted", text)
	}
}

// planOf is SQLite's EXPLAIN QUERY PLAN of statement, its lines joined by "; ".
func planOf(t *testing.T, app core.App, statement string) string {
	t.Helper()
	rows, err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + statement).Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		rows.Scan(&id, &parent, &unused, &detail)
		plan = append(plan, detail)
	}
	return strings.Join(plan, "; ")
}

// The audit page's filters (person, action, collection) and its dates read
// a page of the log newest first in the order of an index, not a sort of
// every entry the filter keeps.
func TestAuditPageFiltersReadInIndexOrder(t *testing.T) {
	t.Parallel()
	app := appAt(t, ourFiles()[len(ourFiles())-1])
	for _, c := range []struct{ filter, where, index string }{
		{"none", "1", "idx_audit_log_created"},
		{"person", "actor = 'u'", "idx_audit_log_actor_created"},
		{"action", "action = 'decide'", "idx_audit_log_action_created"},
		{"collection", "collection = 'rounds'", "idx_audit_log_collection_created"},
		{"dates", "created >= '2026-01-01' AND created < '2026-02-01'", "idx_audit_log_created"},
	} {
		text := planOf(t, app, "SELECT * FROM audit_log WHERE "+c.where+" ORDER BY created DESC, rowid DESC LIMIT 21 OFFSET 20")
		if !strings.Contains(text, c.index) || strings.Contains(text, "FOR ORDER BY") {
			t.Errorf("the audit page by %s: plan %q, want a read in the order of %s", c.filter, text, c.index)
		}
	}
}

// The staff page's list reads initiative_authors, so no index of the
// initiatives by creation is kept for it: every insert and every change of
// an initiative's owner, authors or readers would write it for nothing.
func TestNoIndexKeptForTheStaffListByCreation(t *testing.T) {
	t.Parallel()
	app := appAt(t, ourFiles()[len(ourFiles())-1])
	var n int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'idx_initiatives_created_mine'").Row(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Error("idx_initiatives_created_mine is still there")
	}
	text := planOf(t, app, "SELECT id FROM initiatives WHERE id IN (SELECT initiative FROM initiative_authors WHERE user = 'u') ORDER BY created DESC LIMIT 200")
	if !strings.Contains(text, "initiative_authors USING PRIMARY KEY") {
		t.Errorf("the staff list: plan %q, want a seek of initiative_authors", text)
	}
}

// A submission's next code is one entry of its round's given codes by
// length and text, not a pass over the round.
func TestNextCodeReadsOneEntryOfTheRound(t *testing.T) {
	t.Parallel()
	app := appAt(t, ourFiles()[len(ourFiles())-1])
	text := planOf(t, app, "SELECT code FROM initiatives WHERE round = 'r' AND code != '' AND code LIKE 'SK-2027-%' "+
		"AND substr(code, 9) NOT GLOB '*[^0-9]*' AND length(code) >= 11 AND (length(code) = 11 OR substr(code, 9, 1) != '0') "+
		"ORDER BY length(code) DESC, code DESC LIMIT 1")
	if !strings.Contains(text, "COVERING INDEX idx_initiatives_round_code_number (round=?") || strings.Contains(text, "TEMP B-TREE") {
		t.Errorf("the next code: plan %q, want the covering index idx_initiatives_round_code_number in its order", text)
	}
}
