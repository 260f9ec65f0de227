package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration adds organization.vice_chairman_name: the vice-chairman
// who signs the recognition decision for the chairman (KT. CHỦ TỊCH / PHÓ
// CHỦ TỊCH) in a year the chairman authors an initiative. The
// secretariat fills it on the settings page, as the chairman's name;
// blank, the draft decision leaves the name to write.

func init() {
	m.Register(addViceChairmanName, removeViceChairmanName)
}

// addViceChairmanName is the up migration.
func addViceChairmanName(app core.App) error {
	org, err := app.FindCollectionByNameOrId("organization")
	if err != nil {
		return err
	}
	org.Fields.Add(&core.TextField{Name: "vice_chairman_name", Max: 200})
	return app.Save(org)
}

// removeViceChairmanName is the down migration.
func removeViceChairmanName(app core.App) error {
	org, err := app.FindCollectionByNameOrId("organization")
	if err != nil {
		return err
	}
	org.Fields.RemoveByName("vice_chairman_name")
	return app.Save(org)
}
