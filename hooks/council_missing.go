package hooks

import (
	"cmp"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/readers"
	"sangkien/internal/vocab"
)

// Who owes which sheet is decided here alone. A pair is a voting seat m of
// one of the round's councils c and an accepted initiative i of that
// council the seat's member did not write (owner or linked co-author):
// the member is expected to score it. The pair is submitted when the
// member is on i's readers.Scored list (the members whose sheet on it is
// submitted; a draft sheet is not on it) and the caller {:me} may see that
// sheet by the scores rule: on a council where the caller holds a voting
// seat (mine), another member's sheet only once the caller's own is
// submitted. The reminders ask with no caller: every submitted sheet
// counts. The queries below are the pair's joins in both loop orders, the
// conditions written once in these fragments.
const (
	// pairWrote is true when m's member wrote i.
	pairWrote = `(i.owner = m.user OR instr(i.author_users, '"' || m.user || '"') > 0)`
	// pairSubmitted is true when the pair's sheet is submitted and shown
	// to the caller.
	pairSubmitted = `(instr(i.` + readers.Scored + `, m.user) > 0
		AND (m.user = {:me} OR mine.id IS NULL OR instr(i.` + readers.Scored + `, {:me}) > 0))`
	// pairMine joins the caller's voting seat on c, if any (a member holds
	// one seat per council: idx_council_members_council_user is unique).
	pairMine = `LEFT JOIN council_members mine ON mine.council = c.id AND mine.user = {:me} AND mine.votes = TRUE`
	// seatPairs are the round's voting seats, each with its pairs (none:
	// one row, i NULL). Seats outer, then the round's rows of the covering
	// index idx_initiatives_round_overview: no initiative's row is read.
	seatPairs = `FROM councils c
		CROSS JOIN council_members m ON m.council = c.id AND m.votes = TRUE
		` + pairMine + `
		LEFT JOIN initiatives i ON i.round = c.round AND i.council = c.id AND i.status = {:accepted} AND NOT ` + pairWrote + `
		WHERE c.round = {:r}`
)

// seatSheets is one voting seat of a round's councils and its sheets:
// how many it is expected to submit and how many are submitted.
type seatSheets struct {
	Seat      string `db:"seat" json:"seat"`
	User      string `db:"user" json:"user"`
	Name      string `db:"name" json:"name"` // the account's name, its id when it has none or is gone
	Council   string `db:"council" json:"council"`
	Expected  int    `db:"expected" json:"expected"`
	Submitted int    `db:"submitted" json:"submitted"`
	// CouncilOrder is the council's place as stored (its rowid).
	CouncilOrder int `db:"corder" json:"-"`
}

// initiativeSheets is one accepted initiative given to a council of the
// round and its sheets: how many voting members are to score it and how
// many have submitted.
type initiativeSheets struct {
	ID        string `json:"id"`
	Code      string `json:"code"`
	Title     string `json:"title"`
	Council   string `json:"council"`
	Voters    int    `json:"voters"`
	Submitted int    `json:"submitted"`
}

// pairParams binds the fragments' names for round and caller me ("" for
// no caller).
func pairParams(round *core.Record, me string) dbx.Params {
	return dbx.Params{"r": round.Id, "me": me, "accepted": vocab.Accepted}
}

// roundSeatSheets returns each voting seat of round's councils with its
// expected and submitted sheets as me sees them, in the seats' order
// (their rowid). EXPLAIN QUERY PLAN at 10,000 × 15: SEARCH c USING INDEX
// idx_councils_round, SEARCH m USING INDEX idx_council_members_council_user
// (council=?), SEARCH mine (council=? AND user=?), SEARCH i USING COVERING
// INDEX idx_initiatives_round_overview (round=?); grouped in the loop's
// order (c, then m by user), no temporary B-tree but the 15 rows' sort.
func roundSeatSheets(app core.App, round *core.Record, me string) ([]seatSheets, error) {
	out := []seatSheets{}
	err := app.DB().NewQuery(`SELECT s.seat, s.user, COALESCE(NULLIF(u.name, ''), s.user) AS name, s.council, s.corder,
		s.expected, s.submitted
		FROM (SELECT m.id AS seat, m.user AS user, m.council AS council, c.rowid AS corder, m.rowid AS sorder,
			count(i.id) AS expected, COALESCE(sum(i.id IS NOT NULL AND ` + pairSubmitted + `), 0) AS submitted
			` + seatPairs + ` GROUP BY c.rowid, m.user) s
		LEFT JOIN users u ON u.id = s.user ORDER BY s.sorder`).
		Bind(pairParams(round, me)).All(&out)
	return out, err
}

