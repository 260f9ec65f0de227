package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"sangkien/internal/readers"
)

// This migration gives each initiative its reader list (internal/readers):
// a hidden text field `readers` holding the ids of the accounts that may
// read it, written by the server in the transaction of every change it
// depends on, and makes the initiatives' list and view rule
// `readers ~ @request.auth.id`. The rule it replaces said the same with
// joins (the authors' json_each, the account's roles, the council's
// members), which PocketBase answers with a DISTINCT over every row the
// page's filter selects: about 0.2 ms a row, seconds for a round of a
// city (README "Benchmark: a city's 20,000 initiatives").
// migrations/initiative_readers_test.go compares the two rules row by row
// for every account of a ward, before and after the changes that move
// the list. A client can neither set the field (PocketBase drops a hidden
// field from a non-superuser's body, and the hooks write it on every
// save), read it (hidden) nor filter or sort on it.

func init() {
	m.Register(addInitiativeReaders, dropInitiativeReaders)
}

// seeInitiativeByJoins is the list and view rule this migration replaces.
var seeInitiativeByJoins = anyOf(
	`owner = @request.auth.id`,
	`author_users:each ?= @request.auth.id`,
	`@request.auth.roles:each ?= "unit_head" && unit = @request.auth.unit && status != "draft"`,
	ruleOversight+` && status != "draft"`,
	`@request.auth.roles:each ?= "council" && council != "" && council.council_members_via_council.user ?= @request.auth.id`,
)

// readerIndexes let the lists' totals (the round's, a status's, a
// council's) count from an index that holds the reader list, without
// reading the wide rows: 40 ms → 3 ms for the round's 15,803 rows. The
// last one, in place of idx_initiatives_created, serves the staff page
// (`owner = me || author_users ~ me`, newest first): its page and total
// read the index alone, 550 ms → 12 ms over 20,000 initiatives.
var readerIndexes = [][2]string{
	{"idx_initiatives_round_status_readers", "round, status, readers"},
	{"idx_initiatives_council_readers", "council, readers"},
	{"idx_initiatives_created_mine", "created, owner, author_users, readers"},
}

// addInitiativeReaders is the up migration.
func addInitiativeReaders(app core.App) error {
	initiatives, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	initiatives.Fields.Add(&core.TextField{Name: readers.Field, Hidden: true, Max: 1 << 20})
	overseers, err := readers.Overseers(app)
	if err != nil {
		return err
	}
	initiatives.ListRule = ptr(readers.Rule(overseers))
	initiatives.ViewRule = ptr(readers.Rule(overseers))
	initiatives.RemoveIndex("idx_initiatives_created")
	for _, ix := range readerIndexes {
		initiatives.AddIndex(ix[0], false, ix[1], "")
	}
	if err := app.Save(initiatives); err != nil {
		return err
	}
	return readers.RefreshAllReaders(app)
}

// dropInitiativeReaders is the down migration.
func dropInitiativeReaders(app core.App) error {
	initiatives, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	for _, ix := range readerIndexes {
		initiatives.RemoveIndex(ix[0])
	}
	initiatives.AddIndex("idx_initiatives_created", false, "created", "")
	initiatives.Fields.RemoveByName(readers.Field)
	initiatives.ListRule = ptr(seeInitiativeByJoins)
	initiatives.ViewRule = ptr(seeInitiativeByJoins)
	return app.Save(initiatives)
}
