package e2e_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestPageStringsInCatalog checks, without a browser, that every string
// the start page asks for is in i18n/vi.json: the data-i18n keys of the
// HTML, the t('…') keys of the scripts, and a Vietnamese name for every
// role and every initiative status the collections allow.
func TestPageStringsInCatalog(t *testing.T) {
	w := testkit.NewWard(t) // loads the catalog
	t.Cleanup(w.App.Cleanup)
	public := filepath.Join(testkit.Root, "pb_public")

	keys := map[string]string{} // key → where it is used
	scan := func(file string, re *regexp.Regexp) {
		raw, err := os.ReadFile(filepath.Join(public, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(raw), -1) {
			keys[m[1]] = file
		}
	}
	scan("index.html", regexp.MustCompile(`data-i18n="([^"]+)"`))
	for _, js := range []string{"js/start.js", "js/i18n.js", "js/api.js", "js/format.js"} {
		scan(js, regexp.MustCompile(`\bt\('([a-z_]+\.[a-z_.]+)'`))
		scan(js, regexp.MustCompile(`'((?:page|error)\.[a-z_]+)'`))
	}
	select_ := func(col, field, prefix string) {
		c, err := w.App.FindCollectionByNameOrId(col)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range c.Fields.GetByName(field).(*core.SelectField).Values {
			keys[prefix+v] = col + "." + field
		}
	}
	select_("users", "roles", "role.")
	select_("initiatives", "status", "status.")
	if len(keys) < 30 {
		t.Fatalf("found only %d keys: the scan is broken", len(keys))
	}
	for key, where := range keys {
		if !i18n.Has(key) {
			t.Errorf("%s: %q is not in i18n/vi.json", where, key)
		}
	}
}
