package hooks

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"sangkien/internal/vocab"
)

// roundByYear finds the round of year, the text of a {year} path value,
// or answers 404 not_found (field year).
func roundByYear(app core.App, year string) (*core.Record, error) {
	y, err := strconv.Atoi(year)
	if err != nil {
		return nil, fail(http.StatusNotFound, "year", "not_found")
	}
	r, err := app.FindFirstRecordByFilter("rounds", "year = {:year}", dbx.Params{"year": y})
	if err != nil {
		return nil, fail(http.StatusNotFound, "year", "not_found")
	}
	return r, nil
}

// decidedStatuses are the round statuses after the recognition decision.
var decidedStatuses = []string{vocab.RoundDecided, vocab.RoundClosed}

// outcomeFields are the round's fields the results are computed from.
var outcomeFields = []string{"threshold", "approval_ratio", "aggregation"}

// guardDecidedRound refuses, with 400 round_decided, a change through the
// API of how a decided round's results are computed (threshold, approval
// ratio, aggregation): the results would no longer be those the decision
// recognised. Superusers may still, from the dashboard. (The rubric is
// already fixed from review on by the criteria rules.)
func guardDecidedRound(e *core.RecordRequestEvent) error {
	orig := e.Record.Original()
	if e.HasSuperuserAuth() || !slices.Contains(decidedStatuses, orig.GetString("status")) {
		return e.Next()
	}
	for _, f := range outcomeFields {
		if e.Record.GetString(f) != orig.GetString(f) {
			return badRequest(f, "round_decided", "year", strconv.Itoa(orig.GetInt("year")))
		}
	}
	return e.Next()
}
