package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration narrows who may write ward accounts. A person no longer
// sets their own name, position, unit or roles: the secretariat does. The secretariat creates and manages staff, unit
// heads and council members, but grants neither secretariat nor chairman,
// and changes neither the e-mail, password, verification nor roles of an
// account holding one of them (its own included): those are for
// superusers. Its manage power (password and e-mail without the old
// password) no longer reaches officers' accounts. hooks/guard_account.go
// answers the same refusals with their codes before these rules run.

func init() {
	m.Register(guardAccounts, unguardAccounts)
}

// rule fragments of the users collection from this migration on.
const (
	// the account written holds neither officer role.
	ruleNotOfficer = `roles:each != "secretariat" && roles:each != "chairman"`
	// the body grants neither officer role.
	ruleGrantable = `@request.body.roles:isset = false || ` +
		`(@request.body.roles:each != "secretariat" && @request.body.roles:each != "chairman")`
)

// guardAccounts is the up migration.
func guardAccounts(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	users.CreateRule = allOf(ruleSecretariat, ruleGrantable)
	users.UpdateRule = ptr(anyOf(
		"id = @request.auth.id && "+noBody("roles", "unit", "name", "position"),
		*allOf(ruleSecretariat, ruleGrantable, anyOf(ruleNotOfficer, noBody("email", "password", "verified", "roles"))),
	))
	users.ManageRule = allOf(ruleSecretariat, ruleNotOfficer)
	return app.Save(users)
}

// unguardAccounts is the down migration: the rules of 1764000000.
func unguardAccounts(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	users.CreateRule = ptr(ruleSecretariat)
	users.UpdateRule = ptr(anyOf(
		"id = @request.auth.id && "+noBody("roles", "unit"),
		ruleSecretariat,
	))
	users.ManageRule = ptr(ruleSecretariat)
	return app.Save(users)
}
