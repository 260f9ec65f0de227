package hooks_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/testkit"
)

func TestReindexCommandRepairsTheIndex(t *testing.T) {
	t.Parallel()
	dir, _ := demoFolder(t)
	count := func(sql string) int {
		t.Helper()
		app, err := testkit.NewTestApp(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer app.Cleanup()
		var n int
		if err := app.DB().NewQuery(sql).Row(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	initiatives := count("SELECT COUNT(*) FROM initiatives")
	if initiatives == 0 || count("SELECT COUNT(*) FROM initiatives_fts") != initiatives {
		t.Fatalf("the demo's %d initiatives are not all indexed", initiatives)
	}
	// damage the index behind the program's back.
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	for _, sql := range []string{"DELETE FROM initiatives_fts", "DELETE FROM initiative_similar"} {
		if _, err := app.DB().NewQuery(sql).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	if err := app.ResetBootstrapState(); err != nil {
		t.Fatal(err)
	}
	if n := count("SELECT COUNT(*) FROM initiatives_fts"); n != 0 {
		t.Fatalf("the damaged index still holds %d rows", n)
	}
	out, err := runCommand(t, dir, "reindex", "--similar")
	if err != nil {
		t.Fatalf("reindex: %v\n%s", err, out)
	}
	if !strings.Contains(out, "Đã lập lại chỉ mục tìm kiếm cho") || !strings.Contains(out, "Đã so sánh lại") {
		t.Errorf("reindex printed %q", out)
	}
	if n := count("SELECT COUNT(*) FROM initiatives_fts"); n != initiatives {
		t.Errorf("after reindex %d of %d initiatives are indexed", n, initiatives)
	}
	if n := count("SELECT COUNT(DISTINCT initiative) FROM initiative_similar"); n == 0 {
		t.Error("reindex --similar stored no similar list")
	}
}
