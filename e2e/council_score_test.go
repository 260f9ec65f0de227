package e2e_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// sheetOf returns member's sheet on ini from the database (nil when none).
func sheetOf(t *testing.T, ini, member *core.Record) *core.Record {
	t.Helper()
	r, err := Shared(t).App.FindFirstRecordByFilter("scores", "initiative = {:i} && member = {:m}",
		map[string]any{"i": ini.Id, "m": member.Id})
	if err != nil {
		return nil
	}
	return r
}

// waitSheet waits (10 s, 40 s with -race) until member's sheet on ini
// satisfies ok.
func waitSheet(t *testing.T, ini, member *core.Record, what string, ok func(*core.Record) bool) *core.Record {
	t.Helper()
	var s *core.Record
	if !poll(func() bool { s = sheetOf(t, ini, member); return s != nil && ok(s) }) {
		t.Fatalf("sheet never %s: %v", what, s)
	}
	return s
}

// keys types text (or presses a key such as "\t", "\r", " ") in the focused control.
func (p *Page) keys(text string, opts ...chromedp.KeyOption) {
	p.t.Helper()
	p.do("keys "+text, chromedp.KeyEvent(text, opts...))
}

// focused returns the id of the focused element (or its tag).
func (p *Page) focused() string {
	p.t.Helper()
	return Eval[string](p, `document.activeElement.id || document.activeElement.tagName`)
}

