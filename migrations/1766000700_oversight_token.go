package migrations

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"sangkien/internal/readers"
	"sangkien/internal/vocab"
)

// This migration writes the secretariat and the chairman on the
// initiatives' reader lists as one token, readers.Oversight, in place of
// the id of every account holding one of those roles, and makes the list
// and view rule readers.Rule, which opens a list holding the token to the
// accounts it names by id, the holders of those roles. A role given or
// taken then rewrites the rule (one row) and no initiative (it rewrote
// every one past draft, with the writer held: 9.9–12.6 s for a city's
// 16,860). migrations/initiative_readers_test.go compares the rule with
// the joins it stands for, row by row for every account of a ward, before
// and after roles are given and taken.

func init() {
	m.Register(oversightByToken, oversightByIds)
}

// readersByIds is the list and view rule this migration replaces.
const readersByIds = `@request.auth.id != "" && readers ~ @request.auth.id`

// oversightByToken is the up migration.
func oversightByToken(app core.App) error {
	if err := readers.SetRule(app); err != nil {
		return err
	}
	return readers.RefreshAllReaders(app)
}

// oversightByIds is the down migration: the token on each list replaced
// by the ids of the accounts holding the role secretariat or chairman.
func oversightByIds(app core.App) error {
	_, err := app.DB().NewQuery(`UPDATE initiatives SET readers = COALESCE((SELECT group_concat(id, ' ') FROM (
		SELECT value AS id FROM json_each('["' || replace(readers, ' ', '","') || '"]') WHERE value NOT IN ('', {:token})
		UNION SELECT u.id FROM users u WHERE instr(u.roles, {:secretariat}) > 0 OR instr(u.roles, {:chairman}) > 0)), '')
		WHERE instr(readers, {:token}) > 0`).Bind(dbx.Params{"token": readers.Oversight,
		"secretariat": `"` + vocab.RoleSecretariat + `"`, "chairman": `"` + vocab.RoleChairman + `"`}).Execute()
	if err != nil {
		return err
	}
	initiatives, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	initiatives.ListRule = ptr(readersByIds)
	initiatives.ViewRule = ptr(readersByIds)
	return app.Save(initiatives)
}
