package migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"sangkien/internal/searchindex"
)

// This migration rebuilds a search index made before the full-text table
// was contentless, per column and prefix-indexed and the band table one
// b-tree: it drops the full-text, band and document tables, makes them as
// they are now and fills them from the initiatives. The stored lists of
// similar initiatives are kept. An index already made so is left alone.
func init() {
	m.Register(func(app core.App) error {
		var ddl string
		_ = app.DB().NewQuery("SELECT sql FROM sqlite_master WHERE name = 'initiatives_fts'").Row(&ddl)
		if strings.Contains(ddl, "detail") {
			return nil
		}
		for _, t := range []string{"initiatives_fts", "initiative_lsh", "initiative_index"} {
			if _, err := app.DB().NewQuery("DROP TABLE IF EXISTS " + t).Execute(); err != nil {
				return err
			}
		}
		if err := searchindex.CreateTables(app); err != nil {
			return err
		}
		_, err := searchindex.Rebuild(app)
		return err
	}, nil)
}
