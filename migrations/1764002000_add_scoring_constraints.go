package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration adds what the council and scoring rules need beyond the
// first schema: a server-set `voted` flag on score sheets (the member has
// cast the yes/no vote, so a false `approve` is a vote and not a gap), at
// most one chair per council, and at most one recognition and one city
// nomination decision per round. The indexes back the hooks' checks
// against concurrent writes.

func init() {
	m.Register(addScoringConstraints, dropScoringConstraints)
}

// addScoringConstraints is the up migration.
func addScoringConstraints(app core.App) error {
	scores, err := app.FindCollectionByNameOrId("scores")
	if err != nil {
		return err
	}
	scores.Fields.Add(&core.BoolField{Name: "voted"})
	if err := app.Save(scores); err != nil {
		return err
	}

	members, err := app.FindCollectionByNameOrId("council_members")
	if err != nil {
		return err
	}
	members.AddIndex("idx_council_members_one_chair", true, "council", "position = 'chair'")
	if err := app.Save(members); err != nil {
		return err
	}

	decisions, err := app.FindCollectionByNameOrId("decisions")
	if err != nil {
		return err
	}
	decisions.AddIndex("idx_decisions_round_single_kind", true, "round, kind", "kind != 'council'")
	return app.Save(decisions)
}

// dropScoringConstraints is the down migration.
func dropScoringConstraints(app core.App) error {
	if decisions, err := app.FindCollectionByNameOrId("decisions"); err == nil {
		decisions.RemoveIndex("idx_decisions_round_single_kind")
		if err := app.Save(decisions); err != nil {
			return err
		}
	}
	if members, err := app.FindCollectionByNameOrId("council_members"); err == nil {
		members.RemoveIndex("idx_council_members_one_chair")
		if err := app.Save(members); err != nil {
			return err
		}
	}
	scores, err := app.FindCollectionByNameOrId("scores")
	if err != nil {
		return err
	}
	scores.Fields.RemoveByName("voted")
	return app.Save(scores)
}
