package migrations

import (
	"database/sql"
	"errors"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
)

// This migration makes a fresh install's seeded round one people can
// submit to. The seed (1764000100) gives the round of the clock's year; on
// a folder set up after 25/9 that round's deadline has already passed, so
// here it becomes next year's round, with the directive's dates. A folder
// whose seed ran in an earlier process (an existing install) is left as
// it is: its round is a ward's data, not a seed to fix.

// seedFile is the seed migration's file name as PocketBase records it.
const seedFile = "1764000100_seed_ward.go"

// processStart is when this program started: a seed applied since then was
// applied by this process, on a fresh folder.
var processStart = time.Now()

func init() {
	m.Register(seedOpenRound, nil)
}

// seedOpenRound is the up migration: on a folder seeded by this process
// whose only round has no initiatives and a submission deadline already
// passed, it moves that round to deadline.OpenYear with the default dates.
func seedOpenRound(app core.App) error {
	fresh, err := seededNow(app)
	if err != nil || !fresh {
		return err
	}
	rounds, err := app.FindAllRecords("rounds")
	if err != nil || len(rounds) != 1 {
		return err
	}
	round := rounds[0]
	if n, err := app.CountRecords("initiatives", dbx.HashExp{"round": round.Id}); err != nil || n > 0 {
		return err
	}
	year := deadline.OpenYear(clock.Of(app).Now())
	if year == round.GetInt("year") {
		return nil
	}
	submission, decision := deadline.Defaults(year)
	round.Set("year", year)
	round.Set("submission_deadline", submission.UTC())
	round.Set("decision_deadline", decision.UTC())
	return app.Save(round)
}

// seededNow reports whether the seed migration was applied by this process.
func seededNow(app core.App) (bool, error) {
	var applied int64
	err := app.DB().NewQuery("SELECT applied FROM {{" + core.DefaultMigrationsTable + "}} WHERE file = {:file}").
		Bind(dbx.Params{"file": seedFile}).Row(&applied)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return applied >= processStart.UnixMicro(), nil
}
