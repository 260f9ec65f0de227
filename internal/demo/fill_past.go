package demo

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
	"sangkien/internal/results"
)

// pastRound makes last year's round, decided: its rubric (this year's),
// its council (the same seven), four initiatives scored by every member,
// the recognition decision computed from the sheets as the server does
// (internal/results), so recognised and not recognised initiatives, their
// means, tiers and ranks, and a decision to read are there from the start.
func (f *filler) pastRound() error {
	year := f.acc.Year - 1
	submission, decision := deadline.Defaults(year)
	opened := clock.Date(year, time.January, 5)
	round, err := f.newRecord("rounds")
	if err != nil {
		return err
	}
	round.Set("year", year)
	round.Set("submission_deadline", submission.UTC())
	round.Set("decision_deadline", decision.UTC())
	round.Set("status", "review")
	round.Set("threshold", f.round.GetFloat("threshold"))
	round.Set("approval_ratio", f.round.GetFloat("approval_ratio"))
	round.Set("aggregation", f.round.GetString("aggregation"))
	if err := f.saveAt(round, opened, opened); err != nil {
		return err
	}
	crit, rubric, err := f.rubric()
	if err != nil {
		return err
	}
	for _, c := range crit {
		copied := core.NewRecord(c.Collection())
		for _, field := range []string{"code", "name", "guidance", "max_points", "sort"} {
			copied.Set(field, c.Get(field))
		}
		copied.Set("round", round.Id)
		if err := f.saveAt(copied, opened, opened); err != nil {
			return err
		}
	}

	council, err := f.seatCouncil(round, year, "87/QĐ-UBND", submission.AddDate(0, 0, -20).Add(15*time.Hour))
	if err != nil {
		return err
	}
	fieldIDs, err := f.fieldIDs()
	if err != nil {
		return err
	}
	scoredAt := submission.AddDate(0, 0, 2)
	for i, p := range pastSpecs {
		authors, authorIDs := f.authors(p.spec)
		r, err := f.newRecord("initiatives")
		if err != nil {
			return err
		}
		submitted := submission.AddDate(0, 0, -30+5*i).Add(9 * time.Hour)
		r.Set("round", round.Id)
		r.Set("code", fmt.Sprintf("SK-%d-%03d", year, i+1))
		r.Set("unit", f.units[p.unit].Id)
		r.Set("field", fieldIDs[p.field])
		r.Set("title", p.title)
		r.Set("authors", authors)
		r.Set("author_users", authorIDs)
		r.Set("owner", authorIDs[0])
		for field, v := range map[string]string{"summary": p.summary, "current_state": p.currentState, "solution": p.solution,
			"novelty": p.novelty, "benefits": p.benefits, "replicability": p.replicability} {
			r.Set(field, v)
		}
		r.Set("first_applied", submission.AddDate(0, -p.firstApplied, 0).UTC())
		r.Set("status", "accepted")
		r.Set("submitted_at", submitted.UTC())
		r.Set("endorsed_at", submitted.Add(26*time.Hour).UTC()) // sent by the unit the next day, well before 25/9
		r.Set("council", council.Id)
		if err := f.saveAt(r, submitted.AddDate(0, 0, -7), submitted.AddDate(0, 0, 3)); err != nil {
			return err
		}
		for j, s := range councilSeats {
			pts, total := points(f.rng, rubric, p.quality, (f.rng.Float64()-0.5)*0.12)
			sheet, err := f.newRecord("scores")
			if err != nil {
				return err
			}
			at := scoredAt.Add(time.Duration(8+j) * time.Hour)
			sheet.Set("initiative", r.Id)
			sheet.Set("member", f.users[s.key].Id)
			sheet.Set("points", pts)
			sheet.Set("total", total)
			sheet.Set("approve", total >= 50)
			sheet.Set("comment", comments[f.rng.IntN(len(comments))])
			sheet.Set("status", "submitted")
			sheet.Set("submitted_at", at.UTC())
			if err := f.saveAt(sheet, at.Add(-time.Hour), at); err != nil {
				return err
			}
		}
	}
	return f.decidePast(round, decision.AddDate(0, 0, -2).Add(16*time.Hour))
}

// decidePast records last year's recognition decision signed at signed,
// with the outcome internal/results computes from the sheets, and marks
// the round decided.
func (f *filler) decidePast(round *core.Record, signed time.Time) error {
	loaded, err := results.Load(f.app, round)
	if err != nil {
		return err
	}
	var recognized []string
	for _, res := range loaded.Compute() {
		ini, err := f.app.FindRecordById("initiatives", res.ID)
		if err != nil {
			return err
		}
		ini.Set("status", "not_recognized")
		if res.Recognized {
			ini.Set("status", "recognized")
			recognized = append(recognized, res.ID)
			f.acc.PastRecognized++
		} else {
			f.acc.PastNotRecognized++
		}
		ini.Set("result_mean", res.Mean)
		ini.Set("result_tier", res.Tier)
		ini.Set("result_rank", res.Rank)
		if err := f.saveAt(ini, ini.GetDateTime("created").Time(), signed); err != nil {
			return err
		}
	}
	d, err := f.newRecord("decisions")
	if err != nil {
		return err
	}
	d.Set("round", round.Id)
	d.Set("kind", "recognition")
	d.Set("number", "142/QĐ-UBND")
	d.Set("signed_on", signed.UTC())
	d.Set("signer", ChairmanName)
	d.Set("summary", fmt.Sprintf("Công nhận sáng kiến cải cách hành chính cấp phường năm %d.", round.GetInt("year")))
	d.Set("initiatives", recognized)
	if err := f.saveAt(d, signed, signed); err != nil {
		return err
	}
	round.Set("status", "decided")
	f.acc.PastYear = round.GetInt("year")
	return f.saveAt(round, round.GetDateTime("created").Time(), signed)
}

// fieldIDs maps each field's code to its id.
func (f *filler) fieldIDs() (map[string]string, error) {
	fields, err := f.app.FindAllRecords("fields")
	if err != nil {
		return nil, err
	}
	ids := map[string]string{}
	for _, r := range fields {
		ids[r.GetString("code")] = r.Id
	}
	return ids, nil
}
