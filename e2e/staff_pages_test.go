package e2e_test

import (
	"strings"
	"testing"

	"sangkien/internal/i18n"
)

// xssPayload is a stored script and an image whose error handler would run.
const xssPayload = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`

// TestStoredHTMLStaysInert: a stored <script> and <img onerror> in every
// text field of an initiative (and in its authors, trial participants and
// return reason) show as text on every page of the author and of the unit
// head; nothing runs, no image is made (the harness also fails on the CSP
// violation or the failed request either would cause).
func TestStoredHTMLStaysInert(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	staff := NewUser(t, "staff")
	head := NewUser(t, "staff", "unit_head")
	extra := map[string]any{"return_reason": "Lý do " + xssPayload, "code": "SK-XSS-1",
		"authors": []map[string]any{{"name": xssPayload, "position": xssPayload, "workplace": xssPayload,
			"qualification": xssPayload, "share": 100, "user": staff.Id}},
		"trial_participants": []map[string]any{{"name": xssPayload, "workplace": xssPayload, "task": xssPayload}}}
	for _, f := range []string{"title", "summary", "current_state", "solution", "novelty", "replicability",
		"confidential", "conditions", "benefits", "applied_feedback"} {
		extra[f] = f + " " + xssPayload
	}
	ini := w.Initiative(t, staff, "returned", extra)
	check := func(p *Page, path string) {
		t.Helper()
		p.Go(path)
		p.WaitText("title " + `<img src=x`)
		got := Eval[string](p, `String(window.__xss) + "|" + document.querySelectorAll("main img, main script").length`)
		if got != "undefined|0" {
			t.Errorf("%s: stored HTML ran or was parsed: %s", path, got)
		}
		p.CheckNarrow(path) // a long unbroken word does not widen the page
	}
	p := NewPage(t)
	p.UseSession(staff, "/")
	for _, path := range []string{"/", "/sang-kien/xem.html?id=" + ini.Id} {
		check(p, path)
	}
	p.Go("/sang-kien/sua.html?id=" + ini.Id)
	if got := p.formValue("title"); got != "title "+xssPayload {
		t.Errorf("title in the form %q", got)
	}
	if got := p.formValue("author-1-name"); got != xssPayload {
		t.Errorf("author in the form %q", got)
	}
	if !strings.Contains(p.Text("#returned-reason"), xssPayload) {
		t.Errorf("reason %q", p.Text("#returned-reason"))
	}
	if n := Eval[int](p, `document.querySelectorAll("main img, main script").length`); n != 0 {
		t.Errorf("the form made %d elements from stored text", n)
	}
	h := NewPage(t)
	h.UseSession(head, "/don-vi/")
	for _, path := range []string{"/don-vi/", "/don-vi/xem.html?id=" + ini.Id} {
		check(h, path)
	}
}

// TestStaffPages: each page of staff and unit heads at 360 px without
// sideways scroll, every control labelled, the focus visible from the
// keyboard, no browser errors (the harness), screenshots at 1280 and 360
// px; a decided initiative shows its author the outcome and tier, not
// the scores; the application form downloads.
func TestStaffPages(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	staff := NewUser(t, "staff")
	head := NewUser(t, "staff", "unit_head")
	long := "Ứng dụng phần mềm quản lý hồ sơ hành chính liên thông giữa bộ phận một cửa và các phòng chuyên môn để rút ngắn thời gian giải quyết"
	draft := w.Initiative(t, staff, "draft", map[string]any{"title": long})
	w.Initiative(t, staff, "returned", map[string]any{"code": "SK-2099-901", "return_reason": "Thiếu số liệu so sánh trước và sau."})
	waiting := w.Initiative(t, staff, "submitted", map[string]any{"code": "SK-2099-902"})
	decided := w.Initiative(t, staff, "recognized", map[string]any{"code": "SK-2099-903", "result_tier": "tot", "result_mean": 78.25})
	p := NewPage(t)
	p.UseSession(staff, "/")
	for _, c := range []struct{ name, path string }{
		{"staff-home-list", "/"}, {"staff-new", "/sang-kien/moi.html"}, {"staff-edit", "/sang-kien/sua.html?id=" + draft.Id},
		{"staff-view-draft", "/sang-kien/xem.html?id=" + draft.Id}, {"staff-view-decided", "/sang-kien/xem.html?id=" + decided.Id},
	} {
		p.Go(c.path)
		p.CheckNarrow(c.name)
		p.CheckLabels()
		p.CheckFocusVisible()
		p.Screenshots(c.name)
	}
	p.Go("/sang-kien/xem.html?id=" + decided.Id)
	if got := p.Text("#outcome"); !strings.Contains(got, i18n.T("staff.outcome_recognized", "tier", i18n.T("report.tier.tot"))) || strings.Contains(got, "78") {
		t.Errorf("outcome %q", got)
	}

	// staff only: the unit head's pages say so to a civil servant
	p.Go("/don-vi/")
	p.WaitText(i18n.T("page.no_access"))
	// the unit head, in the same tab
	h := p
	h.UseSession(head, "/don-vi/")
	for _, c := range []struct{ name, path string }{{"unit-list", "/don-vi/"}, {"unit-read", "/don-vi/xem.html?id=" + waiting.Id}} {
		h.Go(c.path)
		h.CheckNarrow(c.name)
		h.CheckLabels()
		h.CheckFocusVisible()
		h.Screenshots(c.name)
	}
	h.Go("/don-vi/")
	// the desktop layout holds (an unclosed @media once left it to phones only)
	if got := Eval[string](h, `getComputedStyle(document.querySelector(".quota__fact")).display + " " + getComputedStyle(document.querySelector(".deadline__text")).fontWeight`); got != "flex 600" {
		t.Errorf("at 1280 px the quota card is laid out %q", got)
	}
	if w, o := h.Text("#waiting"), h.Text("#others"); !strings.Contains(w, "SK-2099-902") || strings.Contains(w, "SK-2099-901") || !strings.Contains(o, "SK-2099-901") {
		t.Errorf("waiting %q, others %q", w, o)
	}

	// the application form (.docx) downloads with the session's token (last:
	// a started download leaves headless Chromium's tab without resizes)
	h.Go("/don-vi/xem.html?id=" + waiting.Id)
	h.Click(i18n.T("staff.download"))
	h.WaitJS(`performance.getEntriesByType("resource").some((e) => e.name.endsWith("/application.docx") && e.responseStatus === 200)`)
}
