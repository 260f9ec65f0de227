package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration indexes what a council member's queue counts
// (GET /api/reform/councils/{id}/queue): the council's initiatives but
// the member's own (owner, author_users), those their sheet is in
// (scored), under the list rule (readers). The counts then read the index
// alone, not the initiatives' wide rows: over a council of 3,162 at a
// city's size, `SEARCH initiatives USING INDEX
// idx_initiatives_council_readers (council=?)` (26–63 ms a count, sqlite3
// on the grown folder) becomes `SEARCH initiatives USING COVERING INDEX
// idx_initiatives_council_queue (council=?)` (1–5 ms). It holds every
// column of idx_initiatives_council_readers after the council, so it takes
// that one's place (a save writes no more indexes than before).

func init() {
	m.Register(indexCouncilQueue, dropCouncilQueueIndex)
}

// councilQueueIndex is the index added; councilReadersIndex the one it replaces.
var (
	councilQueueIndex   = [2]string{"idx_initiatives_council_queue", "council, owner, author_users, scored, readers"}
	councilReadersIndex = [2]string{"idx_initiatives_council_readers", "council, readers"}
)

// indexCouncilQueue is the up migration.
func indexCouncilQueue(app core.App) error {
	return swapInitiativeIndex(app, councilReadersIndex, councilQueueIndex)
}

// dropCouncilQueueIndex is the down migration.
func dropCouncilQueueIndex(app core.App) error {
	return swapInitiativeIndex(app, councilQueueIndex, councilReadersIndex)
}

// swapInitiativeIndex removes the initiatives' index old and adds add
// (name, columns), in one save of the collection.
func swapInitiativeIndex(app core.App, old, add [2]string) error {
	c, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	c.RemoveIndex(old[0])
	c.AddIndex(add[0], false, add[1], "")
	return app.Save(c)
}
