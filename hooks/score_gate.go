package hooks

import (
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Sheets and tally before one's own sheet is in. Whoever holds a voting
// seat on the council scoring an initiative sees it as a member does,
// whatever office role they also hold (secretariat, chairman): the other
// members' sheets on it and its tally only once their own sheet on it is
// submitted, or once the round is decided. The scores and audit log rules
// say the same for the CRUD API and realtime (migration 1765200100);
// sheetGate says it for the results, the exports and the documents. A
// non-voting seat scores nothing and withholds nothing; an author of the
// initiative never sees its sheets anyway (the rules, oversees).

// sheetGate is what one viewer may not see yet: withholds is the one
// place that decides, per initiative.
type sheetGate struct {
	viewer string
	voting map[string]bool // councils on which the viewer holds a voting seat
	in     map[string]bool // initiatives on which the viewer's own sheet is submitted
}

// newSheetGate reads viewer's voting seats and submitted sheets.
func newSheetGate(app core.App, viewer *core.Record) (*sheetGate, error) {
	g := &sheetGate{viewer: viewer.Id, voting: map[string]bool{}, in: map[string]bool{}}
	seats, err := app.FindAllRecords("council_members", dbx.HashExp{"user": viewer.Id, "votes": true})
	if err != nil {
		return nil, err
	}
	for _, s := range seats {
		g.voting[s.GetString("council")] = true
	}
	if len(seats) == 0 {
		return g, nil
	}
	sheets, err := app.FindAllRecords("scores", dbx.HashExp{"member": viewer.Id, "status": "submitted"})
	if err != nil {
		return nil, err
	}
	for _, s := range sheets {
		g.in[s.GetString("initiative")] = true
	}
	return g, nil
}

// withholds reports whether the viewer may not yet see the other members'
// sheets on ini, nor its tally; round is ini's round.
func (g *sheetGate) withholds(ini, round *core.Record) bool {
	if s := round.GetString("status"); s == "decided" || s == "closed" {
		return false
	}
	if isAuthor(ini, g.viewer) {
		return false
	}
	return g.voting[ini.GetString("council")] && !g.in[ini.Id]
}

// withholdsAny reports whether the viewer may not yet see the sheets or
// tally of some initiative of round.
func (g *sheetGate) withholdsAny(app core.App, round *core.Record) (bool, error) {
	if len(g.voting) == 0 {
		return false, nil
	}
	var councils []any
	for c := range g.voting {
		councils = append(councils, c)
	}
	inis, err := app.FindAllRecords("initiatives", dbx.HashExp{"round": round.Id}, dbx.In("council", councils...))
	if err != nil {
		return false, err
	}
	for _, ini := range inis {
		if g.withholds(ini, round) {
			return true, nil
		}
	}
	return false, nil
}

// roundWithSheets is the request's round, found by find, once the caller
// may see every sheet of it (requireOwnSheetsIn): the start of a
// round-wide answer.
func roundWithSheets(e *core.RequestEvent, find func(*core.RequestEvent) (*core.Record, error)) (*core.Record, error) {
	round, err := find(e)
	if err != nil {
		return nil, err
	}
	if err := requireOwnSheetsIn(e, round); err != nil {
		return nil, err
	}
	return round, nil
}

// requireOwnSheetsIn answers 403 own_sheets_pending when the caller may not
// yet see the sheets or tally of some initiative of round: a round-wide
// answer (results, exports, minutes, decision) holds them all.
func requireOwnSheetsIn(e *core.RequestEvent, round *core.Record) error {
	g, err := newSheetGate(e.App, e.Auth)
	if err != nil {
		return err
	}
	pending, err := g.withholdsAny(e.App, round)
	if err != nil {
		return err
	}
	if pending {
		return fail(http.StatusForbidden, "auth", "own_sheets_pending")
	}
	return nil
}

// withholdsSheet reports whether auth, not the sheet's member, may not yet
// see sheet on ini (see sheetGate).
func withholdsSheet(app core.App, auth, ini *core.Record) bool {
	g, err := newSheetGate(app, auth)
	if err != nil {
		return true
	}
	round, err := app.FindRecordById("rounds", ini.GetString("round"))
	if err != nil {
		return true
	}
	return g.withholds(ini, round)
}
