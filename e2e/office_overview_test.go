package e2e_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestOfficeOverview: the round at a glance shows counts, the deadline as
// its last day, the quota table with the short unit standing out and the
// unit under extension marked; an initiative waiting is accepted, another
// returned with a reason; a late one is refused without the consent (the
// message under the consent box) and accepted with it.
func TestOfficeOverview(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	o := newOfficeRound(t, time.Now().Add(-time.Hour))
	// unit B has an extension that still runs.
	saveExtension(t, o, w.UnitB.Id, time.Now().AddDate(0, 0, 3), "Đơn vị đang kiện toàn nhân sự")
	onTime := o.initiative(t, w.StaffA, "endorsed", "Một cửa điện tử <img src=x onerror=alert(1)>", nil)
	toReturn := o.initiative(t, w.StaffA2, "endorsed", "Sáng kiến cần bổ sung", nil)
	late := o.initiative(t, w.StaffA, "endorsed", "Sáng kiến đến trễ", map[string]any{"endorsed_at": time.Now(), "late": true})
	o.initiative(t, w.StaffB, "submitted", "Chưa được đơn vị đề xuất", nil)
	// 200 withdrawn ones over both units and four fields: counted, not waiting.
	for i := range 200 {
		owner := []*core.Record{w.StaffA, w.StaffB, w.StaffA2}[i%3]
		o.initiative(t, owner, "withdrawn", fmt.Sprintf("Sáng kiến đã rút %d", i), map[string]any{"field": w.Fields[[]string{"a", "b", "c", "h"}[i%4]].Id})
	}

	p := NewPage(t)
	p.Allow("/accept", 400)
	p.UseSession(officer(t), o.path("/van-phong/"))
	p.WaitText(i18n.T("office.waiting"))
	if got := p.Text("#deadlines"); !strings.Contains(got, i18n.T("office.deadline_over")) {
		t.Errorf("deadlines: %q", got)
	}
	if n := p.Text(`#by-status [data-status="endorsed"] .counts__n`); n != "3" {
		t.Errorf("endorsed count %q", n)
	}
	// unit A met its quota on time; unit B is short but under extension.
	if !Eval[bool](p, `document.querySelector('#quota tr[data-unit="TYT"]').classList.contains("row--extension")`) {
		t.Error("unit under extension not marked")
	}
	if got := p.Text(`#quota tr[data-unit="TYT"]`); !strings.Contains(got, i18n.T("office.quota_result.under_extension")) {
		t.Errorf("quota row TYT: %q", got)
	}
	if !Eval[bool](p, `document.querySelector('#quota tr[data-unit="VHXH"]').classList.contains("row--short")`) {
		t.Error("a unit short of its quota does not stand out")
	}
	if Eval[bool](p, `document.querySelector('#quota tr[data-unit="VP"]').classList.contains("row--short")`) {
		t.Error("unit A has met its quota")
	}
	// the counts and the rows waiting are those the page computed from the
	// round's list before it asked GET …/overview.
	if diff := Eval[string](p, overviewAsTheListShows(o.Round.Id)); diff != "" {
		t.Errorf("the overview differs from the round's list: %s", diff)
	}
	xssInert(t, p)
	p.CheckLabels()
	p.CheckNarrow("office-overview")
	p.Screenshots("office-overview")

	// accept the one on time.
	clickIn(p, `#waiting tr[data-id="`+onTime.Id+`"]`, i18n.T("office.accept"))
	p.WaitText(i18n.T("office.accepted", "code", onTime.GetString("code")))
	if s := reload(t, onTime).GetString("status"); s != "accepted" {
		t.Errorf("accepted initiative is %s", s)
	}
	// return with a reason: without one it is refused at the field, before sending.
	clickIn(p, `#waiting tr[data-id="`+toReturn.Id+`"]`, i18n.T("office.return"))
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	p.Click(i18n.T("office.return"))
	p.WaitText(i18n.T("error.required", "field", i18n.T("office.reason")))
	p.Fill(i18n.T("office.reason"), "Thiếu số liệu hiệu quả <b>x</b>")
	p.Click(i18n.T("office.return"))
	p.WaitText(i18n.T("office.returned", "code", toReturn.GetString("code")))
	if r := reload(t, toReturn); r.GetString("status") != "returned" || r.GetString("return_reason") != "Thiếu số liệu hiệu quả <b>x</b>" {
		t.Errorf("returned: %s %q", r.GetString("status"), r.GetString("return_reason"))
	}
	// the late one: refused without consent, the message under the box.
	clickIn(p, `#waiting tr[data-id="`+late.Id+`"]`, i18n.T("office.accept"))
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	p.WaitText(i18n.T("office.late_ok"))
	p.Screenshots("office-accept-late")
	p.Click(i18n.T("office.accept"))
	p.WaitJS(`(() => { const box = document.querySelector("dialog[open] input[type=checkbox]");
		const msg = box && document.getElementById(box.getAttribute("aria-describedby") || "-");
		return box && box.getAttribute("aria-invalid") === "true" && msg && msg.textContent.includes("trễ hạn"); })()`)
	if s := reload(t, late).GetString("status"); s != "endorsed" {
		t.Fatalf("late initiative accepted without consent: %s", s)
	}
	Eval[bool](p, `(document.querySelector("dialog[open] input[type=checkbox]").click(), true)`)
	p.Click(i18n.T("office.accept"))
	p.WaitText(i18n.T("office.accepted", "code", late.GetString("code")))
	if r := reload(t, late); r.GetString("status") != "accepted" || !r.GetBool("late") {
		t.Errorf("late initiative: %s late=%v", r.GetString("status"), r.GetBool("late"))
	}
}

