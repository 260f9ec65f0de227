package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestOfficeCouncil: the secretariat sets up the council in the browser
// (its decision, a chair and three voting members), the accepted
// initiative is given to it automatically, the round moves to review
// (asking a reason while a unit's extension runs), and the progress view
// changes without reload when a member submits a sheet through the API,
// and, its realtime stream cut while a sheet arrives, catches up once the
// network comes back.
func TestOfficeCouncil(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	o := newOfficeRound(t, time.Now().AddDate(0, 0, 10))
	ini := o.initiative(t, w.StaffA, "accepted", "Tra cứu hồ sơ bằng mã QR <img src=x onerror=window.xss=1>", nil)
	saveExtension(t, o, w.UnitB.Id, time.Now().AddDate(0, 0, 20), "Kiện toàn nhân sự")

	p := NewPage(t)
	me := officer(t)
	p.UseSession(me, o.path("/van-phong/hoi-dong.html"))
	p.WaitText(i18n.T("office.council_create"))
	p.Fill(i18n.T("office.decision_number"), "15/QĐ-UBND")
	setDate(p, i18n.T("office.decision_date"), time.Now().AddDate(0, 0, -1))
	p.Click(i18n.T("office.council_create"))
	p.WaitText(i18n.T("office.council_created"))
	council, err := w.App.FindFirstRecordByData("councils", "round", o.Round.Id)
	if err != nil {
		t.Fatal(err)
	}
	if council.GetString("decision_number") != "15/QĐ-UBND" {
		t.Errorf("decision number %q", council.GetString("decision_number"))
	}
	if got := reload(t, ini).GetString("council"); got != council.Id {
		t.Errorf("initiative's council %q, want %q (automatic assignment)", got, council.Id)
	}

	// a second chair is refused at the position field.
	seat(p, w.Chair, "chair")
	p.Allow("/api/collections/council_members/records", 400)
	selectOption(p, i18n.T("office.member_person"), w.Members[0].GetString("name"))
	selectOption(p, i18n.T("office.member_position"), i18n.T("office.position.chair"))
	p.Click(i18n.T("office.add_member_button"))
	p.WaitText(i18n.T("error.one_chair"))
	for _, m := range w.Members {
		seat(p, m, "member")
	}
	p.WaitText(i18n.T("office.members_summary", "count", "4", "voters", "4", "chairs", "1"))
	xssInert(t, p)
	p.CheckLabels()
	p.CheckNarrow("office-council")
	p.Screenshots("office-council")

	// review: the extension still runs, so the question names it and asks a reason.
	p.Click(i18n.T("office.to_review_button"))
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	if q := p.Text("dialog[open]"); !strings.Contains(q, w.UnitB.GetString("name")) {
		t.Errorf("the question does not name the unit under extension:\n%s", q)
	}
	p.Fill(i18n.T("office.review_reason"), "Đơn vị gia hạn đã nộp đủ")
	p.Click(i18n.T("office.to_review_button"))
	p.WaitJS(`document.body.dataset.ready === "true" && !!document.querySelector("#progress-card:not([hidden])")`)
	if s := reload(t, o.Round).GetString("status"); s != "review" {
		t.Fatalf("round is %s", s)
	}
	p.WaitJS(`document.getElementById("progress-total").dataset.done === "0"`)
	p.WaitText(i18n.T("office.live_on"))
	Eval[bool](p, `(window.sameLoad = true)`)

	// a member submits through the API: the view changes without reload.
	submitSheet(t, w, ini, w.Members[1])
	p.WaitJS(`document.getElementById("progress-total").dataset.done === "1" && window.sameLoad`)
	if got := p.Text(`#progress-members tr[data-user="` + w.Members[1].Id + `"] .count`); got != "1/1" {
		t.Errorf("member's count %q", got)
	}
	if got := p.Text(`#progress-initiatives tr[data-id="` + ini.Id + `"] .count`); got != "1/4" {
		t.Errorf("initiative's count %q", got)
	}
	xssInert(t, p)
	p.CheckNarrow("office-progress")
	p.Screenshots("office-progress")

	// the network drops. Chromium's emulated offline leaves an open stream
	// up, so the server ends the page's stream too: the page says so, and
	// cannot connect again while offline. A sheet arrives meanwhile
	// (stored when submitSheet returns) and does not show; back online the
	// page connects again and fetches it.
	p.Offline()
	dropRealtime(t, w.App, me)
	p.WaitText(i18n.T("office.live_off"))
	submitSheet(t, w, ini, w.Members[2])
	time.Sleep(slow * time.Second) // an event that got through would show by now
	if got := Eval[string](p, `document.getElementById("progress-total").dataset.done + " " + document.getElementById("live").innerText.trim()`); got != "1 "+i18n.T("office.live_off") {
		t.Errorf("while the stream is cut the page shows %q, want 1 sheet and %q", got, i18n.T("office.live_off"))
	}
	p.Online()
	p.WaitJS(`document.getElementById("progress-total").dataset.done === "2" && window.sameLoad`)
	// the stream comes back too (the SDK tries again every 2 s at most).
	p.WaitJS(`document.getElementById("live").innerText.includes(` + js(i18n.T("office.live_on")) + `)`)

	// the overview's to-do names the two members still owing their sheet.
	p.Go(o.path("/van-phong/"))
	missing := p.Text("#missing")
	for _, m := range []*core.Record{w.Chair, w.Members[0]} {
		if !strings.Contains(missing, m.GetString("name")) {
			t.Errorf("%s not among the missing: %q", m.GetString("name"), missing)
		}
	}
	if strings.Contains(missing, w.Members[1].GetString("name")) {
		t.Errorf("a member who submitted is listed: %q", missing)
	}
}

