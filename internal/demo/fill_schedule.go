package demo

import (
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
)

// unit is the ward's unit of code, or an error naming it.
func (f *filler) unit(code string) (*core.Record, error) {
	unit, ok := f.units[code]
	if !ok {
		return nil, fmt.Errorf("demo: no unit %s", code)
	}
	return unit, nil
}

// organization gives the ward its name, city, address and chairman.
func (f *filler) organization() error {
	orgs, err := f.app.FindAllRecords("organization")
	if err != nil {
		return err
	}
	var org *core.Record
	if len(orgs) > 0 {
		org = orgs[0]
	} else if org, err = f.newRecord("organization"); err != nil {
		return err
	}
	org.Set("ward_name", WardName)
	org.Set("city_name", CityName)
	org.Set("address", Address)
	org.Set("chairman_name", ChairmanName)
	return f.app.Save(org)
}

// schedule moves the deadlines of now's round so the ward is mid-process,
// and grants the extensions. A new folder seeded after 25/9 holds next
// year's round only (the one people can still submit to): being a seed
// with nothing in it, it becomes now's round.
func (f *filler) schedule() error {
	round, err := f.app.FindFirstRecordByData("rounds", "year", f.now.Year())
	if err != nil {
		rounds, ferr := f.app.FindAllRecords("rounds")
		if ferr != nil || len(rounds) != 1 {
			return fmt.Errorf("%w (%d): %v", ErrNoRound, f.now.Year(), err)
		}
		round = rounds[0]
		round.Set("year", f.now.Year())
	}
	f.round = round
	f.acc.Year = f.now.Year()
	// the directive's dates of the year, which the demo moves.
	f.acc.OldDeadline, f.acc.OldDecision = deadline.Defaults(f.acc.Year)

	// in review since the extensions ended: every unit has had its time,
	// the council scores, the decision is ahead.
	today := clock.Date(f.now.Year(), f.now.Month(), f.now.Day())
	f.deadline = today.AddDate(0, 0, -10)
	f.extensionUntil = today.AddDate(0, 0, -3)
	decision := today.AddDate(0, 0, 10)
	round.Set("submission_deadline", f.deadline.UTC())
	round.Set("decision_deadline", decision.UTC())
	round.Set("status", "review")
	if err := f.app.Save(round); err != nil {
		return err
	}
	f.acc.Deadline, f.acc.Decision, f.acc.ExtensionUntil = f.deadline, decision, f.extensionUntil

	units, err := f.app.FindAllRecords("units")
	if err != nil {
		return err
	}
	for _, u := range units {
		f.units[u.GetString("code")] = u
	}
	for _, e := range extendedUnits {
		unit, err := f.unit(e.unit)
		if err != nil {
			return err
		}
		r, err := f.newRecord("extensions")
		if err != nil {
			return err
		}
		r.Set("round", round.Id)
		r.Set("unit", unit.Id)
		r.Set("until", f.extensionUntil.UTC())
		r.Set("reason", e.reason)
		at := f.deadline.Add(-2*day + 10*time.Hour)
		if err := f.saveAt(r, at, at); err != nil {
			return err
		}
		f.acc.ExtendedUnits = append(f.acc.ExtendedUnits, unit.GetString("name"))
	}
	return nil
}

// extended reports whether unit has an extension of the deadline.
func extended(unit string) bool {
	return slices.ContainsFunc(extendedUnits, func(e struct{ unit, reason string }) bool { return e.unit == unit })
}
