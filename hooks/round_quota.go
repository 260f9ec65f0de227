package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/quota"
	"sangkien/internal/vocab"
)

// quotaReport is the answer of GET /api/reform/rounds/{year}/quota.
type quotaReport struct {
	Year  int          `json:"year"`
	Round string       `json:"round"`
	Units []quota.Unit `json:"units"`
}

// roundQuota answers GET /api/reform/rounds/{year}/quota: each active
// unit's quota and how far it is met. The secretariat, the chairman and
// superusers see every unit; a unit head sees their own unit; anyone else
// gets 403 forbidden. An unknown year is 404 not_found.
func roundQuota(e *core.RequestEvent) error {
	onlyUnit := ""
	switch {
	case e.Auth.IsSuperuser(), hasAnyRole(e.Auth, vocab.RoleSecretariat, vocab.RoleChairman):
	case HasRole(e.Auth, vocab.RoleUnitHead) && e.Auth.GetString("unit") != "":
		onlyUnit = e.Auth.GetString("unit")
	default:
		return forbidden()
	}
	round, err := pathRound(e)
	if err != nil {
		return err
	}
	// read on the readers' connections, beside the writes: the counts are
	// one SQL statement, so of one moment even while submissions race.
	units, err := quota.Compute(e.App, round, onlyUnit)
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, quotaReport{Year: round.GetInt("year"), Round: round.Id, Units: units})
}
