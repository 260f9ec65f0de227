package hooks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
	"sangkien/internal/vocab"
)

// onlyCouncil returns the id of the round's council when it has exactly one.
func onlyCouncil(app core.App, roundID string) (string, bool) {
	var ids []string
	err := app.DB().Select("id").From("councils").
		Where(dbx.HashExp{"round": roundID}).Limit(2).Column(&ids)
	if err != nil || len(ids) != 1 {
		return "", false
	}
	return ids[0], true
}

// autoAssignOnAccept gives an initiative that becomes accepted, with no
// council yet, to its round's council when the round has exactly one. It
// runs on every save, so the secretariat's accept action needs no more.
func autoAssignOnAccept(e *core.RecordEvent) error {
	r := e.Record
	becomesAccepted := r.GetString("status") == vocab.Accepted && r.Original().GetString("status") != vocab.Accepted
	if !becomesAccepted || r.GetString("council") != "" {
		return e.Next()
	}
	council, ok := onlyCouncil(e.App, r.GetString("round"))
	if !ok {
		return e.Next()
	}
	r.Set("council", council)
	if err := e.Next(); err != nil {
		return err
	}
	return Audit(e.App, nil, "assign", r, map[string]any{"council": ""}, map[string]any{"council": council},
		i18n.T("audit.auto_assign"))
}

// autoAssignOnCouncilCreate gives, once a round's first council is
// stored, the round's accepted initiatives that have none to that council.
// It runs after the council's own transaction, so the audit log reads
// "council created" before "initiative assigned"; a failure here leaves
// the council in place and is logged (the secretariat can still assign).
func autoAssignOnCouncilCreate(e *core.RecordEvent) error {
	if err := e.Next(); err != nil {
		return err
	}
	council, ok := onlyCouncil(e.App, e.Record.GetString("round"))
	if !ok || council != e.Record.Id {
		return nil
	}
	err := e.App.RunInTransaction(func(tx core.App) error {
		waiting, err := tx.FindAllRecords("initiatives", dbx.HashExp{
			"round": e.Record.GetString("round"), "status": vocab.Accepted, "council": "",
		})
		if err != nil {
			return err
		}
		for _, ini := range waiting {
			ini.Set("council", council)
			if err := tx.Save(ini); err != nil {
				return err
			}
			if err := Audit(tx, nil, "assign", ini, map[string]any{"council": ""}, map[string]any{"council": council},
				i18n.T("audit.auto_assign")); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		e.App.Logger().Error("automatic assignment to a new council failed", "council", council, "error", err)
	}
	return nil
}

// assignInitiative handles POST /api/reform/initiatives/{id}/assign
// {"council": id}: the secretariat gives an accepted initiative to a
// complete council of its round. Not once members have scored it.
func assignInitiative(e *core.RequestEvent) error {
	councilID, err := bodyText(e, "council")
	if err != nil {
		return err
	}
	if councilID == "" {
		return badRequest("council", "required", "field", i18n.T("initiative.council"))
	}
	return answerChanged(e, "initiatives", func(tx core.App, ini *core.Record) (*core.Record, error) {
		if ini.GetString("status") != vocab.Accepted {
			return nil, badRequest("status", "invalid_transition")
		}
		council, err := tx.FindRecordById("councils", councilID)
		if err != nil {
			return nil, badRequest("council", "not_found")
		}
		if council.GetString("round") != ini.GetString("round") {
			return nil, badRequest("council", "council_other_round")
		}
		old := ini.GetString("council")
		if old == council.Id {
			return ini, nil
		}
		sheets, err := tx.CountRecords("scores", dbx.HashExp{"initiative": ini.Id})
		if err != nil {
			return nil, err
		}
		if sheets > 0 {
			return nil, badRequest("council", "sheets_exist")
		}
		if err := CouncilReady(tx, council.Id); err != nil {
			return nil, err
		}
		ini.Set("council", council.Id)
		if err := tx.Save(ini); err != nil {
			return nil, err
		}
		return ini, Audit(tx, e, "assign", ini, map[string]any{"council": old}, map[string]any{"council": council.Id}, "")
	})
}
