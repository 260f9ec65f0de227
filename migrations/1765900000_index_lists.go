package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration indexes initiatives for the lists the pages ask for, each
// on what the list filters on and then what it sorts by, so that SQLite
// reads a page's 50 rows in order instead of every row of the round
// (README "Benchmark: a city's 20,000 initiatives"):
//   - the secretariat's list: round and status, by submission;
//   - the overview and the chairman's page: round, by code;
//   - a unit head's list: unit and round, by submission;
//   - a council member's list: the council, by code.

func init() {
	m.Register(addListIndexes, dropListIndexes)
}

// listIndexes are the indexes, by name, with their columns.
var listIndexes = [][2]string{
	{"idx_initiatives_round_status_submitted", "round, status, submitted_at"},
	{"idx_initiatives_round_code", "round, code"},
	{"idx_initiatives_unit_round_submitted", "unit, round, submitted_at"},
	{"idx_initiatives_council_code", "council, code"},
}

// addListIndexes is the up migration.
func addListIndexes(app core.App) error {
	initiatives, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	for _, ix := range listIndexes {
		initiatives.AddIndex(ix[0], false, ix[1], "")
	}
	return app.Save(initiatives)
}

// dropListIndexes is the down migration.
func dropListIndexes(app core.App) error {
	initiatives, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	for _, ix := range listIndexes {
		initiatives.RemoveIndex(ix[0])
	}
	return app.Save(initiatives)
}