// dropRealtime ends, on the server, every realtime stream of user (the
// page's only one, user being the test's own account), as a network cut
// would; it fails the test if there was none.
func dropRealtime(t *testing.T, app core.App, user *core.Record) {
	t.Helper()
	broker := app.SubscriptionsBroker()
	dropped := 0
	for id, c := range broker.Clients() {
		if auth, _ := c.Get(apis.RealtimeClientAuthKey).(*core.Record); auth != nil && auth.Id == user.Id {
			broker.Unregister(id) // closes its channel: the stream ends
			dropped++
		}
	}
	if dropped == 0 {
		t.Fatalf("no realtime stream of %s to cut", user.GetString("name"))
	}
}

// seat adds user to the council on the page in position, with a vote.
func seat(p *Page, user *core.Record, position string) {
	p.t.Helper()
	selectOption(p, i18n.T("office.member_person"), user.GetString("name"))
	selectOption(p, i18n.T("office.member_position"), i18n.T("office.position."+position))
	p.Click(i18n.T("office.add_member_button"))
	// the seat's row, and the person list drawn again without them: a
	// choice made before that redraw is lost (the first person is added).
	p.WaitJS(`!!document.querySelector('#members tr[data-user="` + user.Id + `"]') &&
		!document.querySelector('#member-user option[value="` + user.Id + `"]')`)
}

// selectOption chooses, in the select labelled label, the option whose
// text starts with text.
func selectOption(p *Page, label, text string) {
	p.t.Helper()
	ok := Eval[bool](p, `(() => {
		const root = document.querySelector("dialog[open]") || document;
		const l = [...root.querySelectorAll("label")].find((l) => l.textContent.trim() === `+js(label)+`);
		const s = l && l.control;
		const o = s && [...s.options].find((o) => o.textContent.trim().startsWith(`+js(text)+`));
		if (!o) return false;
		s.value = o.value;
		s.dispatchEvent(new Event("change", {bubbles: true}));
		return true; })()`)
	if !ok {
		p.t.Fatalf("no option %q in %q", text, label)
	}
}

// setDate sets the date input labelled label to day (as a person picks it).
func setDate(p *Page, label string, day time.Time) {
	p.t.Helper()
	ok := Eval[bool](p, `(() => {
		const root = document.querySelector("dialog[open]") || document;
		const l = [...root.querySelectorAll("label")].find((l) => l.textContent.trim() === `+js(label)+`);
		if (!l || !l.control) return false;
		l.control.value = `+js(day.Format("2006-01-02"))+`;
		l.control.dispatchEvent(new Event("change", {bubbles: true}));
		return true; })()`)
	if !ok {
		p.t.Fatalf("no date field %q", label)
	}
}

// submitSheet saves member's draft sheet on ini and submits it through the
// API as the member would.
func submitSheet(t *testing.T, w *testkit.Ward, ini, member *core.Record) *core.Record {
	t.Helper()
	s := w.Sheet(t, ini, member, "draft", testkit.Points(25, 15, 25, 15), true)
	if code, body := apiCall(t, member, "POST", "/api/reform/scores/"+s.Id+"/submit", map[string]any{"approve": true}); code != 200 {
		t.Fatalf("submit sheet: %d %v", code, body)
	}
	return s
}
