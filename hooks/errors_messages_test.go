package hooks_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// errorCall finds the code of every error the hooks build with fail,
// badRequest or failParams, and every key read with i18n.T.
var (
	errorCall = regexp.MustCompile(`(?:badRequest\(|(?:fail|failParams)\([^,]+,)\s*(?:"[^"]*"|[\w.]+),\s*"([a-z_]+)"`)
	catalogT  = regexp.MustCompile(`i18n\.T\("([^"]+)"[,)]`)
)

func TestEveryMessageIsInTheCatalog(t *testing.T) {
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
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range errorCall.FindAllStringSubmatch(string(src), -1) {
			seen++
			if !i18n.Has("error." + m[1]) {
				t.Errorf("%s: error.%s is not in pb_public/i18n/vi.json", filepath.Base(f), m[1])
			}
		}
		for _, m := range catalogT.FindAllStringSubmatch(string(src), -1) {
			seen++
			if !i18n.Has(m[1]) {
				t.Errorf("%s: %s is not in pb_public/i18n/vi.json", filepath.Base(f), m[1])
			}
		}
	}
	t.Logf("%d message uses checked", seen)
	// the scan must find the codes, or it proves nothing.
	if seen < 30 {
		t.Errorf("found only %d message uses; is the pattern still right?", seen)
	}
}

// dynamicKeys are the catalog families read with a key built at run time
// (i18n.T("status."+s)), each with every value the program can pass.
var dynamicKeys = map[string][]string{
	"status.":          {"draft", "submitted", "endorsed", "accepted", "recognized", "not_recognized", "returned", "withdrawn"},
	"round_status.":    {"open", "review", "decided", "closed"},
	"action.":          {"submit", "endorse", "send-back", "withdraw", "accept", "return", "review", "close"},
	"role.":            {"staff", "unit_head", "secretariat", "council", "chairman"},
	"decision.":        {"number", "signed_on", "signer"},
	"report.position.": {"chair", "vice_chair", "secretary", "member"},
	"report.tier.":     {"xuat_sac", "tot", "dat", "none"},
}

// TestDynamicKeysAreInTheCatalog: a key built at run time that is missing
// would show itself ("status.returned") to a person.
func TestDynamicKeysAreInTheCatalog(t *testing.T) {
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
