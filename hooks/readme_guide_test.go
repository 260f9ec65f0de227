package hooks

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestOperatorGuideNamesRealTests: every test the operator's guide
// (docs/van-hanh.md) cites as covering a step exists, and so does every
// program command and environment variable it tells the operator to use.
func TestOperatorGuideNamesRealTests(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../docs/van-hanh.md")
	if err != nil {
		t.Fatal(err)
	}
	guide := string(raw)
	var sources strings.Builder
	for _, pattern := range []string{"*.go", "../e2e/*.go", "../migrations/*.go"} {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			sources.Write(b)
		}
	}
	all := sources.String()
	tests := regexp.MustCompile("`(Test[A-Za-z0-9]+)`").FindAllStringSubmatch(guide, -1)
	if len(tests) < 10 {
		t.Fatalf("the guide cites only %d tests; is the pattern still right?", len(tests))
	}
	for _, m := range tests {
		if !strings.Contains(all, "func "+m[1]+"(t *testing.T)") {
			t.Errorf("the guide cites %s, which is not a test", m[1])
		}
	}
	for _, m := range regexp.MustCompile(`\b(SANGKIEN_[A-Z0-9_]+[A-Z0-9])\b`).FindAllStringSubmatch(guide, -1) {
		name := strings.TrimSuffix(m[1], "_")
		if !strings.Contains(all, `"`+name+`"`) && !strings.Contains(all, `"`+strings.TrimPrefix(name, "SANGKIEN_S3_")+`"`) {
			t.Errorf("the guide names %s, which the program does not read", name)
		}
	}
	for _, cmd := range []string{"service", "restore", "check"} {
		if !strings.Contains(guide, "sangkien "+cmd) || !strings.Contains(all, `Use:          "`+cmd) {
			t.Errorf("command %s: in the guide and the program?", cmd)
		}
	}
}
