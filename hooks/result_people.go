package hooks

import (
	"net/http"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
	"sangkien/internal/people"
)

// recognizedPeopleRoute handles GET /api/reform/rounds/{year}/recognized-people:
// for the emulation office (the secretariat) and the chairman, every
// person — ward account or author named on the form — with an initiative
// recognised that year: name, unit, position, initiative, share, tier,
// scope and the decisions (the route table: officers only).
func recognizedPeopleRoute(e *core.RequestEvent) error {
	round, err := pathRound(e)
	if err != nil {
		return err
	}
	rows, err := people.Recognized(e.App, round)
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"year": round.GetInt("year"), "items": rows})
}

// personInitiativesRoute handles GET /api/reform/people/{userId}/initiatives:
// one person's initiatives over every year (drafts never), with outcome,
// tier and scope, so the office can check consecutive years. A ward
// account reads its own; the secretariat and the chairman anyone's; 403
// for anyone else (whether the account exists or not), 404 not_found for
// an unknown account asked by those who may.
func personInitiativesRoute(e *core.RequestEvent) error {
	id := e.Request.PathValue("userId")
	if id != e.Auth.Id && !hasAnyRole(e.Auth, "secretariat", "chairman") {
		return forbidden()
	}
	user, err := e.App.FindRecordById("users", id)
	if err != nil {
		return fail(http.StatusNotFound, "userId", "not_found")
	}
	rows, err := people.History(e.App, user.Id)
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"user": user.Id, "name": user.GetString("name"), "items": rows})
}

// scopeForm is the body of POST /api/reform/initiatives/{id}/scope.
type scopeForm struct {
	Scope string `json:"scope"`
	docForm
}

// setInitiativeScope handles POST /api/reform/initiatives/{id}/scope
// {"scope", "number", "signed_on"}: the secretariat records the level that
// recognised a recognised initiative's effect — co_so (the ward's own
// decision), or thanh_pho / toan_quoc with that decision's number and date
// (both required, the date not after today). 403 for anyone else, 400
// invalid_transition for an initiative not recognised, 400 invalid_scope
// for another value. Audited as "scope".
func setInitiativeScope(e *core.RequestEvent) error {
	if !isSecretariat(e.Auth, nil) {
		return forbidden()
	}
	var form scopeForm
	if err := bindBody(e, &form); err != nil {
		return err
	}
	form.Scope = strings.TrimSpace(form.Scope)
	if !slices.Contains([]string{people.ScopeWard, people.ScopeCity, people.ScopeCountry}, form.Scope) {
		return badRequest("scope", "invalid_scope")
	}
	higher := form.Scope != people.ScopeWard
	form.Signer = "-" // the higher level's signer is not recorded
	signedOn, err := form.validate(clock.Of(e.App).Now(), higher)
	if err != nil {
		return err
	}
	return answerChanged(e, "initiatives", func(tx core.App, ini *core.Record) (*core.Record, error) {
		if ini.GetString("status") != "recognized" {
			return nil, badRequest("status", "invalid_transition")
		}
		ini.Set("scope", form.Scope)
		if higher {
			ini.Set("scope_decision_number", form.Number)
			ini.Set("scope_decision_date", signedOn)
		} else {
			ini.Set("scope_decision_number", "")
			ini.Set("scope_decision_date", "")
		}
		return ini, saveAudited(tx, e, "scope", ini, "", nil)
	})
}
