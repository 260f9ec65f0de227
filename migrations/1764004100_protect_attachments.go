package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration protects the files: an initiative's attachments and a
// decision's signed scan are served only with a short-lived file token
// (POST /api/files/token, then ?token=…), and only to whom the record's
// view rule shows the record. Before it, a file of another unit's draft
// downloaded with no token at all.

func init() {
	m.Register(protectAttachments, unprotectAttachments)
}

// protectedFiles are the file fields this migration protects.
var protectedFiles = map[string]string{"initiatives": "attachments", "decisions": "file"}

// protectAttachments is the up migration.
func protectAttachments(app core.App) error {
	return setProtected(app, true)
}

// unprotectAttachments is the down migration.
func unprotectAttachments(app core.App) error {
	return setProtected(app, false)
}

// setProtected sets Protected on every field of protectedFiles.
func setProtected(app core.App, protected bool) error {
	for collection, field := range protectedFiles {
		c, err := app.FindCollectionByNameOrId(collection)
		if err != nil {
			return err
		}
		f, ok := c.Fields.GetByName(field).(*core.FileField)
		if !ok {
			return fmt.Errorf("%s.%s is not a file field", collection, field)
		}
		f.Protected = protected
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
