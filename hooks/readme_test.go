package hooks

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeSaysEachThingOnce reads the README as a new IT person does and
// fails when it says a thing twice, as a merge that kept both sides does:
// two rows of one table starting with the same cell (two rows for
// `POST …/{id}/endorse` that disagree on who may), or a long line of prose
// repeated word for word.
func TestReadmeSaysEachThingOnce(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	table := 0
	rows := map[int]map[string]int{}
	prose := map[string]int{}
	fence := false
	for i, line := range strings.Split(string(raw), "\n") {
		n := i + 1
		if strings.HasPrefix(line, "```") {
			fence = !fence
			continue
		}
		if fence {
			continue
		}
		if !strings.HasPrefix(line, "|") {
			table++
			if len(line) > 60 {
				if first, ok := prose[line]; ok {
					t.Errorf("README line %d repeats line %d: %q", n, first, line)
				} else {
					prose[line] = n
				}
			}
			continue
		}
		cells := strings.Split(line, "|")
		if len(cells) < 3 {
			continue
		}
		first := strings.TrimSpace(cells[1])
		if strings.Trim(first, "-: ") == "" {
			continue
		}
		if rows[table] == nil {
			rows[table] = map[string]int{}
		}
		if at, ok := rows[table][first]; ok {
			t.Errorf("README line %d: a second row for %s (first on line %d)", n, first, at)
			continue
		}
		rows[table][first] = n
	}
}
