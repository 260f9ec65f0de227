// Package docs makes the Word documents the ward signs (docs/domain.md,
// Documents): the recognition decision and its annex, the council's minutes, each
// initiative's application form (Thông tư 18/2013/TT-BKHCN), the members'
// score sheets, the submission (tờ trình) and dossier to the city, and the
// decision establishing the council. Each document is a text/template of
// WordprocessingML (templates/*.xml, embedded) filled from the data; the
// ward may replace one with its own through the document_templates
// collection and delete it to get the default back. The Nghị định 30 texts
// come from internal/nd30, shared with the Excel reports.
package docs

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"reflect"
	"text/template"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
	"sangkien/internal/wordml"
)

// Keys of the documents, as stored in document_templates.key.
const (
	KeyDecision      = "decision"        // Quyết định công nhận sáng kiến cấp phường, with its annex
	KeyMinutes       = "minutes"         // Biên bản họp Hội đồng
	KeyApplication   = "application"     // Đơn yêu cầu công nhận sáng kiến
	KeySheet         = "sheet"           // Phiếu đánh giá (one or a member's sheets)
	KeyCitySubmit    = "city_submission" // Tờ trình đề nghị cấp thành phố
	KeyEstablishment = "establishment"   // Quyết định thành lập Hội đồng
)

// Keys are every document's key, in the order the README lists them.
var Keys = []string{KeyDecision, KeyMinutes, KeyApplication, KeySheet, KeyCitySubmit, KeyEstablishment}

// TemplateCollection is the collection of the ward's own templates.
const TemplateCollection = "document_templates"

//go:embed templates/*.xml
var defaults embed.FS

// layoutFile holds the partials every template may use.
const layoutFile = "templates/_layout.xml"

// ErrTemplate is returned (wrapped) when a template cannot be parsed or
// run, or gives a document that is not well-formed.
var ErrTemplate = errors.New("docs: the document template is invalid")

// Default returns the embedded template of key.
func Default(key string) ([]byte, error) {
	return defaults.ReadFile("templates/" + key + ".xml")
}

// parse parses src as the template of key, with the layout's partials.
func parse(key string, src []byte) (*template.Template, error) {
	layout, err := defaults.ReadFile(layoutFile)
	if err != nil {
		return nil, err
	}
	t, err := template.New(key).Funcs(wordml.Funcs()).Option("missingkey=error").Parse(string(layout))
	if err != nil {
		return nil, fmt.Errorf("%w: layout: %v", ErrTemplate, err)
	}
	if _, err := t.Parse(string(src)); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrTemplate, err)
	}
	return t, nil
}

// source returns the template of key: the ward's own when one is stored
// (stored is then true), else the embedded default.
func source(app core.App, key string) (src []byte, stored bool, err error) {
	rec, err := app.FindFirstRecordByData(TemplateCollection, "key", key)
	if err != nil || rec.GetString("file") == "" {
		src, err = Default(key)
		return src, false, err
	}
	fsys, err := app.NewFilesystem()
	if err != nil {
		return nil, true, err
	}
	defer fsys.Close()
	r, err := fsys.GetReader(rec.BaseFilesPath() + "/" + rec.GetString("file"))
	if err != nil {
		return nil, true, fmt.Errorf("docs: template %s: %w", key, err)
	}
	defer r.Close()
	src, err = io.ReadAll(r)
	return src, true, err
}

// Execute fills the template src of key with data and returns the body.
func Execute(key string, src []byte, data any) ([]byte, error) {
	t, err := parse(key, src)
	if err != nil {
		return nil, err
	}
	return run(t, data) // bounded: see bounds.go
}

// Check parses src as the template of key and fills it with sample data
// of that document (every list holding one item, so that what a template
// does for each item runs too), so that a ward's template is refused when
// it is stored rather than when it is printed.
func Check(key string, src []byte) error {
	empty, ok := emptyData[key]
	if !ok {
		return fmt.Errorf("%w: unknown document %q", ErrTemplate, key)
	}
	data := reflect.New(reflect.TypeOf(empty).Elem())
	fill(data.Elem())
	body, err := Execute(key, src, data.Interface())
	if err != nil {
		return err
	}
	if _, err := wordml.Bytes(wordml.Doc{Body: body}); err != nil {
		return fmt.Errorf("%w: %v", ErrTemplate, err)
	}
	return nil
}

// fill gives every list in v (a struct, recursively) one item.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fill(v.Field(i))
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0))
	}
}

// emptyData is a document's data with nothing in it, for Check.
var emptyData = map[string]any{
	KeyDecision:      &Decision{},
	KeyMinutes:       &Minutes{},
	KeyApplication:   &Application{},
	KeySheet:         &Sheets{},
	KeyCitySubmit:    &CitySubmission{},
	KeyEstablishment: &Establishment{},
}

// TemplateError is a document whose template failed; Stored says the
// template is the ward's own (in document_templates), not the default.
type TemplateError struct {
	Key    string
	Stored bool
	Err    error // wraps ErrTemplate
}

// Error says which template failed and how.
func (e *TemplateError) Error() string {
	return fmt.Sprintf("docs: template %s (stored %v): %v", e.Key, e.Stored, e.Err)
}

// Unwrap returns the failure.
func (e *TemplateError) Unwrap() error { return e.Err }

// render makes the .docx of document key from data, titled title.
func render(app core.App, key, title string, data any) ([]byte, error) {
	src, stored, err := source(app, key)
	if err != nil {
		return nil, err
	}
	body, err := Execute(key, src, data)
	if err != nil {
		return nil, &TemplateError{Key: key, Stored: stored, Err: err}
	}
	out, err := wordml.Bytes(wordml.Doc{Body: body, Title: title, Creator: creator, Created: clock.Now()})
	if err != nil {
		return nil, &TemplateError{Key: key, Stored: stored, Err: fmt.Errorf("%w: %v", ErrTemplate, err)}
	}
	return out, nil
}

// creator is the file's author property.
const creator = "sangkien"

// timeZero is the zero time: a date not known yet.
var timeZero time.Time

// ward reads t in the ward's zone.
func ward(t time.Time) time.Time { return t.In(clock.Zone) }
