package report

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tools/types"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
	"sangkien/internal/results"
)

// initiative is one initiative as the reports show it.
type initiative struct {
	ID          string  `db:"id"`
	Code        string  `db:"code"`
	Title       string  `db:"title"`
	Authors     string  `db:"authors"`
	Unit        string  `db:"unit"`
	Field       string  `db:"field"`
	FirstApply  string  `db:"first_applied"`
	SubmittedAt string  `db:"submitted_at"`
	Late        bool    `db:"late"`
	Status      string  `db:"status"`
	Mean        float64 `db:"result_mean"`
	Tier        string  `db:"result_tier"`
	Nominated   bool    `db:"nominated"`

	// names and positions are authorLines(Authors), once made.
	names, positions string
	lined            bool
}

// authors returns authorLines of the initiative's authors, made once:
// the rows kept for the decision and city lists carry them.
func (r *initiative) authors() (names, positions string) {
	if !r.lined {
		r.names, r.positions = authorLines(r.Authors)
		r.lined = true
	}
	return r.names, r.positions
}

// initiativeColumns are the columns read into an initiative.
var initiativeColumns = []string{"id", "code", "title", "authors", "unit", "field", "first_applied",
	"submitted_at", "late", "status", "result_mean", "result_tier", "nominated"}

// eachInitiative calls fn for every initiative of the round that where
// keeps (drafts never), in the order they were received (submission time,
// then id), reading batchSize rows at a time with keyset pagination on the
// (round, submitted_at) index, so that memory and the cost of each batch
// do not grow with the round.
func (b *builder) eachInitiative(where dbx.Expression, fn func(*initiative) error) error {
	conds := []dbx.Expression{dbx.HashExp{"round": b.round.Id}, dbx.NewExp("status != 'draft'")}
	if where != nil {
		conds = append(conds, where)
	}
	if s := b.scope(); s != nil {
		conds = append(conds, s)
	}
	lastAt, lastID := "", ""
	first, done := true, false
	return prefetch(func() ([]initiative, error) {
		if done {
			return nil, nil
		}
		q := b.app.DB().Select(initiativeColumns...).From("initiatives").
			Where(dbx.And(conds...)).OrderBy("submitted_at", "id").Limit(batchSize)
		if !first {
			q.AndWhere(dbx.NewExp("submitted_at >= {:at} AND (submitted_at > {:at} OR id > {:id})",
				dbx.Params{"at": lastAt, "id": lastID}))
		}
		var batch []initiative
		if err := q.All(&batch); err != nil {
			return nil, fmt.Errorf("initiatives: %w", err)
		}
		first, done = false, len(batch) < batchSize
		if len(batch) > 0 {
			lastAt, lastID = batch[len(batch)-1].SubmittedAt, batch[len(batch)-1].ID
		}
		return batch, nil
	}, fn)
}

// initiativesByID calls fn for the initiatives ids, in the order given,
// reading batchSize rows at a time. Ids of drafts, of another round or
// outside the filtered unit are skipped.
func (b *builder) initiativesByID(ids []string, fn func(*initiative) error) error {
	start := 0
	return prefetch(func() ([]initiative, error) {
		if start >= len(ids) {
			return nil, nil
		}
		chunk := ids[start:min(start+batchSize, len(ids))]
		start += len(chunk)
		in := make([]any, len(chunk))
		for i, id := range chunk {
			in[i] = id
		}
		conds := []dbx.Expression{dbx.In("id", in...), dbx.HashExp{"round": b.round.Id}, dbx.NewExp("status != 'draft'")}
		if s := b.scope(); s != nil {
			conds = append(conds, s)
		}
		var found []initiative
		err := b.app.DB().Select(initiativeColumns...).From("initiatives").Where(dbx.And(conds...)).All(&found)
		if err != nil {
			return nil, fmt.Errorf("initiatives: %w", err)
		}
		byID := make(map[string]int, len(found))
		for i := range found {
			byID[found[i].ID] = i
		}
		ordered := make([]initiative, 0, len(found))
		for _, id := range chunk {
			if i, ok := byID[id]; ok {
				ordered = append(ordered, found[i])
			}
		}
		if len(ordered) == 0 {
			// an empty batch would end the reading: mark it as not the end.
			ordered = []initiative{}
		}
		return ordered, nil
	}, fn)
}

