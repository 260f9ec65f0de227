package demo

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// initiativesOfRound makes the fifteen initiatives. Codes SK-YYYY-NNN go,
// without gaps, to every initiative that was ever submitted, in the order
// of submission. Those the unit has sent (endorsed, accepted) carry
// endorsed_at; late is set for those endorsed at or after the unit's
// deadline (the round's, or its extension), as the endorse action does.
func (f *filler) initiativesOfRound() error {
	fields, err := f.app.FindAllRecords("fields")
	if err != nil {
		return err
	}
	fieldIDs := map[string]string{}
	for _, r := range fields {
		fieldIDs[r.GetString("code")] = r.Id
	}

	// codes in order of submission.
	order := []int{}
	for i, s := range specs {
		if s.status != "draft" {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(specs[a].submitted, specs[b].submitted) })
	codes := map[int]string{}
	for n, i := range order {
		codes[i] = fmt.Sprintf("SK-%d-%03d", f.acc.Year, n+1)
	}

	for i, s := range specs {
		r, err := f.newRecord("initiatives")
		if err != nil {
			return err
		}
		unit, err := f.unit(s.unit)
		if err != nil {
			return err
		}
		fieldID, ok := fieldIDs[s.field]
		if !ok {
			return fmt.Errorf("demo: no field %s", s.field)
		}
		authors, authorIDs := f.authors(s)
		r.Set("round", f.round.Id)
		r.Set("unit", unit.Id)
		r.Set("field", fieldID)
		r.Set("title", s.title)
		r.Set("authors", authors)
		r.Set("author_users", authorIDs)
		r.Set("owner", authorIDs[0])
		r.Set("summary", s.summary)
		r.Set("current_state", s.currentState)
		r.Set("solution", s.solution)
		r.Set("novelty", s.novelty)
		r.Set("conditions", s.conditions)
		r.Set("benefits", s.benefits)
		r.Set("applied_feedback", s.appliedFeedback)
		r.Set("benefit_value", s.benefitValue)
		r.Set("replicability", s.replicability)
		r.Set("confidential", s.confidential)
		r.Set("first_applied", f.deadline.AddDate(0, -s.firstApplied, 0).Add(-time.Duration(f.rng.IntN(20))*day).UTC())
		trial := []map[string]any{}
		for _, p := range s.participants {
			trial = append(trial, map[string]any{"name": p.name, "workplace": p.workplace + " " + wardInText, "task": p.task})
		}
		r.Set("trial_participants", trial)
		r.Set("status", s.status)

		created := f.before(f.deadline.Add(s.created))
		updated := created
		if s.status != "draft" {
			submitted := f.before(f.deadline.Add(s.submitted))
			r.Set("code", codes[i])
			r.Set("submitted_at", submitted.UTC())
			updated = f.before(submitted.Add(map[string]time.Duration{
				"submitted": 0, "returned": 2 * day, "withdrawn": 3 * day,
			}[s.status]))
			if s.status == "endorsed" || s.status == "accepted" {
				endorsed := f.before(submitted.Add(20 * time.Hour))
				if s.endorsed != 0 {
					endorsed = f.before(f.deadline.Add(s.endorsed))
				}
				unitDeadline := f.deadline
				if extended(s.unit) {
					unitDeadline = f.extensionUntil
				}
				r.Set("endorsed_at", endorsed.UTC())
				r.Set("late", !endorsed.Before(unitDeadline))
				updated = endorsed
				if s.status == "accepted" {
					updated = submitted.Add(5 * day) // accepted once the unit had sent it
					if next := endorsed.Add(day); next.After(updated) {
						updated = next
					}
					updated = f.before(updated)
				}
			}
		}
		if s.status == "returned" {
			r.Set("return_reason", s.returnReason)
		}
		if s.status == "accepted" {
			r.Set("council", f.council.Id)
		}
		if err := f.saveAt(r, created, updated); err != nil {
			return err
		}
		f.initiatives = append(f.initiatives, r)
	}
	f.acc.Initiatives = len(specs)
	return nil
}

// authors builds the authors list of the form from s's shares, with each
// author's account linked, and the ids of those accounts.
func (f *filler) authors(s spec) ([]map[string]any, []string) {
	list := make([]map[string]any, 0, len(s.authors))
	ids := make([]string, 0, len(s.authors))
	for _, a := range s.authors {
		u := f.users[a.key]
		var p person
		for _, q := range people {
			if q.key == a.key {
				p = q
			}
		}
		list = append(list, map[string]any{
			"name":          p.name,
			"birth_date":    f.birth[a.key],
			"position":      p.position,
			"workplace":     f.unitName(u.GetString("unit")) + " " + wardInText,
			"qualification": p.qualification,
			"share":         a.percent,
			"user":          u.Id,
		})
		ids = append(ids, u.Id)
	}
	return list, ids
}
