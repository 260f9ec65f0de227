package hooks

import (
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/readers"
	"sangkien/internal/vocab"
	"sangkien/internal/writer"
)

// registerReaders keeps every initiative's server-kept lists
// (internal/readers: its readers, which the initiatives' list and view
// rule read; its voting seats and submitted sheets, which the sheets' and
// audit log's rules read) in step with what they depend on, in the
// transaction of each change: an initiative's own save, a council seat's
// or a sheet's create, update and delete, an account's creation, change of
// roles or unit, and deletion; and a save of the initiatives collection
// names the overseers of now in its rule.
func registerReaders(app core.App) {
	app.OnRecordCreateExecute("initiatives").BindFunc(readersOnSave)
	app.OnRecordUpdateExecute("initiatives").BindFunc(readersOnSave)
	app.OnRecordCreateExecute("council_members").BindFunc(readersOnSeat)
	app.OnRecordUpdateExecute("council_members").BindFunc(readersOnSeat)
	app.OnRecordDeleteExecute("council_members").BindFunc(readersOnSeat)
	app.OnRecordCreateExecute("scores").BindFunc(readersOnSheet)
	app.OnRecordUpdateExecute("scores").BindFunc(readersOnSheet)
	app.OnRecordDeleteExecute("scores").BindFunc(readersOnSheet)
	app.OnRecordCreateExecute("users").BindFunc(readersOnAccount)
	app.OnRecordUpdateExecute("users").BindFunc(readersOnAccount)
	app.OnRecordDeleteExecute("users").BindFunc(readersOnAccountDelete)
	app.OnCollectionUpdateExecute("initiatives").BindFunc(readersOnRuleSave)
}

// readersOnRuleSave makes a save of the initiatives collection name the
// overseers of now in its list and view rule (readers.KeepRule), read in
// the save's transaction: a collection saved as loaded before a role was
// given or taken does not open the initiatives to the overseers of then.
func readersOnRuleSave(e *core.CollectionEvent) error {
	return writer.Tx(e.App, func(tx core.App) error {
		if err := readers.KeepRule(tx, e.Collection); err != nil {
			return err
		}
		return nextIn(&e.App, tx, e.Next)
	})
}

// readersOnSave sets the lists of the initiative being saved from
// the values it is saved with, in the save's transaction (so no seat or
// role can change between the reading and the write).
func readersOnSave(e *core.RecordEvent) error {
	return writer.Tx(e.App, func(tx core.App) error {
		if err := readers.Set(tx, e.Record); err != nil {
			return err
		}
		return nextIn(&e.App, tx, e.Next)
	})
}

// readersOnSeat rewrites the lists of the initiatives of the
// council a seat is on, and was on before an update moved it.
func readersOnSeat(e *core.RecordEvent) error {
	return aroundInTransaction(e, func(tx core.App, stored *core.Record) error {
		return readers.Refresh(tx, "council != '' AND council IN ({:readersCouncilNow}, {:readersCouncilBefore})",
			dbx.Params{"readersCouncilNow": e.Record.GetString("council"), "readersCouncilBefore": stored.GetString("council")})
	})
}

// readersOnSheet rewrites the lists of the initiative of a sheet (its
// list of members whose sheet is submitted).
func readersOnSheet(e *core.RecordEvent) error {
	return aroundInTransaction(e, func(tx core.App, stored *core.Record) error {
		return readers.Refresh(tx, "id IN ({:readersSheetNow}, {:readersSheetBefore})",
			dbx.Params{"readersSheetNow": e.Record.GetString("initiative"), "readersSheetBefore": stored.GetString("initiative")})
	})
}

// readersOnAccount rewrites, when an account is made with roles or its
// roles or unit change, the reader list of the initiatives the change may
// concern: those of its units (old and new) for a unit head, those of its
// councils for a council member. The roles secretariat and chairman are
// on no list (readers.Oversight stands for them): giving or taking them
// rewrites the initiatives' rule alone (readers.SetRule). PocketBase puts
// the saved rule in its cache of collections before the transaction ends,
// and reads the cache again should the transaction roll back.
func readersOnAccount(e *core.RecordEvent) error {
	return aroundInTransaction(e, func(tx core.App, stored *core.Record) error {
		before, after := stored.GetStringSlice("roles"), e.Record.GetStringSlice("roles")
		unitBefore, unitAfter := stored.GetString("unit"), e.Record.GetString("unit")
		toggled := func(role string) bool { return slices.Contains(before, role) != slices.Contains(after, role) }
		if toggled(vocab.RoleSecretariat) || toggled(vocab.RoleChairman) {
			if err := readers.SetRule(tx); err != nil {
				return err
			}
		}
		var where []string
		if toggled(vocab.RoleUnitHead) || (unitBefore != unitAfter && slices.Contains(after, vocab.RoleUnitHead)) {
			where = append(where, "unit IN ({:readersUnitBefore}, {:readersUnitAfter})")
		}
		if toggled(vocab.RoleCouncil) {
			where = append(where, "council IN (SELECT council FROM council_members WHERE user = {:readersAccount})")
		}
		if len(where) == 0 {
			return nil
		}
		return readers.Refresh(tx, "("+strings.Join(where, ") OR (")+")", dbx.Params{
			"readersUnitBefore": unitBefore, "readersUnitAfter": unitAfter, "readersAccount": e.Record.Id})
	})
}

// aroundInTransaction reads the record of e as stored (a blank one for a
// new record), runs the save or delete, then then, in one transaction.
// The stored row, not e.Record.Original(): a record saved twice keeps
// the values it was loaded with as its original.
func aroundInTransaction(e *core.RecordEvent, then func(tx core.App, stored *core.Record) error) error {
	return writer.Tx(e.App, func(tx core.App) error {
		stored := core.NewRecord(e.Record.Collection())
		if !e.Record.IsNew() {
			found, err := tx.FindRecordById(e.Record.Collection(), e.Record.Id)
			if err != nil {
				return err
			}
			stored = found
		}
		if err := nextIn(&e.App, tx, e.Next); err != nil {
			return err
		}
		return then(tx, stored)
	})
}

// readersOnAccountDelete takes a deleted account off every reader list
// and off the initiatives' rule (where it names the overseers), so that
// no account made later with its id inherits what it read.
func readersOnAccountDelete(e *core.RecordEvent) error {
	return inSaveTransaction(e, func(tx core.App) error {
		if err := readers.SetRule(tx); err != nil {
			return err
		}
		return readers.Refresh(tx, "readers LIKE {:readersGone}", dbx.Params{"readersGone": "%" + e.Record.Id + "%"})
	})
}
