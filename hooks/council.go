package hooks

import (
	"net/http"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"sangkien/internal/vocab"
)

// minVoters is the smallest number of voting seats a council scores with.
const minVoters = 3

// CouncilReady returns nil when the council councilID can score: exactly
// one chair and at least three voting members. Otherwise it returns 400
// council_incomplete, with the counts found in the error's params. Pass the
// transaction's app when checking inside one.
func CouncilReady(app core.App, councilID string) error {
	council, err := app.FindRecordById("councils", councilID)
	if err != nil {
		return badRequest("council", "not_found")
	}
	var counts struct {
		Chairs int `db:"chairs"`
		Voters int `db:"voters"`
	}
	err = app.DB().NewQuery(`SELECT
			COALESCE(SUM(CASE WHEN position = 'chair' THEN 1 ELSE 0 END), 0) AS chairs,
			COALESCE(SUM(CASE WHEN votes THEN 1 ELSE 0 END), 0) AS voters
		FROM council_members WHERE council = {:council}`).
		Bind(dbx.Params{"council": councilID}).One(&counts)
	if err != nil {
		return err
	}
	if counts.Chairs == 1 && counts.Voters >= minVoters {
		return nil
	}
	return failParams(http.StatusBadRequest, "council", "council_incomplete",
		map[string]any{"chairs": counts.Chairs, "voters": counts.Voters, "min_voters": minVoters},
		"council", council.GetString("name"),
		"chairs", strconv.Itoa(counts.Chairs), "voters", strconv.Itoa(counts.Voters))
}

// hasSeat reports whether user holds a seat on council that also matches
// kind (e.g. {"votes": true}, {"position": "secretary"}).
func hasSeat(app core.App, council, user string, kind dbx.HashExp) bool {
	if council == "" || user == "" {
		return false
	}
	cond := dbx.HashExp{"council": council, "user": user}
	for k, v := range kind {
		cond[k] = v
	}
	n, err := app.CountRecords("council_members", cond)
	return err == nil && n > 0
}

// councilRound returns the round of the council councilID.
func councilRound(app core.App, councilID string) (*core.Record, error) {
	council, err := app.FindRecordById("councils", councilID)
	if err != nil {
		return nil, badRequest("council", "not_found")
	}
	round, err := app.FindRecordById("rounds", council.GetString("round"))
	if err != nil {
		return nil, badRequest("round", "not_found")
	}
	return round, nil
}

// councilLocked answers 400 council_locked when round's status is not one
// of allowed: the council of a decided round is part of the record.
func councilLocked(round *core.Record, allowed ...string) error {
	status := round.GetString("status")
	for _, s := range allowed {
		if s == status {
			return nil
		}
	}
	return badRequest("council", "council_locked", "year", strconv.Itoa(round.GetInt("year")))
}

// checkOneChair refuses, on every save, a council seat in position chair
// when the council already has another chair (400 one_chair). A partial
// unique index backs it against concurrent writes.
func checkOneChair(e *core.RecordEvent) error {
	r := e.Record
	if r.GetString("position") != vocab.PositionChair {
		return e.Next()
	}
	orig := r.Original()
	if !r.IsNew() && orig.GetString("position") == "chair" && orig.GetString("council") == r.GetString("council") {
		return e.Next()
	}
	var other struct {
		ID string `db:"id"`
	}
	err := e.App.DB().Select("id").From("council_members").
		Where(dbx.HashExp{"council": r.GetString("council"), "position": "chair"}).
		AndWhere(dbx.Not(dbx.HashExp{"id": r.Id})).
		Limit(1).One(&other)
	if err == nil && other.ID != "" {
		return badRequest("position", "one_chair")
	}
	return e.Next()
}

// guardSeatWrite checks a seat created or changed through the API: the
// council's round must not be decided, the person must hold the council
// role (else they could never score), and while the round is in review a
// complete council must stay complete (see keepReady).
func guardSeatWrite(e *core.RecordRequestEvent) error {
	return guardSeat(e, func(tx core.App) error {
		user, err := tx.FindRecordById("users", e.Record.GetString("user"))
		if err == nil && !HasRole(user, vocab.RoleCouncil) {
			return badRequest("user", "not_council_role", "name", user.GetString("name"))
		}
		return nil
	})
}

// guardSeat runs a seat change through the API in a transaction: not once
// the council's round is decided (400 council_locked), then check when
// given, then the change, kept only if a complete council stays complete
// (see keepReady).
func guardSeat(e *core.RecordRequestEvent, check func(tx core.App) error) error {
	return e.App.RunInTransaction(func(tx core.App) error {
		e.App = tx
		round, err := councilRound(tx, e.Record.GetString("council"))
		if err != nil {
			return err
		}
		if err := councilLocked(round, vocab.RoundOpen, vocab.RoundReview); err != nil {
			return err
		}
		if check != nil {
			if err := check(tx); err != nil {
				return err
			}
		}
		return keepReady(tx, round, e.Record.GetString("council"), e.Next)
	})
}

// keepReady runs change and, while round is in review, refuses it with
// council_incomplete when it leaves a complete council incomplete (a
// council still being formed may be filled seat by seat). Call it inside
// a transaction so that the refusal rolls the change back.
func keepReady(tx core.App, round *core.Record, councilID string, change func() error) error {
	wasReady := round.GetString("status") == vocab.RoundReview && CouncilReady(tx, councilID) == nil
	if err := change(); err != nil {
		return err
	}
	if wasReady {
		return CouncilReady(tx, councilID)
	}
	return nil
}

// guardSeatDelete checks a seat removed through the API: not once the
// round is decided, and while it is in review only if a complete council
// stays complete. Seats removed with their user or council are not checked.
func guardSeatDelete(e *core.RecordRequestEvent) error {
	return guardSeat(e, nil)
}

// guardCouncilCreate refuses a new council for a decided or closed round.
func guardCouncilCreate(e *core.RecordRequestEvent) error {
	round, err := e.App.FindRecordById("rounds", e.Record.GetString("round"))
	if err != nil {
		return e.Next() // the record's own validation reports the missing round
	}
	if err := councilLocked(round, vocab.RoundOpen, vocab.RoundReview); err != nil {
		return err
	}
	return e.Next()
}

// guardCouncilDelete allows deleting a council only while its round is
// open: from review on, initiatives and sheets depend on it.
func guardCouncilDelete(e *core.RecordRequestEvent) error {
	round, err := councilRound(e.App, e.Record.Id)
	if err != nil {
		return err
	}
	if err := councilLocked(round, vocab.RoundOpen); err != nil {
		return err
	}
	return e.Next()
}
