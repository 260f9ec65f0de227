package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"sangkien/internal/searchindex"
)

// This migration creates the search and near-duplicate index (plain SQLite
// tables, out of the REST API's reach) and fills it from the initiatives
// already stored. Record hooks keep it in step from then on.
func init() {
	m.Register(func(app core.App) error {
		if err := searchindex.CreateTables(app); err != nil {
			return err
		}
		_, err := searchindex.Rebuild(app)
		return err
	}, func(app core.App) error {
		return searchindex.DropTables(app)
	})
}
