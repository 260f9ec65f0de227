package e2e_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sangkien/internal/testkit"
)

// TestStylesheetBalanced: every block of css/app.css is closed. One
// unclosed @media made every rule after it apply to phones only (the
// staff pages lost their layout on a desktop), and no browser reports it.
func TestStylesheetBalanced(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(filepath.Join(testkit.Root, "pb_public", "css", "app.css"))
	if err != nil {
		t.Fatal(err)
	}
	depth := 0
	for i, line := range strings.Split(string(raw), "\n") {
		depth += strings.Count(line, "{") - strings.Count(line, "}")
		if depth < 0 {
			t.Fatalf("line %d closes a block that was never opened", i+1)
		}
	}
	if depth != 0 {
		t.Errorf("css/app.css ends with %d block(s) still open", depth)
	}
}
