// Package filterguard checks a client's PocketBase `filter` and `sort`
// against an allowlist of identifiers, before PocketBase compiles them.
//
// Why: PocketBase v0.40 compiles a filter through a back-relation
// (`x_via_y.f`) or a multi-valued relation with a plain operator as an
// "every related row matches" subquery that does not apply the related
// collection's list rule, so empty-or-not answers become a yes/no oracle on
// rows the caller may not see. Only what a collection allows may be named:
// deny by default. The check is pure (no app, no database) so that it can
// be fuzzed.
package filterguard

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ganigeorgiev/fexpr"
)

// Field is how one allowed identifier may be used.
type Field struct {
	// AnyOf: a multi-valued field (a relation or select with several
	// values) of the row itself, compared only with the any-of operators
	// ?= and ?!= (bare or, as PocketBase v0.40 needs to match an element,
	// with :each), with ~ and !~ bare (a contains on the stored list,
	// which PocketBase compiles without a join: `author_users ~ id` is
	// "id is one of them", ids being 15 characters of [a-z0-9]), or
	// through its :length; never sorted on, never followed into the
	// related collection.
	AnyOf bool
	// FilterOnly: a field that may be filtered on but never sorted on, such
	// as an account's email: PocketBase adds "emailVisibility = true" to a
	// filter on it, not to a sort, which would order rows by hidden values.
	FilterOnly bool
}

// Allowlist maps each identifier a client may name in a filter or sort of
// one collection (a field, or an explicitly allowed relation path such as
// "round.year") to how it may be used.
type Allowlist map[string]Field

// Limits bound what one filter or sort may cost.
const (
	MaxFilterLength = 2048 // bytes of one filter
	MaxTerms        = 30   // comparisons in one filter
	MaxDepth        = 4    // nested parentheses
	MaxSortFields   = 5    // fields of one sort
)

// Error is a refused filter or sort: the identifier (or the limit) at fault.
type Error struct {
	Param  string // "filter" or "sort"
	Name   string // the identifier refused, or "" for a limit or syntax
	Reason string // why, in English, for logs and tests
}

// Error implements error.
func (e *Error) Error() string {
	if e.Name == "" {
		return fmt.Sprintf("%s: %s", e.Param, e.Reason)
	}
	return fmt.Sprintf("%s: %q %s", e.Param, e.Name, e.Reason)
}

// macros are PocketBase's date macros: constants, they read no row.
var macros = map[string]bool{
	"@now": true, "@yesterday": true, "@tomorrow": true, "@second": true, "@minute": true,
	"@hour": true, "@day": true, "@month": true, "@weekday": true, "@year": true,
	"@todayStart": true, "@todayEnd": true, "@monthStart": true, "@monthEnd": true,
	"@yearStart": true, "@yearEnd": true,
}

// ownAuth are the caller's own fields a filter may compare with: they read
// nothing the caller does not already know.
var ownAuth = map[string]bool{
	"@request.auth.id": true, "@request.auth.unit": true, "@request.auth.collectionName": true,
}

// literals are identifiers PocketBase reads as constants.
var literals = map[string]bool{"null": true, "true": true, "false": true}

// CheckFilter returns nil when every identifier of filter is allowed by
// allow and the filter stays within the limits; otherwise an *Error. An
// empty filter is allowed. A filter that does not parse is refused too
// (PocketBase would refuse it as well, with a less useful message).
func CheckFilter(allow Allowlist, filter string) error {
	if filter == "" {
		return nil
	}
	if len(filter) > MaxFilterLength {
		return &Error{Param: "filter", Reason: fmt.Sprintf("longer than %d bytes", MaxFilterLength)}
	}
	groups, err := fexpr.Parse(filter)
	if errors.Is(err, fexpr.ErrEmpty) && strings.TrimSpace(filter) == "" {
		return nil // blanks only: no condition
	}
	if err != nil {
		return &Error{Param: "filter", Reason: "does not parse: " + err.Error()}
	}
	terms := 0
	if err := checkGroups(allow, groups, 0, &terms); err != nil {
		return err
	}
	// fexpr drops an operand followed by a group ("a (b = 1)" parses as
	// "b = 1"); PocketBase drops it too, but deny by default: every
	// identifier of the text, as scanned, must be allowed.
	return checkTokens(allow, filter, 0)
}

// checkTokens scans text (groups included) and refuses any identifier or
// function that no comparison could allow.
func checkTokens(allow Allowlist, text string, depth int) error {
	if depth > MaxDepth+1 {
		return &Error{Param: "filter", Reason: fmt.Sprintf("nested deeper than %d", MaxDepth)}
	}
	s := fexpr.NewScanner([]byte(text))
	for {
		tok, err := s.Scan()
		if err != nil {
			return &Error{Param: "filter", Reason: "does not scan: " + err.Error()}
		}
		switch tok.Type {
		case fexpr.TokenEOF:
			return nil
		case fexpr.TokenGroup:
			if err := checkTokens(allow, tok.Literal, depth+1); err != nil {
				return err
			}
		case fexpr.TokenIdentifier, fexpr.TokenFunction:
			name := tok.Literal
			base, _, _ := strings.Cut(name, ":")
			if _, ok := allow[base]; tok.Type == fexpr.TokenFunction ||
				!ok && !literals[strings.ToLower(name)] && !macros[name] && !ownAuth[name] {
				return &Error{Param: "filter", Name: name, Reason: "is not allowed"}
			}
		}
	}
}

