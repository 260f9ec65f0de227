package hooks

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// askedFields is the set of top-level names a request's `fields` query
// asks for ("id,code,expand.unit.name,summary:excerpt(80)" → id, code,
// expand, summary), or nil when it asks for every field (none given, or
// a `*` at the top). plain says every name is a top-level name alone: no
// nested name, no modifier.
func askedFields(e *core.RequestEvent) (asked map[string]bool, plain bool) {
	raw := e.Request.URL.Query().Get("fields")
	if strings.TrimSpace(raw) == "" {
		return nil, false
	}
	asked, plain = map[string]bool{}, true
	depth, start := 0, 0
	// commas inside a modifier's parentheses do not separate fields
	for i := 0; i <= len(raw); i++ {
		if i < len(raw) {
			switch raw[i] {
			case '(':
				depth++
				continue
			case ')':
				depth--
				continue
			case ',':
				if depth > 0 {
					continue
				}
			default:
				continue
			}
		}
		name := strings.TrimSpace(raw[start:i])
		start = i + 1
		if strings.ContainsAny(name, ".:") {
			plain = false
		}
		name, _, _ = strings.Cut(name, ".")
		name, _, _ = strings.Cut(name, ":")
		if name == "*" {
			return nil, false
		}
		asked[name] = true
	}
	return asked, plain
}

// writeAskedFieldsOnly hides, on the records of a list or view answer,
// the fields its `fields` query does not name. PocketBase's own picker
// drops them from the answer all the same, but only after writing the
// whole record as JSON and reading it back (a page of initiatives with
// the application's long texts). When the query names top-level fields
// alone, the hidden record is already the answer: the query's `fields`
// is taken off so that the answer is written once. Otherwise the picker
// runs on the smaller records. It only hides what the picker drops.
func writeAskedFieldsOnly(e *core.RequestEvent, records ...*core.Record) {
	asked, plain := askedFields(e)
	if asked == nil {
		return
	}
	for _, r := range records {
		for _, f := range r.Collection().Fields {
			if name := f.GetName(); !asked[name] {
				r.Hide(name)
			}
		}
		if plain {
			for _, name := range []string{core.FieldNameCollectionId, core.FieldNameCollectionName, core.FieldNameExpand} {
				if !asked[name] {
					r.Hide(name)
				}
			}
		}
	}
	if plain {
		q := e.Request.URL.Query()
		q.Del("fields")
		e.Request.URL.RawQuery = q.Encode()
	}
}

// askedFieldsInList is writeAskedFieldsOnly on a list answer.
func askedFieldsInList(e *core.RecordsListRequestEvent) error {
	writeAskedFieldsOnly(e.RequestEvent, e.Records...)
	return e.Next()
}

// askedFieldsInView is writeAskedFieldsOnly on a view answer.
func askedFieldsInView(e *core.RecordRequestEvent) error {
	writeAskedFieldsOnly(e.RequestEvent, e.Record)
	return e.Next()
}
