package e2e_test

import (
	"fmt"
	"strings"
	"testing"

	"sangkien/internal/testkit"
)

// xss is a text that runs script if a page ever puts it in as HTML.
const xss = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"'`

// TestCouncilPagesXSSInert: titles, summaries, authors, council and
// criterion names, guidance, member names and comments holding markup show
// as text on the queue, the scoring page (with the others' sheets), the
// Chairman's page and the public page; nothing runs.
func TestCouncilPagesXSSInert(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	cr := newCouncilRound(t, "review", 0)
	testkit.Update(t, w.App, cr.Council, map[string]any{"name": "Hội đồng " + xss})
	crit, _ := w.App.FindFirstRecordByFilter("criteria", "round = {:r} && code = 'novelty'", map[string]any{"r": cr.Round.Id})
	testkit.Update(t, w.App, crit, map[string]any{"name": "Tính mới " + xss, "guidance": "Hướng dẫn " + xss})
	evil := w.User(t, fmt.Sprintf("xss%d@phuong.test", userSeq.Add(1)), "Thành viên "+xss, w.UnitA, "staff", "council")
	testkit.Save(t, w.App, "council_members", map[string]any{"council": cr.Council.Id, "user": evil.Id, "position": "member", "votes": true})
	ini := cr.Add(t, cr.Staff, "Tên "+xss, map[string]any{"summary": "Tóm tắt " + xss, "solution": "Giải pháp " + xss,
		"result_tier": "tot", "authors": []map[string]any{{"name": "Tác giả " + xss, "position": "CV", "workplace": "UBND", "share": 100}}})
	w.Sheet(t, ini, evil, "submitted", testkit.Points(25, 15, 25, 15), true)
	testkit.Update(t, w.App, sheetOf(t, ini, evil), map[string]any{"comment": "Nhận xét " + xss})
	member := cr.Members[1]
	for _, m := range cr.Members {
		w.Sheet(t, ini, m, "submitted", testkit.Points(24, 16, 24, 16), true)
	}
	chairman := NewUser(t, "chairman")

	p := NewPage(t)
	p.Allow("/x", 404) // the broken image, were it ever made
	check := func(where string, wants ...string) {
		t.Helper()
		if Eval[bool](p, `window.__xss !== undefined || !!document.querySelector("main img, main script")`) {
			t.Errorf("%s: the markup ran or was inserted as HTML", where)
		}
		text := p.Text("main")
		for _, want := range wants {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the text %q does not show", where, want)
			}
		}
	}
	p.UseSession(member, "/hoi-dong/")
	check("queue", "Hội đồng "+xss, "Tên "+xss)
	p.Go("/hoi-dong/cham.html?id=" + ini.Id)
	p.WaitJS(`!document.getElementById("others").hidden`)
	check("score page", "Tên "+xss, "Tóm tắt "+xss, "Giải pháp "+xss, "Tác giả "+xss, "Tính mới "+xss, "Hướng dẫn "+xss,
		"Thành viên "+xss, "Nhận xét "+xss)
	p.UseSession(chairman, fmt.Sprintf("/chu-tich/?year=%d", cr.Year))
	check("chairman", "Tên "+xss, "Tác giả "+xss)
	testkit.Update(t, w.App, cr.Round, map[string]any{"status": "decided"})
	testkit.Update(t, w.App, ini, map[string]any{"status": "recognized"})
	p.Go(fmt.Sprintf("/cong-khai/?year=%d", cr.Year))
	check("public", "Tên "+xss, "Tóm tắt "+xss, "Tác giả "+xss)
}
