package e2e_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestSignInLocksInTheBrowser: someone at the ward's address enters 16
// wrong passwords for a colleague's e-mail. The colleague's usual browser
// (it signed in before: the page sends its device id) still signs in; a
// new browser is told to wait, in seconds; the secretariat sees the account
// on the accounts page and clears it, and the new browser then signs in.
func TestSignInLocksInTheBrowser(t *testing.T) {
	w := Shared(t)
	u := NewUser(t, "staff")
	usual := NewPage(t)
	usual.SignInAs(u)
	usual.Click(i18n.T("page.logout"))
	usual.WaitJS(`location.pathname === "/dang-nhap.html"`)

	// the guesser waits out each delay (the server's clock moved on): 16
	// failures, then a new browser waits about a minute.
	clk := clock.Of(w.App)
	defer clk.Set(time.Now())()
	now := time.Now()
	for i := range 16 {
		if i >= 10 {
			now = now.Add(time.Second << (i - 10))
		}
		clk.Set(now)
		body := fmt.Sprintf(`{"identity":%q,"password":"doan-%d"}`, u.Email(), i)
		req, _ := http.NewRequest(http.MethodPost, baseURL+"/api/collections/users/auth-with-password", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Sangkien-Device", fmt.Sprintf("ke-doan-%d", i))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
	usual.SignInAs(u)

	fresh := NewPage(t)
	fresh.Allow("/auth-with-password", 429)
	fresh.Go("/dang-nhap.html")
	fresh.Fill(i18n.T("page.email"), u.Email())
	fresh.Fill(i18n.T("page.password"), testkit.Password)
	fresh.Click(i18n.T("page.login"))
	fresh.WaitText("Vui lòng đợi 60 giây rồi thử lại.")

	office := NewPage(t)
	office.UseSession(w.Secretariat, "/van-phong/tai-khoan.html")
	office.WaitJS(`[...document.querySelectorAll("#locks tbody tr")].some((tr) => tr.dataset.identity === ` + js(strings.ToLower(u.Email())) + `)`)
	if got := office.Text("#locks tbody"); !strings.Contains(got, u.GetString("name")) {
		t.Errorf("the locks table: %q", got)
	}
	office.Click(i18n.T("office.lock_clear"))
	office.WaitText(i18n.T("office.lock_cleared", "name", u.GetString("name")))

	fresh.Fill(i18n.T("page.password"), testkit.Password)
	fresh.Click(i18n.T("page.login"))
	fresh.WaitJS(`location.pathname === "/" && document.body.dataset.ready === "true"`)
}
