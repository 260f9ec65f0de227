package hooks_test

import (
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
	files, err := filepath.Glob(filepath.Join(testkit.Root, "hooks", "*.go"))
	if err != nil {
		t.Fatal(err)
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
