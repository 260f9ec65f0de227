package results

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"sangkien/internal/vocab"
)

// pointsSlab is how many points are allocated at a time for the sheets.
const pointsSlab = 4096

// splitFrom is the number of sheets (of any status) from which a round's
// sheets are read in two halves at once: a large round's sheets are most
// of the time it takes to load it. Tests lower it.
var splitFrom = 20000

// spanSlack bounds how much larger than the number of the round's sheets
// the span of their rowids may be for them to be read by that span (see
// load). Tests change it.
var spanSlack int64 = 2

// sheetLoader reads a round's submitted sheets into its entries.
type sheetLoader struct {
	db     dbx.Builder
	r      *Round
	index  map[string]int             // criterion code → its place in the rubric
	pos    map[string]int             // initiative id → its entry
	barred map[string][]string        // initiative id → its owner and linked authors
	voting map[string]map[string]bool // council → voting user ids
}

// load adds to the entries their submitted sheets that count: the member
// holds a voting seat on the initiative's council and is not barred from
// it. Each entry's sheets end in member order, the order they have always
// had, so that sums are made in the same order.
//
// A round's sheets are written during its scoring, so their rowids lie
// close together; the index on (initiative, member) gives their span
// without reading them. When the span holds few other rows, the sheets
// are read by rowid, in table order: far cheaper than looking each up
// from the index, and rows of other rounds are skipped here. Otherwise
// they are read through the round's initiatives. A large round is read
// in two halves at once, each filling its own lists, joined at the end.
func (l *sheetLoader) load() error {
	var lo, hi, n int64
	err := l.db.Select("COALESCE(MIN(s.rowid), 0)", "COALESCE(MAX(s.rowid), 0)", "COUNT(*)").
		From("initiatives i").InnerJoin("scores s", dbx.NewExp("s.initiative = i.id")).
		Where(dbx.HashExp{"i.round": l.r.ID, "i.status": ScoredStatuses}).Row(&lo, &hi, &n)
	if err != nil {
		return fmt.Errorf("results: scores: %w", err)
	}
	if n == 0 {
		return nil
	}
	byRowid := hi-lo+1 <= spanSlack*n
	// query reads the sheets of the whole round, or of one half of it.
	query := func(half int) *dbx.SelectQuery {
		q := l.selectSheets()
		if byRowid {
			from, to := lo, hi
			switch mid := lo + (hi-lo)/2; half {
			case 1:
				to = mid
			case 2:
				from = mid + 1
			}
			return q.From("scores s").Where(dbx.NewExp("s.rowid BETWEEN {:from} AND {:to} AND s.status = 'submitted'",
				dbx.Params{"from": from, "to": to}))
		}
		// the initiatives by round and status, each one's sheets by the
		// (initiative, member) index, with no order that SQLite would sort.
		q.From("initiatives i").InnerJoin("scores s", dbx.NewExp("s.initiative = i.id")).
			Where(dbx.HashExp{"i.round": l.r.ID, "i.status": ScoredStatuses, "s.status": vocab.SheetSubmitted})
		if half > 0 {
			ids := make([]string, len(l.r.Entries))
			for i, e := range l.r.Entries {
				ids[i] = e.ID
			}
			slices.Sort(ids)
			op := map[int]string{1: "<", 2: ">="}[half]
			q.AndWhere(dbx.NewExp("i.id "+op+" {:mid}", dbx.Params{"mid": ids[len(ids)/2]}))
		}
		return q
	}
	var sheets [][]Sheet
	if n < int64(splitFrom) {
		sheets = make([][]Sheet, len(l.r.Entries))
		if err := l.part(query(0), sheets); err != nil {
			return err
		}
	} else {
		halves := [2][][]Sheet{make([][]Sheet, len(l.r.Entries)), make([][]Sheet, len(l.r.Entries))}
		var errs [2]error
		var wg sync.WaitGroup
		for h := range halves {
			wg.Go(func() { errs[h] = l.part(query(h+1), halves[h]) })
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		// an initiative's sheets may lie on both sides of the middle rowid.
		sheets = halves[0]
		for i, more := range halves[1] {
			sheets[i] = append(sheets[i], more...)
		}
	}
	for i := range l.r.Entries {
		l.r.Entries[i].Sheets = byMember(sheets[i])
	}
	return nil
}

// selectSheets starts the query of sheets that part reads. Each column read
// costs several calls into SQLite: the initiative, member, vote and points
// come as one text, split at the spaces that ids cannot hold (and the
// points, last, may).
func (l *sheetLoader) selectSheets() *dbx.SelectQuery {
	return l.db.Select("[[s.initiative]] || ' ' || [[s.member]] || ' ' || [[s.approve]] || ' ' || [[s.points]]", "s.total")
}

// byMember sorts an entry's sheets in member order, the order Load gives
// them, so that sums are made in the same order.
func byMember(sheets []Sheet) []Sheet {
	slices.SortFunc(sheets, func(a, b Sheet) int { return strings.Compare(a.Member, b.Member) })
	return sheets
}

// Refresh returns a copy of r whose entries for the initiatives ids have
// their submitted sheets read again, as Load reads them, with at the
// places of those entries in Entries. An id not in scoring in r is left
// out: its sheets do not count, and an initiative entering or leaving
// scoring changes r in other ways (Load again). r is not changed, and the
// copy shares every other entry's sheets with it.
func (r *Round) Refresh(app core.App, ids []string) (fresh *Round, at []int, err error) {
	if r.loader == nil {
		return nil, nil, fmt.Errorf("results: refresh: round %s was not loaded", r.ID)
	}
	c := *r
	c.Entries = slices.Clone(r.Entries)
	var keep []any
	for _, id := range ids {
		if i, ok := r.loader.pos[id]; ok && !slices.Contains(at, i) {
			at = append(at, i)
			keep = append(keep, id)
		}
	}
	if len(at) == 0 {
		return &c, nil, nil
	}
	l := *r.loader
	l.db, l.r = app.DB(), &c
	sheets := make([][]Sheet, len(c.Entries))
	q := l.selectSheets().From("scores s").Where(dbx.HashExp{"s.initiative": keep, "s.status": vocab.SheetSubmitted})
	if err := l.part(q, sheets); err != nil {
		return nil, nil, err
	}
	for _, i := range at {
		c.Entries[i].Sheets = byMember(sheets[i])
	}
	c.loader = &l
	return &c, at, nil
}

// part reads the sheets that q gives into sheets, by entry.
func (l *sheetLoader) part(q *dbx.SelectQuery, sheets [][]Sheet) error {
	r := l.r
	// one string per member, shared by their sheets.
	members := map[string]string{}
	for _, m := range r.Members {
		members[m.UserID] = m.UserID
	}
	rows, err := q.Rows()
	if err != nil {
		return fmt.Errorf("results: scores: %w", err)
	}
	defer rows.Close()
	n := len(r.Criteria)
	var slab []float64
	// the row's values, scanned into the same variables every time.
	var packed string
	var total float64
	// the sheets of one initiative often come together: what is looked up
	// for it is kept for the next sheet.
	last, at := "", -1
	var barred []string
	var voting map[string]bool
	for rows.Next() {
		if err := rows.Scan(&packed, &total); err != nil {
			return fmt.Errorf("results: scores: %w", err)
		}
		ini, member, vote, pointsRaw := splitSheet(packed)
		if at < 0 || ini != last {
			i, ok := l.pos[ini]
			if !ok {
				// not in scoring, or of another round.
				at = -1
				continue
			}
			last, at = ini, i
			barred, voting = l.barred[ini], l.voting[r.Councils[ini]]
		}
		if slices.Contains(barred, member) || !voting[member] {
			continue
		}
		// as database/sql reads a boolean from text.
		approve, err := strconv.ParseBool(vote)
		if err != nil {
			return fmt.Errorf("results: scores: approve %q: %w", vote, err)
		}
		if len(slab) < n {
			slab = make([]float64, max(n, pointsSlab))
		}
		points := slab[:n:n]
		slab = slab[n:]
		decodePoints(pointsRaw, l.index, points)
		if sheets[at] == nil {
			// at most one sheet per voting seat of the council.
			sheets[at] = make([]Sheet, 0, len(voting))
		}
		sheets[at] = append(sheets[at], Sheet{Member: members[member], Points: points, Total: total, Approve: approve})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("results: scores: %w", err)
	}
	return nil
}

// splitSheet splits the text of one sheet read by part: initiative id,
// member id, vote and points, separated by the first three spaces.
func splitSheet(packed string) (ini, member, vote, points string) {
	ini, rest, _ := strings.Cut(packed, " ")
	member, rest, _ = strings.Cut(rest, " ")
	vote, points, _ = strings.Cut(rest, " ")
	return ini, member, vote, points
}
