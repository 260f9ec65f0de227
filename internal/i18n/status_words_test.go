package i18n

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// statuses are the initiative statuses of the REST contract.
var statuses = []string{"draft", "submitted", "endorsed", "accepted", "recognized", "not_recognized", "returned", "withdrawn"}

// retiredNames are names a status once had besides its one name; none may
// come back anywhere ("returned" read three ways).
var retiredNames = []string{"Trả lại để bổ sung", "Trả lại để hoàn thiện", "Đang soạn", "Đã tiếp nhận, đang đánh giá"}

// TestStatusWordsFromOnePlace checks that each status has one Vietnamese
// name, the catalog's "status.<code>": no other catalog key names a status
// (such as report.status.returned), no retired name appears in the
// program's files, and no Go source spells a status name itself instead
// of reading it through T.
func TestStatusWordsFromOnePlace(t *testing.T) {
	root := filepath.Join("..", "..")
	if err := Load(os.DirFS(filepath.Join(root, "pb_public"))); err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, s := range statuses {
		if !Has("status." + s) {
			t.Errorf("no status.%s in the catalog", s)
		}
		names[T("status."+s)] = s
	}
	if len(names) != len(statuses) {
		t.Errorf("two statuses share a name: %v", names)
	}
	mu.RLock()
	for key := range catalog {
		last := key[strings.LastIndex(key, ".")+1:]
		if !strings.HasPrefix(key, "status.") && strings.Contains(key, "status.") && names[T("status."+last)] == last {
			t.Errorf("%s names status %s again; use status.%s", key, last, last)
		}
	}
	mu.RUnlock()

	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") && d.Name() != ".." && d.Name() != "." || d.Name() == "pb_data" || d.Name() == "vendor") {
			return filepath.SkipDir
		}
		ext := filepath.Ext(path)
		if d.IsDir() || ext != ".go" && ext != ".js" && ext != ".html" && ext != ".json" && ext != ".md" || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text := string(raw)
		for _, old := range retiredNames {
			if strings.Contains(text, old) {
				t.Errorf("%s: retired status name %q", path, old)
			}
		}
		if ext == ".go" {
			for name, s := range names {
				if strings.Contains(text, `"`+name+`"`) {
					t.Errorf("%s spells status %s (%q); read it with i18n.T(\"status.%s\")", path, s, name, s)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
