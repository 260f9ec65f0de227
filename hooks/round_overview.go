package hooks

import (
	"cmp"
	"net/http"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/searchindex"
	"sangkien/internal/vocab"
)

// overviewCount is one line of the overview's counts by unit or field:
// the name as the page shows it and how many initiatives have it.
type overviewCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// overviewWaiting is one initiative waiting for the secretariat
// (endorsed), with its most similar other initiative (≥ 40%) or null.
type overviewWaiting struct {
	ID         string           `json:"id"`
	Code       string           `json:"code"`
	Title      string           `json:"title"`
	Unit       string           `json:"unit"`
	Late       bool             `json:"late"`
	EndorsedAt string           `json:"endorsed_at"` // the endorsement, else the submission
	Duplicate  *searchindex.Top `json:"duplicate"`
}

// overviewMember is a voting member short of sheets.
type overviewMember struct {
	Name      string `json:"name"`
	Submitted int    `json:"submitted"`
	Expected  int    `json:"expected"`
}

// roundOverview is the answer of GET /api/reform/rounds/{year}/overview.
type roundOverview struct {
	Year     int               `json:"year"`
	Round    string            `json:"round"`
	Total    int               `json:"total"`
	Late     int               `json:"late"`
	ByStatus map[string]int    `json:"by_status"`
	ByUnit   []overviewCount   `json:"by_unit"`
	ByField  []overviewCount   `json:"by_field"`
	Waiting  []overviewWaiting `json:"waiting"`
	Missing  []overviewMember  `json:"missing"`
}

// roundOverviewRoute answers GET /api/reform/rounds/{year}/overview, the
// secretariat's overview page: the round's initiatives but drafts counted
// by status, unit and field (largest first, ties by first code); those
// endorsed, waiting for acceptance, by code with their stored near-
// duplicate; and, while the round is under review, the voting members
// short of sheets. A sheet counts as the scores list rule shows it to the
// caller: while the caller holds a voting seat on an initiative's council
// and has not submitted their own sheet on it, the others' sheets on it
// are not counted. An unknown year is 404 not_found.
func roundOverviewRoute(e *core.RequestEvent) error {
	round, err := pathRound(e)
	if err != nil {
		return err
	}
	out, err := computeOverview(e.App, round, e.Auth.Id)
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, out)
}

// overviewRow is one initiative of the round but drafts as the overview
// counts it.
type overviewRow struct {
	Status string
	Late   bool
	Unit   string
	Field  string
}

// computeOverview reads the overview of round as the caller me sees it:
// one pass over the round's initiatives by code, counted here, and in
// review the seats' sheets (roundSheets).
func computeOverview(app core.App, round *core.Record, me string) (*roundOverview, error) {
	out := &roundOverview{Year: round.GetInt("year"), Round: round.Id, ByStatus: map[string]int{},
		ByUnit: []overviewCount{}, ByField: []overviewCount{}, Waiting: []overviewWaiting{}, Missing: []overviewMember{}}
	rows, err := overviewRows(app, round)
	if err != nil {
		return nil, err
	}
	units, err := overviewNames(app, "SELECT id, name FROM units")
	if err != nil {
		return nil, err
	}
	fields, err := overviewNames(app, "SELECT id, code || ') ' || name AS name FROM fields")
	if err != nil {
		return nil, err
	}
	byUnit, byField := &overviewCounter{}, &overviewCounter{}
	for _, r := range rows {
		out.Total++
		out.ByStatus[r.Status]++
		if r.Late {
			out.Late++
		}
		byUnit.add(units[r.Unit])
		byField.add(fields[r.Field])
	}
	out.ByUnit, out.ByField = byUnit.lines(), byField.lines()
	if err := overviewWaitingRows(app, round, out); err != nil {
		return nil, err
	}
	if round.GetString("status") != vocab.RoundReview {
		return out, nil
	}
	return out, overviewMissing(app, round, me, out)
}

