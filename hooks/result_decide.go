package hooks

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
	"sangkien/internal/i18n"
	"sangkien/internal/nd30"
	"sangkien/internal/results"
	"sangkien/internal/vocab"
)

// decideForm is the body of POST /api/reform/rounds/{year}/decide: the
// signed recognition decision, and a reason when sheets are missing.
type decideForm struct {
	docForm
	Summary string `json:"summary"`
	Reason  string `json:"reason"`
}

// warning is a non-blocking remark in an action's answer.
type warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// decideRound handles POST /api/reform/rounds/{year}/decide: the
// secretariat or the chairman records the recognition decision of a round
// in review. It refuses while sheets are missing (400 sheets_missing) —
// a result still provisional under the round's quorum among them — unless
// a reason is given, which the round's audit entry keeps; then, in one transaction, it records the
// decision listing the recognised initiatives, moves each initiative in
// scoring to recognized or not_recognized with its mean, tier and rank,
// and moves the round to decided. A decision recorded after the round's
// decision deadline is kept, with a decision_deadline_passed warning.
func decideRound(e *core.RequestEvent) error {
	var form decideForm
	if err := bindBody(e, &form); err != nil {
		return err
	}
	signedOn, err := form.validate(clock.Of(e.App).Now(), true)
	if err != nil {
		return err
	}
	form.Summary, form.Reason = strings.TrimSpace(form.Summary), strings.TrimSpace(form.Reason)
	var decision, round *core.Record
	err = e.App.RunInTransaction(func(tx core.App) error {
		var err error
		round, err = roundByYear(tx, e.Request.PathValue("year"))
		if err != nil {
			return err
		}
		if round.GetString("status") != vocab.RoundReview {
			return badRequest("status", "invalid_transition")
		}
		if err := refuseChairmanSigner(tx, round, form.Signer); err != nil {
			return err
		}
		res, err := computeResults(tx, round)
		if err != nil {
			return err
		}
		var lacking []string
		count := 0
		for _, it := range res.Items {
			// a provisional result (fewer sheets than the quorum) is one
			// with sheets missing.
			if it.Missing > 0 || it.Provisional || it.Council == "" {
				lacking = append(lacking, it.Code)
				count += it.Missing
			}
		}
		if len(lacking) > 0 && form.Reason == "" {
			return failParams(http.StatusBadRequest, "reason", "sheets_missing",
				map[string]any{"initiatives": lacking, "sheets": count},
				"count", strconv.Itoa(count), "initiatives", strings.Join(lacking, ", "))
		}

		col, err := tx.FindCachedCollectionByNameOrId("decisions")
		if err != nil {
			return err
		}
		decision = core.NewRecord(col)
		decision.Set("round", round.Id)
		decision.Set("kind", vocab.DecisionRecognition)
		decision.Set("number", form.Number)
		decision.Set("signed_on", signedOn)
		decision.Set("signer", form.Signer)
		decision.Set("summary", form.Summary)
		var recognized []string
		for _, it := range res.Items {
			if it.Recognized {
				recognized = append(recognized, it.ID)
			}
		}
		decision.Set("initiatives", recognized)
		if err := saveAudited(tx, e, "create", decision, "", nil); err != nil {
			return err
		}

		for _, it := range res.Items {
			ini, err := tx.FindRecordById("initiatives", it.ID)
			if err != nil {
				return err
			}
			action := "not_recognize"
			ini.Set("status", vocab.NotRecognized)
			if it.Recognized {
				action = "recognize"
				ini.Set("status", vocab.Recognized)
				ini.Set("scope", "co_so") // recognised by the ward; a higher level is recorded later
			}
			ini.Set("result_mean", it.Mean)
			ini.Set("result_tier", it.Tier)
			ini.Set("result_rank", it.Rank)
			if err := saveAudited(tx, e, action, ini, "", nil); err != nil {
				return err
			}
		}

		round.Set("status", vocab.RoundDecided)
		return saveAudited(tx, e, "decide", round, form.Reason, map[string]any{"decision": decision.Id})
	})
	if err != nil {
		return actionError(e, err)
	}
	warnings := []warning{}
	// "before 30/9": the deadline's own instant is already past it.
	if due := round.GetDateTime("decision_deadline"); !due.IsZero() && deadline.Passed(clock.Of(e.App).Now(), due.Time()) {
		warnings = append(warnings, warning{
			Code:    "decision_deadline_passed",
			Message: i18n.T("warning.decision_deadline_passed", "deadline", deadline.Show(due.Time())),
		})
	}
	return e.JSON(http.StatusOK, map[string]any{"decision": decision, "round": round, "warnings": warnings})
}

// refuseChairmanSigner refuses, with 400 chairman_is_author, a decision
// signed by the chairman or a vice-chairman who is an author of an
// initiative of the round (results.ChairmanAuthors), or, when the
// chairman is one (results.ChairmanBarred), by the chairman the ward's
// record names: another of them signs it (KT. CHỦ TỊCH).
func refuseChairmanSigner(app core.App, round *core.Record, signer string) error {
	names, err := results.ChairmanAuthors(app, round.Id)
	if err != nil {
		return err
	}
	signing, err := results.DecisionSigner(app, round.Id, "")
	if err != nil {
		return err
	}
	if signing.ChairmanAuthor && strings.TrimSpace(signing.Chairman) != "" {
		names = append(names, signing.Chairman)
	}
	for _, n := range names {
		if nd30.SameName(signer, n) {
			return badRequest("signer", "chairman_is_author", "name", n)
		}
	}
	return nil
}
