package e2e_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestPageStringsInCatalog checks, without a browser, that every string
// the pages ask for is in i18n/vi.json: the data-i18n keys of the
// HTML, the t('…') keys of the scripts, and a Vietnamese name for every
// role and every initiative status the collections allow.
func TestPageStringsInCatalog(t *testing.T) {
	t.Parallel()
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
	err := filepath.WalkDir(public, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			if d != nil && d.Name() == "vendor" {
				return filepath.SkipDir
			}
			return err
		}
		rel, _ := filepath.Rel(public, path)
		switch filepath.Ext(path) {
		case ".html":
			// a key given to a part of _parts.html ({{.}}) is the page's
			// own title key, scanned in its {{page "title.key" …}} line.
			scan(rel, regexp.MustCompile(`data-i18n="([^"{]+)"`))
			scan(rel, regexp.MustCompile(`\{\{page "([^"]+)"`))
		case ".js":
			scan(rel, regexp.MustCompile(`\bt\('([a-z_]+\.[a-z_.]+)'`))
			scan(rel, regexp.MustCompile(`'((?:page|error|nav|msg|format)\.[a-z_]+)'`))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
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
	catalog, err := os.ReadFile(filepath.Join(public, "i18n", "vi.json"))
	if err != nil {
		t.Fatal(err)
	}
	for key, where := range keys {
		// a prefix the page completes at run time ('staff.part.' + name):
		// the catalog must hold keys under it.
		if strings.HasSuffix(key, ".") {
			if !strings.Contains(string(catalog), `"`+key) {
				t.Errorf("%s: no key under %q in i18n/vi.json", where, key)
			}
			continue
		}
		if !i18n.Has(key) {
			t.Errorf("%s: %q is not in i18n/vi.json", where, key)
		}
	}
}
