package hooks

import (
	"net/http"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
	"sangkien/internal/vocab"
)

// nominateInitiative handles POST /api/reform/initiatives/{id}/nominate
// {"number","signed_on","signer"}: the secretariat or the chairman proposes
// a recognised initiative to the city. The round has one city_nomination
// decision: the first nomination creates it (number, date and signer
// required), later ones append to it (and update what they send).
func nominateInitiative(e *core.RequestEvent) error {
	var form docForm
	if err := bindBody(e, &form); err != nil {
		return err
	}
	var ini, decision *core.Record
	err := e.App.RunInTransaction(func(tx core.App) error {
		var err error
		ini, err = recordByID(tx, "initiatives", e.Request.PathValue("id"))
		if err != nil {
			return err
		}
		if ini.GetString("status") != vocab.Recognized || ini.GetBool("nominated") {
			return badRequest("status", "invalid_transition")
		}
		round := ini.GetString("round")
		decision, _ = tx.FindFirstRecordByFilter("decisions", "round = {:round} && kind = 'city_nomination'",
			dbx.Params{"round": round})
		signedOn, err := form.validate(clock.Of(e.App).Now(), decision == nil)
		if err != nil {
			return err
		}
		if decision == nil {
			col, err := tx.FindCachedCollectionByNameOrId("decisions")
			if err != nil {
				return err
			}
			decision = core.NewRecord(col)
			decision.Set("round", round)
			decision.Set("kind", vocab.DecisionCityNomination)
		}
		if form.Number != "" {
			decision.Set("number", form.Number)
		}
		if !signedOn.IsZero() {
			decision.Set("signed_on", signedOn)
		}
		if form.Signer != "" {
			decision.Set("signer", form.Signer)
		}
		listed := decision.GetStringSlice("initiatives")
		if !slices.Contains(listed, ini.Id) {
			decision.Set("initiatives", append(listed, ini.Id))
		}
		action := "update"
		if decision.IsNew() {
			action = "create"
		}
		if err := saveAudited(tx, e, action, decision, "", nil); err != nil {
			return err
		}

		ini.Set("nominated", true)
		if err := tx.Save(ini); err != nil {
			return err
		}
		return Audit(tx, e, "nominate", ini, map[string]any{"nominated": false},
			map[string]any{"nominated": true, "decision": decision.Id}, "")
	})
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"initiative": ini, "decision": decision})
}
