package e2e_test

import (
	"strings"
	"testing"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestCouncilQueue: a member's queue lists the council's initiatives but
// never their own, each with the state of their sheet, its unit's name and
// its field ("a) …"; an empty cell for one with no field), "1/3 chấm
// xong", and the next button goes to the first one not submitted.
func TestCouncilQueue(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	cr := newCouncilRound(t, "review", 3)
	other := NewUnit(t)
	testkit.Update(t, w.App, cr.Items[1], map[string]any{"unit": other.Id, "field": w.Fields["a"].Id})
	testkit.Update(t, w.App, cr.Items[2], map[string]any{"field": ""})
	member := cr.Members[2]
	own := cr.Add(t, member, "Sáng kiến do chính thành viên Hội đồng viết", nil)
	w.Sheet(t, cr.Items[0], member, "submitted", testkit.Points(20, 15, 20, 10), true)
	w.Sheet(t, cr.Items[1], member, "draft", map[string]float64{"novelty": 12.5}, false)

	p := NewPage(t)
	p.UseSession(member, "/hoi-dong/")
	p.WaitText(i18n.T("council.done_count", "done", "1", "total", "3"))
	rows := Eval[[]string](p, `[...document.querySelectorAll(".council-card tbody tr")].map((r) => r.dataset.sheet + "|" + r.innerText.replace(/\s+/g, " "))`)
	if len(rows) != 3 {
		t.Fatalf("rows %q", rows)
	}
	for i, want := range []string{"submitted", "draft", "none"} {
		if !strings.HasPrefix(rows[i], want+"|") || !strings.Contains(rows[i], cr.Items[i].GetString("title")) {
			t.Errorf("row %d: %q, want %s of %q", i, rows[i], want, cr.Items[i].GetString("title"))
		}
	}
	label := func(code string) string { return code + ") " + w.Fields[code].GetString("name") }
	names := Eval[[]string](p, `[...document.querySelectorAll(".council-card tbody tr")].map((r) => r.cells[2].textContent + "|" + r.cells[3].textContent)`)
	wantNames := []string{
		w.UnitA.GetString("name") + "|" + label("c"),
		other.GetString("name") + "|" + label("a"),
		w.UnitA.GetString("name") + "|",
	}
	if strings.Join(names, "\n") != strings.Join(wantNames, "\n") {
		t.Errorf("unit|field of the rows:\n%s\nwant\n%s", strings.Join(names, "\n"), strings.Join(wantNames, "\n"))
	}
	if strings.Contains(p.Text("main"), own.GetString("title")) {
		t.Errorf("the member's own initiative is in the queue")
	}
	if !strings.Contains(p.Text("main"), i18n.T("council.own_hidden", "count", "1")) {
		t.Errorf("no word about the hidden own initiative")
	}
	if !strings.Contains(rows[0], "65/100") || !strings.Contains(rows[1], "12,5/100") {
		t.Errorf("totals: %q", rows)
	}
	p.CheckNarrow("council-queue")
	p.CheckLabels()
	p.Screenshots("council-queue")
	p.Click(i18n.T("council.next"))
	p.WaitJS(`location.pathname === "/hoi-dong/cham.html" && document.body.dataset.ready === "true"`)
	if got := Eval[string](p, `new URLSearchParams(location.search).get("id")`); got != cr.Items[1].Id {
		t.Errorf("next goes to %s, want the draft %s", got, cr.Items[1].Id)
	}
}

// TestCouncilPagesByRole: a staff member without the role sees the
// sentence instead of the council's and the Chairman's pages, and calls
// nothing the server would refuse; a council member without a seat is
// told so.
func TestCouncilPagesByRole(t *testing.T) {
	t.Parallel()
	p := NewPage(t)
	p.UseSession(NewUser(t, "staff"), "/hoi-dong/")
	if got := p.Text("main"); !strings.Contains(got, i18n.T("page.no_access")) {
		t.Errorf("/hoi-dong/ for staff: %q", got)
	}
	p.Go("/chu-tich/")
	if got := p.Text("main"); !strings.Contains(got, i18n.T("page.no_access")) {
		t.Errorf("/chu-tich/ for staff: %q", got)
	}
	q := NewPage(t)
	q.UseSession(NewUser(t, "staff", "council"), "/hoi-dong/")
	q.WaitText(i18n.T("council.no_seat"))
}

// TestCouncilQueueIsPaged: a council of 23 shows its queue twenty at a time
// with the page in the address, each row with the state of the member's
// sheet on it; the progress counts the whole queue, and "next" finds the
// sheet started on the second page. Opened in an English-language
// Chromium.
func TestCouncilQueueIsPaged(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	cr := newCouncilRound(t, "review", 23)
	member := cr.Members[1]
	w.Sheet(t, cr.Items[0], member, "submitted", testkit.Points(20, 15, 20, 10), true)
	w.Sheet(t, cr.Items[1], member, "submitted", testkit.Points(20, 15, 20, 10), true)
	w.Sheet(t, cr.Items[21], member, "draft", map[string]float64{"novelty": 12.5}, false)

	p := NewPageIn(t, English)
	p.UseSession(member, "/hoi-dong/")
	p.WaitText(i18n.T("council.done_count", "done", "2", "total", "23"))
	rows := func() []string {
		return Eval[[]string](p, `[...document.querySelectorAll(".council-card tbody tr")].map((r) => r.dataset.sheet + "|" + r.innerText.replace(/\s+/g, " "))`)
	}
	first := rows()
	if len(first) != 20 || !strings.HasPrefix(first[0], "submitted|") || !strings.HasPrefix(first[2], "none|") ||
		!strings.Contains(first[0], cr.Items[0].GetString("code")) || !strings.Contains(first[19], cr.Items[19].GetString("code")) {
		t.Fatalf("page 1: %d rows %q", len(first), first)
	}
	if got := p.Text(".next"); !strings.Contains(got, cr.Items[21].GetString("code")) {
		t.Errorf("next: %q, want the started %s", got, cr.Items[21].GetString("code"))
	}
	p.WaitText(i18n.T("pager.where", "page", "1", "pages", "2", "count", "23"))
	p.Screenshots("council-queue-paged")
	p.Click(i18n.T("pager.next"))
	p.WaitJS(`location.search.includes("trang=2") && document.querySelectorAll(".council-card tbody tr").length === 3`)
	second := rows()
	for i, want := range []string{"none", "draft", "none"} {
		if !strings.HasPrefix(second[i], want+"|") || !strings.Contains(second[i], cr.Items[20+i].GetString("code")) {
			t.Errorf("page 2, row %d: %q, want %s of %s", i, second[i], want, cr.Items[20+i].GetString("code"))
		}
	}
	p.Go("/hoi-dong/?trang=2")
	if got := rows(); strings.Join(got, "\n") != strings.Join(second, "\n") {
		t.Errorf("?trang=2 opens another page: %q, want %q", got, second)
	}
	p.CheckNarrow("council queue, page 2")
	p.Screenshots("council-queue-page2")
}