// overviewRows reads the round's initiatives but drafts by code, from the
// covering index idx_initiatives_round_overview. Each row is scanned into
// its fields here: dbx's All, matching columns to fields by reflection,
// took a third of the overview's time at 10,000 rows.
func overviewRows(app core.App, round *core.Record) ([]overviewRow, error) {
	q, err := app.DB().NewQuery(`SELECT i.status, i.late, i.unit, i.field FROM initiatives i WHERE i.round = {:r} AND i.status != {:draft} ORDER BY i.code`).
		Bind(dbx.Params{"r": round.Id, "draft": vocab.Draft}).Rows()
	if err != nil {
		return nil, err
	}
	defer q.Close()
	var rows []overviewRow
	for q.Next() {
		var r overviewRow
		if err := q.Scan(&r.Status, &r.Late, &r.Unit, &r.Field); err != nil {
			return nil, err
		}
		rows = append(rows, r)
	}
	return rows, q.Err()
}

// overviewNames reads a query's {id, name} rows as a map.
func overviewNames(app core.App, query string) (map[string]string, error) {
	var rows []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	if err := app.DB().NewQuery(query).All(&rows); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}

// overviewCounter counts names in the order they first come.
type overviewCounter struct {
	order []string
	count map[string]int
}

// add counts name once more.
func (c *overviewCounter) add(name string) {
	if c.count == nil {
		c.count = map[string]int{}
	}
	if c.count[name] == 0 {
		c.order = append(c.order, name)
	}
	c.count[name]++
}

// lines are the names counted, largest first, ties in the order they came.
func (c *overviewCounter) lines() []overviewCount {
	out := make([]overviewCount, 0, len(c.order))
	for _, name := range c.order {
		out = append(out, overviewCount{Name: name, Count: c.count[name]})
	}
	slices.SortStableFunc(out, func(a, b overviewCount) int { return b.Count - a.Count })
	return out
}

// overviewWaitingRows fills out.Waiting: the round's endorsed initiatives
// by code, each with its stored near-duplicate. They are sorted here: asked
// sorted by code, SQLite reads the round's every row by code for the few
// endorsed (SEARCH i USING INDEX idx_initiatives_round_code (round=?),
// 33 ms a request at 10,000 × 15); unsorted, only those
// (idx_initiatives_round_status_readers (round=? AND status=?)).
func overviewWaitingRows(app core.App, round *core.Record, out *roundOverview) error {
	if err := app.DB().NewQuery(`SELECT i.id AS id, i.code AS code, i.title AS title, COALESCE(x.name, '') AS unit,
		i.late = 1 AS late, CASE WHEN i.endorsed_at != '' THEN i.endorsed_at ELSE i.submitted_at END AS endorsed_at
		FROM initiatives i LEFT JOIN units x ON x.id = i.unit
		WHERE i.round = {:r} AND i.status = {:endorsed}`).
		Bind(dbx.Params{"r": round.Id, "endorsed": vocab.Endorsed}).All(&out.Waiting); err != nil {
		return err
	}
	if len(out.Waiting) == 0 {
		return nil
	}
	// by code, as the index idx_initiatives_round_code orders them.
	slices.SortFunc(out.Waiting, func(a, b overviewWaiting) int {
		return cmp.Or(strings.Compare(a.Code, b.Code), strings.Compare(a.ID, b.ID))
	})
	dups, err := searchindex.RoundStatusTops(app, round.Id, vocab.Endorsed)
	if err != nil {
		return err
	}
	for i := range out.Waiting {
		if d, ok := dups[out.Waiting[i].ID]; ok {
			out.Waiting[i].Duplicate = &d
		}
	}
	return nil
}

// overviewMissing fills out.Missing: each voting seat of round's councils
// (in the seats' order) whose member has fewer sheets submitted than they
// are expected to submit, as me sees them (roundSheets).
func overviewMissing(app core.App, round *core.Record, me string, out *roundOverview) error {
	seats, _, err := roundSheets(app, round, me, sheetsAsked{})
	if err != nil {
		return err
	}
	for _, s := range seats {
		if s.Submitted < s.Expected {
			out.Missing = append(out.Missing, overviewMember{Name: s.Name, Submitted: s.Submitted, Expected: s.Expected})
		}
	}
	return nil
}