// overviewAsTheListShows is page script that reads round's initiatives
// but drafts through the list rule, as the overview page did before its
// route, counts them by unit and field (largest first, ties in code order)
// and compares with the page's tables and waiting rows: "" when equal.
func overviewAsTheListShows(round string) string {
	return `(async () => {
		const { pb } = await import('/js/pb.js');
		const items = await pb.collection('initiatives').getFullList({
			filter: pb.filter('round = {:r} && status != "draft"', { r: ` + js(round) + ` }), sort: 'code', expand: 'unit,field' });
		const countBy = (fn) => { const m = new Map(); for (const i of items) m.set(fn(i), (m.get(fn(i)) || 0) + 1);
			return [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => k + '=' + n).join('|'); };
		const rows = (id) => [...document.querySelectorAll('#' + id + ' tbody tr')].map((tr) => tr.cells[0].textContent + '=' + tr.cells[1].textContent).join('|');
		const want = [countBy((i) => (i.expand && i.expand.unit ? i.expand.unit.name : '')),
			countBy((i) => (i.expand && i.expand.field ? i.expand.field.code + ') ' + i.expand.field.name : '')),
			items.filter((i) => i.status === 'endorsed').map((i) => i.id).join(','), String(items.length)];
		const got = [rows('by-unit'), rows('by-field'), [...document.querySelectorAll('#waiting tbody tr')].map((tr) => tr.dataset.id).join(','),
			String(Number(document.querySelector('#by-status').textContent.match(/\d+/g).reduce((a, b) => Number(a) + Number(b), 0)))];
		return JSON.stringify(want) === JSON.stringify(got) ? '' : JSON.stringify({ want, got });
	})()`
}

// saveExtension gives unit an extension until with a reason in o's round.
func saveExtension(t *testing.T, o *officeRound, unit string, until time.Time, reason string) {
	t.Helper()
	testkit.Save(t, Shared(t).App, "extensions", map[string]any{"round": o.Round.Id, "unit": unit, "until": until.UTC(), "reason": reason})
}

// clickIn clicks the button reading text inside the element css.
func clickIn(p *Page, css, text string) {
	p.t.Helper()
	sel := p.mark("button "+text+" in "+css, `() => { const root = document.querySelector(`+js(css)+`);
		return root ? [...root.querySelectorAll("button")].find((b) => b.textContent.trim() === `+js(text)+`) : null; }`)
	p.do("click "+text, chromedp.Click(chromedp.CSS(sel)))
}

// xssInert fails the test when a stored title or name made an element or
// ran script: no <img src=x>, no <b> from data, window.xss unset.
func xssInert(t *testing.T, p *Page) {
	t.Helper()
	if Eval[bool](p, `!!document.querySelector('main img[src="x"], main b, dialog img') || !!window.xss`) {
		t.Error("stored markup became an element")
	}
}

// TestOfficePagesRefuseOthers: a staff member or a unit head opening the
// secretariat's pages is told the page is not for their role, and sees
// nothing of the round; without a session they go to sign-in.
func TestOfficePagesRefuseOthers(t *testing.T) {
	t.Parallel()
	p := NewPage(t)
	p.UseSession(NewUser(t, "staff", "unit_head", "council"), "/van-phong/")
	for _, page := range []string{"/van-phong/", "/van-phong/hoi-dong.html", "/van-phong/ket-qua.html", "/van-phong/cai-dat.html",
		"/van-phong/bao-cao.html", "/van-phong/nhat-ky.html", "/van-phong/tai-khoan.html"} {
		p.Go(page)
		if got := p.Text("#main"); got != i18n.T("page.no_access") {
			t.Errorf("%s shows %q", page, got)
		}
	}
	q := NewPage(t)
	q.Go("/dang-nhap.html")
	Eval[bool](q, `(location.assign("/van-phong/ket-qua.html"), true)`)
	q.WaitJS(`location.pathname === "/dang-nhap.html" && location.search.includes("ket-qua")`)
}
