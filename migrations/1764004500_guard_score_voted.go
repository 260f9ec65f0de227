package migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration gives the server-set `voted` flag of score sheets (added by
// 1764002000) the API-rule backstop the other server-set fields have: a
// create or update through the CRUD API that sends it is refused by the
// rule itself, whatever the hooks do.

func init() {
	m.Register(guardScoreVoted, unguardScoreVoted)
}

// votedBackstop is the fragment appended to the scores create and update rules.
var votedBackstop = " && (" + noBody("voted") + ")"

// guardScoreVoted is the up migration.
func guardScoreVoted(app core.App) error {
	scores, err := app.FindCollectionByNameOrId("scores")
	if err != nil {
		return err
	}
	for _, rule := range []**string{&scores.CreateRule, &scores.UpdateRule} {
		if *rule != nil && !strings.HasSuffix(**rule, votedBackstop) {
			*rule = ptr(**rule + votedBackstop)
		}
	}
	return app.Save(scores)
}

// unguardScoreVoted is the down migration.
func unguardScoreVoted(app core.App) error {
	scores, err := app.FindCollectionByNameOrId("scores")
	if err != nil {
		return err
	}
	for _, rule := range []**string{&scores.CreateRule, &scores.UpdateRule} {
		if *rule != nil {
			*rule = ptr(strings.TrimSuffix(**rule, votedBackstop))
		}
	}
	return app.Save(scores)
}
