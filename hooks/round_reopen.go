package hooks

import (
	"net/http"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/vocab"
)

// noSheetSubmitted lets a round in review go back to open only while no
// score sheet of it has been submitted: a submitted sheet is a member's
// judgement of the text as it stood, and reopening would let authors
// change it underneath (400 sheets_submitted, with the count).
func noSheetSubmitted(tx core.App, round *core.Record, _ string) error {
	var n int
	err := tx.DB().Select("COUNT(*)").From("scores").
		InnerJoin("initiatives", dbx.NewExp("initiatives.id = scores.initiative")).
		Where(dbx.HashExp{"initiatives.round": round.Id, "scores.status": "submitted"}).
		Row(&n)
	if err != nil {
		return err
	}
	if n > 0 {
		return badRequest("round", "sheets_submitted", "count", strconv.Itoa(n))
	}
	return nil
}

// removeRound answers DELETE /api/reform/rounds/{year}: the secretariat
// (or a superuser) removes a round opened by mistake while nothing is in
// it: status open, no initiative (not even a draft), no council and no
// decision (400 round_not_empty, saying what it holds). Its rubric,
// extensions and reminders go with it. Audited as "remove" with the
// round's last state. 403 forbidden for anyone else, 404 not_found for
// an unknown year, 400 invalid_transition once it is past open.
func removeRound(e *core.RequestEvent) error {
	round, err := pathRound(e)
	if err != nil {
		return err
	}
	err = e.App.RunInTransaction(func(tx core.App) error {
		fresh, err := roundInStatus(tx, round.Id, "remove", vocab.RoundOpen)
		if err != nil {
			return err
		}
		counts := map[string]int{}
		for _, col := range []string{"initiatives", "councils", "decisions"} {
			n, err := tx.CountRecords(col, dbx.HashExp{"round": fresh.Id})
			if err != nil {
				return err
			}
			counts[col] = int(n)
		}
		if counts["initiatives"]+counts["councils"]+counts["decisions"] > 0 {
			return badRequest("round", "round_not_empty", "year", strconv.Itoa(fresh.GetInt("year")),
				"initiatives", strconv.Itoa(counts["initiatives"]), "councils", strconv.Itoa(counts["councils"]),
				"decisions", strconv.Itoa(counts["decisions"]))
		}
		before := Snapshot(fresh)
		if err := tx.Delete(fresh); err != nil {
			return err
		}
		return Audit(tx, e, "remove", fresh, before, nil, "")
	})
	if err != nil {
		return actionError(e, err)
	}
	return e.NoContent(http.StatusNoContent)
}
