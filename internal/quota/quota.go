// Package quota counts how far each unit has met its yearly quota of
// initiatives (chỉ tiêu tối thiểu, docs/domain.md, The year): the one count behind the
// quota route, the Excel quota report and the quota reminders.
package quota

import (
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
)

// Unit is one unit's line of the quota report (Kết quả thực hiện chỉ
// tiêu). Counts are of the round's initiatives of the unit, as of now.
type Unit struct {
	Unit     string `json:"unit"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Deadline string `json:"deadline"`      // the unit's submission deadline, UTC as PocketBase writes dates
	Shown    string `json:"deadline_text"` // the same as people read it: its last day and its instant (deadline.ShowInstant)
	Extended bool   `json:"extended"`      // the deadline is the unit's extension
	Required int    `json:"required"`      // units.quota
	OnTime   int    `json:"submitted_on_time"`
	Late     int    `json:"late"`
	Endorsed int    `json:"endorsed"`   // reached endorsed or beyond
	Accepted int    `json:"accepted"`   // reached accepted or beyond
	Recog    int    `json:"recognized"` // recognised by the decision
	Nomin    int    `json:"nominated"`  // nominated to the city
	Counted  int    `json:"counted"`    // endorsed (sent by the unit) before its deadline: counts toward the quota
	Met      bool   `json:"met"`        // counted >= required
	// UnderExtension: the unit's extension is still running, so a unit
	// short of its quota is not "not met" yet.
	UnderExtension bool `json:"under_extension"`
	// Result is met, not_met, or under_extension (short of the quota while
	// its extension runs): what the report's last column says.
	Result string `json:"result"`

	Until time.Time `json:"-"` // the deadline, for the server's own use
}

// counts are one unit's figures as the aggregate query returns them.
type counts struct {
	Unit     string `db:"unit"`
	OnTime   int    `db:"on_time"`
	Late     int    `db:"late"`
	Endorsed int    `db:"endorsed"`
	Accepted int    `db:"accepted"`
	Recog    int    `db:"recognized"`
	Nomin    int    `db:"nominated"`
	Counted  int    `db:"counted"`
}

// The stages an initiative's status says it has reached. Submitted means
// handed in and neither back with its author (returned) nor withdrawn.
const (
	submitted = `status IN ('submitted', 'endorsed', 'accepted', 'recognized', 'not_recognized')`
	endorsed  = `status IN ('endorsed', 'accepted', 'recognized', 'not_recognized')`
	accepted  = `status IN ('accepted', 'recognized', 'not_recognized')`
)

// countQuery counts a round's submitted initiatives by unit; %LATE% is the
// condition of one that reached the ward late (see lateCondition).
const countQuery = `SELECT unit,
	SUM(CASE WHEN %LATE% THEN 0 ELSE 1 END) AS on_time,
	SUM(CASE WHEN %LATE% THEN 1 ELSE 0 END) AS late,
	SUM(CASE WHEN ` + endorsed + ` THEN 1 ELSE 0 END) AS endorsed,
	SUM(CASE WHEN ` + accepted + ` THEN 1 ELSE 0 END) AS accepted,
	SUM(CASE WHEN status = 'recognized' THEN 1 ELSE 0 END) AS recognized,
	SUM(CASE WHEN nominated = TRUE THEN 1 ELSE 0 END) AS nominated,
	SUM(CASE WHEN ` + endorsed + ` AND NOT (%LATE%) THEN 1 ELSE 0 END) AS counted
	FROM initiatives WHERE round = {:round} AND ` + submitted

// sentAt is deadline.SentAt in SQL: the endorsement time, else the
// submission time.
const sentAt = `COALESCE(NULLIF(endorsed_at, ''), submitted_at)`

// lateCondition is deadline.SubmittedLate in SQL: marked late, or sent by
// the unit (endorsed; submitted when not endorsed yet) at or after the
// unit's deadline. Dates are compared as PocketBase stores them (UTC text,
// which sorts as time does); the deadlines, one per extended unit and the
// round's for the rest, are bound into params.
func lateCondition(base time.Time, extended map[string]time.Time, params dbx.Params) string {
	params["base"] = stored(base)
	limit := "{:base}"
	if len(extended) > 0 {
		var b strings.Builder
		b.WriteString("CASE unit")
		i := 0
		for unit, d := range extended {
			n := strconv.Itoa(i)
			params["u"+n], params["d"+n] = unit, stored(d)
			b.WriteString(" WHEN {:u" + n + "} THEN {:d" + n + "}")
			i++
		}
		b.WriteString(" ELSE {:base} END")
		limit = b.String()
	}
	return "late = TRUE OR (" + sentAt + " != '' AND " + sentAt + " >= " + limit + ")"
}

// stored writes t as PocketBase stores a date.
func stored(t time.Time) string {
	return t.UTC().Format(types.DefaultDateLayout)
}

// Compute counts, for each active unit of the ward (or only onlyUnit when
// not empty), ordered by code, the round's initiatives by stage: on time
// or late (sent by the unit before its deadline, its extension included,
// or not), endorsed, accepted, recognised, nominated, and counted toward
// the quota (endorsed on time). A unit short of its quota whose extension
// has not ended (by the app's clock) is under_extension, not not_met. Returned
// and withdrawn initiatives and drafts are not counted at all. One aggregate query, whatever the size of
// the round; called with a transaction's app it sees one consistent state.
func Compute(app core.App, round *core.Record, onlyUnit string) ([]Unit, error) {
	var units []struct {
		ID    string `db:"id"`
		Code  string `db:"code"`
		Name  string `db:"name"`
		Quota int    `db:"quota"`
	}
	q := app.DB().Select("id", "code", "name", "quota").From("units").
		Where(dbx.HashExp{"active": true}).OrderBy("code")
	if onlyUnit != "" {
		q.AndWhere(dbx.HashExp{"id": onlyUnit})
	}
	if err := q.All(&units); err != nil {
		return nil, err
	}
	extended, err := deadline.Extended(app, round)
	if err != nil {
		return nil, err
	}
	base := round.GetDateTime("submission_deadline").Time()

	params := dbx.Params{"round": round.Id}
	sql := strings.ReplaceAll(countQuery, "%LATE%", lateCondition(base, extended, params))
	if onlyUnit != "" {
		sql += " AND unit = {:unit}"
		params["unit"] = onlyUnit
	}
	var rows []counts
	if err := app.DB().NewQuery(sql + " GROUP BY unit").Bind(params).All(&rows); err != nil {
		return nil, err
	}
	byUnit := make(map[string]counts, len(rows))
	for _, c := range rows {
		byUnit[c.Unit] = c
	}

	now := clock.Of(app).Now()
	out := make([]Unit, 0, len(units))
	for _, u := range units {
		d, isExtended := extended[u.ID]
		if !isExtended {
			d = base
		}
		c := byUnit[u.ID]
		running := isExtended && !deadline.Passed(now, d)
		result := "not_met"
		switch {
		case c.Counted >= u.Quota:
			result = "met"
		case running:
			result = "under_extension"
		}
		out = append(out, Unit{
			Unit: u.ID, Code: u.Code, Name: u.Name,
			Deadline: stored(d), Shown: deadline.ShowInstant(d), Extended: isExtended,
			Required: u.Quota, OnTime: c.OnTime, Late: c.Late, Endorsed: c.Endorsed, Accepted: c.Accepted,
			Recog: c.Recog, Nomin: c.Nomin, Counted: c.Counted, Met: c.Counted >= u.Quota,
			UnderExtension: running, Result: result, Until: d,
		})
	}
	return out, nil
}
