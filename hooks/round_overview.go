package hooks

import (
	"net/http"

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

// computeOverview reads the overview of round as the caller me sees it.
func computeOverview(app core.App, round *core.Record, me string) (*roundOverview, error) {
	out := &roundOverview{Year: round.GetInt("year"), Round: round.Id, ByStatus: map[string]int{},
		ByUnit: []overviewCount{}, ByField: []overviewCount{}, Waiting: []overviewWaiting{}, Missing: []overviewMember{}}
	params := dbx.Params{"r": round.Id, "draft": vocab.Draft, "me": me}
	var totals []struct {
		Status string `db:"status"`
		N      int    `db:"n"`
		Late   int    `db:"late"`
	}
	if err := app.DB().NewQuery(`SELECT status, count(*) AS n, sum(late = 1) AS late FROM initiatives
		WHERE round = {:r} AND status != {:draft} GROUP BY status`).Bind(params).All(&totals); err != nil {
		return nil, err
	}
	for _, t := range totals {
		out.ByStatus[t.Status] = t.N
		out.Total += t.N
		out.Late += t.Late
	}
	// the page groups by the name shown, largest first, then in the order
	// of the codes (the list is read by code).
	for _, g := range []struct {
		name string
		into *[]overviewCount
	}{
		{"COALESCE(x.name, '')", &out.ByUnit},
		{"COALESCE(f.code || ') ' || f.name, '')", &out.ByField},
	} {
		if err := app.DB().NewQuery(`SELECT ` + g.name + ` AS name, count(*) AS count FROM initiatives i
			LEFT JOIN units x ON x.id = i.unit LEFT JOIN fields f ON f.id = i.field
			WHERE i.round = {:r} AND i.status != {:draft}
			GROUP BY 1 ORDER BY count(*) DESC, min(i.code)`).Bind(params).All(g.into); err != nil {
			return nil, err
		}
	}
	if err := overviewWaitingRows(app, round, params, out); err != nil {
		return nil, err
	}
	if round.GetString("status") != vocab.RoundReview {
		return out, nil
	}
	return out, overviewMissing(app, params, out)
}

// overviewWaitingRows fills out.Waiting: the round's endorsed initiatives
// by code, each with its stored near-duplicate.
func overviewWaitingRows(app core.App, round *core.Record, params dbx.Params, out *roundOverview) error {
	params = dbx.Params{"r": params["r"], "endorsed": vocab.Endorsed}
	if err := app.DB().NewQuery(`SELECT i.id AS id, i.code AS code, i.title AS title, COALESCE(x.name, '') AS unit,
		i.late = 1 AS late, CASE WHEN i.endorsed_at != '' THEN i.endorsed_at ELSE i.submitted_at END AS endorsed_at
		FROM initiatives i LEFT JOIN units x ON x.id = i.unit
		WHERE i.round = {:r} AND i.status = {:endorsed} ORDER BY i.code`).Bind(params).All(&out.Waiting); err != nil {
		return err
	}
	if len(out.Waiting) == 0 {
		return nil
	}
	dups, err := searchindex.RoundTops(app, round.Id)
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

// overviewMissing fills out.Missing: each voting seat of the round's
// councils (in the seats' order) whose member has fewer sheets submitted
// than initiatives of their council to score (those they wrote are not
// theirs to score).
func overviewMissing(app core.App, params dbx.Params, out *roundOverview) error {
	params["submitted"] = vocab.SheetSubmitted
	var rows []overviewMember
	err := app.DB().NewQuery(`WITH mine AS (
			SELECT cm.rowid AS seat, cm.user AS user, i.id AS initiative, i.council AS council
			FROM council_members cm
			JOIN councils c ON c.id = cm.council
			JOIN initiatives i ON i.council = cm.council
			WHERE c.round = {:r} AND cm.votes = TRUE AND i.round = {:r} AND i.status != {:draft}
			  AND i.owner != cm.user AND instr(i.author_users, '"' || cm.user || '"') = 0
		), done AS (
			SELECT m.seat, count(*) AS n FROM mine m
			JOIN scores s ON s.initiative = m.initiative AND s.member = m.user AND s.status = {:submitted}
			WHERE s.member = {:me}
			   OR NOT EXISTS (SELECT 1 FROM council_members v WHERE v.council = m.council AND v.user = {:me} AND v.votes = TRUE)
			   OR EXISTS (SELECT 1 FROM scores o WHERE o.initiative = m.initiative AND o.member = {:me} AND o.status = {:submitted})
			GROUP BY m.seat
		), expected AS (
			SELECT seat, count(*) AS n FROM mine GROUP BY seat
		), seats AS (
			SELECT cm.rowid AS seat, cm.user AS user FROM council_members cm JOIN councils c ON c.id = cm.council
			WHERE c.round = {:r} AND cm.votes = TRUE
		)
		SELECT COALESCE(NULLIF(u.name, ''), s.user) AS name, COALESCE(d.n, 0) AS submitted,
			COALESCE(x.n, 0) AS expected
		FROM seats s LEFT JOIN done d ON d.seat = s.seat LEFT JOIN expected x ON x.seat = s.seat
		LEFT JOIN users u ON u.id = s.user
		ORDER BY s.seat`).Bind(params).All(&rows)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if r.Submitted < r.Expected {
			out.Missing = append(out.Missing, r)
		}
	}
	return nil
}
