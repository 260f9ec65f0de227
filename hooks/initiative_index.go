package hooks

import (
	"log/slog"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/searchindex"
	"sangkien/internal/vocab"
	"sangkien/internal/writer"
)

// inSaveTransaction runs the save of e and then index in one transaction,
// so the index (or its queue) never disagrees with a committed record.
func inSaveTransaction(e *core.RecordEvent, index func(tx core.App) error) error {
	return writer.Tx(e.App, func(tx core.App) error {
		if err := nextIn(&e.App, tx, e.Next); err != nil {
			return err
		}
		return index(tx)
	})
}

// nextIn runs the rest of an event's chain (next: the save or delete
// itself) in tx, the transaction a hook opened around it, with the
// event's app (app: &e.App) set to tx meanwhile.
func nextIn(app *core.App, tx core.App, next func() error) error {
	outer := *app
	*app = tx
	defer func() { *app = outer }()
	return next()
}

// indexOnCreate queues a new initiative for the search index in the
// save's transaction; one stored already past draft has its similar
// initiatives computed and kept when the queue is drained.
func indexOnCreate(e *core.RecordEvent) error {
	return inSaveTransaction(e, func(tx core.App) error {
		return searchindex.Enqueue(tx, e.Record.Id, e.Record.GetString("status") != vocab.Draft)
	})
}

// indexOnUpdate queues the initiative for the search index, in the save's
// transaction, when its text changed or it left or became a draft; when
// the save submits it, its similar initiatives are computed and kept when
// the queue is drained.
func indexOnUpdate(e *core.RecordEvent) error {
	old := e.Record.Original()
	changed := false
	for _, f := range searchindex.TextFields {
		if f == "authors" {
			changed = changed || strings.Join(searchindex.AuthorNames(old), "\n") !=
				strings.Join(searchindex.AuthorNames(e.Record), "\n")
			continue
		}
		changed = changed || old.GetString(f) != e.Record.GetString(f)
	}
	submitted := e.Record.GetString("status") == vocab.Submitted && old.GetString("status") != vocab.Submitted
	// the band keys are kept for non-drafts only (searchindex.Put)
	leftDraft := (e.Record.GetString("status") == vocab.Draft) != (old.GetString("status") == vocab.Draft)
	if !changed && !submitted && !leftDraft {
		return e.Next()
	}
	return inSaveTransaction(e, func(tx core.App) error {
		return searchindex.Enqueue(tx, e.Record.Id, submitted)
	})
}

// indexOnDelete removes the initiative from the index and its queue in
// the delete's transaction.
func indexOnDelete(e *core.RecordEvent) error {
	return inSaveTransaction(e, func(tx core.App) error {
		return searchindex.Remove(tx, e.Record.Id)
	})
}

// indexDrainDelay is the quiet the drain waits for before it writes what
// is queued: that long with no initiative saved. The saves of a moment go
// in together (FTS5 writes one segment a transaction, and merges them
// later), and while staff keep saving the drain (the similar initiatives
// of each, the novelty check's) does not take CPU and the writer from
// their saves (with 64 staff submitting at once, draining as they saved
// put the submit's p99 at 356–458 ms; waiting for the quiet, 211–265 ms:
// README, issue 19). Every reader of the index (search, similar) drains the
// queue first (awaitIndex), so what waits is never read stale; a reader
// in the middle of such a burst pays for what waits. A test may set another
// delay for its app (in its store, at indexDrainDelayKey).
const indexDrainDelay = 250 * time.Millisecond

// indexDrainMaxWait bounds the wait for a quiet moment: saves that never
// pause are drained that long after the first of them (at a city's
// 400 saves a second, 12,000 waiting; a ward never comes near).
const indexDrainMaxWait = 30 * time.Second

// indexDrainDelayKey is where an app keeps a drain delay of its own.
const indexDrainDelayKey = "sangkien.indexDrainDelay"

// startIndexDrain drains the search index's queue when the program starts
// to serve (what a stopped program left queued), and then, while it serves,
// once the saves of initiatives pause for indexDrainDelay (waitQuiet). It
// stops when the app terminates.
func startIndexDrain(se *core.ServeEvent) error {
	app := se.App
	if _, err := searchindex.Drain(app); err != nil {
		app.Logger().Error("search index queue", slog.String("error", err.Error()))
	}
	delay, ok := app.Store().Get(indexDrainDelayKey).(time.Duration)
	if !ok {
		delay = indexDrainDelay
	}
	wake := make(chan struct{}, 1)
	signal := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	app.OnRecordAfterCreateSuccess("initiatives").BindFunc(func(e *core.RecordEvent) error {
		signal()
		return e.Next()
	})
	app.OnRecordAfterUpdateSuccess("initiatives").BindFunc(func(e *core.RecordEvent) error {
		signal()
		return e.Next()
	})
	whileServing(app, func(stop <-chan struct{}) {
		for {
			select {
			case <-stop:
				return
			case <-wake:
			}
			if !waitQuiet(stop, wake, delay, indexDrainMaxWait) {
				return
			}
			if !app.IsBootstrapped() { // reset without terminating (tests, commands)
				return
			}
			if _, err := searchindex.Drain(app); err != nil {
				app.Logger().Error("search index queue", slog.String("error", err.Error()))
			}
		}
	})
	return se.Next()
}

// waitQuiet waits until delay passes with no signal on wake, or maxWait
// in all; false when stop closes first.
func waitQuiet(stop <-chan struct{}, wake <-chan struct{}, delay, maxWait time.Duration) bool {
	limit := time.NewTimer(maxWait)
	defer limit.Stop()
	quiet := time.NewTimer(delay)
	defer quiet.Stop()
	for {
		select {
		case <-stop:
			return false
		case <-limit.C:
			return true
		case <-quiet.C:
			return true
		case <-wake:
			quiet.Reset(delay)
		}
	}
}

// awaitIndex writes what is queued for the search index before a reader
// of the index reads it, so that it reads no entry older than a save it
// could see.
func awaitIndex(app core.App) error {
	_, err := searchindex.Drain(app)
	return err
}
