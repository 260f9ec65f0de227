package hooks

import (
	"net/http"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
	"sangkien/internal/i18n"
	"sangkien/internal/vocab"
	"sangkien/internal/writer"
)

// transitionBody is the optional JSON body of an initiative action.
type transitionBody struct {
	Reason string `json:"reason"`
	LateOK bool   `json:"late_ok"`
}

// transition is one action on an initiative: who may take it, from which
// statuses, to which status, and what else it checks and sets.
type transition struct {
	verb        string
	from        []string
	to          string
	roundStatus []string // round statuses in which the action is open
	needsReason bool
	notOwn      bool // refused to the initiative's own authors (own_initiative)
	may         func(auth, r *core.Record) bool
	// apply checks the deadline or the form and sets the fields that go with
	// the new status; it runs inside the transaction on a fresh record.
	apply func(tx core.App, r, round *core.Record, body transitionBody) error
}

// The actions of the initiative state machine (docs/domain.md, The initiative's way).
var (
	submitAction = transition{
		verb: "submit", from: []string{vocab.Draft, vocab.Returned}, to: vocab.Submitted,
		roundStatus: []string{vocab.RoundOpen}, may: isOwner, apply: applySubmit,
	}
	endorseAction = transition{
		verb: "endorse", from: []string{vocab.Submitted}, to: vocab.Endorsed,
		roundStatus: []string{vocab.RoundOpen, vocab.RoundReview}, may: isUnitHead, notOwn: true, apply: applyEndorse,
	}
	sendBackAction = transition{
		verb: "send-back", from: []string{vocab.Submitted}, to: vocab.Returned,
		roundStatus: []string{vocab.RoundOpen, vocab.RoundReview}, may: isUnitHead, notOwn: true, needsReason: true, apply: applyReturn,
	}
	// a draft was never submitted: its owner deletes it rather than
	// withdraws it, so that "withdrawn" never shows others a draft.
	withdrawAction = transition{
		verb: "withdraw", from: []string{vocab.Submitted, vocab.Endorsed, vocab.Returned}, to: vocab.Withdrawn,
		roundStatus: []string{vocab.RoundOpen, vocab.RoundReview}, may: isOwner,
	}
	acceptAction = transition{
		verb: "accept", from: []string{vocab.Endorsed}, to: vocab.Accepted,
		roundStatus: []string{vocab.RoundOpen, vocab.RoundReview}, may: isSecretariat, notOwn: true, apply: applyAccept,
	}
	returnAction = transition{
		verb: "return", from: []string{vocab.Submitted, vocab.Endorsed}, to: vocab.Returned,
		roundStatus: []string{vocab.RoundOpen, vocab.RoundReview}, may: isSecretariat, notOwn: true, needsReason: true, apply: applyReturn,
	}
)

// applySubmit refuses a submission after the unit's deadline, of an
// incomplete form or of one the round's form rules refuse, gives the code on the first submission (a re-submission
// keeps it) and stamps the submission time.
func applySubmit(tx core.App, r, round *core.Record, _ transitionBody) error {
	until, _, err := deadline.Unit(tx, round, r.GetString("unit"))
	if err != nil {
		return err
	}
	if deadline.Passed(clock.Of(tx).Now(), until) {
		return deadlinePassed(until)
	}
	if errs := formProblems(r, clock.Of(tx).Now()); len(errs) > 0 {
		return formError(errs)
	}
	if errs := roundFormProblems(r, round, clock.Of(tx).Now()); len(errs) > 0 {
		return formError(errs)
	}
	if authors, err := readAuthors(r); err == nil {
		r.Set("authors", numericShares(authors)) // shares as numbers, as the reports read them
	}
	if r.GetString("code") == "" {
		code, err := nextCode(tx, round)
		if err != nil {
			return err
		}
		r.Set("code", code)
	}
	r.Set("submitted_at", clock.Of(tx).Now())
	r.Set("endorsed_at", "")
	r.Set("late", false)
	r.Set("return_reason", "")
	return nil
}

