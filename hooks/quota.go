package hooks

import (
	"net/http"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"sangkien/internal/clock"
)

// unitQuota is one unit's line of the quota report (Kết quả thực hiện chỉ
// tiêu). Counts are of the round's initiatives of the unit, as of now.
type unitQuota struct {
	Unit     string `json:"unit"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Deadline string `json:"deadline"`      // the unit's submission deadline, UTC as PocketBase writes dates
	Shown    string `json:"deadline_text"` // the same, dd/mm/yyyy HH:mm in Asia/Ho_Chi_Minh
	Extended bool   `json:"extended"`      // the deadline is the unit's extension
	Required int    `json:"required"`      // units.quota
	OnTime   int    `json:"submitted_on_time"`
	Late     int    `json:"late"`
	Endorsed int    `json:"endorsed"`   // reached endorsed or beyond
	Accepted int    `json:"accepted"`   // reached accepted or beyond
	Recog    int    `json:"recognized"` // recognised by the decision
	Nomin    int    `json:"nominated"`  // nominated to the city
	Counted  int    `json:"counted"`    // on time and endorsed or beyond: counts toward the quota
	Met      bool   `json:"met"`        // counted >= required

	until time.Time // the deadline, for the server's own use
}

// quotaReport is the answer of GET /api/reform/rounds/{year}/quota.
type quotaReport struct {
	Year  int         `json:"year"`
	Round string      `json:"round"`
	Units []unitQuota `json:"units"`
}

// inPipeline are the statuses of an initiative that has been submitted and
// is neither back with its author nor withdrawn.
var inPipeline = []string{"submitted", "endorsed", "accepted", "recognized", "not_recognized"}

// pastEndorsement are the statuses of an initiative its unit has endorsed.
var pastEndorsement = []string{"endorsed", "accepted", "recognized", "not_recognized"}

// pastAcceptance are the statuses of an initiative the secretariat accepted.
var pastAcceptance = []string{"accepted", "recognized", "not_recognized"}

// computeQuota counts, for each active unit (or only onlyUnit when not
// empty), the round's initiatives by stage. It reads through app, so
// called with a transaction's app it sees one consistent state.
func computeQuota(app core.App, round *core.Record, onlyUnit string) ([]unitQuota, error) {
	units, err := app.FindRecordsByFilter("units", "active = true", "code", 0, 0)
	if err != nil {
		return nil, err
	}
	exts, err := unitDeadlines(app, round)
	if err != nil {
		return nil, err
	}
	base := round.GetDateTime("submission_deadline").Time()
	out := []unitQuota{}
	index := map[string]int{}
	for _, u := range units {
		if onlyUnit != "" && u.Id != onlyUnit {
			continue
		}
		d, extended := exts[u.Id]
		if !extended {
			d = base
		}
		index[u.Id] = len(out)
		out = append(out, unitQuota{
			Unit: u.Id, Code: u.GetString("code"), Name: u.GetString("name"),
			Deadline: d.UTC().Format(types.DefaultDateLayout), Shown: clock.FormatDateTime(d), Extended: extended,
			Required: u.GetInt("quota"), until: d,
		})
	}
	inits, err := app.FindRecordsByFilter("initiatives", "round = {:round}", "", 0, 0, dbx.Params{"round": round.Id})
	if err != nil {
		return nil, err
	}
	for _, r := range inits {
		i, ok := index[r.GetString("unit")]
		if !ok {
			continue
		}
		q := &out[i]
		status := r.GetString("status")
		if !slices.Contains(inPipeline, status) {
			continue
		}
		late := submittedLate(r, q.until)
		if late {
			q.Late++
		} else {
			q.OnTime++
		}
		if slices.Contains(pastEndorsement, status) {
			q.Endorsed++
			if !late {
				q.Counted++
			}
		}
		if slices.Contains(pastAcceptance, status) {
			q.Accepted++
		}
		if status == "recognized" {
			q.Recog++
		}
		if r.GetBool("nominated") {
			q.Nomin++
		}
	}
	for i := range out {
		out[i].Met = out[i].Counted >= out[i].Required
	}
	return out, nil
}

// roundQuota answers GET /api/reform/rounds/{year}/quota: each active
// unit's quota and how far it is met. The secretariat, the chairman and
// superusers see every unit; a unit head sees their own unit; anyone else
// gets 403 forbidden. An unknown year is 404 not_found.
func roundQuota(e *core.RequestEvent) error {
	onlyUnit := ""
	switch {
	case e.Auth.IsSuperuser(), HasRole(e.Auth, "secretariat"), HasRole(e.Auth, "chairman"):
	case HasRole(e.Auth, "unit_head") && e.Auth.GetString("unit") != "":
		onlyUnit = e.Auth.GetString("unit")
	default:
		return fail(http.StatusForbidden, "auth", "forbidden")
	}
	round, err := findRound(e.App, e)
	if err != nil {
		return err
	}
	var units []unitQuota
	// one read transaction: the counts are of one moment, even while
	// submissions race.
	err = e.App.RunInTransaction(func(tx core.App) error {
		units, err = computeQuota(tx, round, onlyUnit)
		return err
	})
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, quotaReport{Year: round.GetInt("year"), Round: round.Id, Units: units})
}
