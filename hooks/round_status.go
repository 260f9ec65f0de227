package hooks

import (
	"net/http"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
	"sangkien/internal/vocab"
)

// roundStatusHandler answers POST /api/reform/rounds/{year}/<verb>, which
// moves the round from status from to status to: secretariat only (403
// forbidden), 404 not_found for an unknown year, 400 invalid_transition from
// any other status, or ready's error when ready is given; 200 with the
// round. The optional body {"reason": "…"} is handed to ready and kept in
// the audit entry (action verb).
func roundStatusHandler(verb, from, to string, ready func(tx core.App, round *core.Record, reason string) error) func(e *core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		reason, err := bodyText(e, "reason")
		if err != nil {
			return err
		}
		round, err := pathRound(e)
		if err != nil {
			return err
		}
		err = e.App.RunInTransaction(func(tx core.App) error {
			fresh, err := roundInStatus(tx, round.Id, verb, from)
			if err != nil {
				return err
			}
			if ready != nil {
				if err := ready(tx, fresh, reason); err != nil {
					return err
				}
			}
			fresh.Set("status", to)
			round = fresh
			return saveAudited(tx, e, verb, fresh, reason, nil)
		})
		if err != nil {
			return actionError(e, err)
		}
		return e.JSON(http.StatusOK, round)
	}
}

// roundInStatus reads the round id again within tx and refuses, 400
// invalid_transition naming the action verb and the round's status, unless
// its status is from.
func roundInStatus(tx core.App, id, verb, from string) (*core.Record, error) {
	fresh, err := tx.FindRecordById("rounds", id)
	if err != nil {
		return nil, err
	}
	if status := fresh.GetString("status"); status != from {
		return nil, failKey(http.StatusBadRequest, "status", "invalid_transition", "error.invalid_round_transition",
			"action", i18n.T("action."+verb), "status", i18n.T("round_status."+status))
	}
	return fresh, nil
}

// readyForReview lets a round go to review only when scoring can happen:
// it has a council, every council is complete (one chair, enough voters:
// 400 council_incomplete) and every accepted initiative has its council
// (400 unassigned_initiatives, listing their codes); and, unless the
// secretariat gives a reason, no unit's extension is still running (400
// extension_running, see refuseRunningExtensions).
func readyForReview(tx core.App, round *core.Record, reason string) error {
	if reason == "" {
		if err := refuseRunningExtensions(tx, round); err != nil {
			return err
		}
	}
	councils, err := tx.FindAllRecords("councils", dbx.HashExp{"round": round.Id})
	if err != nil {
		return err
	}
	if len(councils) == 0 {
		return badRequest("council", "no_council", "year", round.GetString("year"))
	}
	for _, c := range councils {
		if err := CouncilReady(tx, c.Id); err != nil {
			return err
		}
	}
	var codes []string
	err = tx.DB().Select("code").From("initiatives").
		Where(dbx.HashExp{"round": round.Id, "status": vocab.Accepted, "council": ""}).
		OrderBy("code").Column(&codes)
	if err != nil {
		return err
	}
	if len(codes) > 0 {
		return badRequest("council", "unassigned_initiatives", "codes", strings.Join(codes, ", "))
	}
	return nil
}
