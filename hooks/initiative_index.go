package hooks

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/searchindex"
)

// indexOnCreate writes a new initiative into the search index in the same
// transaction as the record itself, and, when it is stored already past
// draft, keeps its similar initiatives.
func indexOnCreate(e *core.RecordEvent) error {
	return e.App.RunInTransaction(func(tx core.App) error {
		outer := e.App
		e.App = tx
		defer func() { e.App = outer }()
		if err := e.Next(); err != nil {
			return err
		}
		if err := searchindex.Put(tx, e.Record); err != nil {
			return err
		}
		if e.Record.GetString("status") != "draft" {
			_, err := searchindex.Store(tx, e.Record.Id)
			return err
		}
		return nil
	})
}

// indexOnUpdate rewrites the initiative's index entry when its text
// changed, in the same transaction as the save; when the save submits it,
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
	submitted := e.Record.GetString("status") == "submitted" && old.GetString("status") != "submitted"
	if !changed && !submitted {
		return e.Next()
	}
	return e.App.RunInTransaction(func(tx core.App) error {
		outer := e.App
		e.App = tx
		defer func() { e.App = outer }()
		if err := e.Next(); err != nil {
			return err
		}
		if err := searchindex.Put(tx, e.Record); err != nil {
			return err
		}
		if submitted {
			_, err := searchindex.Store(tx, e.Record.Id)
			return err
		}
		return nil
	})
}

// indexOnDelete removes the initiative from the index in the delete's
// transaction.
func indexOnDelete(e *core.RecordEvent) error {
	return e.App.RunInTransaction(func(tx core.App) error {
		outer := e.App
		e.App = tx
		defer func() { e.App = outer }()
		if err := e.Next(); err != nil {
			return err
		}
		return searchindex.Remove(tx, e.Record.Id)
	})
}