// TestCouncilScoreSheet: the initiative beside the rubric (stacked at 360
// px), guidance and maximum per criterion, the live total; the sheet is
// created on the first change and saved after each; submitting asks, then
// locks it and shows the others' submitted sheets with their names.
func TestCouncilScoreSheet(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	cr := newCouncilRound(t, "review", 1, "Tiếp nhận hồ sơ hộ tịch qua Zalo của phường")
	ini, member, other := cr.Items[0], cr.Members[1], cr.Members[0]
	w.Sheet(t, ini, other, "submitted", testkit.Points(26, 18, 27.5, 17), true)
	p := NewPage(t)
	p.UseSession(member, "/hoi-dong/cham.html?id="+ini.Id)

	// side by side at 1280, the sheet right of the initiative.
	side := Eval[bool](p, `document.getElementById("sheet").getBoundingClientRect().left > document.getElementById("doc").getBoundingClientRect().right`)
	if !side {
		t.Error("at 1280 px the sheet is not beside the initiative")
	}
	for _, want := range []string{ini.GetString("title"), "Người dân phải đến phường nhiều lần", rubricLines[0].guidance,
		i18n.T("council.max_points", "max", "30"), i18n.T("council.part_novelty")} {
		if !strings.Contains(p.Text("main"), want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if sheetOf(t, ini, member) != nil {
		t.Fatal("a sheet exists before any change")
	}
	// the first change creates the draft; the total follows as one types.
	p.Fill(rubricLines[0].name, "25")
	p.WaitJS(`document.getElementById("total").textContent.startsWith("25/100")`)
	s := waitSheet(t, ini, member, "created with 25", func(s *core.Record) bool { return s.GetFloat("total") == 25 })
	created := s.Id
	p.Fill(rubricLines[1].name, "17.5")
	p.Fill(rubricLines[2].name, "28")
	p.Fill(rubricLines[3].name, "16")
	p.WaitJS(`document.getElementById("total").textContent.startsWith("86,5/100")`)
	p.do("vote", chromedp.Click(chromedp.CSS("label:has(#approve-yes)")))
	p.Fill(i18n.T("council.comment"), "Giải pháp thiết thực, dễ nhân rộng.")
	s = waitSheet(t, ini, member, "saved in full", func(s *core.Record) bool {
		return s.GetFloat("total") == 86.5 && s.GetBool("approve") && s.GetString("comment") != ""
	})
	if s.Id != created || s.GetString("status") != "draft" {
		t.Errorf("the autosave made another sheet or submitted it: %s %s", s.Id, s.GetString("status"))
	}
	p.WaitText(strings.Split(i18n.T("council.saved_at", "time", ""), " lúc")[0])

	// the others' sheets stay hidden until mine is submitted.
	if !Eval[bool](p, `document.getElementById("others").hidden`) {
		t.Error("the others' sheets show before submitting")
	}
	p.Click(i18n.T("council.submit"))
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	if got := p.Text("dialog[open]"); !strings.Contains(got, "86,5/100") || !strings.Contains(got, i18n.T("council.confirm_yes")) {
		t.Errorf("the confirmation says %q", got)
	}
	p.Click(i18n.T("council.confirm_cancel"))
	if sheetOf(t, ini, member).GetString("status") != "draft" {
		t.Fatal("going back submitted the sheet")
	}
	p.Click(i18n.T("council.submit"))
	p.Click(i18n.T("council.confirm_ok"))
	p.WaitJS(`!document.getElementById("others").hidden`)
	waitSheet(t, ini, member, "submitted", func(s *core.Record) bool { return s.GetString("status") == "submitted" })
	others := p.Text("#others-table")
	for _, want := range []string{other.GetString("name"), member.GetString("name"), "88,5", "86,5", "27,5"} {
		if !strings.Contains(others, want) {
			t.Errorf("the others' sheets lack %q:\n%s", want, others)
		}
	}
	if !Eval[bool](p, `document.getElementById("pt-novelty").disabled && document.getElementById("submit").hidden`) {
		t.Error("the submitted sheet is still editable")
	}
	// the paper form of the submitted sheet downloads from the page.
	dir := allowDownloads(p)
	p.Click(i18n.T("doc.sheet"))
	waitFile(t, filepath.Join(dir, "Phieu-danh-gia-"+ini.GetString("code")+".docx"))
	p.CheckNarrow("council-score-submitted")
	p.Screenshots("council-score-submitted")

	// reloaded: the same values, locked, the others listed.
	p.Go("/hoi-dong/cham.html?id=" + ini.Id)
	p.WaitJS(`!document.getElementById("others").hidden`)
	if got := Eval[string](p, `document.getElementById("pt-applicability").value`); got != "17.5" {
		t.Errorf("reloaded applicability %q", got)
	}
}

// TestCouncilScoreNarrow: at 360 px the rubric comes under the initiative,
// nothing scrolls sideways, every control is labelled.
func TestCouncilScoreNarrow(t *testing.T) {
	t.Parallel()
	cr := newCouncilRound(t, "review", 1, "Một tên sáng kiến rất dài để thử xem dòng có xuống hàng đúng ở màn hình hẹp hay không khi hiển thị trên điện thoại")
	p := NewPage(t)
	p.UseSession(cr.Members[1], "/hoi-dong/cham.html?id="+cr.Items[0].Id)
	p.CheckLabels()
	p.CheckNarrow("council-score")
	p.viewport(360, 740, true)
	p.WaitJS(`innerWidth === 360`)
	if !Eval[bool](p, `document.getElementById("sheet").getBoundingClientRect().top >= document.getElementById("doc").getBoundingClientRect().bottom`) {
		t.Error("at 360 px the sheet is not under the initiative")
	}
	p.viewport(1280, 900, false)
	p.Screenshots("council-score")
}

// TestCouncilScoreKeyboard: the whole sheet by keyboard only: Tab reaches
// every criterion, the vote, the comment and the submit button in that
// order with a visible focus ring; digits, Space on the vote, Enter to
// submit; the confirmation opens on "go back" (Enter there does not
// submit), Shift+Tab reaches "submit" and Enter submits.
func TestCouncilScoreKeyboard(t *testing.T) {
	t.Parallel()
	cr := newCouncilRound(t, "review", 1)
	ini, member := cr.Items[0], cr.Members[3]
	p := NewPage(t)
	p.UseSession(member, "/hoi-dong/cham.html?id="+ini.Id)
	// from the top of the page, Tab until the first criterion (every stop visible).
	Eval[bool](p, `(document.activeElement.blur(), window.scrollTo(0, 0), true)`)
	for i := 0; p.focused() != "pt-novelty-text"; i++ {
		if i > 30 {
			t.Fatalf("Tab never reaches the first criterion; stuck at %s", p.focused())
		}
		p.CheckFocusVisible()
	}
	order := []string{"pt-novelty-text"}
	for _, c := range []struct{ typed, next string }{
		{"24", "pt-applicability-text"}, {"15,5", "pt-effectiveness-text"}, {"25", "pt-replicability-text"}, {"14", "approve-yes"},
	} {
		p.keys(c.typed)
		p.CheckFocusVisible()
		// the similar initiatives beside the novelty criterion are
		// stops of their own (each opens with Enter).
		for i := 0; p.focused() == "SUMMARY" && i < 10; i++ {
			p.CheckFocusVisible()
		}
		order = append(order, p.focused())
	}
	p.keys(" ") // Space checks the focused vote
	p.CheckFocusVisible()
	order = append(order, p.focused())
	p.keys("Đạt yêu cầu.")
	p.CheckFocusVisible()
	order = append(order, p.focused())
	want := "pt-novelty-text pt-applicability-text pt-effectiveness-text pt-replicability-text approve-yes comment submit"
	if got := strings.Join(order, " "); got != want {
		t.Errorf("Tab order %q, want %q", got, want)
	}
	if !Eval[bool](p, `document.getElementById("approve-yes").checked`) {
		t.Error("Space did not cast the vote")
	}
	p.keys("\r") // Enter on the submit button
	p.WaitJS(`document.activeElement.id === "confirm-cancel"`)
	p.keys("\r") // Enter on "go back": nothing submitted
	p.WaitJS(`!document.querySelector("dialog[open]") && document.activeElement.id === "submit"`)
	if s := sheetOf(t, ini, member); s != nil && s.GetString("status") != "draft" {
		t.Fatal("Enter on go back submitted")
	}
	p.keys("\r")
	p.WaitJS(`document.activeElement.id === "confirm-cancel"`)
	p.keys("\t", chromedp.KeyModifiers(chromedp.ModifierShift))
	if p.focused() != "confirm-ok" {
		t.Fatalf("Shift+Tab in the confirmation reaches %s", p.focused())
	}
	p.keys(" ") // Space on the button
	s := waitSheet(t, ini, member, "submitted by keyboard", func(s *core.Record) bool { return s.GetString("status") == "submitted" })
	if s.GetFloat("total") != 78.5 || !s.GetBool("approve") || s.GetString("comment") != "Đạt yêu cầu." {
		t.Errorf("submitted %v %v %q", s.GetFloat("total"), s.GetBool("approve"), s.GetString("comment"))
	}
	p.WaitJS(`document.activeElement.id === "sheet-state"`)
}

// TestCouncilScoreRefusals: points above the maximum are refused with the
// catalog's sentence under that criterion (nothing saved); submitting an
// incomplete sheet names what is missing under each missing criterion and
// the vote; one's own initiative cannot be scored (said at the sheet, the
// inputs locked, no sheet made).
func TestCouncilScoreRefusals(t *testing.T) {
	t.Parallel()
	cr := newCouncilRound(t, "review", 1)
	ini, member := cr.Items[0], cr.Members[2]
	p := NewPage(t)
	p.Allow("/api/collections/scores/records", 400)
	p.Allow("/submit", 400)
	p.UseSession(member, "/hoi-dong/cham.html?id="+ini.Id)

	p.Fill(rubricLines[1].name, "12")
	waitSheet(t, ini, member, "created", func(s *core.Record) bool { return s.GetFloat("total") == 12 })
	p.Fill(rubricLines[0].name, "35")
	msg := i18n.T("error.score_out_of_range", "criterion", rubricLines[0].name, "max", "30")
	p.WaitJS(`(document.getElementById("pt-novelty-error") || {}).textContent === ` + js(msg))
	if got := Eval[string](p, `document.getElementById("pt-novelty-text").getAttribute("aria-invalid") + " " + document.getElementById("pt-novelty-text").getAttribute("aria-describedby")`); !strings.Contains(got, "true") || !strings.Contains(got, "pt-novelty-error") {
		t.Errorf("the refused input: %q", got)
	}
	if !strings.Contains(p.Text("#form-status"), i18n.T("council.not_saved")) {
		t.Errorf("form status %q", p.Text("#form-status"))
	}
	if s := sheetOf(t, ini, member); s.GetFloat("total") != 12 {
		t.Errorf("35 points were saved: %v", s.GetFloat("total"))
	}
	p.Screenshots("council-score-refused")
	// a step that is not 0.5 is refused the same way.
	p.Fill(rubricLines[0].name, "20.3")
	p.WaitJS(`(document.getElementById("pt-novelty-error") || {}).textContent === ` + js(msg))
	p.Fill(rubricLines[0].name, "20")
	p.WaitJS(`!document.getElementById("pt-novelty-error")`)
	waitSheet(t, ini, member, "saved with 20", func(s *core.Record) bool { return s.GetFloat("total") == 32 })

	// incomplete: two criteria and the vote missing; said at each, before
	// any question is asked.
	p.Click(i18n.T("council.submit"))
	p.WaitJS(`!!document.getElementById("pt-effectiveness-error")`)
	if Eval[bool](p, `!!document.querySelector("dialog[open]")`) {
		t.Error("an incomplete sheet is offered for submission")
	}
	for _, id := range []string{"pt-effectiveness", "pt-replicability"} {
		if got := p.Text("#" + id + "-error"); got != i18n.T("council.missing_points") {
			t.Errorf("%s: %q", id, got)
		}
	}
	if got := p.Text("#vote-error"); got != i18n.T("council.missing_vote") {
		t.Errorf("vote: %q", got)
	}
	if p.Text("#pt-novelty-error") != "" || p.Text("#pt-applicability-error") != "" {
		t.Error("a given criterion is marked missing")
	}
	status := p.Text("#form-status")
	for _, want := range []string{rubricLines[2].name, rubricLines[3].name, i18n.T("score.approve")} {
		if !strings.Contains(status, want) {
			t.Errorf("the message %q does not name %q", status, want)
		}
	}
	if sheetOf(t, ini, member).GetString("status") != "draft" {
		t.Error("an incomplete sheet was submitted")
	}

	// one's own initiative: refused before typing, no sheet.
	own := cr.Add(t, member, "Sáng kiến của chính thành viên", nil)
	p.Go("/hoi-dong/cham.html?id=" + own.Id)
	if got := p.Text("#sheet-state"); got != i18n.T("error.conflict_of_interest") {
		t.Errorf("own initiative: %q", got)
	}
	if !Eval[bool](p, `[...document.querySelectorAll("#form input, #form textarea")].every((e) => e.disabled) && document.getElementById("submit").hidden`) {
		t.Error("the own initiative's sheet can be typed in")
	}
	if sheetOf(t, own, member) != nil {
		t.Error("a sheet on one's own initiative exists")
	}
}

// TestCouncilScoreOwnRefusedByServer: when the page has not seen that the
// member is an author (linked after it loaded), the server's refusal
// (403 conflict_of_interest) shows at the sheet and locks it.
func TestCouncilScoreOwnRefusedByServer(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	cr := newCouncilRound(t, "review", 1)
	ini, member := cr.Items[0], cr.Members[1]
	p := NewPage(t)
	p.Allow("/api/collections/scores/records", 403)
	p.UseSession(member, "/hoi-dong/cham.html?id="+ini.Id)
	testkit.Update(t, w.App, ini, map[string]any{"author_users": []string{cr.Staff.Id, member.Id}})
	p.Fill(rubricLines[0].name, "20")
	p.WaitJS(`document.getElementById("sheet-state").textContent === ` + js(i18n.T("error.conflict_of_interest")))
	if !Eval[bool](p, `document.getElementById("pt-novelty").disabled`) {
		t.Error("not locked after the refusal")
	}
	if sheetOf(t, ini, member) != nil {
		t.Error("a sheet was made")
	}
}

// TestCouncilScoreOffline: points typed while the network is down are
// kept on the page with a message, and saved once it is back, without
// typing again.
func TestCouncilScoreOffline(t *testing.T) {
	t.Parallel()
	cr := newCouncilRound(t, "review", 1)
	ini, member := cr.Items[0], cr.Members[0]
	p := NewPage(t)
	p.UseSession(member, "/hoi-dong/cham.html?id="+ini.Id)
	p.Fill(rubricLines[0].name, "21")
	waitSheet(t, ini, member, "created", func(s *core.Record) bool { return s.GetFloat("total") == 21 })
	p.Offline()
	p.Fill(rubricLines[1].name, "14.5")
	p.WaitText(i18n.T("council.offline_unsaved"))
	if s := sheetOf(t, ini, member); s.GetFloat("total") != 21 {
		t.Fatalf("saved while offline? %v", s.GetFloat("total"))
	}
	p.Online()
	waitSheet(t, ini, member, "saved after the network came back", func(s *core.Record) bool { return s.GetFloat("total") == 35.5 })
	p.WaitJS(`document.getElementById("form-status").textContent === ""`)
}
