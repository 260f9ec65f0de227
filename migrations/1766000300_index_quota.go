package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration indexes initiatives for the quota's one aggregate
// (internal/quota): a round's initiatives past draft, counted by unit from
// their status, late mark, nomination and dates. The index holds every
// column the count reads, so SQLite reads it alone and not the wide rows
// (README "Benchmark: results, quota and the overview at 10,000
// initiatives × 15 sheets").

func init() {
	m.Register(func(app core.App) error {
		initiatives, err := app.FindCollectionByNameOrId("initiatives")
		if err != nil {
			return err
		}
		initiatives.AddIndex(quotaIndex, false, "round, status, unit, late, nominated, endorsed_at, submitted_at", "")
		return app.Save(initiatives)
	}, func(app core.App) error {
		initiatives, err := app.FindCollectionByNameOrId("initiatives")
		if err != nil {
			return err
		}
		initiatives.RemoveIndex(quotaIndex)
		return app.Save(initiatives)
	})
}

// quotaIndex is the index's name.
const quotaIndex = "idx_initiatives_quota"
