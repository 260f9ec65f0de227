package hooks

import (
	"io"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/docs"
)

// checkDocumentTemplate refuses a ward template (document_templates, on
// create or update through the API) that would not make a document: it
// must parse as a text/template, run on the document's data and give
// well-formed WordprocessingML. 400 file: template_invalid names what is
// wrong, so the secretariat finds out when uploading, not when printing.
func checkDocumentTemplate(e *core.RecordRequestEvent) error {
	files := e.Record.GetUnsavedFiles("file")
	// an unknown key is left to the record's validation (key: a select).
	if len(files) == 0 || !slices.Contains(docs.Keys, e.Record.GetString("key")) {
		return e.Next()
	}
	f, err := files[0].Reader.Open()
	if err != nil {
		return err
	}
	src, err := io.ReadAll(io.LimitReader(f, 2<<20))
	f.Close()
	if err != nil {
		return err
	}
	if err := docs.Check(e.Record.GetString("key"), src); err != nil {
		detail := strings.TrimPrefix(err.Error(), docs.ErrTemplate.Error()+": ")
		return badRequest("file", "template_invalid", "detail", detail)
	}
	return e.Next()
}
