package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration names, for each count of results_version that a sheet
// made (1766000200_results_version), the initiatives whose sheets changed:
// the results route then reads again the sheets of those initiatives only,
// instead of the round's every sheet (hooks/result_cache.go). The three
// triggers on scores add one to the count and, in the same statement, write
// the count with the sheet's initiative (after and before an update) into
// one slot of results_changes, a ring of resultsChangeSlots rows: a count
// whose slot was written over since, or that no slot names (any change but
// a sheet's), is read as "anything may have changed".

func init() {
	m.Register(createResultsChanges, dropResultsChanges)
}

// resultsChangeSlots is how many of the latest sheet changes are named.
const resultsChangeSlots = 4096

// resultsChangeTriggers are the triggers on scores, by event: the
// condition (as in 1766000200) and the initiatives the change names.
var resultsChangeTriggers = []struct{ name, event, when, initiative, previous string }{
	{"scores_insert", "INSERT", `NEW.status = 'submitted'`, "NEW.initiative", "NEW.initiative"},
	{"scores_update", "UPDATE", `OLD.status = 'submitted' OR NEW.status = 'submitted'`, "NEW.initiative", "OLD.initiative"},
	{"scores_delete", "DELETE", `OLD.status = 'submitted'`, "OLD.initiative", "OLD.initiative"},
}

// createResultsChanges is the up migration.
func createResultsChanges(app core.App) error {
	stmts := []string{
		`CREATE TABLE IF NOT EXISTS results_changes (slot INTEGER PRIMARY KEY, version INTEGER NOT NULL,
			initiative TEXT NOT NULL, previous TEXT NOT NULL)`,
	}
	for _, t := range resultsChangeTriggers {
		stmts = append(stmts, "DROP TRIGGER IF EXISTS results_version_"+t.name,
			fmt.Sprintf(`CREATE TRIGGER results_version_%s AFTER %s ON scores FOR EACH ROW WHEN %s BEGIN
				UPDATE results_version SET n = n + 1 WHERE id = 1;
				INSERT OR REPLACE INTO results_changes (slot, version, initiative, previous)
					SELECT n %% %d, n, %s, %s FROM results_version WHERE id = 1;
			END`, t.name, t.event, t.when, resultsChangeSlots, t.initiative, t.previous))
	}
	for _, s := range stmts {
		if _, err := app.DB().NewQuery(s).Execute(); err != nil {
			return fmt.Errorf("results_changes: %w", err)
		}
	}
	return nil
}

// dropResultsChanges is the down migration: the triggers on scores count
// again without naming.
func dropResultsChanges(app core.App) error {
	stmts := []string{"DROP TABLE IF EXISTS results_changes"}
	for _, t := range resultsChangeTriggers {
		stmts = append(stmts, "DROP TRIGGER IF EXISTS results_version_"+t.name,
			fmt.Sprintf("CREATE TRIGGER results_version_%s AFTER %s ON scores FOR EACH ROW WHEN %s BEGIN UPDATE results_version SET n = n + 1 WHERE id = 1; END",
				t.name, t.event, t.when))
	}
	for _, s := range stmts {
		if _, err := app.DB().NewQuery(s).Execute(); err != nil {
			return fmt.Errorf("results_changes: %w", err)
		}
	}
	return nil
}
