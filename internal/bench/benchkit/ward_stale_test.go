package benchkit

import (
	"os"
	"path/filepath"
	"testing"
)

// TestKeptWardRemadeWhenAskedAnotherSize: a kept ward serves the run that
// asks the size it was made to; one made to another size, one that does
// not say (made by an older build), an empty folder and -fresh are made
// again, so `bench-city -n 300` after a 20,000 run does not measure the
// 20,000.
func TestKeptWardRemadeWhenAskedAnotherSize(t *testing.T) {
	kept := func(t *testing.T, made *string) string {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "data.db"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if made != nil {
			if err := os.WriteFile(filepath.Join(dir, madeFile), []byte(*made), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	size := func(s string) *string { return &s }
	for _, c := range []struct {
		name   string
		master string
		fresh  bool
		stale  bool
	}{
		{"made to the size asked", kept(t, size("300")), false, false},
		{"made to another size", kept(t, size("20000")), false, true},
		{"made by a build that did not say", kept(t, nil), false, true},
		{"no ward in the folder", t.TempDir(), false, true},
		{"-fresh", kept(t, size("300")), true, true},
	} {
		fresh := c.fresh
		w := Ward{Fresh: &fresh}
		if got := w.stale(c.master, "300"); got != c.stale {
			t.Errorf("%s: made again %v, want %v", c.name, got, c.stale)
		}
	}
}
