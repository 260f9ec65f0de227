package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration adds the title to the covering index of the overview
// (idx_initiatives_round_overview), so that the council page's progress
// (GET /api/reform/rounds/{year}/progress: each accepted initiative with
// its code, title and sheets) reads the index alone, not the initiatives'
// wide rows. README "Benchmark: results, quota and the overview" has the
// figures.

func init() {
	m.Register(func(app core.App) error {
		return setOverviewIndex(app, overviewColumns()+", title")
	}, func(app core.App) error {
		return setOverviewIndex(app, overviewColumns())
	})
}

// overviewColumns are the columns idx_initiatives_round_overview was made with.
func overviewColumns() string { return overviewIndexes["initiatives"][1] }

// setOverviewIndex makes idx_initiatives_round_overview again on columns.
func setOverviewIndex(app core.App, columns string) error {
	initiatives, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	initiatives.AddIndex(overviewIndexes["initiatives"][0], false, columns, "")
	return app.Save(initiatives)
}
