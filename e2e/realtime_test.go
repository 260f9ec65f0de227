package e2e_test

import (
	"testing"

	"sangkien/internal/testkit"
)

// TestRealtimeThroughHarness: PocketBase realtime (server-sent events)
// reaches a page through the harness's server and CSP: a record saved by
// Go shows in the page's subscription without reload.
func TestRealtimeThroughHarness(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	u := NewUser(t, "staff")
	mine := w.Initiative(t, u, "draft", map[string]any{"title": "Bản nháp trước khi sửa"})
	p := NewPage(t)
	p.SignInAs(u)
	Eval[bool](p, `import("/js/pb.js").then(async ({ pb }) => {
		window.seen = [];
		await pb.collection("initiatives").subscribe(`+js(mine.Id)+`, (e) => window.seen.push(e.record.title));
		return true; })`)
	testkit.Update(t, w.App, mine, map[string]any{"title": "Tên mới qua realtime"})
	p.WaitJS(`window.seen.includes("Tên mới qua realtime")`)
}
