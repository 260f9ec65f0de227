package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration adds reminders: the e-mail reminders the daily job has
// sent, one row per kind, person, day (yyyy-mm-dd in Asia/Ho_Chi_Minh) and
// round, so that nobody gets the same reminder twice a day. Server-only:
// every API rule is nil.

func init() {
	m.Register(createReminders, dropReminders)
}

// createReminders is the up migration.
func createReminders(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	rounds, err := app.FindCollectionByNameOrId("rounds")
	if err != nil {
		return err
	}
	c := core.NewBaseCollection("reminders")
	c.Fields.Add(
		&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: []string{"quota", "scoring"}},
		&core.RelationField{Name: "user", Required: true, CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true},
		&core.TextField{Name: "day", Required: true, Max: 10, Pattern: `^\d{4}-\d{2}-\d{2}$`},
		&core.RelationField{Name: "round", Required: true, CollectionId: rounds.Id, MaxSelect: 1, CascadeDelete: true},
	)
	autodates(c)
	c.AddIndex("idx_reminders_kind_user_day_round", true, "kind, user, day, round", "")
	return app.Save(c)
}

// dropReminders is the down migration.
func dropReminders(app core.App) error {
	c, err := app.FindCollectionByNameOrId("reminders")
	if err != nil {
		return nil
	}
	return app.Delete(c)
}
