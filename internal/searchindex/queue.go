package searchindex

import (
	"database/sql"
	"errors"
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/writer"
)

// The queue holds the initiatives whose index entry is to be written again
// and, for a submission, whose similar initiatives are to be computed and
// kept. A save adds its initiative in its own transaction (Enqueue), and
// Drain does the work after the commit, many initiatives in one
// transaction, comparing texts outside any transaction. A committed save is
// thus never lost to the index (its queue row commits with it; a program
// stopped before Drain drains it on its next start), and a reader of the
// index drains what is queued before it reads (Tops, RoundTops; hooks'
// awaitIndex), so it never reads an entry older than a save it could see.
// seq counts the saves queued: a row is taken off only by the drain that
// did the work of its last save. The rowid keeps the order in which the
// initiatives were first queued.
const queueTable = `CREATE TABLE IF NOT EXISTS initiative_index_queue (
		initiative TEXT PRIMARY KEY,
		similar INTEGER NOT NULL DEFAULT 0,
		seq INTEGER NOT NULL DEFAULT 0
	)`

// DrainBatch is how many queued initiatives one transaction of Drain writes.
const DrainBatch = 64

// Enqueue queues the initiative id for Drain, on app (inside the caller's
// transaction when app is one): its entry is written again, and when
// similar its similar initiatives are computed and kept.
func Enqueue(app core.App, id string, similar bool) error {
	s := 0
	if similar {
		s = 1
	}
	_, err := app.DB().NewQuery(`INSERT INTO initiative_index_queue (initiative, similar) VALUES ({:id}, {:s})
		ON CONFLICT (initiative) DO UPDATE SET similar = MAX(similar, excluded.similar), seq = seq + 1`).
		Bind(dbx.Params{"id": id, "s": s}).Execute()
	return err
}

// Pending reports whether any initiative is queued.
func Pending(app core.App) (bool, error) {
	var ids []string
	err := app.DB().NewQuery("SELECT initiative FROM initiative_index_queue LIMIT 1").Column(&ids)
	return len(ids) > 0, err
}

// draining lets one Drain of the process work at a time; another waits and
// then finds the queue empty (two at once would be safe, each batch being
// read and written in the one writer's transaction, but would do the work
// twice).
var draining sync.Mutex

// queued is one row of the queue.
type queued struct {
	ID      string `db:"initiative"`
	Similar bool   `db:"similar"`
	Seq     int64  `db:"seq"`
}

// Drain does the work of every initiative queued when it starts,
// DrainBatch at a time, oldest first; it returns how many initiatives it
// took off. What is queued after it started is left to the next Drain, so
// a reader's Drain ends however busy the writers are.
func Drain(app core.App) (int, error) {
	if pending, err := Pending(app); err != nil || !pending {
		return 0, err
	}
	if !app.IsTransactional() {
		// inside a transaction the writer is held already: a Drain waiting
		// for it behind the lock would never get it.
		draining.Lock()
		defer draining.Unlock()
	}
	var last int64
	if err := app.DB().NewQuery("SELECT COALESCE(MAX(rowid), 0) FROM initiative_index_queue").Row(&last); err != nil {
		return 0, err
	}
	total := 0
	for {
		var similar []queued
		read := 0
		err := writer.Tx(app, func(tx core.App) error {
			var err error
			read, similar, err = writeBatch(tx, last)
			return err
		})
		if err != nil || read == 0 {
			return total, err
		}
		total += read - len(similar)
		n, err := storeSimilar(app, similar)
		total += n
		if err != nil {
			return total, err
		}
	}
}

// writeBatch writes the entries of the DrainBatch oldest queued
// initiatives (rowid up to last) with tx, takes off the queue those that
// wait for nothing more and returns how many it read and those whose
// similar initiatives are still to be kept. The texts go in after every
// other row, one after the other: FTS5 then writes the batch's terms as
// one segment (see Rebuild).
func writeBatch(tx core.App, last int64) (int, []queued, error) {
	var rows []queued
	if err := tx.DB().NewQuery("SELECT initiative, similar, seq FROM initiative_index_queue WHERE rowid <= {:last} ORDER BY rowid LIMIT {:n}").
		Bind(dbx.Params{"n": DrainBatch, "last": last}).All(&rows); err != nil || len(rows) == 0 {
		return 0, nil, err
	}
	ids := make([]string, len(rows))
	for i, q := range rows {
		ids[i] = q.ID
	}
	recs, err := tx.FindRecordsByIds("initiatives", ids)
	if err != nil {
		return 0, nil, err
	}
	found := map[string]bool{}
	for _, r := range recs {
		found[r.Id] = true
	}
	var done []any
	var similar []queued
	for _, q := range rows {
		switch {
		case !found[q.ID]:
			err = Remove(tx, q.ID) // deleted since it was queued; Remove takes it off
		case q.Similar:
			similar = append(similar, q)
			err = unindexID(tx, q.ID)
		default:
			done = append(done, q.ID)
			err = unindexID(tx, q.ID)
		}
		if err != nil {
			return 0, nil, err
		}
	}
	docs := make([]int64, len(recs))
	for i, r := range recs {
		if docs[i], err = insertEntry(tx, r); err != nil {
			return 0, nil, err
		}
	}
	for i, r := range recs {
		if err := insertText(tx, docs[i], r); err != nil {
			return 0, nil, err
		}
	}
	if len(done) > 0 {
		_, err = tx.DB().Delete("initiative_index_queue", dbx.In("initiative", done...)).Execute()
	}
	return len(rows), similar, err
}

// storeSimilar computes, outside any transaction, the similar initiatives
// of each of qs (whose entries are written), then keeps them in one
// transaction and takes each off the queue, unless it was saved again
// meanwhile (its seq moved: the next batch does its work again) or
// deleted. It returns how many it took off.
func storeSimilar(app core.App, qs []queued) (int, error) {
	matches := make([][]Match, len(qs))
	deleted := make([]bool, len(qs))
	for i, q := range qs {
		ms, err := Compute(app, q.ID)
		if errors.Is(err, sql.ErrNoRows) {
			deleted[i] = true // its queue row went with it
			continue
		}
		if err != nil {
			return 0, err
		}
		matches[i] = ms
	}
	n := 0
	err := writer.Tx(app, func(tx core.App) error {
		for i, q := range qs {
			res, err := tx.DB().NewQuery("DELETE FROM initiative_index_queue WHERE initiative = {:id} AND seq = {:seq}").
				Bind(dbx.Params{"id": q.ID, "seq": q.Seq}).Execute()
			if err != nil {
				return err
			}
			if gone, _ := res.RowsAffected(); gone == 0 || deleted[i] {
				continue
			}
			if err := KeepMatches(tx, q.ID, matches[i]); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}
