package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration keeps the audit log from showing what the initiatives' own
// rules hide: a draft is its author's alone, so the
// entries written while an initiative was a draft (its creation, every edit,
// its deletion) are marked `draft` by the server and shown, besides
// superusers, only to the officer who wrote them. The secretariat and the
// chairman read an initiative's entries from its submission on, as they
// read the initiative. Entries written before this migration are marked
// from what they hold: a creation or deletion of a draft, and an edit made
// before the initiative's first submission.

func init() {
	m.Register(hideInitiativeDraftsInAudit, showInitiativeDraftsInAudit)
}

// auditDraftRule is the audit log's list and view rule from this migration on.
var auditDraftRule = auditSheetRule + ` && (draft = false || actor = @request.auth.id)`

// markDraftEntries marks the initiative entries already written while the
// initiative was a draft.
const markDraftEntries = `
UPDATE audit_log SET draft = 1
WHERE collection = 'initiatives' AND (
  (action = 'create' AND CASE WHEN json_valid([[after]]) THEN json_extract([[after]], '$.status') END = 'draft')
  OR (action = 'delete' AND CASE WHEN json_valid([[before]]) THEN json_extract([[before]], '$.status') END = 'draft')
  OR (action NOT IN ('create', 'delete', 'submit')
    AND NOT EXISTS (SELECT 1 FROM audit_log s WHERE s.collection = 'initiatives' AND s.record = audit_log.record
      AND s.action = 'submit' AND s.created <= audit_log.created)
    AND (EXISTS (SELECT 1 FROM initiatives i WHERE i.id = audit_log.record AND i.status = 'draft')
      OR EXISTS (SELECT 1 FROM audit_log c WHERE c.collection = 'initiatives' AND c.record = audit_log.record
        AND c.action = 'create' AND CASE WHEN json_valid(c.[[after]]) THEN json_extract(c.[[after]], '$.status') END = 'draft')))
)`

// hideInitiativeDraftsInAudit is the up migration.
func hideInitiativeDraftsInAudit(app core.App) error {
	audit, err := app.FindCollectionByNameOrId("audit_log")
	if err != nil {
		return err
	}
	audit.Fields.Add(&core.BoolField{Name: "draft"})
	audit.ListRule = ptr(auditDraftRule)
	audit.ViewRule = ptr(auditDraftRule)
	if err := app.Save(audit); err != nil {
		return err
	}
	_, err = app.DB().NewQuery(markDraftEntries).Execute()
	return err
}

// showInitiativeDraftsInAudit is the down migration.
func showInitiativeDraftsInAudit(app core.App) error {
	audit, err := app.FindCollectionByNameOrId("audit_log")
	if err != nil {
		return err
	}
	audit.Fields.RemoveByName("draft")
	audit.ListRule = ptr(auditSheetRule)
	audit.ViewRule = ptr(auditSheetRule)
	return app.Save(audit)
}
