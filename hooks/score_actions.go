package hooks

import (
	"net/http"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
	"sangkien/internal/results"
	"sangkien/internal/vocab"
)

// submitForm is the body of POST /api/reform/scores/{id}/submit; approve,
// when sent, is the member's vote (else the one saved on the draft counts).
type submitForm struct {
	Approve any `json:"approve"` // a JSON boolean (checkVote)
}

// submitSheet handles POST /api/reform/scores/{id}/submit: the sheet's
// member hands it in. Every criterion must have points and the vote must
// be cast (400 score_incomplete, with params.missing listing the criteria
// codes and "approve", unless the round approves by score); the sheet is
// then locked (status submitted).
func submitSheet(e *core.RequestEvent) error {
	var form submitForm
	if err := bindBody(e, &form); err != nil {
		return err
	}
	if err := checkVote(e, form.Approve); err != nil {
		return err
	}
	return answerChanged(e, "scores", func(tx core.App, sheet *core.Record) (*core.Record, error) {
		if sheet.GetString("member") != e.Auth.Id {
			return nil, forbidden()
		}
		if sheet.GetString("status") != vocab.SheetDraft {
			return nil, badRequest("status", "invalid_transition")
		}
		s, err := loadSheetScope(tx, sheet)
		if err != nil {
			return nil, err
		}
		if err := checkScorer(tx, s, sheet.GetString("member")); err != nil {
			return nil, err
		}
		crit, err := rubric(tx, s.Round.Id)
		if err != nil {
			return nil, err
		}
		points, err := normalizePoints(sheet, crit)
		if err != nil {
			return nil, err
		}
		if form.Approve != nil {
			sheet.Set("approve", form.Approve)
			sheet.Set("voted", true)
		}
		var codes, names []string
		for _, c := range crit {
			if _, ok := points[c.Code]; !ok {
				codes = append(codes, c.Code)
				names = append(names, c.Name)
			}
		}
		// approval by score: the total is the vote, there is none to cast.
		if !sheet.GetBool("voted") && s.Round.GetString("approval_basis") != results.BasisScore {
			codes = append(codes, "approve")
			names = append(names, i18n.T("score.approve"))
		}
		if len(codes) > 0 {
			return nil, failParams(http.StatusBadRequest, "points", "score_incomplete",
				map[string]any{"missing": codes}, "missing", strings.Join(names, ", "))
		}
		sheet.Set("status", vocab.SheetSubmitted)
		sheet.Set("submitted_at", clock.Of(tx).Now())
		sheet.Set("reopen_reason", "")
		return sheet, saveAudited(tx, e, "submit", sheet, "", nil)
	})
}

// reopenSheet handles POST /api/reform/scores/{id}/reopen {"reason"}: the
// secretariat, or the secretary of the council scoring the initiative,
// gives a submitted sheet back to its member as a draft, with a reason;
// never their own sheet (403 own_sheet).
func reopenSheet(e *core.RequestEvent) error {
	reason, err := bodyText(e, "reason")
	if err != nil {
		return err
	}
	return answerChanged(e, "scores", func(tx core.App, sheet *core.Record) (*core.Record, error) {
		if err := refuseOwnSheet(e.Auth, sheet); err != nil {
			return nil, err
		}
		s, err := loadSheetScope(tx, sheet)
		if err != nil {
			return nil, err
		}
		if !HasRole(e.Auth, vocab.RoleSecretariat) && !hasSeat(tx, s.Initiative.GetString("council"), e.Auth.Id, dbx.HashExp{"position": vocab.PositionSecretary}) {
			return nil, forbidden()
		}
		if reason == "" {
			return nil, badRequest("reason", "reason_required")
		}
		if sheet.GetString("status") != vocab.SheetSubmitted {
			return nil, badRequest("status", "invalid_transition")
		}
		if err := inReview(s.Round); err != nil {
			return nil, err
		}
		sheet.Set("status", vocab.SheetDraft)
		sheet.Set("submitted_at", nil)
		sheet.Set("reopen_reason", reason)
		return sheet, saveAudited(tx, e, "reopen", sheet, reason, nil)
	})
}
