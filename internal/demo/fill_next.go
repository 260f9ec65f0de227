package demo

import (
	"time"

	"sangkien/internal/deadline"
)

// nextRound opens next year's round, as the secretariat would with "Mở đợt
// năm …" once this year's is in review: the directive's dates of that year,
// this year's settings and a copy of its rubric, nothing in it yet. A
// visitor signed in as staff can write and submit there, and the unit head
// endorse, while this year's round is being scored.
func (f *filler) nextRound() error {
	year := f.acc.Year + 1
	submission, decision := deadline.Defaults(year)
	opened := f.before(f.now.Add(-time.Hour))
	round, err := f.newRecord("rounds")
	if err != nil {
		return err
	}
	round.Set("year", year)
	round.Set("status", "open")
	round.Set("submission_deadline", submission.UTC())
	round.Set("decision_deadline", decision.UTC())
	for _, field := range []string{"threshold", "approval_ratio", "aggregation",
		"emulation_quota_met", "emulation_per_recognized", "emulation_per_nominated", "emulation_quota_missed"} {
		round.Set(field, f.round.Get(field))
	}
	if err := f.saveAt(round, opened, opened); err != nil {
		return err
	}
	crit, err := f.app.FindRecordsByFilter("criteria", "round = {:round}", "sort", 0, 0, map[string]any{"round": f.round.Id})
	if err != nil {
		return err
	}
	for _, c := range crit {
		copied, err := f.newRecord("criteria")
		if err != nil {
			return err
		}
		for _, field := range []string{"code", "name", "guidance", "max_points", "sort"} {
			copied.Set(field, c.Get(field))
		}
		copied.Set("round", round.Id)
		if err := f.saveAt(copied, opened, opened); err != nil {
			return err
		}
	}
	f.acc.NextYear, f.acc.NextDeadline = year, submission
	return nil
}
