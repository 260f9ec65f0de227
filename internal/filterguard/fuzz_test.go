package filterguard

import (
	"strings"
	"testing"

	"github.com/ganigeorgiev/fexpr"
)

// FuzzFilterCheck feeds CheckFilter arbitrary text. It must never panic,
// and whatever it accepts must name, as scanned independently of the
// parser, only allowed identifiers (fields, literals, macros, the caller's
// own id/unit), none of them a back-relation or another collection.
//
//	go test -run '^$' -fuzz FuzzFilterCheck -fuzztime 3m ./internal/filterguard/
func FuzzFilterCheck(f *testing.F) {
	for _, s := range []string{
		"status = 'submitted'",
		"(status='a' || title ~ \"b\") && round.year >= 2026",
		"author_users ?= @request.auth.id",
		"initiatives_via_round.title !~ 'X%'",
		"@collection.scores.total > 1",
		"title:lower ~ 'đ' // comment",
		"geoDistance(a,b,c,d) < 1",
		"((((status = 'a'))))",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, filter string) {
		if CheckFilter(testAllow, filter) != nil {
			return
		}
		for _, name := range identifiers(t, filter) {
			if strings.Contains(name, "_via_") || strings.HasPrefix(name, "@collection") {
				t.Fatalf("accepted %q naming %q", filter, name)
			}
			base, _, _ := strings.Cut(name, ":")
			if _, ok := testAllow[base]; !ok && !literals[strings.ToLower(name)] && !macros[name] && !ownAuth[name] {
				t.Fatalf("accepted %q naming %q, which is not allowed", filter, name)
			}
		}
	})
}

// identifiers scans text (groups included) and returns every identifier
// and function name in it.
func identifiers(t *testing.T, text string) []string {
	var out []string
	s := fexpr.NewScanner([]byte(text))
	for {
		tok, err := s.Scan()
		if err != nil {
			t.Fatalf("accepted %q, which does not scan: %v", text, err)
		}
		switch tok.Type {
		case fexpr.TokenEOF:
			return out
		case fexpr.TokenIdentifier, fexpr.TokenFunction:
			out = append(out, tok.Literal)
		case fexpr.TokenGroup:
			out = append(out, identifiers(t, tok.Literal)...)
		}
	}
}
