package migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration says "I have submitted my own sheet on this initiative"
// in the scores and audit_log rules through the initiative's back-relation
// instead of an @collection join. PocketBase compiles `@collection.scores:x`
// into a LEFT JOIN of the whole scores table with no ON clause, so each
// list read every sheet once per sheet (twice over in the scores rule):
// with 45,000 sheets neither list answered in minutes, on bare PocketBase
// either (README "Benchmark: a city's 20,000 initiatives"). The
// back-relation joins on scores.initiative (indexed). Who sees what is
// unchanged: both forms ask for one sheet with the same initiative, member
// and status (hooks/guard_sheets_rule_test.go compares them row by row for
// every account of a ward).

func init() {
	m.Register(sheetsRulesByRelation, sheetsRulesByCollection)
}

// ownSheetJoins are the rule fragments replaced, and their replacement.
var (
	ownSheetJoins = []string{
		`@collection.scores:mine.initiative ?= initiative && @collection.scores:mine.member ?= @request.auth.id && @collection.scores:mine.status ?= "submitted"`,
		`@collection.scores:own.initiative ?= initiative && @collection.scores:own.member ?= @request.auth.id && @collection.scores:own.status ?= "submitted"`,
	}
	ownSheetRelation = `initiative.scores_via_initiative.member ?= @request.auth.id && initiative.scores_via_initiative.status ?= "submitted"`
)

// sheetsRulesByRelation is the up migration.
func sheetsRulesByRelation(app core.App) error {
	return rewriteSheetRules(app, func(_, rule string) string {
		for _, old := range ownSheetJoins {
			rule = strings.ReplaceAll(rule, old, ownSheetRelation)
		}
		return rule
	})
}

// sheetsRulesByCollection is the down migration: in the scores rules the
// first occurrence was the "mine" join, every other one the "own" join.
func sheetsRulesByCollection(app core.App) error {
	return rewriteSheetRules(app, func(collection, rule string) string {
		if collection == "scores" {
			rule = strings.Replace(rule, ownSheetRelation, ownSheetJoins[0], 1)
		}
		return strings.ReplaceAll(rule, ownSheetRelation, ownSheetJoins[1])
	})
}

// rewriteSheetRules applies change to the list and view rules of scores
// and audit_log.
func rewriteSheetRules(app core.App, change func(collection, rule string) string) error {
	for _, name := range []string{"scores", "audit_log"} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		for _, rule := range []**string{&c.ListRule, &c.ViewRule} {
			if *rule != nil {
				s := change(name, **rule)
				*rule = &s
			}
		}
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
