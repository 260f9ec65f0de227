package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"sangkien/internal/searchindex"
)

// This migration makes the search index's queue (the drafts whose entry
// is written after their save) in a folder made before it had one.
func init() {
	m.Register(func(app core.App) error {
		return searchindex.CreateTables(app)
	}, func(app core.App) error {
		_, err := app.DB().NewQuery("DROP TABLE IF EXISTS initiative_index_queue").Execute()
		return err
	})
}
