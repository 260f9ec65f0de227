package hooks

import (
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// numberText is a decimal number as people write it: digits with one
// decimal point or comma, an optional sign and exponent. Words that
// strconv.ParseFloat also reads (NaN, Inf, Infinity) and hexadecimal are not.
var numberText = regexp.MustCompile(`^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$`)

// parseNumber reads a number that came in from outside: a JSON number, or
// text holding a decimal number ("50", " 33,5 "). ok is false for anything
// else, and for NaN, ±Inf and numbers beyond a float64's range: every
// comparison with NaN is false, so one would pass every check after it.
func parseNumber(v any) (f float64, ok bool) {
	switch v := v.(type) {
	case float64:
		return v, isFinite(v)
	case string:
		s := strings.TrimSpace(v)
		if !numberText.MatchString(s) {
			return 0, false
		}
		f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
		return f, err == nil && isFinite(f)
	}
	return 0, false
}

// isFinite reports whether f is neither NaN nor an infinity.
func isFinite(f float64) bool {
	return !math.IsNaN(f) && !math.IsInf(f, 0)
}

// refuseBadNumbers answers 400 invalid_number, before any other check, a
// create or update through the CRUD API that gives a number field of the
// collection something that is not a finite number: NaN, ±Inf, or text
// such as "abc" (PocketBase would store 0 for it), also through the +/-
// modifiers. An empty value or null still clears the field.
func refuseBadNumbers(e *core.RequestEvent) error {
	col, info, ok := crudWriteBody(e)
	if !ok {
		return e.Next()
	}
	for _, f := range col.Fields {
		if f.Type() != core.FieldTypeNumber {
			continue
		}
		name := f.GetName()
		for _, key := range []string{name, name + "+", "+" + name, name + "-"} {
			v, set := info.Body[key]
			if !set || v == nil || v == "" {
				continue
			}
			if _, ok := parseNumber(v); !ok {
				return badRequest(name, "invalid_number", "field", name)
			}
		}
	}
	return e.Next()
}

// checkShares answers 400 invalid_number a create or update of an
// initiative whose authors give a share that is not a finite number (NaN,
// ±Inf, text), naming the author; a missing share is the submission's to
// report (incomplete). Shares written as text ("33,5") are stored as
// numbers, the way the reports read them.
func checkShares(e *core.RecordRequestEvent) error {
	authors, err := readAuthors(e.Record)
	if err != nil || len(authors) == 0 {
		return e.Next() // linkAuthorUsers answers invalid_authors
	}
	if i := badShare(authors); i >= 0 {
		return badShareError(i)
	}
	e.Record.Set("authors", numericShares(authors))
	return e.Next()
}

// numericShares returns authors with every valid share as a number.
func numericShares(authors []map[string]any) []map[string]any {
	for _, a := range authors {
		if f, ok := parseNumber(a["share"]); ok {
			a["share"] = f
		}
	}
	return authors
}

// badShare returns the index of the first author whose share is given but
// is not a finite number, or -1.
func badShare(authors []map[string]any) int {
	for i, a := range authors {
		v, has := a["share"]
		if !has || v == nil || v == "" {
			continue
		}
		if _, ok := parseNumber(v); !ok {
			return i
		}
	}
	return -1
}

// badShareError is the 400 invalid_number of the share of author i (from 0).
func badShareError(i int) error {
	return failKey(http.StatusBadRequest, "authors", "invalid_number", "error.invalid_number.share", "n", strconv.Itoa(i+1))
}
