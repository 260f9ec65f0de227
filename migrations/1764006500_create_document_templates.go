package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration adds document_templates: the ward's own templates of the
// Word documents (internal/docs), one per document key, each a text/template
// of WordprocessingML (README, "Mẫu văn bản"). A stored template overrides
// the embedded default; deleting it brings the default back. Only the
// secretariat sees and changes them; the file is protected (a file token
// and the view rule are needed to download it).

func init() {
	m.Register(createDocumentTemplates, dropDocumentTemplates)
}

// documentKeys are the keys of the documents a template may replace (as
// internal/docs names them).
var documentKeys = []string{"decision", "minutes", "application", "sheet", "city_submission", "establishment"}

// createDocumentTemplates is the up migration.
func createDocumentTemplates(app core.App) error {
	c := core.NewBaseCollection("document_templates")
	c.Fields.Add(
		&core.SelectField{Name: "key", Required: true, MaxSelect: 1, Values: documentKeys},
		&core.FileField{Name: "file", Required: true, MaxSelect: 1, MaxSize: 1 << 20, Protected: true,
			MimeTypes: []string{"text/xml", "application/xml", "text/plain"}},
		&core.TextField{Name: "note", Max: 1000},
	)
	autodates(c)
	c.AddIndex("idx_document_templates_key", true, "key", "")
	c.ListRule = ptr(ruleSecretariat)
	c.ViewRule = ptr(ruleSecretariat)
	c.CreateRule = ptr(ruleSecretariat)
	c.UpdateRule = allOf(ruleSecretariat, noBody("key"))
	c.DeleteRule = ptr(ruleSecretariat)
	return app.Save(c)
}

// dropDocumentTemplates is the down migration.
func dropDocumentTemplates(app core.App) error {
	c, err := app.FindCollectionByNameOrId("document_templates")
	if err != nil {
		return nil
	}
	return app.Delete(c)
}