// prefetch calls fn for each row of the batches that next returns, until
// next returns a nil batch. next runs in its own goroutine one batch
// ahead, so SQLite reads the next batch while this one is written; at
// most two batches are held at a time. prefetch returns once the reading
// goroutine has ended.
func prefetch(next func() ([]initiative, error), fn func(*initiative) error) error {
	type batch struct {
		rows []initiative
		err  error
	}
	ch := make(chan batch, 1)
	stop := make(chan struct{})
	go func() {
		defer close(ch)
		for {
			rows, err := next()
			if rows == nil && err == nil {
				return
			}
			select {
			case ch <- batch{rows, err}:
			case <-stop:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	defer func() {
		close(stop)
		for range ch {
			// wait for the reader to end.
		}
	}()
	for bt := range ch {
		if bt.err != nil {
			return bt.err
		}
		for i := range bt.rows {
			if err := fn(&bt.rows[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// author is one author of an initiative, as stored in its authors list.
type author struct {
	Name     string  `json:"name"`
	Position string  `json:"position"`
	Share    float64 `json:"share"`
}

// authorLines returns the authors as "Name (60%)" lines and their
// positions as lines in the same order.
func authorLines(raw string) (names, positions string) {
	var list []author
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		return "", ""
	}
	n := make([]string, 0, len(list))
	p := make([]string, 0, len(list))
	for _, a := range list {
		name := strings.TrimSpace(a.Name)
		if a.Share > 0 {
			name += " (" + percent(a.Share) + ")"
		}
		n = append(n, name)
		p = append(p, strings.TrimSpace(a.Position))
	}
	return strings.Join(n, "\n"), strings.TrimRight(strings.Join(p, "\n"), "\n")
}

// percent shows a share as Vietnamese do: "33,5%", "100%".
func percent(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1) + "%"
}

// day returns the ward's calendar day of a stored datetime as an Excel
// date (midnight, no zone), or nil when the value is empty.
func day(stored string) any {
	if stored == "" {
		return nil
	}
	dt, err := types.ParseDateTime(stored)
	if err != nil || dt.IsZero() {
		return nil
	}
	t := dt.Time().In(clock.Zone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// statusLabel is the Vietnamese name of an initiative status: the one
// name the pages, messages and reports all use (vi.json "status.*").
func statusLabel(s string) string {
	return i18n.T("status." + s)
}

// tierLabel is the Vietnamese name of a tier; "" is "not recognised".
func tierLabel(t string) string {
	return roundTierLabel(nil, t)
}

// roundTierLabel is the name of tier t among a round's tiers (results.RoundTiers),
// else its catalog name, else its code; "" is "not recognised".
func roundTierLabel(tiers []results.TierRule, t string) string {
	if t == "" {
		return i18n.T("report.tier.none")
	}
	if name := results.TierName(tiers, t); name != "" {
		return name
	}
	if !i18n.Has("report.tier." + t) {
		return t // a round's own tier, named by its code
	}
	return i18n.T("report.tier." + t)
}

// countInitiatives counts the round's initiatives (drafts never) that
// where keeps, in the filtered unit, into n.
func (b *builder) countInitiatives(where dbx.Expression, n *int) error {
	conds := []dbx.Expression{dbx.HashExp{"round": b.round.Id}, dbx.NewExp("status != 'draft'"), where}
	if s := b.scope(); s != nil {
		conds = append(conds, s)
	}
	return b.app.DB().Select("COUNT(*)").From("initiatives").Where(dbx.And(conds...)).Row(n)
}
