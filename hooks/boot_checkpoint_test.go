package hooks_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sangkien/internal/testkit"
)

// While the program serves, what is committed reaches the database file
// within moments, long before the log holds the pages at which a commit
// would copy it (footprint.AutoCheckpointPages).
func TestServingCopiesTheLogIntoTheDatabaseOutsideCommits(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	testkit.Handler(t, w.App) // the serve event starts the copying
	db := filepath.Join(w.App.DataDir(), "data.db")
	if _, err := w.App.DB().NewQuery("CREATE TABLE fill (x TEXT)").Execute(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // what came before is copied
	before := fileSize(t, db)
	for range 100 { // 100 commits of 8 KB: about 300 pages, far under the automatic checkpoint
		if _, err := w.App.DB().NewQuery("INSERT INTO fill (x) VALUES ({:x})").
			Bind(map[string]any{"x": strings.Repeat("x", 8000)}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if fileSize(t, db) >= before+800_000 {
			return
		}
	}
	t.Errorf("data.db grew from %d to %d bytes in 5 s after 800 KB were committed", before, fileSize(t, db))
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}
