package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration lets the secretariat deactivate an account (someone who
// left the ward) without deleting it: the audit log and the initiatives
// keep their people. users gain `active` (every existing account stays
// active), and the users collection's auth rule asks for it, so an
// inactive account neither signs in nor renews its session
// (hooks/account_active.go answers with the code account_inactive and
// refuses the requests of a token issued before). Only a superuser
// changes an officer's `active`, like its credentials.

func init() {
	m.Register(addUserActive, dropUserActive)
}

// activeAuthRule is the auth rule of the users collection from here on.
const activeAuthRule = "active = true"

// activeGuard lets `active` be set only by someone else (the update rule
// already limits who) on an account that holds no officer role: nobody
// reactivates themselves, and an officer's is a superuser's to change.
var activeGuard = noBody("active") + " || (@request.auth.id != id && " + ruleNotOfficer + ")"

// addUserActive is the up migration.
func addUserActive(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	users.Fields.Add(&core.BoolField{Name: "active"})
	users.AuthRule = ptr(activeAuthRule)
	users.UpdateRule = withGuard(users.UpdateRule, activeGuard)
	if err := app.Save(users); err != nil {
		return err
	}
	_, err = app.DB().NewQuery("UPDATE users SET active = TRUE").Execute()
	return err
}

// dropUserActive is the down migration.
func dropUserActive(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	users.Fields.RemoveByName("active")
	users.AuthRule = ptr("")
	users.UpdateRule = withoutGuard(users.UpdateRule, activeGuard)
	return app.Save(users)
}