// checkGroups walks a parsed filter, counting terms and nesting.
func checkGroups(allow Allowlist, groups []fexpr.ExprGroup, depth int, terms *int) error {
	if depth > MaxDepth {
		return &Error{Param: "filter", Reason: fmt.Sprintf("nested deeper than %d", MaxDepth)}
	}
	for _, g := range groups {
		switch item := g.Item.(type) {
		case fexpr.Expr:
			*terms++
			if *terms > MaxTerms {
				return &Error{Param: "filter", Reason: fmt.Sprintf("more than %d terms", MaxTerms)}
			}
			if err := checkExpr(allow, item); err != nil {
				return err
			}
		case []fexpr.ExprGroup:
			if err := checkGroups(allow, item, depth+1, terms); err != nil {
				return err
			}
		default:
			return &Error{Param: "filter", Reason: "unexpected expression"}
		}
	}
	return nil
}

// checkExpr checks both operands of one comparison.
func checkExpr(allow Allowlist, e fexpr.Expr) error {
	for _, tok := range []fexpr.Token{e.Left, e.Right} {
		if err := checkOperand(allow, tok, e.Op); err != nil {
			return err
		}
	}
	return nil
}

// checkOperand checks one operand of a comparison with operator op.
func checkOperand(allow Allowlist, tok fexpr.Token, op fexpr.SignOp) error {
	switch tok.Type {
	case fexpr.TokenText, fexpr.TokenNumber:
		return nil
	case fexpr.TokenIdentifier:
	default:
		// functions (geoDistance) take identifiers of their own; none is needed.
		return &Error{Param: "filter", Name: tok.Literal, Reason: "is not a field"}
	}
	name := tok.Literal
	if literals[strings.ToLower(name)] || macros[name] || ownAuth[name] {
		return nil
	}
	base, modifier, hasModifier := strings.Cut(name, ":")
	f, ok := allow[base]
	if !ok || strings.Contains(modifier, ":") {
		return &Error{Param: "filter", Name: name, Reason: "is not allowed"}
	}
	switch {
	case hasModifier && modifier == "lower" && !f.AnyOf:
		return nil
	case hasModifier && modifier == "length" && f.AnyOf:
		return nil
	case hasModifier && modifier != "each":
		return &Error{Param: "filter", Name: name, Reason: "modifier is not allowed"}
	case hasModifier && !f.AnyOf:
		return &Error{Param: "filter", Name: name, Reason: "modifier is not allowed"}
	case f.AnyOf && !hasModifier && (op == fexpr.SignLike || op == fexpr.SignNlike):
		return nil
	case f.AnyOf && op != fexpr.SignAnyEq && op != fexpr.SignAnyNeq:
		return &Error{Param: "filter", Name: name, Reason: "takes only ?=, ?!=, ~ and !~"}
	}
	return nil
}

// CheckSort returns nil when every field of sort (PocketBase's
// "-created,title" form) is allowed and single-valued; @random and @rowid
// (the insertion order) are allowed too: they read no other row.
func CheckSort(allow Allowlist, sort string) error {
	if strings.TrimSpace(sort) == "" {
		return nil
	}
	parts := strings.Split(sort, ",")
	if len(parts) > MaxSortFields {
		return &Error{Param: "sort", Reason: fmt.Sprintf("more than %d fields", MaxSortFields)}
	}
	for _, p := range parts {
		name := strings.TrimSpace(p)
		if n, ok := strings.CutPrefix(name, "-"); ok {
			name = n
		} else {
			name = strings.TrimPrefix(name, "+")
		}
		if name == "@random" || name == "@rowid" {
			continue
		}
		if f, ok := allow[name]; !ok || f.AnyOf || f.FilterOnly {
			return &Error{Param: "sort", Name: name, Reason: "is not allowed"}
		}
	}
	return nil
}

// Fields returns an allowlist of single-valued identifiers.
func Fields(names ...string) Allowlist {
	a := Allowlist{}
	for _, n := range names {
		a[n] = Field{}
	}
	return a
}

// FilterOnly adds identifiers to a that may be filtered on but not sorted
// on, and returns a.
func (a Allowlist) FilterOnly(names ...string) Allowlist {
	for _, n := range names {
		a[n] = Field{FilterOnly: true}
	}
	return a
}

// AnyOf adds multi-valued identifiers to a, compared only with ?= and ?!=,
// and returns a.
func (a Allowlist) AnyOf(names ...string) Allowlist {
	for _, n := range names {
		a[n] = Field{AnyOf: true}
	}
	return a
}
