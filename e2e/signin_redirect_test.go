package e2e_test

import (
	"net/url"
	"testing"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestSignInNextStaysOnSite: the page to go back to after signing in
// (dang-nhap.html?next=…) is resolved against the site's own origin, and
// anything that would leave it — a tab or a line break the browser drops
// ("/\t/other.host/" becomes "//other.host/"), a backslash, another scheme
// — lands on the home page instead; a path of the site, with its query
// and fragment, is kept. Signed in already, the page goes on at once;
// through the form, after the password.
func TestSignInNextStaysOnSite(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	hostile := []string{
		"/\t/other.host/", "/\n/other.host/", "/\r/other.host/", "\t//other.host/", " //other.host/",
		"//other.host/", "/\\other.host/", "\\\\other.host/", "https://other.host/", "javascript:alert(1)",
		"https:other.host", "/\t\\other.host",
	}
	home := `location.origin === ` + js(baseURL) + ` && location.pathname === "/" && location.hash === "" && document.body.dataset.ready === "true"`
	p := NewPage(t)
	user := NewUser(t, "staff")
	for _, next := range hostile {
		p.UseSession(user, "/dang-nhap.html?next="+url.QueryEscape(next))
		p.WaitJS(home)
	}
	p.UseSession(user, "/dang-nhap.html?next="+url.QueryEscape("/tai-khoan/mat-khau.html?tu=dang-nhap#mat-khau"))
	p.WaitJS(`location.origin === ` + js(baseURL) + ` && location.pathname === "/tai-khoan/mat-khau.html" && location.search === "?tu=dang-nhap" && location.hash === "#mat-khau"`)

	// through the form, the finding's address.
	q := NewPage(t)
	q.Go("/dang-nhap.html?next=" + url.QueryEscape("/\t/other.host/"))
	q.Fill(i18n.T("page.email"), w.StaffB.Email())
	q.Fill(i18n.T("page.password"), testkit.Password)
	q.Click(i18n.T("page.login"))
	q.WaitJS(home)
}
