package e2e_test

import (
	"slices"
	"strings"
	"testing"

	"sangkien/internal/i18n"
)

// TestMenuByRole: each role sees the links to its own pages and no others;
// the current page is marked.
func TestMenuByRole(t *testing.T) {
	t.Parallel()
	Shared(t)
	always, help := "/tai-khoan/mat-khau.html", "/huong-dan.html"
	for _, c := range []struct {
		roles []string
		want  []string
	}{
		{[]string{"staff"}, []string{"/", "/sang-kien/moi.html", always, help}},
		{[]string{"staff", "unit_head"}, []string{"/", "/sang-kien/moi.html", "/don-vi/", always, help}},
		{[]string{"secretariat"}, []string{"/van-phong/", always, help}},
		{[]string{"staff", "council"}, []string{"/", "/sang-kien/moi.html", "/hoi-dong/", always, help}},
		{[]string{"chairman"}, []string{"/chu-tich/", always, help}},
	} {
		t.Run(strings.Join(c.roles, "+"), func(t *testing.T) {
			t.Parallel()
			p := NewPage(t)
			p.UseSession(NewUser(t, c.roles...), "/")
			got := Eval[[]string](p, `[...document.querySelectorAll("nav.menu a")].map((a) => a.getAttribute("href"))`)
			if !slices.Equal(got, c.want) {
				t.Errorf("menu %v, want %v", got, c.want)
			}
			if cur := p.Text(`nav.menu a[aria-current="page"]`); slices.Contains(c.roles, "staff") && cur != i18n.T("nav.mine") {
				t.Errorf("current page marked %q", cur)
			}
		})
	}
}

// TestLayoutPages: every common page at 360 px without sideways scroll,
// every control labelled, focus visible from the keyboard, no browser
// errors (the harness), and screenshots at 1280 and 360 px.
func TestLayoutPages(t *testing.T) {
	t.Parallel()
	u := NewUser(t, "staff", "unit_head", "secretariat", "council", "chairman")
	Shared(t).Initiative(t, u, "submitted", map[string]any{"title": "Một tên sáng kiến rất dài để thử xem dòng có xuống hàng đúng ở màn hình hẹp hay không khi hiển thị"})
	p := NewPage(t)
	for _, c := range []struct{ name, path string }{
		{"sign-in", "/dang-nhap.html"}, {"forgot", "/quen-mat-khau.html"}, {"reset", "/dat-lai-mat-khau.html?token=x"},
	} {
		p.Go(c.path)
		p.CheckNarrow(c.name)
		p.CheckLabels()
		p.Screenshots(c.name)
	}
	// the keyboard: the first Tab reaches the skip link, with a focus ring.
	p.Go("/dang-nhap.html")
	if got := p.CheckFocusVisible(); got != i18n.T("page.skip") {
		t.Errorf("first Tab reaches %q", got)
	}
	p.CheckFocusVisible()

	p.SignInAs(u)
	for _, c := range []struct{ name, path string }{{"home", "/"}, {"password", "/tai-khoan/mat-khau.html"}} {
		p.Go(c.path)
		p.CheckNarrow(c.name)
		p.CheckLabels()
		p.Screenshots(c.name)
	}
	p.Go("/tai-khoan/mat-khau.html")
	Eval[bool](p, `(document.getElementById("old-password").focus(), true)`)
	if got := p.CheckFocusVisible(); got != "password" {
		t.Errorf("Tab from the old password reaches %q", got)
	}
}

// TestDeadlineFormat: a deadline "trước ngày 25/9" (25/09 00:00 in Hà Nội)
// shows as its last day, 24/09, and its instant, in a browser whose zone
// is America/Los_Angeles.
func TestDeadlineFormat(t *testing.T) {
	t.Parallel()
	p := NewPage(t)
	p.Go("/dang-nhap.html")
	got := Eval[[]string](p, `import("/js/format.js").then((f) => [
		Intl.DateTimeFormat().resolvedOptions().timeZone,
		f.lastDay("2026-09-24 17:00:00.000Z"), f.deadlineInstant("2026-09-24 17:00:00.000Z"),
		f.lastDay("2026-09-24 17:00:00.001Z"), f.formatDateTime("2026-09-24 16:59:00.000Z"), f.formatTime(new Date("2026-09-24T14:14:00Z"))])`)
	want := []string{"America/Los_Angeles", "24/09/2026", "00:00 25/09/2026", "25/09/2026", "24/09/2026 23:59", "21:14"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
