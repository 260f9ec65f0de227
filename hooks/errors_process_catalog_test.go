package hooks_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestProcessMessagesInCatalog: every message the process routes and the
// reminders can show is in pb_public/i18n/vi.json, so no key leaks to a
// person. Codes and keys written literally in the hooks are found by
// reading the source; keys built at run time are listed here.
func TestProcessMessagesInCatalog(t *testing.T) {
	if err := i18n.Load(os.DirFS(filepath.Join(testkit.Root, "pb_public"))); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, s := range []string{"draft", "submitted", "endorsed", "accepted", "recognized", "not_recognized", "returned", "withdrawn"} {
		keys["status."+s] = true
	}
	for _, s := range []string{"open", "review", "decided", "closed"} {
		keys["round_status."+s] = true
	}
	for _, a := range []string{"submit", "endorse", "send-back", "withdraw", "accept", "return", "review", "close"} {
		keys["action."+a] = true
	}
	for _, f := range []string{"title", "field", "summary", "solution", "benefits", "first_applied", "authors", "author_name", "author_share"} {
		keys["error.incomplete."+f] = true
	}
	literal := regexp.MustCompile(`"((?:error|mail)\.[a-z_.]+)"`)
	// the code argument of badRequest(field, code), fail(status, field, code),
	// failKey(status, field, code, key) and fieldError(code, key).
	codes := regexp.MustCompile(`(?:badRequest\("[^"]+", |fail\([^,]+, "[^"]+", |failKey\([^,]+, "[^"]+", |fieldError\()"([a-z0-9_]+)"`)
	files, _ := filepath.Glob(filepath.Join(testkit.Root, "hooks", "*.go"))
	for _, f := range files {
		if m, _ := filepath.Match("*_test.go", filepath.Base(f)); m {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			if m[1] != "error." && m[1][len(m[1])-1] != '.' {
				keys[m[1]] = true
			}
		}
		for _, m := range codes.FindAllStringSubmatch(string(src), -1) {
			keys["error."+m[1]] = true
		}
	}
	for _, must := range []string{"error.deadline_passed", "error.invalid_transition", "error.incomplete", "error.shares_not_100", "error.locked", "mail.quota.body"} {
		if !keys[must] {
			t.Errorf("the source scan missed %s: fix the patterns", must)
		}
	}
	for k := range keys {
		if !i18n.Has(k) {
			t.Errorf("vi.json lacks %q", k)
		}
	}
}
