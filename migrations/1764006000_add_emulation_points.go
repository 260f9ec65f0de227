package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"sangkien/internal/emulation"
)

// This migration gives each round the points of the emulation movement
// (phong trào thi đua, docs/domain.md, The year): the points a unit earns for
// meeting its quota, for each recognised initiative, for each initiative
// nominated to the city, and (negative) for missing the quota. The quota
// report adds them up per unit. They are the secretariat's to set, like
// the rest of the round (the rounds update rule); existing rounds get the
// defaults below, new rounds get them from a hook when none is given.

func init() {
	m.Register(addEmulationPoints, removeEmulationPoints)
}

// addEmulationPoints is the up migration.
func addEmulationPoints(app core.App) error {
	rounds, err := app.FindCollectionByNameOrId("rounds")
	if err != nil {
		return err
	}
	for _, name := range emulation.Fields {
		rounds.Fields.Add(&core.NumberField{Name: name, Min: f64(-100), Max: f64(100)})
	}
	if err := app.Save(rounds); err != nil {
		return err
	}
	records, err := app.FindAllRecords("rounds")
	if err != nil {
		return err
	}
	for _, r := range records {
		for name, v := range emulation.Defaults.Values() {
			r.Set(name, v)
		}
		if err := app.SaveNoValidate(r); err != nil {
			return err
		}
	}
	return nil
}

// removeEmulationPoints is the down migration.
func removeEmulationPoints(app core.App) error {
	rounds, err := app.FindCollectionByNameOrId("rounds")
	if err != nil {
		return err
	}
	for _, name := range emulation.Fields {
		rounds.Fields.RemoveByName(name)
	}
	return app.Save(rounds)
}
