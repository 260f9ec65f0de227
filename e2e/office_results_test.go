package e2e_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"
	"github.com/xuri/excelize/v2"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestOfficeResultsAndDecision: the results show rank, mean, criterion
// means, votes / voters and the member barred as an author; the preview is
// a draft listing the one that passes; the decision recorded in the page
// moves the round and the initiatives; a recognised one is nominated to
// the city; the Excel list downloads under the name shown and opens.
func TestOfficeResultsAndDecision(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	o := newOfficeRound(t, time.Now().AddDate(0, 0, -2))
	council := o.seatCouncil(t)
	title := "Số hóa biên nhận <img src=x onerror=window.xss=1>"
	good := o.initiative(t, w.StaffA, "accepted", title, map[string]any{"council": council.Id})
	weak := o.initiative(t, w.Members[0], "accepted", "Sáng kiến của một thành viên Hội đồng", map[string]any{"council": council.Id})
	testkit.Update(t, w.App, o.Round, map[string]any{"status": "review"})
	voters := append([]*core.Record{w.Chair}, w.Members...)
	for _, m := range voters {
		w.Sheet(t, good, m, "submitted", testkit.Points(25, 15, 25, 15), true)
		if m.Id != w.Members[0].Id {
			w.Sheet(t, weak, m, "submitted", testkit.Points(10, 10, 10, 10), false)
		}
	}

	p := NewPage(t)
	p.UseSession(officer(t), o.path("/van-phong/ket-qua.html"))
	p.WaitJS(`!!document.querySelector('#results tr[data-id="` + good.Id + `"]')`)
	row := p.Text(`#results tr[data-id="` + good.Id + `"]`)
	for _, want := range []string{"80", "25", "4/4", i18n.T("report.tier.tot")} {
		if !strings.Contains(row, want) {
			t.Errorf("result row lacks %q: %q", want, row)
		}
	}
	if got := p.Text(`#results tr[data-id="` + weak.Id + `"] .barred`); !strings.Contains(got, w.Members[0].GetString("name")) || !strings.Contains(got, i18n.T("office.barred.author")) {
		t.Errorf("barred: %q", got)
	}
	if got := p.Text(`#results tr[data-id="` + weak.Id + `"] .votes`); !strings.HasPrefix(got, "0/3") {
		t.Errorf("weak votes %q", got)
	}
	if !strings.Contains(p.Text("#preview-state"), i18n.T("office.preview_draft")) ||
		!Eval[bool](p, `!!document.querySelector('#preview tr[data-id="`+good.Id+`"]') && !document.querySelector('#preview tr[data-id="`+weak.Id+`"]')`) {
		t.Errorf("preview: %q", p.Text("#preview-card"))
	}
	xssInert(t, p)
	p.CheckLabels()
	p.CheckNarrow("office-results")
	p.Screenshots("office-results")

	// record the decision.
	p.Fill(i18n.T("office.decision_no"), "125/QĐ-UBND")
	setDate(p, i18n.T("office.signed_on"), time.Now())
	p.Fill(i18n.T("office.signer"), "Chu Thanh Lương")
	p.Click(i18n.T("office.decide_button"))
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	if q := p.Text("dialog[open]"); !strings.Contains(q, "125/QĐ-UBND") || !strings.Contains(q, "không hoàn tác") {
		t.Errorf("the question does not name the decision or say it is final:\n%s", q)
	}
	p.Click(i18n.T("chair.confirm_ok"))
	p.WaitText(i18n.T("office.decision_recorded"))
	if s := reload(t, o.Round).GetString("status"); s != "decided" {
		t.Fatalf("round is %s", s)
	}
	if s := reload(t, good).GetString("status"); s != "recognized" {
		t.Errorf("good is %s", s)
	}
	if s := reload(t, weak).GetString("status"); s != "not_recognized" {
		t.Errorf("weak is %s", s)
	}
	p.WaitText(i18n.T("office.preview_final"))

	// nominate it to the city.
	clickIn(p, `#nominate tr[data-id="`+good.Id+`"]`, i18n.T("office.nominate_button"))
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	p.Fill(i18n.T("office.city_number"), "30/TTr-UBND")
	setDate(p, i18n.T("office.signed_on"), time.Now())
	p.Click(i18n.T("office.nominate_button"))
	p.WaitText(i18n.T("office.nominated_one", "code", good.GetString("code")))
	if !reload(t, good).GetBool("nominated") {
		t.Error("not nominated")
	}

	// the Excel list: one click, the name shown, a workbook holding it.
	dir := allowDownloads(p)
	p.Go(o.path("/van-phong/bao-cao.html"))
	p.CheckNarrow("office-reports")
	p.Screenshots("office-reports")
	name := p.Text(`#excel li:first-child .download__name`)
	if want := fmt.Sprintf("Tong-hop-sang-kien-%d.xlsx", o.Year); name != want {
		t.Errorf("shown name %q, want %q", name, want)
	}
	p.Click(i18n.T("office.report.initiatives"))
	p.WaitText(i18n.T("office.downloaded", "name", name))
	file := waitFile(t, filepath.Join(dir, name))
	f, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatalf("excelize: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		found = found || strings.Contains(strings.Join(r, "|"), title)
	}
	if !found {
		t.Errorf("the workbook does not hold %q", title)
	}
	// a Word document arrives under the name shown too.
	doc := p.Text(`#word li:first-child .download__name`)
	p.Click(i18n.T("doc.decision"))
	p.WaitText(i18n.T("office.downloaded", "name", doc))
	waitFile(t, filepath.Join(dir, doc))
}

// allowDownloads lets the tab's browser context save downloads into a
// fresh folder, which it returns.
func allowDownloads(p *Page) string {
	p.t.Helper()
	p.noReuse = true
	dir := p.t.TempDir()
	id := chromedp.FromContext(p.ctx).BrowserContextID
	ctx, cancel := context.WithTimeout(p.ctx, 10*time.Second)
	defer cancel()
	if _, err := cdp.Call(ctx, chromedp.FromContext(p.ctx).Browser, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, BrowserContextID: id, DownloadPath: dir,
	}); err != nil {
		p.t.Fatal(err)
	}
	return dir
}

// waitFile waits (10 s, 40 s with -race) for path to exist with content
// and returns it.
func waitFile(t *testing.T, path string) string {
	t.Helper()
	if !poll(func() bool { st, err := os.Stat(path); return err == nil && st.Size() > 0 }) {
		entries, _ := os.ReadDir(filepath.Dir(path))
		t.Fatalf("no file %s (folder holds %v)", path, entries)
	}
	return path
}
