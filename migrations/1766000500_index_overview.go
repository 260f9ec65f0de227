package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration indexes what the secretariat's overview
// (GET /api/reform/rounds/{year}/overview) reads of a round, so that it
// reads an index only, not the initiatives' wide rows: the round's
// initiatives by code with every column the overview counts by (status,
// late, unit, field) and the council's progress needs (council, owner,
// author_users, the members whose sheet is in: scored, id). README
// "Benchmark: results, quota and the overview" has the figures.

func init() {
	m.Register(indexOverview, dropOverviewIndexes)
}

// overviewIndexes are the indexes by collection: name, columns, where.
var overviewIndexes = map[string][3]string{
	"initiatives": {"idx_initiatives_round_overview", "round, code, status, late, unit, field, council, owner, author_users, scored, id", ""},
}

// indexOverview is the up migration.
func indexOverview(app core.App) error {
	for name, ix := range overviewIndexes {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		c.AddIndex(ix[0], false, ix[1], ix[2])
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}

// dropOverviewIndexes is the down migration.
func dropOverviewIndexes(app core.App) error {
	for name, ix := range overviewIndexes {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		c.RemoveIndex(ix[0])
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
