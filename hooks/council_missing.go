package hooks

import (
	"cmp"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/readers"
	"sangkien/internal/vocab"
)

// Who owes which sheet is decided here alone (roundSheets). A pair is a
// voting seat of one of the round's councils and an accepted initiative
// given to that council that the seat's member did not write (owner or
// linked co-author): the member is expected to score it. The pair is
// submitted when the member is on the initiative's readers.Scored list
// (the members whose sheet on it is submitted; a draft sheet is not on
// it) and the caller may see that sheet by the scores rule: on a council
// where the caller holds a voting seat, another member's sheet only once
// the caller's own is submitted. The reminders ask with no caller: every
// submitted sheet counts.

// seatSheets is one voting seat of a round's councils and its pairs: how
// many sheets it is expected to submit and how many are submitted.
type seatSheets struct {
	Seat      string `db:"seat" json:"seat"`
	User      string `db:"user" json:"user"`
	Name      string `db:"name" json:"name"` // the account's name, its id when it has none or is gone
	Council   string `db:"council" json:"council"`
	Expected  int    `db:"-" json:"expected"`
	Submitted int    `db:"-" json:"submitted"`
	// CouncilOrder is the council's place as stored (its rowid).
	CouncilOrder int `db:"corder" json:"-"`
	// owed are the initiatives of the pairs not submitted, by code (asked
	// with lists).
	owed []string
}

// initiativeSheets is one accepted initiative given to a council of the
// round and its pairs: how many voting members are to score it and how
// many have submitted.
type initiativeSheets struct {
	ID        string `json:"id"`
	Code      string `json:"code"`
	Title     string `json:"title"`
	Council   string `json:"council"`
	Voters    int    `json:"voters"`
	Submitted int    `json:"submitted"`
}

// sheetsAsked says what roundSheets reads besides the counts: the
// initiatives' titles, the initiatives each seat owes.
type sheetsAsked struct{ titles, lists bool }

// roundSheets counts the pairs of round as the caller me sees them ("":
// no caller, every submitted sheet): each voting seat (in the seats'
// order, their rowid) and each accepted initiative given to one of the
// round's councils (by code). Two reads and the pairs counted here: the
// seats (SEARCH c USING INDEX idx_councils_round, SEARCH m USING INDEX
// idx_council_members_council_user) and the initiatives once each, by
// code, with what a pair is judged by and the title when asked (SEARCH i
// USING COVERING INDEX idx_initiatives_round_overview (round=?): no
// initiative's row is read). At 10,000 initiatives × 15 seats the same
// counts as one SQL aggregate over the 150,000 pairs took 245 ms of CPU
// for the seats and 350 ms for the initiatives (modernc's SQLite: the
// instr on each pair's lists); read once and counted here, about 40 ms.
func roundSheets(app core.App, round *core.Record, me string, ask sheetsAsked) ([]seatSheets, []initiativeSheets, error) {
	seats := []seatSheets{}
	if err := app.DB().NewQuery(`SELECT m.id AS seat, m.user AS user, COALESCE(NULLIF(u.name, ''), m.user) AS name,
		m.council AS council, c.rowid AS corder
		FROM councils c JOIN council_members m ON m.council = c.id AND m.votes = TRUE LEFT JOIN users u ON u.id = m.user
		WHERE c.round = {:r} ORDER BY m.rowid`).Bind(dbx.Params{"r": round.Id}).All(&seats); err != nil {
		return nil, nil, err
	}
	byCouncil := map[string][]int{} // council → its seats' indexes
	seated := map[string]bool{}     // the councils where me holds a voting seat
	for i, s := range seats {
		byCouncil[s.Council] = append(byCouncil[s.Council], i)
		if s.User == me {
			seated[s.Council] = true
		}
	}
	title := "''"
	if ask.titles {
		title = "i.title"
	}
	q, err := app.DB().NewQuery(`SELECT i.id, i.code, ` + title + `, i.council, i.owner, i.author_users, i.` + readers.Scored + `
		FROM initiatives i WHERE i.round = {:r} AND i.status = {:accepted}
		AND i.council IN (SELECT id FROM councils WHERE round = {:r}) ORDER BY i.code`).
		Bind(dbx.Params{"r": round.Id, "accepted": vocab.Accepted}).Rows()
	if err != nil {
		return nil, nil, err
	}
	defer q.Close()
	inits := []initiativeSheets{}
	for q.Next() {
		var in initiativeSheets
		var owner, authors, scored string
		if err := q.Scan(&in.ID, &in.Code, &in.Title, &in.Council, &owner, &authors, &scored); err != nil {
			return nil, nil, err
		}
		sheets := strings.Fields(scored)
		mineIn := me == "" || !seated[in.Council] || slices.Contains(sheets, me)
		for _, at := range byCouncil[in.Council] {
			s := &seats[at]
			if s.User == owner || strings.Contains(authors, `"`+s.User+`"`) {
				continue
			}
			s.Expected++
			in.Voters++
			if slices.Contains(sheets, s.User) && (s.User == me || mineIn) {
				s.Submitted++
				in.Submitted++
			} else if ask.lists {
				s.owed = append(s.owed, in.ID)
			}
		}
		inits = append(inits, in)
	}
	return seats, inits, q.Err()
}

// byCouncilThenUser orders seats as the to-do and the reminders list
// members: their council as stored, then by account id.
func byCouncilThenUser(a, b seatSheets) int {
	return cmp.Or(cmp.Compare(a.CouncilOrder, b.CouncilOrder), cmp.Compare(a.User, b.User))
}

// missingCount is a voting member of a round's councils and how many
// sheets they still owe.
type missingCount struct {
	User    string
	Name    string
	Missing int
}

// missingCounts sums roundSheets' seats per member (a member may sit on two
// councils): the sheets each still owes as me sees them, members in the
// order of their first council as stored then by account id, those owing
// nothing left out. The secretariat's to-do shows it.
func missingCounts(app core.App, round *core.Record, me string) ([]missingCount, error) {
	seats, _, err := roundSheets(app, round, me, sheetsAsked{})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(seats, byCouncilThenUser)
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
// council by council, by code. The scoring reminders and the review
// notice list them.
func missingSheets(app core.App, round *core.Record) (order []string, missing map[string][]*core.Record, err error) {
	seats, _, err := roundSheets(app, round, "", sheetsAsked{lists: true})
	if err != nil {
		return nil, nil, err
	}
	slices.SortStableFunc(seats, byCouncilThenUser)
	var ids []string
	for _, s := range seats {
		ids = append(ids, s.owed...)
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
	for _, s := range seats {
		if len(s.owed) == 0 {
			continue
		}
		if _, seen := missing[s.User]; !seen {
			order = append(order, s.User)
		}
		for _, id := range s.owed {
			missing[s.User] = append(missing[s.User], byID[id])
		}
	}
	return order, missing, nil
}
