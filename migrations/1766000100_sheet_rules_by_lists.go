package migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"sangkien/internal/readers"
)

// This migration takes the joins that multiply rows out of the score
// sheets' and audit log's list and view rules. Each such join gave every
// sheet or audit row one row per match, which PocketBase then counts with
// COUNT(DISTINCT): the account's roles (json_each, five rows), the
// initiative's authors (json_each), the council's voting seats (a view,
// scanned for every row) and the initiative's sheets (fifteen). A council
// member's own sheets (6,324 at a city's size) took 16 s, the audit log
// (200,001 rows) more than 6 s. Each is said instead without a join, or
// through the sheet's initiative alone (one row):
//   - "has the role secretariat": `@request.auth.roles ~ '"secretariat"'`,
//     a contains on the account's stored list with the quotes, which
//     matches one whole role;
//   - "is no author": `initiative.author_users !~ @request.auth.id`;
//   - "holds no voting seat on its council":
//     `initiative.voters !~ @request.auth.id`, and "my own sheet on it is
//     submitted": `initiative.scored ~ @request.auth.id`, two hidden
//     lists of the initiative kept by the server in the transaction of
//     every seat, sheet and initiative save (internal/readers).
//
// migrations/sheet_rules_by_lists_test.go compares the rules row by row
// for every account of a ward, before and after the changes that move
// them.

func init() {
	m.Register(sheetRulesByLists, sheetRulesByJoins)
}

// sheetRuleJoins are the rule fragments replaced, each with its
// replacement.
var sheetRuleJoins = [][2]string{
	{`@request.auth.roles:each ?= "secretariat"`, `@request.auth.roles ~ '"secretariat"'`},
	{`@request.auth.roles:each ?= "chairman"`, `@request.auth.roles ~ '"chairman"'`},
	{`initiative.author_users:each != @request.auth.id`, `initiative.author_users !~ @request.auth.id`},
	{`initiative.council.voting_seats_via_council.user != @request.auth.id`, `initiative.voters !~ @request.auth.id`},
	{ownSheetRelation, `initiative.scored ~ @request.auth.id`},
}

// sheetRulesByLists is the up migration.
func sheetRulesByLists(app core.App) error {
	initiatives, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	initiatives.Fields.Add(
		&core.TextField{Name: readers.Voters, Hidden: true, Max: 1 << 20},
		&core.TextField{Name: readers.Scored, Hidden: true, Max: 1 << 20},
	)
	if err := app.Save(initiatives); err != nil {
		return err
	}
	if err := readers.RefreshAll(app); err != nil {
		return err
	}
	return rewriteSheetRules(app, func(_, rule string) string {
		for _, r := range sheetRuleJoins {
			rule = strings.ReplaceAll(rule, r[0], r[1])
		}
		return rule
	})
}

// sheetRulesByJoins is the down migration.
func sheetRulesByJoins(app core.App) error {
	if err := rewriteSheetRules(app, func(_, rule string) string {
		for _, r := range sheetRuleJoins {
			rule = strings.ReplaceAll(rule, r[1], r[0])
		}
		return rule
	}); err != nil {
		return err
	}
	initiatives, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	initiatives.Fields.RemoveByName(readers.Voters)
	initiatives.Fields.RemoveByName(readers.Scored)
	return app.Save(initiatives)
}
