package hooks

import (
	"maps"
	"reflect"

	"github.com/pocketbase/pocketbase/core"
	"sangkien/internal/vocab"
	"sangkien/internal/writer"
)

// auditedCollections are the collections whose every create, update and
// delete through the API is written to audit_log, in the same transaction.
var auditedCollections = []string{
	"units", "users", "fields", "rounds", "criteria", "extensions", "initiatives",
	"councils", "council_members", "scores", "decisions", "organization",
	"document_templates", // the wording of what the Chairman signs
}

// Snapshot returns the public values of r (hidden fields such as password
// hashes left out), for the before/after of an audit entry.
func Snapshot(r *core.Record) map[string]any {
	if r == nil {
		return nil
	}
	return r.PublicExport()
}

// changed keeps, of before and after, only the keys whose values differ,
// so an update's audit entry says what changed and nothing else.
func changed(before, after map[string]any) (map[string]any, map[string]any) {
	b, a := map[string]any{}, map[string]any{}
	for k, v := range after {
		if k == "updated" {
			continue
		}
		if old, ok := before[k]; !ok || !reflect.DeepEqual(old, v) {
			b[k], a[k] = before[k], v
		}
	}
	return b, a
}

// saveAudited saves r with tx (the caller has set its new values) and
// writes the audit entry of action in the same transaction: for a new
// record all its values, for a stored one the values that changed, before
// and after. extra adds to the after values (such as the decision an
// action recorded).
func saveAudited(tx core.App, e *core.RequestEvent, action string, r *core.Record, reason string, extra map[string]any) error {
	var before map[string]any
	if !r.IsNew() {
		before = Snapshot(r.Original())
	}
	if err := tx.Save(r); err != nil {
		return err
	}
	after := Snapshot(r)
	if before != nil {
		before, after = changed(before, after)
	}
	maps.Copy(after, extra)
	return Audit(tx, e, action, r, before, after, reason)
}

// Audit writes one audit_log entry with app (pass the transaction's app so
// that the entry and the change commit together). e may be nil for the
// server's own jobs; before and after may be nil.
func Audit(app core.App, e *core.RequestEvent, action string, r *core.Record, before, after map[string]any, reason string) error {
	col, err := app.FindCachedCollectionByNameOrId("audit_log")
	if err != nil {
		return err
	}
	entry := core.NewRecord(col)
	entry.Set("action", action)
	if r != nil {
		entry.Set("collection", r.Collection().Name)
		entry.Set("record", r.Id)
		if r.Collection().Name == "scores" {
			// the audit log's rules hide a sheet's entries from its authors.
			entry.Set("initiative", r.GetString("initiative"))
		}
		// written while the initiative is (or was, for a deletion) a draft:
		// the audit log's rules show it to its writer and superusers only.
		entry.Set("draft", r.Collection().Name == "initiatives" && r.GetString("status") == vocab.Draft)
	}
	before, after = sealAuditVote(app, r, before, after)
	entry.Set("before", before)
	entry.Set("after", after)
	entry.Set("reason", reason)
	if e != nil {
		entry.Set("ip", e.RealIP())
		if e.Auth != nil {
			entry.Set("actor", e.Auth.Id)
			name := e.Auth.GetString("name")
			if e.Auth.IsSuperuser() {
				name = "superuser " + e.Auth.Email()
			} else if name == "" {
				name = e.Auth.Email()
			}
			entry.Set("actor_name", name)
		}
	} else {
		entry.Set("actor_name", "system")
	}
	return app.Save(entry)
}

// auditCreate wraps a create through the CRUD API in a transaction that
// also writes its audit entry.
func auditCreate(e *core.RecordRequestEvent) error {
	return writer.Tx(e.App, func(tx core.App) error {
		e.App = tx
		if err := e.Next(); err != nil {
			return err
		}
		return Audit(tx, e.RequestEvent, "create", e.Record, nil, Snapshot(e.Record), "")
	})
}

// auditUpdate wraps an update through the CRUD API in a transaction that
// also writes its audit entry with the changed values before and after.
func auditUpdate(e *core.RecordRequestEvent) error {
	before := Snapshot(e.Record.Original())
	creds := credentialsOf(e.Record.Original())
	return writer.Tx(e.App, func(tx core.App) error {
		e.App = tx
		if err := e.Next(); err != nil {
			return err
		}
		b, a := changed(before, Snapshot(e.Record))
		noteCredentials(creds, credentialsOf(e.Record), b, a) // audit_credentials.go
		if len(a) == 0 {
			return nil
		}
		return Audit(tx, e.RequestEvent, "update", e.Record, b, a, "")
	})
}

// auditDelete wraps a delete through the CRUD API in a transaction that
// also writes its audit entry with the values deleted.
func auditDelete(e *core.RecordRequestEvent) error {
	before := Snapshot(e.Record)
	return writer.Tx(e.App, func(tx core.App) error {
		e.App = tx
		if err := e.Next(); err != nil {
			return err
		}
		return Audit(tx, e.RequestEvent, "delete", e.Record, before, nil, "")
	})
}
