package hooks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/emulation"
)

// carryPreviousRound gives a round created through the CRUD API (the
// dashboard included) what POST /api/reform/rounds/{year}/next gives: the
// settings of the previous round (the latest year before it, or else the
// earliest after it) for every setting the request did not send, and,
// once saved, a copy of that round's rubric. Without one it would come
// with no criteria and could not be scored. Both in one transaction.
func carryPreviousRound(e *core.RecordRequestEvent) error {
	prev, err := neighbourRound(e.App, e.Record.GetInt("year"))
	if err != nil || prev == nil {
		return e.Next()
	}
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	// the emulation points are one setting: any of them sent, the rest
	// are the sender's too (0 when not sent).
	skip := map[string]bool{}
	for _, name := range emulation.Fields {
		if _, sent := info.Body[name]; sent {
			for _, n := range emulation.Fields {
				skip[n] = true
			}
		}
	}
	for _, f := range prev.Collection().Fields {
		name := f.GetName()
		switch f.Type() {
		case core.FieldTypeDate, core.FieldTypeAutodate:
			continue
		}
		if roundOwnFields[name] || skip[name] || f.GetSystem() {
			continue
		}
		if _, sent := info.Body[name]; !sent {
			e.Record.Set(name, prev.Get(name))
		}
	}
	return e.App.RunInTransaction(func(tx core.App) error {
		e.App = tx
		if err := e.Next(); err != nil {
			return err
		}
		if n, err := tx.CountRecords("criteria", dbx.HashExp{"round": e.Record.Id}); err != nil || n > 0 {
			return err
		}
		return copyRubric(tx, prev.Id, e.Record.Id)
	})
}

// neighbourRound is the round a new round of year takes its settings
// from: the latest year before it, or else the earliest after it; nil
// when there is none.
func neighbourRound(app core.App, year int) (*core.Record, error) {
	before, err := app.FindRecordsByFilter("rounds", "year < {:y}", "-year", 1, 0, dbx.Params{"y": year})
	if err != nil {
		return nil, err
	}
	if len(before) > 0 {
		return before[0], nil
	}
	after, err := app.FindRecordsByFilter("rounds", "year > {:y}", "year", 1, 0, dbx.Params{"y": year})
	if err != nil || len(after) == 0 {
		return nil, err
	}
	return after[0], nil
}

// copyRubric copies the criteria of round from to round to.
func copyRubric(tx core.App, from, to string) error {
	criteria, err := tx.FindRecordsByFilter("criteria", "round = {:round}", "sort", 0, 0, dbx.Params{"round": from})
	if err != nil {
		return err
	}
	for _, c := range criteria {
		copied := core.NewRecord(c.Collection())
		copySettings(c, copied, map[string]bool{"id": true})
		copied.Set("round", to)
		if err := tx.Save(copied); err != nil {
			return err
		}
	}
	return nil
}
