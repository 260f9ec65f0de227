package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration indexes the audit log by each filter of its page
// (GET /api/reform/audit: person, action, collection) with the time it is
// read in, newest first, so a filtered page is read from the index in
// order and stops one entry past the page. On a city's 200,001 entries
// SQLite read, for a filter by collection, every entry of that collection
// and sorted them (USE TEMP B-TREE FOR ORDER BY), and for an action
// that few entries hold, the whole log through idx_audit_log_created.
// The index by person alone gives way to the one by person and time.

func init() {
	m.Register(func(app core.App) error {
		return indexAudit(app, true)
	}, func(app core.App) error {
		return indexAudit(app, false)
	})
}

// auditFilterIndexes are the indexes of the audit page's filters, each
// with its columns.
var auditFilterIndexes = [][2]string{
	{"idx_audit_log_actor_created", "actor, created"},
	{"idx_audit_log_action_created", "action, created"},
	{"idx_audit_log_collection_created", "collection, created"},
}

// indexAudit adds (up) or removes (down) the filters' indexes; the index
// by person alone goes the other way.
func indexAudit(app core.App, up bool) error {
	audit, err := app.FindCollectionByNameOrId("audit_log")
	if err != nil {
		return err
	}
	for _, ix := range auditFilterIndexes {
		if up {
			audit.AddIndex(ix[0], false, ix[1], "")
		} else {
			audit.RemoveIndex(ix[0])
		}
	}
	if up {
		audit.RemoveIndex("idx_audit_log_actor")
	} else {
		audit.AddIndex("idx_audit_log_actor", false, "actor", "")
	}
	return app.Save(audit)
}
