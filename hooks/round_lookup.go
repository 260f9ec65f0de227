package hooks

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"sangkien/internal/vocab"
)

// pathRound is the round of the request's {year} (roundByYear).
func pathRound(e *core.RequestEvent) (*core.Record, error) {
	return roundByYear(e.App, e.Request.PathValue("year"))
}

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
var outcomeFields = []string{"threshold", "approval_ratio", "aggregation", "voting", "approval_basis",
	"quorum", "spread_limit", "tiers"}

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

// guardBallotChange refuses, with 400 voting_locked, a change of how a
// round votes (open or secret ballot, by vote or by score) once any sheet
// of it exists: a secret ballot turned open would show the votes cast in
// secret, and an open one turned secret would hide what was read.
func guardBallotChange(e *core.RecordRequestEvent) error {
	orig := e.Record.Original()
	if e.Record.GetString("voting") == orig.GetString("voting") &&
		e.Record.GetString("approval_basis") == orig.GetString("approval_basis") {
		return e.Next()
	}
	var n int
	err := e.App.DB().NewQuery(`SELECT COUNT(*) FROM scores s JOIN initiatives i ON i.id = s.initiative WHERE i.round = {:round}`).
		Bind(dbx.Params{"round": orig.Id}).Row(&n)
	if err != nil {
		return err
	}
	if n > 0 {
		field := "voting"
		if e.Record.GetString("voting") == orig.GetString("voting") {
			field = "approval_basis"
		}
		return badRequest(field, "voting_locked", "year", strconv.Itoa(orig.GetInt("year")))
	}
	return e.Next()
}
