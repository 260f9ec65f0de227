package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration keeps the name, position and unit of an officer
// (secretariat, chairman) for superusers to set, like the officer's
// credentials: the secretariat renamed itself and the Chairman, and the
// audit log and the documents' signature lines then showed the false
// names. The secretariat still sets staff's, unit heads' and council
// members'. hooks/guard_account.go answers the same refusal with its code
// (403 account_managed) before this rule runs.

func init() {
	m.Register(guardOfficerNames, unguardOfficerNames)
}

// officerNamesGuard lets name, position and unit be set only on an account
// that holds no officer role (superusers pass every rule).
var officerNamesGuard = noBody("name", "position", "unit") + " || (" + ruleNotOfficer + ")"

// guardOfficerNames is the up migration.
func guardOfficerNames(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	users.UpdateRule = withGuard(users.UpdateRule, officerNamesGuard)
	return app.Save(users)
}

// unguardOfficerNames is the down migration.
func unguardOfficerNames(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	users.UpdateRule = withoutGuard(users.UpdateRule, officerNamesGuard)
	return app.Save(users)
}