// applyEndorse stamps when the unit sent the initiative to the ward. The
// deadline (or the unit's extension) is about this moment: an endorsement
// at or after it is still taken but marks the initiative late, so that it
// does not count toward the quota and the secretariat accepts it only with
// late_ok.
func applyEndorse(tx core.App, r, round *core.Record, _ transitionBody) error {
	until, _, err := deadline.Unit(tx, round, r.GetString("unit"))
	if err != nil {
		return err
	}
	// one instant for the stamp and the check, so that they agree.
	now := clock.Of(tx).Now()
	r.Set("endorsed_at", now)
	if !now.Before(until) { // deadline.Passed at now
		r.Set("late", true)
	}
	return nil
}

// applyAccept lets the secretariat accept an initiative that reached the
// ward late only when it says so ({"late_ok": true}); the initiative then
// stays marked late.
func applyAccept(tx core.App, r, round *core.Record, body transitionBody) error {
	until, _, err := deadline.Unit(tx, round, r.GetString("unit"))
	if err != nil {
		return err
	}
	if deadline.SubmittedLate(r, until) {
		if !body.LateOK {
			return lateNeedsConsent(until)
		}
		r.Set("late", true)
	}
	return nil
}

// applyReturn keeps the reason on the initiative, for its author to read.
func applyReturn(_ core.App, r, _ *core.Record, body transitionBody) error {
	r.Set("return_reason", strings.TrimSpace(body.Reason))
	return nil
}

// transitionHandler answers POST /api/reform/initiatives/{id}/<verb>: 404
// when the caller cannot see the initiative, 403 forbidden when they may not
// take the action or wrote the initiative (own_initiative), 400 reason_required, invalid_transition, round_closed,
// deadline_passed, incomplete or shares_not_100; else 200 with the record.
// The change and its audit entry commit together.
func transitionHandler(t transition) func(e *core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		var body transitionBody
		if err := e.BindBody(&body); err != nil {
			return badRequest("body", "invalid_body")
		}
		id := e.Request.PathValue("id")
		if err := mayViewInitiative(e, id); err != nil {
			return err
		}
		var r *core.Record
		// the row is read once, in the transaction: who may act is
		// decided on what the action changes.
		err := writer.Tx(e.App, func(tx core.App) error {
			fresh, err := tx.FindRecordById("initiatives", id)
			if err != nil {
				return notFound()
			}
			if !t.may(e.Auth, fresh) {
				return forbidden()
			}
			if t.notOwn {
				if err := refuseOwnInitiative(e.Auth, fresh, t.verb); err != nil {
					return err
				}
			}
			if t.needsReason && strings.TrimSpace(body.Reason) == "" {
				return badRequest("reason", "reason_required")
			}
			status := fresh.GetString("status")
			if !slices.Contains(t.from, status) {
				return invalidTransition(t.verb, status)
			}
			round, err := tx.FindRecordById("rounds", fresh.GetString("round"))
			if err != nil {
				return err
			}
			if rs := round.GetString("status"); !slices.Contains(t.roundStatus, rs) {
				return badRequest("round", "round_closed", "status", i18n.T("round_status."+rs))
			}
			fresh.Set("status", t.to)
			if t.apply != nil {
				if err := t.apply(tx, fresh, round, body); err != nil {
					return err
				}
			}
			r = fresh
			return saveAudited(tx, e, t.verb, fresh, strings.TrimSpace(body.Reason), nil)
		})
		if err != nil {
			return actionError(e, err)
		}
		return e.JSON(http.StatusOK, r)
	}
}

// invalidTransition is the 400 invalid_transition error for taking action
// verb on an initiative in status.
func invalidTransition(verb, status string) error {
	return failKey(http.StatusBadRequest, "status", "invalid_transition", "error.invalid_transition_initiative",
		"action", i18n.T("action."+verb), "status", i18n.T("status."+status))
}
