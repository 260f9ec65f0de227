package hooks

import (
	"net/http"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/deadline"
	"sangkien/internal/vocab"
)

// roundOwnFields are the round fields, besides its dates, that belong to
// one year and are never carried to the next.
var roundOwnFields = map[string]bool{"id": true, "year": true, "status": true}

// openNextRound answers POST /api/reform/rounds/{year}/next: the
// secretariat (or a superuser) opens the round of year+1 in one step. It
// gets the directive's dates (deadline.Defaults), status open, and every
// other setting of round {year} as it stands (threshold, approval ratio,
// aggregation, and any setting field added later: every field that is not
// a date, the year or the status), with a copy of its rubric. Units'
// quotas are the units' own and hold for every round. 403 forbidden for
// anyone else, 404 not_found for an unknown year, 400 round_exists when
// year+1 already has a round. Audited as "next" on the new round.
func openNextRound(e *core.RequestEvent) error {
	prev, err := pathRound(e)
	if err != nil {
		return err
	}
	year := prev.GetInt("year") + 1
	var next *core.Record
	err = e.App.RunInTransaction(func(tx core.App) error {
		if _, err := tx.FindFirstRecordByFilter("rounds", "year = {:year}", dbx.Params{"year": year}); err == nil {
			return badRequest("year", "round_exists", "year", strconv.Itoa(year))
		}
		next = core.NewRecord(prev.Collection())
		copySettings(prev, next, roundOwnFields)
		submission, decision := deadline.Defaults(year)
		next.Set("year", year)
		next.Set("status", vocab.RoundOpen)
		next.Set("submission_deadline", submission.UTC())
		next.Set("decision_deadline", decision.UTC())
		if err := tx.Save(next); err != nil {
			return err
		}
		if err := copyRubric(tx, prev.Id, next.Id); err != nil {
			return err
		}
		return Audit(tx, e, "next", next, nil, Snapshot(next), "")
	})
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, next)
}

// copySettings sets on to every value of from but the fields named in
// skip, dates and the automatic created/updated: a round's or a
// criterion's settings, whatever fields the collection has today.
func copySettings(from, to *core.Record, skip map[string]bool) {
	for _, f := range from.Collection().Fields {
		switch f.Type() {
		case core.FieldTypeDate, core.FieldTypeAutodate:
			continue
		}
		if skip[f.GetName()] || f.GetSystem() {
			continue
		}
		to.Set(f.GetName(), from.Get(f.GetName()))
	}
}
