package migrations_test

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
)

// onlyRound returns the folder's one round.
func onlyRound(t *testing.T, app core.App) *core.Record {
	t.Helper()
	rounds, err := app.FindAllRecords("rounds")
	if err != nil || len(rounds) != 1 {
		t.Fatalf("rounds %v: %v", rounds, err)
	}
	return rounds[0]
}

// TestSeedOpenRoundLeavesAnExistingInstall checks that a folder seeded in
// an earlier run (an install of March 2026 upgraded in December) keeps its
// 2026 round when the migration that moves a fresh seed runs, while the
// same folder seeded by this run would have been moved.
func TestSeedOpenRoundLeavesAnExistingInstall(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name      string
		earlier   bool
		wantYear  int
		wantMoved bool
	}{
		{"seeded in an earlier run", true, 2026, false},
		{"seeded by this run", false, 2027, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			app := bareApp(t, t.TempDir(), clock.Date(2026, time.December, 1).Add(9*time.Hour))
			upTo(t, app, "1764000100_seed_ward.go")
			before := onlyRound(t, app)
			if before.GetInt("year") != 2026 {
				t.Fatalf("seed gave %d", before.GetInt("year"))
			}
			if c.earlier {
				// the seed's record as a run of 1/3/2026 left it.
				if _, err := app.DB().Update("_migrations", dbx.Params{"applied": clock.Date(2026, time.March, 1).UnixMicro()},
					dbx.HashExp{"file": "1764000100_seed_ward.go"}).Execute(); err != nil {
					t.Fatal(err)
				}
			}
			upAll(t, app)
			after := onlyRound(t, app)
			if after.GetInt("year") != c.wantYear || after.Id != before.Id {
				t.Errorf("round %d (%s), want %d (%s)", after.GetInt("year"), after.Id, c.wantYear, before.Id)
			}
			moved := !after.GetDateTime("submission_deadline").Time().Equal(before.GetDateTime("submission_deadline").Time())
			if moved != c.wantMoved {
				t.Errorf("deadline %v → %v, moved %v want %v", before.GetDateTime("submission_deadline"),
					after.GetDateTime("submission_deadline"), moved, c.wantMoved)
			}
		})
	}
}
