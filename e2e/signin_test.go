package e2e_test

import (
	"strings"
	"testing"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestSignInAndOut: a wrong password shows the catalog's sentence at the
// form and stores nothing; the right one lands on home with the person's
// name and menu; sign out forgets the session and a page for signed-in
// people sends back to sign-in, which returns to that page afterwards.
func TestSignInAndOut(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	p := NewPage(t)
	p.Allow("/auth-with-password", 400)

	p.Go("/")
	p.WaitJS(`location.pathname === "/dang-nhap.html"`)
	p.WaitJS(`document.body.dataset.ready === "true"`)
	if got := p.Text("header"); !strings.Contains(got, w.App.Settings().Meta.AppName) && !strings.Contains(got, i18n.T("app.name")) {
		t.Errorf("header %q", got)
	}
	p.Fill(i18n.T("page.email"), w.StaffA.Email())
	p.Fill(i18n.T("page.password"), "sai-mat-khau")
	p.Click(i18n.T("page.login"))
	p.WaitText(i18n.T("page.login_failed"))
	if Eval[bool](p, `localStorage.getItem("pocketbase_auth") !== null`) {
		t.Error("a failed sign-in stored a session")
	}

	p.Fill(i18n.T("page.password"), testkit.Password)
	p.Click(i18n.T("page.login"))
	p.WaitJS(`location.pathname === "/" && document.body.dataset.ready === "true"`)
	if got := p.Text("#who-name"); got != w.StaffA.GetString("name") {
		t.Errorf("who %q, want %q", got, w.StaffA.GetString("name"))
	}
	if got := p.Text("#who-roles"); !strings.Contains(got, i18n.T("role.staff")) || !strings.Contains(got, w.UnitA.GetString("name")) {
		t.Errorf("roles and unit %q", got)
	}

	// a bookmarked page after sign-out: sign in, then back to it.
	p.Click(i18n.T("page.logout"))
	p.WaitJS(`location.pathname === "/dang-nhap.html"`)
	if Eval[bool](p, `localStorage.getItem("pocketbase_auth") !== null`) {
		t.Error("sign-out left the session stored")
	}
	// the back button does not show the signed-in page again.
	Eval[bool](p, `(history.back(), true)`)
	p.WaitJS(`location.pathname === "/dang-nhap.html" && location.search === "?next=%2F"`)
	p.Go("/tai-khoan/mat-khau.html")
	p.WaitJS(`location.pathname === "/dang-nhap.html" && location.search.includes("next=")`)
	p.WaitJS(`document.body.dataset.ready === "true"`)
	p.Fill(i18n.T("page.email"), w.StaffA.Email())
	p.Fill(i18n.T("page.password"), testkit.Password)
	p.Click(i18n.T("page.login"))
	p.WaitJS(`location.pathname === "/tai-khoan/mat-khau.html" && document.body.dataset.ready === "true"`)

	// each page has its own address: the back button goes to the one before.
	p.Go("/")
	p.Back()
	if got := Eval[string](p, `location.pathname`); got != "/tai-khoan/mat-khau.html" {
		t.Errorf("back went to %s", got)
	}
}

// TestSignInOffline: with the network cut, signing in says so (the
// catalog's sentence), and works once the network is back.
func TestSignInOffline(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	p := NewPage(t)
	p.Go("/dang-nhap.html")
	p.Fill(i18n.T("page.email"), w.StaffB.Email())
	p.Fill(i18n.T("page.password"), testkit.Password)
	p.Offline()
	p.Click(i18n.T("page.login"))
	p.WaitText(i18n.T("page.network_error"))
	p.Online()
	p.Click(i18n.T("page.login"))
	p.WaitJS(`location.pathname === "/" && document.body.dataset.ready === "true"`)
	if got := p.Text("#who-name"); got != w.StaffB.GetString("name") {
		t.Errorf("who %q", got)
	}
}
