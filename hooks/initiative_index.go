package hooks

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/searchindex"
	"sangkien/internal/vocab"
)

// inSaveTransaction runs the save of e and then index in one transaction,
// so the index never disagrees with a committed record.
func inSaveTransaction(e *core.RecordEvent, index func(tx core.App) error) error {
	return e.App.RunInTransaction(func(tx core.App) error {
		outer := e.App
		e.App = tx
		defer func() { e.App = outer }()
		if err := e.Next(); err != nil {
			return err
		}
		return index(tx)
	})
}

// putAndStore writes the initiative's index entry and, when store, keeps
// its similar initiatives.
func putAndStore(tx core.App, r *core.Record, store bool) error {
	if err := searchindex.Put(tx, r); err != nil {
		return err
	}
	if store {
		_, err := searchindex.Store(tx, r.Id)
		return err
	}
	return nil
}

// indexOnCreate writes a new initiative into the search index in the same
// transaction as the record itself, and, when it is stored already past
// draft, keeps its similar initiatives.
func indexOnCreate(e *core.RecordEvent) error {
	return inSaveTransaction(e, func(tx core.App) error {
		return putAndStore(tx, e.Record, e.Record.GetString("status") != vocab.Draft)
	})
}

// indexOnUpdate rewrites the initiative's index entry when its text
// changed or it left or became a draft, in the same transaction as the save; when the save submits it,
// the similar initiatives are computed and kept.
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
		return putAndStore(tx, e.Record, submitted)
	})
}

// indexOnDelete removes the initiative from the index in the delete's
// transaction.
func indexOnDelete(e *core.RecordEvent) error {
	return inSaveTransaction(e, func(tx core.App) error {
		return searchindex.Remove(tx, e.Record.Id)
	})
}
