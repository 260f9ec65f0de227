package hooks

import (
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/deadline"
)

// remindEndorse writes to the heads of the units of round that hold
// submissions waiting for their endorsement (status submitted), once a
// day within the reminder window of the unit's deadline (its extension
// moves it), listing them: the deadline is about the unit sending them to
// the ward, and an endorsement from the deadline on is late.
func remindEndorse(app core.App, round *core.Record, now time.Time, today string) (int, error) {
	waiting, err := app.FindRecordsByFilter("initiatives", "round = {:round} && status = 'submitted'", "code", 0, 0,
		dbx.Params{"round": round.Id})
	if err != nil {
		return 0, err
	}
	byUnit := map[string][]*core.Record{}
	var order []string
	for _, r := range waiting {
		u := r.GetString("unit")
		if _, seen := byUnit[u]; !seen {
			order = append(order, u)
		}
		byUnit[u] = append(byUnit[u], r)
	}
	sent := 0
	for _, unitID := range order {
		until, _, err := deadline.Unit(app, round, unitID)
		if err != nil {
			return sent, err
		}
		if !within(now, until) {
			continue
		}
		unit, err := app.FindRecordById("units", unitID)
		if err != nil {
			continue
		}
		lines := make([]string, len(byUnit[unitID]))
		for i, r := range byUnit[unitID] {
			lines[i] = "- " + r.GetString("code") + ": " + r.GetString("title")
		}
		heads, err := unitHeads(app, unitID)
		if err != nil {
			return sent, err
		}
		n, err := remindEach(app, endorseReminder, heads, round, today, func(u *core.Record) []string {
			return []string{
				"name", u.GetString("name"), "unit", unit.GetString("name"), "year", strconv.Itoa(round.GetInt("year")),
				"count", strconv.Itoa(len(lines)), "list", strings.Join(lines, "\n"), "deadline", deadline.ShowInstant(until),
			}
		})
		sent += n
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}
