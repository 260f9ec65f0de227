package e2e_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/xuri/excelize/v2"

	"sangkien/internal/i18n"
)

// TestYearInBrowsers: a whole year in browsers. The secretariat accepts
// two initiatives (the late one only with consent), sets up the council
// and moves the round to review; three members score in three browser
// contexts open at once, interleaved, while the secretariat's progress
// view counts their sheets without reload; the Chairman reads the draft
// list and records the decision; the secretariat downloads the Excel list
// (it arrives, opens, holds the initiative); the public page lists the
// recognised initiative and nothing else.
func TestYearInBrowsers(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	cr := newRubricRound(t, "open")
	// the deadline passed an hour ago: an endorsement since is late.
	cr.Round.Set("submission_deadline", time.Now().Add(-time.Hour))
	if err := w.App.Save(cr.Round); err != nil {
		t.Fatal(err)
	}
	good := cr.Add(t, cr.Staff, "Hẹn giờ trả kết quả qua tin nhắn cho người dân",
		map[string]any{"status": "endorsed", "endorsed_at": time.Now().Add(-48 * time.Hour)})
	late := cr.Add(t, cr.Staff, "Bảng tra cứu thủ tục đặt tại tổ dân phố",
		map[string]any{"status": "endorsed", "endorsed_at": time.Now(), "late": true})
	names := []string{"Đào Văn Một", "Đào Thị Hai", "Đào Văn Ba"}
	var members []*core.Record
	for i, n := range names {
		members = append(members, w.User(t, fmt.Sprintf("year%d-%d@phuong.test", cr.Year, i), fmt.Sprintf("%s %d", n, cr.Year), w.UnitB, "staff", "council"))
	}
	office := officer(t)
	chairman := NewUser(t, "chairman")

	// the secretariat accepts both; the late one only with consent.
	sec := NewPage(t)
	sec.Allow("/accept", 400)
	sec.UseSession(office, fmt.Sprintf("/van-phong/?year=%d", cr.Year))
	sec.WaitText(i18n.T("office.waiting"))
	clickIn(sec, `#waiting tr[data-id="`+good.Id+`"]`, i18n.T("office.accept"))
	sec.WaitText(i18n.T("office.accepted", "code", good.GetString("code")))
	// the list is drawn again after the message: wait for it, or the click
	// lands on a button that is gone.
	sec.WaitJS(`!document.querySelector('#waiting tr[data-id="` + good.Id + `"]')`)
	clickIn(sec, `#waiting tr[data-id="`+late.Id+`"]`, i18n.T("office.accept"))
	sec.WaitText(i18n.T("office.late_ok"))
	sec.Click(i18n.T("office.accept"))
	sec.WaitJS(`(() => { const box = document.querySelector("dialog[open] input[type=checkbox]");
		return box && box.getAttribute("aria-invalid") === "true"; })()`)
	if s := reload(t, late).GetString("status"); s != "endorsed" {
		t.Fatalf("the late one was accepted without consent: %s", s)
	}
	Eval[bool](sec, `(document.querySelector("dialog[open] input[type=checkbox]").click(), true)`)
	sec.Click(i18n.T("office.accept"))
	sec.WaitText(i18n.T("office.accepted", "code", late.GetString("code")))

	// the council: its decision, a chair, a secretary and a member; review.
	sec.Go(fmt.Sprintf("/van-phong/hoi-dong.html?year=%d", cr.Year))
	sec.WaitText(i18n.T("office.council_create"))
	sec.Fill(i18n.T("office.decision_number"), "40/QĐ-UBND")
	setDate(sec, i18n.T("office.decision_date"), time.Now().AddDate(0, 0, -1))
	sec.Click(i18n.T("office.council_create"))
	sec.WaitText(i18n.T("office.council_created"))
	for i, pos := range []string{"chair", "secretary", "member"} {
		seat(sec, members[i], pos)
		// the page draws the seat's row before it draws the person list
		// again: wait for both, or the next choice is made in a list about
		// to be replaced.
		sec.WaitJS(`![...document.querySelectorAll("#member-user option")].some((o) => o.value === ` + js(members[i].Id) + `)`)
	}
	sec.Click(i18n.T("office.to_review_button"))
	sec.WaitJS(`!!document.querySelector("dialog[open]")`) // it asks first
	sec.Click(i18n.T("office.to_review_button"))
	sec.WaitJS(`document.body.dataset.ready === "true" && !!document.querySelector("#progress-card:not([hidden])")`)
	if s := reload(t, cr.Round).GetString("status"); s != "review" {
		t.Fatalf("the round is %s, not in review", s)
	}
	sec.WaitText(i18n.T("office.live_on"))
	sec.WaitJS(`document.getElementById("progress-total").dataset.done === "0"`)
	Eval[bool](sec, `(window.sameLoad = true)`)

	// three members, three browser contexts open at once.
	pages := make([]*Page, 3)
	for i := range pages {
		pages[i] = NewPage(t)
		pages[i].UseSession(members[i], "/hoi-dong/")
		pages[i].WaitText(i18n.T("council.done_count", "done", "0", "total", "2"))
	}
	sheets := [][]string{ // novelty, applicability, effectiveness, replicability per member
		{"26", "17.5", "27", "18"}, {"24", "16", "25", "15.5"}, {"27.5", "18", "28", "17"}, // the good one
		{"10", "8", "9", "6"}, {"12", "7.5", "10", "5"}, {"9", "6", "8", "4"}, // the late one, weak
	}
	done := 0
	for round, ini := range []*core.Record{good, late} {
		// each opens the next to score from the queue: the same initiative.
		for _, p := range pages {
			p.Go("/hoi-dong/")
			p.Click(i18n.T("council.next"))
			p.WaitJS(`location.pathname === "/hoi-dong/cham.html" && document.body.dataset.ready === "true"`)
			if got := Eval[string](p, `new URLSearchParams(location.search).get("id")`); got != ini.Id {
				t.Fatalf("next goes to %s, want %s", got, ini.Id)
			}
		}
		// they type criterion by criterion, in turn.
		for c := range rubricLines {
			for i, p := range pages {
				p.Fill(rubricLines[c].name, sheets[round*3+i][c])
			}
		}
		for i, p := range pages {
			vote := "#approve-yes"
			if round == 1 {
				vote = "#approve-no"
			}
			Eval[bool](p, `(document.querySelector(`+js("label:has("+vote+")")+`).click(), true)`)
			p.Fill(i18n.T("council.comment"), fmt.Sprintf("Nhận xét của thành viên %d", i+1))
		}
		// they submit one after the other; the secretariat's view follows.
		for _, p := range pages {
			p.Click(i18n.T("council.submit"))
			p.Click(i18n.T("council.confirm_ok"))
			p.WaitJS(`!document.getElementById("others").hidden`)
			done++
			sec.WaitJS(fmt.Sprintf(`document.getElementById("progress-total").dataset.done === "%d" && window.sameLoad`, done))
		}
		// the last to submit sees all three sheets.
		if n := Eval[int](pages[2], `document.querySelectorAll("#others-table tbody tr").length`); n != 3 {
			t.Errorf("the others' sheets: %d rows", n)
		}
	}
	for _, p := range pages {
		p.Go("/hoi-dong/")
		p.WaitText(i18n.T("council.done_count", "done", "2", "total", "2"))
		p.WaitText(i18n.T("council.all_done"))
	}

	// the Chairman reads the draft list and records the decision.
	ch := NewPage(t)
	ch.UseSession(chairman, fmt.Sprintf("/chu-tich/?year=%d", cr.Year))
	if got := ch.Text("#preview-table"); !strings.Contains(got, good.GetString("title")) || strings.Contains(got, late.GetString("title")) {
		t.Errorf("the draft list: %q", got)
	}
	ch.Fill(i18n.T("decision.number"), "52/QĐ-UBND")
	ch.Click(i18n.T("chair.decide_submit"))
	ch.Click(i18n.T("chair.confirm_ok"))
	ch.WaitJS(`!document.getElementById("decided").hidden`)
	if s := reload(t, cr.Round).GetString("status"); s != "decided" {
		t.Fatalf("the round is %s after the decision", s)
	}
	if s := reload(t, good).GetString("status"); s != "recognized" {
		t.Errorf("the good one is %s", s)
	}
	if s := reload(t, late).GetString("status"); s != "not_recognized" {
		t.Errorf("the weak one is %s", s)
	}
	dec, err := w.App.FindFirstRecordByFilter("decisions", "round = {:r} && kind = 'recognition'", map[string]any{"r": cr.Round.Id})
	if err != nil || dec.GetString("number") != "52/QĐ-UBND" || dec.GetString("signer") != chairman.GetString("name") {
		t.Errorf("the decision: %v %v", dec, err)
	}

	// the secretariat downloads the Excel list.
	dir := allowDownloads(sec)
	sec.Go(fmt.Sprintf("/van-phong/bao-cao.html?year=%d", cr.Year))
	name := sec.Text(`#excel li:first-child .download__name`)
	sec.Click(i18n.T("office.report.initiatives"))
	sec.WaitText(i18n.T("office.downloaded", "name", name))
	f, err := excelize.OpenFile(waitFile(t, filepath.Join(dir, name)))
	if err != nil {
		t.Fatalf("excelize: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, r := range rows {
		all = append(all, strings.Join(r, "|"))
	}
	if text := strings.Join(all, "\n"); !strings.Contains(text, good.GetString("title")) || !strings.Contains(text, good.GetString("code")) {
		t.Errorf("the workbook %s does not hold %q", name, good.GetString("title"))
	}

	// the public: the recognised one, nothing else.
	pub := NewPage(t)
	pub.Go(fmt.Sprintf("/cong-khai/?year=%d", cr.Year))
	if n := Eval[int](pub, `document.querySelectorAll(".public-item").length`); n != 1 {
		t.Errorf("the public page lists %d", n)
	}
	text := pub.Text("main")
	if !strings.Contains(text, good.GetString("title")) || strings.Contains(text, late.GetString("title")) || strings.Contains(text, "Nhận xét") {
		t.Errorf("the public page reads:\n%s", text)
	}
}
