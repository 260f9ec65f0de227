package vocab_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
	"sangkien/internal/vocab"
)

// TestVocabulariesMatchTheCollectionsAndTheCatalog compares each list with
// the values of its select field in a database the migrations made (same
// words, same order: a ninth status in the schema or here alone fails)
// and checks that every word has its name in the catalog, and the catalog
// no name of a word the list lacks.
func TestVocabulariesMatchTheCollectionsAndTheCatalog(t *testing.T) {
	t.Parallel()
	if err := i18n.Load(os.DirFS(filepath.Join(testkit.Root, "pb_public"))); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(testkit.Root, "pb_public", "i18n", "vi.json"))
	if err != nil {
		t.Fatal(err)
	}
	var catalog map[string]string
	if err := json.Unmarshal(raw, &catalog); err != nil {
		t.Fatal(err)
	}
	app := testkit.NewApp(t)
	t.Cleanup(app.Cleanup)
	for _, l := range vocab.All {
		col, err := app.FindCollectionByNameOrId(l.Collection)
		if err != nil {
			t.Fatal(err)
		}
		f, ok := col.Fields.GetByName(l.Field).(*core.SelectField)
		if !ok {
			t.Errorf("%s.%s is not a select field", l.Collection, l.Field)
			continue
		}
		if !slices.Equal(f.Values, l.Words) {
			t.Errorf("%s.%s holds %q, vocab %q", l.Collection, l.Field, f.Values, l.Words)
		}
		if l.Catalog == "" {
			continue
		}
		for _, w := range l.Words {
			if !i18n.Has(l.Catalog + w) {
				t.Errorf("no %s%s in the catalog", l.Catalog, w)
			}
		}
		// and the catalog names no word the list lacks (report.tier.none
		// is the name of no tier).
		for key := range catalog {
			if w, ok := strings.CutPrefix(key, l.Catalog); ok && !strings.Contains(w, ".") && !slices.Contains(l.Words, w) && key != "report.tier.none" {
				t.Errorf("the catalog names %s, which is no word of %s.%s", key, l.Collection, l.Field)
			}
		}
	}
}
