package hooks_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
	"sangkien/internal/vocab"
)

// errorCall finds the code of every error the program builds with fail,
// badRequest, failParams or fieldError; catalogT every key read with
// i18n.T; keyLiteral every "error.…" or "mail.…" key written whole.
var (
	errorCall  = regexp.MustCompile(`(?:badRequest\(|(?:fail|failParams)\([^,]+,)\s*(?:"[^"]*"|[\w.]+),\s*"([a-z_]+)"|fieldError\("([a-z0-9_]+)"`)
	catalogT   = regexp.MustCompile(`i18n\.T\("([^"]+)"[,)]`)
	keyLiteral = regexp.MustCompile(`"((?:error|mail)\.[a-z_]+(?:\.[a-z_]+)*)"`)
)

// TestEveryMessageIsInTheCatalog: every message the program can show is in
// pb_public/i18n/vi.json, so no key leaks to a person. Codes and keys
// written in the source are found by reading it (the scan must find a few
// known ones, or it proves nothing); keys built at run time are in
// dynamicKeys.
func TestEveryMessageIsInTheCatalog(t *testing.T) {
	t.Parallel()
	if err := i18n.Load(os.DirFS(filepath.Join(testkit.Root, "pb_public"))); err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, pattern := range []string{"*.go", "hooks/*.go", "internal/*/*.go"} {
		matched, err := filepath.Glob(filepath.Join(testkit.Root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, matched...)
	}
	seen, found := 0, map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, m := range errorCall.FindAllStringSubmatch(string(src), -1) {
			keys = append(keys, "error."+m[1]+m[2])
		}
		for _, m := range catalogT.FindAllStringSubmatch(string(src), -1) {
			keys = append(keys, m[1])
		}
		for _, m := range keyLiteral.FindAllStringSubmatch(string(src), -1) {
			keys = append(keys, m[1])
		}
		for _, k := range keys {
			seen++
			found[k] = true
			if !i18n.Has(k) {
				t.Errorf("%s: %s is not in pb_public/i18n/vi.json", filepath.Base(f), k)
			}
		}
	}
	t.Logf("%d message uses checked", seen)
	for _, must := range []string{"error.deadline_passed", "error.invalid_transition", "error.incomplete",
		"error.shares_not_100", "error.locked", "mail.quota.body"} {
		if !found[must] {
			t.Errorf("the source scan missed %s: fix the patterns", must)
		}
	}
	// the scan must find the codes, or it proves nothing.
	if seen < 30 {
		t.Errorf("found only %d message uses; is the pattern still right?", seen)
	}
}

// dynamicKeys are the catalog families read with a key built at run time
// (i18n.T("status."+s)), each with every value the program can pass.
var dynamicKeys = map[string][]string{
	"status.":           vocab.Statuses.Words,
	"round_status.":     vocab.RoundStatuses.Words,
	"action.":           {"submit", "endorse", "send-back", "withdraw", "accept", "return", "review", "close"},
	"role.":             vocab.Roles.Words,
	"decision.":         {"number", "signed_on", "signer"},
	"report.position.":  vocab.Positions.Words,
	"report.tier.":      append(slices.Clone(vocab.Tiers.Words), "none"),
	"error.incomplete.": {"title", "field", "summary", "solution", "benefits", "first_applied", "authors", "author_name", "author_share"},
}

// TestDynamicKeysAreInTheCatalog: a key built at run time that is missing
// would show itself ("status.returned") to a person.
func TestDynamicKeysAreInTheCatalog(t *testing.T) {
	t.Parallel()
	if err := i18n.Load(os.DirFS(filepath.Join(testkit.Root, "pb_public"))); err != nil {
		t.Fatal(err)
	}
	for prefix, values := range dynamicKeys {
		for _, v := range values {
			if !i18n.Has(prefix + v) {
				t.Errorf("%s%s is not in pb_public/i18n/vi.json", prefix, v)
			}
		}
	}
}

// jsonSyntax is what a message must never show a person: JSON's braces
// around a quoted key, or a key and its colon.
var jsonSyntax = regexp.MustCompile(`\{\s*"|"\s*:|\[\s*\{`)

// TestNoMessageShowsJSON: no sentence of the catalog shows JSON syntax
// (error.invalid_points once read {"mã tiêu chí": điểm}).
func TestNoMessageShowsJSON(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(filepath.Join(testkit.Root, "pb_public", "i18n", "vi.json"))
	if err != nil {
		t.Fatal(err)
	}
	var catalog map[string]string
	if err := json.Unmarshal(raw, &catalog); err != nil {
		t.Fatal(err)
	}
	for k, v := range catalog {
		if jsonSyntax.MatchString(v) {
			t.Errorf("%s shows JSON syntax: %q", k, v)
		}
	}
}
