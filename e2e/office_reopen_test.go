package e2e_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestReviewAsksAndReopens: moving the round to review asks first, saying
// what it stops and how many days were left; cancelling leaves the round
// open; confirming moves it; while no sheet is submitted the secretariat
// reopens it from the same page; once a sheet is in, the page says why it
// cannot reopen instead of offering it, and the server refuses too.
func TestReviewAsksAndReopens(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	o := newOfficeRound(t, time.Now().AddDate(0, 0, 40))
	ini := o.initiative(t, w.StaffA, "accepted", "Một cửa liên thông điện tử", nil)
	c := o.seatCouncil(t)
	testkit.Update(t, w.App, ini, map[string]any{"council": c.Id})
	sec := officer(t)

	p := NewPage(t)
	p.UseSession(sec, o.path("/van-phong/hoi-dong.html"))
	p.Click(i18n.T("office.to_review_button"))
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	q := p.Text("dialog[open]")
	for _, want := range []string{i18n.T("office.review_stops"), "còn ", i18n.T("office.review_undo")} {
		if !strings.Contains(q, want) {
			t.Errorf("the question lacks %q:\n%s", want, q)
		}
	}
	if focused := Eval[string](p, `document.activeElement.textContent.trim()`); focused != i18n.T("office.cancel") {
		t.Errorf("the safe choice is not focused first: %q", focused)
	}
	p.Click(i18n.T("office.cancel"))
	// the button is enabled again once the cancelled question has ended.
	p.WaitJS(`!document.querySelector("dialog[open]") && !document.getElementById("review-button").disabled`)
	if s := reload(t, o.Round).GetString("status"); s != "open" {
		t.Fatalf("cancel: the round is %s", s)
	}

	p.Click(i18n.T("office.to_review_button"))
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	p.Click(i18n.T("office.to_review_button"))
	p.WaitJS(`document.body.dataset.ready === "true" && !!document.getElementById("reopen-card")`)
	if s := reload(t, o.Round).GetString("status"); s != "review" {
		t.Fatalf("confirm: the round is %s", s)
	}

	// reopen while no sheet is in.
	p.Click(i18n.T("office.reopen_button"))
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	p.Click(i18n.T("office.reopen_button"))
	p.WaitJS(`document.body.dataset.ready === "true" && !document.getElementById("reopen-card") && !!document.querySelector("#review-card:not([hidden])")`)
	if s := reload(t, o.Round).GetString("status"); s != "open" {
		t.Fatalf("reopen: the round is %s", s)
	}
	if n, _ := w.App.CountRecords("audit_log", dbx.HashExp{"record": o.Round.Id, "action": "reopen"}); n != 1 {
		t.Errorf("%d audit entries of the reopen", n)
	}

	// back to review; a member submits a sheet; no reopen any more.
	p.Click(i18n.T("office.to_review_button"))
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	p.Click(i18n.T("office.to_review_button"))
	p.WaitJS(`document.body.dataset.ready === "true" && !!document.getElementById("reopen-card")`)
	submitSheet(t, w, ini, w.Members[1])
	p.Go(o.path("/van-phong/hoi-dong.html"))
	p.WaitJS(`!!document.getElementById("reopen-card")`)
	if got := p.Text("#reopen-card"); !strings.Contains(got, i18n.T("error.sheets_submitted", "count", "1")) {
		t.Errorf("the reopen card does not say why: %q", got)
	}
	if Eval[bool](p, `[...document.querySelectorAll("#reopen-card button")].length > 0`) {
		t.Error("reopen is still offered after a sheet is submitted")
	}
	if st, body := apiCall(t, sec, "POST", "/api/reform/rounds/"+itoa(o.Year)+"/reopen", nil); st != 400 || !strings.Contains(fmt.Sprint(body), "sheets_submitted") {
		t.Errorf("the server reopens after a sheet: %d %v", st, body)
	}
	p.CheckNarrow("office-reopen")
}

// TestDecisionWithoutNumberIsNotOffered: recording the decision with its
// number left empty is refused at the field ("Vui lòng nhập …") before any
// question; the question, once the number is there, names it.
func TestDecisionWithoutNumberIsNotOffered(t *testing.T) {
	t.Parallel()
	cr := newCouncilRound(t, "review", 1)
	p := NewPage(t)
	p.UseSession(NewUser(t, "chairman"), "/chu-tich/?year="+itoa(cr.Year))
	p.Click(i18n.T("chair.decide_submit"))
	p.WaitText(i18n.T("error.required", "field", i18n.T("decision.number")))
	if Eval[bool](p, `!!document.querySelector("dialog[open]")`) {
		t.Error("the question is asked with the number empty")
	}
	p.Fill(i18n.T("decision.number"), "45/QĐ-UBND")
	p.Click(i18n.T("chair.decide_submit"))
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	if q := p.Text("dialog[open]"); !strings.Contains(q, "45/QĐ-UBND") || !strings.Contains(q, "không hoàn tác") {
		t.Errorf("the question:\n%s", q)
	}
	p.Click(i18n.T("council.confirm_cancel"))
	if s := reload(t, cr.Round).GetString("status"); s != "review" {
		t.Errorf("cancel: the round is %s", s)
	}
}
