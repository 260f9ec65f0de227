package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration keeps the audit log from showing what the score sheets'
// own rules hide. Entries about a sheet name its initiative (a new
// relation, set by the server), and the secretariat and the chairman read
// such an entry only when the sheet was or became submitted (a draft's
// points stay the member's) and they are not an author of the initiative
// (authors never see individual sheets). Superusers read everything.

func init() {
	m.Register(hideSheetDraftsInAudit, showSheetDraftsInAudit)
}

// auditSheetRule is the audit log's list and view rule from this migration on.
var auditSheetRule = ruleOversight + ` && (collection != "scores" || (` +
	`initiative.owner != @request.auth.id && initiative.author_users:each != @request.auth.id && ` +
	`(after.status = "submitted" || before.status = "submitted")))`

// hideSheetDraftsInAudit is the up migration.
func hideSheetDraftsInAudit(app core.App) error {
	audit, err := app.FindCollectionByNameOrId("audit_log")
	if err != nil {
		return err
	}
	initiatives, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	// sheets exist only on accepted initiatives, which are never deleted,
	// so the link is never cleared.
	audit.Fields.Add(&core.RelationField{Name: "initiative", CollectionId: initiatives.Id, MaxSelect: 1})
	audit.AddIndex("idx_audit_log_initiative", false, "initiative", "")
	audit.ListRule = ptr(auditSheetRule)
	audit.ViewRule = ptr(auditSheetRule)
	return app.Save(audit)
}

// showSheetDraftsInAudit is the down migration.
func showSheetDraftsInAudit(app core.App) error {
	audit, err := app.FindCollectionByNameOrId("audit_log")
	if err != nil {
		return err
	}
	audit.RemoveIndex("idx_audit_log_initiative")
	audit.Fields.RemoveByName("initiative")
	audit.ListRule = ptr(ruleOversight)
	audit.ViewRule = ptr(ruleOversight)
	return app.Save(audit)
}
