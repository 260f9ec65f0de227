package e2e_test

import (
	"strings"
	"testing"
	"time"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestStaffRefusals: what a person sees when the form is refused, each
// Vietnamese message at its place: shares summing to 90 (at the sum), a
// missing required part (at the field, and in the list of problems with a
// link to it), a council member linked as co-author (at that author's
// row), an oversized file and a file of the wrong type (at the file
// input, before any upload).
func TestStaffRefusals(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	staff := NewUser(t, "staff")
	p := NewPage(t)
	p.Allow("/submit", 400)
	p.Allow("/api/collections/initiatives/records/", 400)

	// shares summing to 90
	ini := w.Initiative(t, staff, "draft", map[string]any{"authors": []map[string]any{
		{"name": staff.GetString("name"), "position": "Chuyên viên", "workplace": "UBND phường", "share": 60, "user": staff.Id},
		{"name": "Trần Văn Ngoài", "position": "Giáo viên", "workplace": "Trường THCS", "share": 30},
	}})
	p.UseSession(staff, "/sang-kien/sua.html?id="+ini.Id)
	if got := p.Text("#authors-sum"); got != i18n.T("staff.author.sum_off", "sum", "90") {
		t.Errorf("live sum %q", got)
	}
	p.typeInto("title", "\r") // Enter in a one-line field does not submit the application
	if Eval[bool](p, `!!document.querySelector("dialog[open]")`) {
		t.Error("Enter in the title opened the submit confirmation")
	}
	p.Click(i18n.T("staff.submit"))
	p.Click(i18n.T("staff.submit_yes"))
	want := i18n.T("error.shares_not_100", "sum", "90")
	p.WaitJS(`(document.getElementById("authors-sum-error") || {}).textContent === ` + js(want))
	if !strings.Contains(p.Text("#problems"), want) {
		t.Errorf("problems list %q", p.Text("#problems"))
	}
	p.Fill(i18n.T("staff.author.share"), "70") // the first author's share
	p.WaitText(i18n.T("staff.author.sum_ok", "sum", "100"))
	if Eval[bool](p, `!document.getElementById("problems").hidden || !!document.getElementById("authors-sum-error")`) {
		t.Error("the fixed problem is still listed")
	}

	// a council member linked as co-author: refused at that row
	p.setValue("author-2-user", w.Chair.Id)
	p.WaitJS(`(document.getElementById("author-2-user-error") || {}).textContent.includes(` + js(w.Chair.GetString("name")) + `)`)
	if !strings.Contains(p.Text("#save-status"), i18n.T("staff.save.failed")) {
		t.Errorf("save status %q", p.Text("#save-status"))
	}
	p.setValue("author-2-user", "")
	p.WaitText(strings.Split(i18n.T("staff.save.saved"), "{")[0])

	// an oversized file and a wrong type: refused before upload
	big := pdfFile(t, "quaLon.pdf", 11<<20)
	p.attach("attachments", big)
	p.WaitJS(`(document.getElementById("attachments-error") || {}).textContent.includes(` + js(i18n.T("staff.files.too_big", "name", "quaLon.pdf", "size", "11 MB")) + `)`)
	p.Screenshots("staff-form-refusals")
	// a file that fits goes up, and can be removed again
	p.attach("attachments", pdfFile(t, "bosung.pdf", 20<<10))
	p.WaitText(i18n.T("staff.files.uploaded", "name", "bosung.pdf"))
	if Eval[bool](p, `!!document.getElementById("attachments-error")`) {
		t.Error("the oversized file's message stayed after a good upload")
	}
	p.Click(i18n.T("staff.files.remove"))
	p.WaitText(i18n.T("staff.files.removed", "name", "bosung.pdf"))
	if r, _ := w.App.FindRecordById("initiatives", ini.Id); len(r.GetStringSlice("attachments")) != 0 {
		t.Errorf("attachments after removing: %v", r.GetStringSlice("attachments"))
	}

	// a missing required part: at the field and in the list, linked
	missing := w.Initiative(t, staff, "draft", map[string]any{"solution": "", "field": ""})
	p.Go("/sang-kien/sua.html?id=" + missing.Id)
	p.Click(i18n.T("staff.submit"))
	p.Click(i18n.T("staff.submit_yes"))
	p.WaitJS(`(document.getElementById("solution-error") || {}).textContent === ` + js(i18n.T("error.incomplete.solution")))
	if got := p.Text("#field-error"); got != i18n.T("error.incomplete.field") {
		t.Errorf("field error %q", got)
	}
	if !strings.Contains(p.Text("#submit-status"), i18n.T("error.incomplete")) {
		t.Errorf("submit status %q", p.Text("#submit-status"))
	}
	p.Click(i18n.T("error.incomplete.solution")) // the link in the list
	if got := Eval[string](p, `document.activeElement.id`); got != "solution" {
		t.Errorf("the problem's link focuses %q", got)
	}
	p.typeInto("solution", "Nội dung đã bổ sung.")
	if Eval[bool](p, `!!document.getElementById("solution-error") || !document.getElementById("field-error")`) {
		t.Error("typing into the solution should clear its message, and only its message")
	}
	if r, _ := w.App.FindRecordById("initiatives", missing.Id); r.GetString("status") != "draft" {
		t.Errorf("an incomplete form was submitted: %s", r.GetString("status"))
	}
}

// TestAfterDeadline: once the unit's deadline has passed, submitting is
// refused with the deadline in the message, near the submit button, without
// offering the act first; a
// unit head who endorses is told first that it will be marked late, and
// it is.
func TestAfterDeadline(t *testing.T) {
	w := Shared(t)
	staff := NewUser(t, "staff")
	head := NewUser(t, "staff", "unit_head")
	draft := w.Initiative(t, staff, "draft", nil)
	waiting := w.Initiative(t, staff, "submitted", nil)
	old := w.Round.GetDateTime("submission_deadline")
	round, _ := w.App.FindRecordById("rounds", w.Round.Id)
	testkit.Update(t, w.App, round, map[string]any{"submission_deadline": time.Now().Add(-48 * time.Hour)})
	t.Cleanup(func() {
		r, _ := w.App.FindRecordById("rounds", w.Round.Id)
		testkit.Update(t, w.App, r, map[string]any{"submission_deadline": old})
	})

	p := NewPage(t)
	p.Allow("/submit", 400)
	p.UseSession(staff, "/sang-kien/sua.html?id="+draft.Id)
	if !strings.Contains(p.Text("#deadline-line"), i18n.T("staff.deadline_passed")) {
		t.Errorf("deadline line %q", p.Text("#deadline-line"))
	}
	p.Click(i18n.T("staff.submit"))
	// refused before any question: the page knows the deadline has passed.
	p.WaitJS(`document.getElementById("submit-status").textContent.startsWith(` + js(strings.Split(i18n.T("error.deadline_passed"), "{")[0]) + `)`)
	if Eval[bool](p, `!!document.querySelector("dialog[open]")`) {
		t.Error("submitting after the deadline is still offered")
	}
	if n := strings.Count(p.Text("#submit-status"), strings.Split(i18n.T("error.deadline_passed"), "{")[0]); n != 1 {
		t.Errorf("the deadline message shows %d times: %q", n, p.Text("#submit-status"))
	}
	p.Screenshots("staff-after-deadline")

	h := NewPage(t)
	h.UseSession(head, "/don-vi/xem.html?id="+waiting.Id)
	h.Click(i18n.T("head.endorse"))
	h.WaitText(strings.Split(i18n.T("head.endorse_late"), "(")[0])
	h.Click(i18n.T("head.endorse_yes"))
	h.WaitText(i18n.T("head.done.da-de-xuat"))
	h.WaitText(i18n.T("page.late"))
	if r, _ := w.App.FindRecordById("initiatives", waiting.Id); !r.GetBool("late") || r.GetString("status") != "endorsed" {
		t.Errorf("endorsed late: %v %s", r.GetBool("late"), r.GetString("status"))
	}
}
