package migrations

import (
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration counts, in the one row of the table results_version, the
// changes to whatever a round's results are made of: SQLite triggers add
// one in the same statement, so in the same transaction, as every insert,
// update and delete that may change the results route's answer (a
// submitted sheet, an initiative in scoring or its columns the answer
// shows, a round, its criteria, councils and seats, a member's name, the
// stored near-duplicates). A write through the record API, a hook or raw
// SQL counts alike. The results route keeps its last answer for the count
// it was computed at (hooks/result_cache.go): at 10,000 initiatives × 15
// sheets computing it takes seconds (README "Benchmark: results, quota and
// the overview at 10,000 initiatives × 15 sheets"). A later migration that
// drops or renames a column named here must drop and remake its trigger.

func init() {
	m.Register(createResultsVersion, dropResultsVersion)
}

// resultsVersionTriggers are the triggers, by name: table, event and the
// condition under which the row changes what the results show ("" for
// always). Drafts are not scored: a draft's own text does not count, but
// its code, owner or authors may be shown as another's near-duplicate.
var resultsVersionTriggers = []struct{ name, table, event, when string }{
	{"scores_insert", "scores", "INSERT", `NEW.status = 'submitted'`},
	{"scores_update", "scores", "UPDATE", `OLD.status = 'submitted' OR NEW.status = 'submitted'`},
	{"scores_delete", "scores", "DELETE", `OLD.status = 'submitted'`},
	{"initiatives_insert", "initiatives", "INSERT", `NEW.status != 'draft'`},
	{"initiatives_update", "initiatives", "UPDATE", `NEW.status IS NOT OLD.status OR NEW.round IS NOT OLD.round
		OR NEW.council IS NOT OLD.council OR NEW.author_users IS NOT OLD.author_users OR NEW.owner IS NOT OLD.owner
		OR NEW.authors IS NOT OLD.authors OR NEW.code IS NOT OLD.code OR NEW.unit IS NOT OLD.unit
		OR NEW.submitted_at IS NOT OLD.submitted_at OR NEW.title IS NOT OLD.title AND NEW.status != 'draft'`},
	{"initiatives_delete", "initiatives", "DELETE", ""},
	{"users_update", "users", "UPDATE", `NEW.name IS NOT OLD.name`},
	{"users_delete", "users", "DELETE", ""},
}

// resultsVersionTables are the tables whose every change counts.
var resultsVersionTables = []string{"rounds", "criteria", "councils", "council_members", "initiative_similar"}

// createResultsVersion is the up migration.
func createResultsVersion(app core.App) error {
	stmts := []string{
		`CREATE TABLE IF NOT EXISTS results_version (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL)`,
		`INSERT OR IGNORE INTO results_version (id, n) VALUES (1, 0)`,
	}
	triggers := resultsVersionTriggers
	for _, t := range resultsVersionTables {
		for _, ev := range []string{"INSERT", "UPDATE", "DELETE"} {
			triggers = append(triggers, struct{ name, table, event, when string }{t + "_" + strings.ToLower(ev), t, ev, ""})
		}
	}
	for _, t := range triggers {
		when := ""
		if t.when != "" {
			when = " WHEN " + t.when
		}
		stmts = append(stmts, fmt.Sprintf("CREATE TRIGGER IF NOT EXISTS results_version_%s AFTER %s ON %s FOR EACH ROW%s BEGIN UPDATE results_version SET n = n + 1 WHERE id = 1; END",
			t.name, t.event, t.table, when))
	}
	for _, s := range stmts {
		if _, err := app.DB().NewQuery(s).Execute(); err != nil {
			return fmt.Errorf("results_version: %w", err)
		}
	}
	return nil
}

// dropResultsVersion is the down migration.
func dropResultsVersion(app core.App) error {
	var names []string
	if err := app.DB().NewQuery("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'results_version_%'").Column(&names); err != nil {
		return err
	}
	for _, n := range append(names, "") {
		q := "DROP TABLE IF EXISTS results_version"
		if n != "" {
			q = "DROP TRIGGER IF EXISTS [[" + n + "]]"
		}
		if _, err := app.DB().NewQuery(q).Execute(); err != nil {
			return err
		}
	}
	return nil
}
