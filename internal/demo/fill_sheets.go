package demo

import (
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
)

// rubric reads the current round's criteria, in their order, as records
// and as the codes and maximum points the sheets are scored on.
func (f *filler) rubric() ([]*core.Record, []criterion, error) {
	crit, err := f.app.FindRecordsByFilter("criteria", "round = {:round}", "sort", 0, 0, map[string]any{"round": f.round.Id})
	if err != nil {
		return nil, nil, err
	}
	rubric := make([]criterion, len(crit))
	for i, c := range crit {
		rubric[i] = criterion{c.GetString("code"), c.GetFloat("max_points")}
	}
	return crit, rubric, nil
}

// sheets makes the council's score sheets on the accepted initiatives.
// A member never scores an initiative they (co-)authored.
func (f *filler) sheets() error {
	_, rubric, err := f.rubric()
	if err != nil {
		return err
	}
	today := clock.Date(f.now.Year(), f.now.Month(), f.now.Day())
	for _, plan := range sheetPlans {
		ini := f.initiatives[plan.initiative]
		for _, s := range plan.sheets {
			member := f.users[s.key]
			if slices.Contains(ini.GetStringSlice("author_users"), member.Id) {
				return fmt.Errorf("demo: %s may not score %q", s.key, ini.GetString("title"))
			}
			leniency := (f.rng.Float64() - 0.5) * 0.12
			pts, total := points(f.rng, rubric, plan.quality, leniency)
			r, err := f.newRecord("scores")
			if err != nil {
				return err
			}
			r.Set("initiative", ini.Id)
			r.Set("member", member.Id)
			r.Set("points", pts)
			r.Set("total", total)
			r.Set("approve", total >= 50)
			r.Set("comment", comments[f.rng.IntN(len(comments))])
			created := f.before(today.Add(-3*day + time.Duration(8+f.rng.IntN(9))*time.Hour))
			updated := created
			if s.submitted {
				r.Set("status", "submitted")
				updated = f.before(today.Add(-2*day + time.Duration(8+f.rng.IntN(24))*time.Hour))
				r.Set("submitted_at", updated.UTC())
			} else {
				r.Set("status", "draft")
			}
			if err := f.saveAt(r, created, updated); err != nil {
				return err
			}
			f.acc.Sheets++
		}
	}
	return nil
}
