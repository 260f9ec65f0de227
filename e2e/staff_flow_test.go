package e2e_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"sangkien/internal/i18n"
)

// TestStaffFlow: a civil servant writes a draft, attaches a PDF (the
// progress shows), the page saves by itself, a reload brings the text
// back, the network drops while typing and nothing is lost, and submits;
// the unit head sends it back with a reason; the author sees the reason,
// edits and submits again; the unit head endorses and the unit's quota
// card counts it.
func TestStaffFlow(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	unit := NewUnit(t) // the quota card counts the unit's endorsements: no other test's
	staff := NewUserIn(t, unit, "staff")
	head := NewUserIn(t, unit, "staff", "unit_head")
	p := NewPage(t)
	p.UseSession(staff, "/")
	p.WaitText(i18n.T("staff.round_title", "year", strconv.Itoa(w.Round.GetInt("year"))))
	p.Screenshots("staff-home-empty")
	p.Click(i18n.T("nav.new"))
	p.WaitJS(`location.pathname === "/sang-kien/moi.html" && document.body.dataset.ready === "true"`)
	if got := p.formValue("author-1-name"); got != staff.GetString("name") {
		t.Errorf("first author %q, want the person signed in", got)
	}
	p.CheckLabels()

	// a draft saves itself a few seconds after typing stops
	title := "Tra cứu hồ sơ một cửa bằng mã QR " + staff.Id
	p.Fill(part("2", "staff.part.title"), title)
	p.Fill(i18n.T("staff.part.summary"), "Người dân quét mã QR trên giấy hẹn để biết hồ sơ đang ở đâu.")
	p.WaitText(strings.Split(i18n.T("staff.save.saved"), "{")[0])
	p.WaitJS(`location.pathname === "/sang-kien/sua.html"`)
	id := Eval[string](p, `new URLSearchParams(location.search).get("id")`)
	rec, err := w.App.FindRecordById("initiatives", id)
	if err != nil || rec.GetString("title") != title || rec.GetString("status") != "draft" {
		t.Fatalf("the draft on the server: %v %v", rec, err)
	}

	// a PDF goes up with a progress bar, and is listed
	Eval[bool](p, `(window.__progress = [], new MutationObserver(() => {
		for (const b of document.querySelectorAll("#files progress")) window.__progress.push(b.value);
	}).observe(document.getElementById("files"), {subtree: true, childList: true, attributes: true, characterData: true}), true)`)
	p.attach("attachments", pdfFile(t, "kehoach.pdf", 3<<20))
	p.WaitText(i18n.T("staff.files.uploaded", "name", "kehoach.pdf"))
	if n := Eval[int](p, `window.__progress.length`); n == 0 {
		t.Error("no progress bar while uploading")
	}
	p.WaitJS(`[...document.querySelectorAll("#files .file__name")].some((e) => e.textContent === "kehoach.pdf")`)
	p.Screenshots("staff-form")

	// a reload brings the text back from the server
	p.reload()
	if got := p.formValue("title"); got != title {
		t.Errorf("after reload the title is %q", got)
	}

	// the network drops while typing: the page says so, keeps a copy, and
	// saves once the network is back
	p.Offline()
	p.Fill(i18n.T("staff.part.solution"), "Bước 1: in mã QR trên giấy hẹn. Bước 2: cập nhật trạng thái.")
	p.WaitText(i18n.T("staff.save.offline"))
	if !Eval[bool](p, `Object.keys(localStorage).some((k) => k.endsWith(`+js(":"+id)+`) && localStorage.getItem(k).includes("Bước 1"))`) {
		t.Error("no local copy while offline")
	}
	p.Online()
	p.WaitText(strings.Split(i18n.T("staff.save.saved"), "{")[0])
	waitServer(t, func() bool {
		r, _ := w.App.FindRecordById("initiatives", id)
		return strings.Contains(r.GetString("solution"), "Bước 2")
	})

	// the tab closes before the autosave: the copy is offered back
	p.Fill(i18n.T("staff.part.benefits"), "Giảm một nửa số cuộc gọi hỏi hồ sơ.")
	p.reload()
	p.WaitText(i18n.T("staff.restore_yes"))
	p.Click(i18n.T("staff.restore_yes"))
	if got := p.formValue("benefits"); got != "Giảm một nửa số cuộc gọi hỏi hồ sơ." {
		t.Errorf("restored benefits %q", got)
	}
	p.setValue("field", w.Fields["c"].Id)
	p.WaitText(string([]rune(strings.SplitN(w.Fields["c"].GetString("description"), "\n", 2)[0])[:20])) // the directive's description of the field
	p.setValue("first_applied", time.Now().AddDate(0, -1, 0).Format("2006-01-02"))

	// submit, with the confirmation of what gets locked
	p.Click(i18n.T("staff.submit"))
	p.WaitText(i18n.T("staff.submit_confirm_lock"))
	p.viewShots("staff-submit-confirm")
	p.Click(i18n.T("staff.submit_yes"))
	p.WaitJS(`location.pathname === "/sang-kien/xem.html" && document.body.dataset.ready === "true"`)
	p.WaitText(i18n.T("staff.done.da-nop"))
	p.WaitText(i18n.T("status.submitted"))
	p.Screenshots("staff-view")

	// the unit head sends it back with a reason
	h := NewPage(t)
	h.Allow("/send-back", 400)
	h.UseSession(head, "/don-vi/")
	before := Eval[string](h, `document.querySelector('[data-quota="counted"]').textContent`)
	h.WaitText(title)
	h.Screenshots("unit-home")
	h.Click(title)
	h.WaitJS(`location.pathname === "/don-vi/xem.html" && document.body.dataset.ready === "true"`)
	h.Screenshots("unit-view")
	h.Click(i18n.T("head.send_back"))
	h.Click(i18n.T("head.send_back_yes")) // no reason: refused at the field
	h.WaitText(i18n.T("error.reason_required"))
	h.Fill(i18n.T("head.reason"), "Bổ sung số liệu trước và sau khi áp dụng.")
	h.viewShots("unit-send-back")
	h.Click(i18n.T("head.send_back_yes"))
	h.WaitText(i18n.T("head.done.da-tra-lai"))

	// the author sees the reason, edits and submits again
	p.Go("/")
	p.WaitText("Bổ sung số liệu trước và sau khi áp dụng.")
	p.Screenshots("staff-home")
	p.Click(i18n.T("staff.edit_returned"))
	p.WaitJS(`location.pathname === "/sang-kien/sua.html" && document.body.dataset.ready === "true"`)
	p.WaitText(i18n.T("staff.returned_title"))
	p.Fill(i18n.T("staff.part.benefit_value"), "12.000.000")
	p.WaitText(strings.Split(i18n.T("staff.save.saved"), "{")[0])
	p.Click(i18n.T("staff.submit_again"))
	p.Click(i18n.T("staff.submit_yes"))
	p.WaitText(i18n.T("staff.done.da-nop"))
	if r, _ := w.App.FindRecordById("initiatives", id); r.GetFloat("benefit_value") != 12000000 || r.GetString("status") != "submitted" {
		t.Errorf("resubmitted: %v %v", r.GetFloat("benefit_value"), r.GetString("status"))
	}

	// the unit head endorses; the quota card counts it
	h.Go("/don-vi/xem.html?id=" + id)
	h.Click(i18n.T("head.endorse"))
	h.WaitText(strings.SplitN(i18n.T("head.endorse_on_time"), "}. ", 2)[1])
	h.Click(i18n.T("head.endorse_yes"))
	h.WaitText(i18n.T("head.done.da-de-xuat"))
	h.Go("/don-vi/")
	after := Eval[string](h, `document.querySelector('[data-quota="counted"]').textContent`)
	b, _ := strconv.Atoi(before)
	if a, _ := strconv.Atoi(after); a != b+1 {
		t.Errorf("counted %s → %s, want one more", before, after)
	}
	h.Screenshots("unit-home-after")
}

// waitServer waits (10 s, 40 s with -race) for cond about the server's data.
func waitServer(t *testing.T, cond func() bool) {
	t.Helper()
	if !poll(cond) {
		t.Fatal("the server never got it")
	}
}