// roundInitiativeSheets returns the accepted initiatives of round given to
// one of its councils, by code, each with its voters and submitted sheets
// as me sees them. EXPLAIN QUERY PLAN: SEARCH i USING INDEX
// idx_initiatives_round_status (round=? AND status=?), grouped by rowid in
// that index's order, the council's seats searched per row; a temporary
// B-tree for the order by code only.
func roundInitiativeSheets(app core.App, round *core.Record, me string) ([]initiativeSheets, error) {
	q, err := app.DB().NewQuery(`SELECT i.id, i.code, i.title, i.council, count(m.id),
		COALESCE(sum(m.id IS NOT NULL AND ` + pairSubmitted + `), 0)
		FROM initiatives i
		JOIN councils c ON c.id = i.council AND c.round = i.round
		LEFT JOIN council_members m ON m.council = c.id AND m.votes = TRUE AND NOT ` + pairWrote + `
		` + pairMine + `
		WHERE i.round = {:r} AND i.status = {:accepted}
		GROUP BY i.rowid ORDER BY i.code`).Bind(pairParams(round, me)).Rows()
	if err != nil {
		return nil, err
	}
	defer q.Close()
	out := []initiativeSheets{}
	for q.Next() {
		var r initiativeSheets
		if err := q.Scan(&r.ID, &r.Code, &r.Title, &r.Council, &r.Voters, &r.Submitted); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, q.Err()
}

// missingCount is a voting member of a round's councils and how many
// sheets they still owe.
type missingCount struct {
	User    string
	Name    string
	Missing int
}

// missingCounts sums roundSeatSheets per member (a member may sit on two
// councils): the sheets each still owes as me sees them, members in the
// order of their first council as stored then by account id, those owing
// nothing left out. The secretariat's to-do shows it.
func missingCounts(app core.App, round *core.Record, me string) ([]missingCount, error) {
	seats, err := roundSeatSheets(app, round, me)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(seats, func(a, b seatSheets) int {
		return cmp.Or(cmp.Compare(a.CouncilOrder, b.CouncilOrder), cmp.Compare(a.User, b.User))
	})
	out := []missingCount{}
	at := map[string]int{} // user → index in out
	for _, s := range seats {
		i, seen := at[s.User]
		if !seen {
			i = len(out)
			at[s.User] = i
			out = append(out, missingCount{User: s.User, Name: s.Name})
		}
		out[i].Missing += s.Expected - s.Submitted
	}
	return slices.DeleteFunc(out, func(m missingCount) bool { return m.Missing == 0 }), nil
}

// missingSheets returns the pairs of round not submitted, every submitted
// sheet counted (no caller): the members owing sheets (order: their first
// council as stored, then by account id) and the initiatives each owes,
// by code. The scoring reminders and the review notice list them.
func missingSheets(app core.App, round *core.Record) (order []string, missing map[string][]*core.Record, err error) {
	var pairs []struct {
		User       string `db:"user"`
		Initiative string `db:"initiative"`
	}
	if err := app.DB().NewQuery(`SELECT m.user AS user, i.id AS initiative ` + seatPairs + `
		AND i.id IS NOT NULL AND NOT ` + pairSubmitted + ` ORDER BY c.rowid, m.user, i.code`).
		Bind(pairParams(round, "")).All(&pairs); err != nil {
		return nil, nil, err
	}
	ids := make([]string, 0, len(pairs))
	for _, p := range pairs {
		ids = append(ids, p.Initiative)
	}
	records, err := app.FindRecordsByIds("initiatives", slices.Compact(slices.Sorted(slices.Values(ids))))
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[string]*core.Record, len(records))
	for _, r := range records {
		byID[r.Id] = r
	}
	missing = map[string][]*core.Record{}
	for _, p := range pairs {
		if _, seen := missing[p.User]; !seen {
			order = append(order, p.User)
		}
		missing[p.User] = append(missing[p.User], byID[p.Initiative])
	}
	return order, missing, nil
}
