package e2e_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestChangePassword: a wrong current password shows the catalog's
// sentence under that field (aria-describedby); the right one changes it,
// the person stays signed in, and the new password signs in.
func TestChangePassword(t *testing.T) {
	t.Parallel()
	u := NewUser(t, "staff")
	p := NewPage(t)
	p.Allow("/api/collections/users/records/", 400)
	p.SignInAs(u)
	p.Go("/tai-khoan/mat-khau.html")

	p.Fill(i18n.T("page.old_password"), "khong-phai-mat-khau")
	p.Fill(i18n.T("page.new_password"), "matkhaumoi456")
	p.Fill(i18n.T("page.new_password_again"), "matkhaumoi456")
	p.Click(i18n.T("page.password_save"))
	p.WaitText(i18n.T("error.validation_invalid_old_password"))
	got := Eval[string](p, `(() => { const i = document.getElementById("old-password");
		const d = document.getElementById(i.getAttribute("aria-describedby"));
		return i.getAttribute("aria-invalid") + "|" + (d ? d.textContent : ""); })()`)
	if got != "true|"+i18n.T("error.validation_invalid_old_password") {
		t.Errorf("old password field: %q", got)
	}
	if !strings.Contains(p.Text("#form-status"), i18n.T("msg.check_fields")) {
		t.Errorf("general message %q", p.Text("#form-status"))
	}

	p.Fill(i18n.T("page.old_password"), testkit.Password)
	p.Fill(i18n.T("page.new_password"), "matkhaumoi456")
	p.Fill(i18n.T("page.new_password_again"), "matkhaumoi456")
	p.Click(i18n.T("page.password_save"))
	p.WaitText(i18n.T("page.password_done"))
	if Eval[bool](p, `document.getElementById("old-password").hasAttribute("aria-invalid")`) {
		t.Error("the old message stayed")
	}
	p.Go("/") // still signed in: no sign-in page
	if !strings.Contains(p.Text("#who-name"), u.GetString("name")) {
		t.Errorf("not signed in after the change: %q", p.Text("header"))
	}
	fresh := NewPage(t)
	fresh.Go("/dang-nhap.html")
	fresh.Fill(i18n.T("page.email"), u.Email())
	fresh.Fill(i18n.T("page.password"), "matkhaumoi456")
	fresh.Click(i18n.T("page.login"))
	fresh.WaitJS(`location.pathname === "/" && document.body.dataset.ready === "true"`)
}

// TestExpiredSessionKeepsTypedText: when the session has expired while a
// person types, sending asks them to sign in again over the page; what they
// typed is still there, and the action goes through after sign-in.
func TestExpiredSessionKeepsTypedText(t *testing.T) {
	t.Parallel()
	p := NewPage(t)
	u := p.SignInAsRole("staff")
	p.Go("/tai-khoan/mat-khau.html")
	p.Fill(i18n.T("page.old_password"), testkit.Password)
	p.Fill(i18n.T("page.new_password"), "matkhaudai789")
	p.Fill(i18n.T("page.new_password_again"), "matkhaudai789")

	expired, err := u.NewStaticAuthToken(time.Nanosecond)
	if err != nil {
		t.Fatal(err)
	}
	Eval[bool](p, `(() => { const a = JSON.parse(localStorage.getItem("pocketbase_auth"));
		a.token = `+js(expired)+`; localStorage.setItem("pocketbase_auth", JSON.stringify(a)); return true; })()`)
	p.Click(i18n.T("page.password_save"))
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	if got := p.Text("dialog[open] h2"); got != i18n.T("page.reauth_title") {
		t.Errorf("dialog title %q", got)
	}
	typed := Eval[[]string](p, `["old-password", "password", "password-confirm"].map((id) => document.getElementById(id).value)`)
	if strings.Join(typed, ",") != testkit.Password+",matkhaudai789,matkhaudai789" {
		t.Errorf("typed text lost under the dialog: %q", typed)
	}
	p.CheckLabels()
	p.Screenshots("reauth-dialog")
	p.Fill(i18n.T("page.password"), testkit.Password) // the dialog's password field
	p.Click(i18n.T("page.login"))
	p.WaitText(i18n.T("page.password_done"))
	if Eval[bool](p, `!!document.querySelector("dialog")`) {
		t.Error("the dialog stayed")
	}
}

// TestForgottenPassword: without SMTP the page says whom to ask and offers
// no form; with mail (PocketBase's test mailer standing in for SMTP) the
// mail's link opens the ward's reset page, which sets the new password.
func TestForgottenPassword(t *testing.T) {
	w := Shared(t)
	u := NewUser(t, "staff")

	p := NewPage(t)
	p.Go("/dang-nhap.html")
	p.Click(i18n.T("page.forgot_link"))
	p.WaitJS(`location.pathname === "/quen-mat-khau.html" && document.body.dataset.ready === "true"`)
	p.WaitText(i18n.T("page.forgot_no_mail"))
	if Eval[bool](p, `!document.getElementById("form").hidden`) {
		t.Error("a reset form is offered without mail")
	}
	p.Screenshots("forgot-no-mail")

	testkit.SetMail(t, w.App, true) // in memory only: the test app's mailer keeps the mail
	t.Cleanup(func() { testkit.SetMail(t, w.App, false) })
	w.App.TestMailer.Reset()
	p.Go("/quen-mat-khau.html")
	if !Eval[bool](p, `document.getElementById("no-mail").hidden`) {
		t.Error("the no-mail sentence shows with mail")
	}
	p.Fill(i18n.T("page.email"), u.Email())
	p.Click(i18n.T("page.forgot_send"))
	p.WaitText(i18n.T("page.forgot_sent"))
	deadline := time.Now().Add(5 * time.Second)
	for w.App.TestMailer.TotalSend() == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	msg := w.App.TestMailer.LastMessage()
	m := regexp.MustCompile(`/dat-lai-mat-khau\.html\?token=([A-Za-z0-9._-]+)`).FindStringSubmatch(msg.HTML)
	if m == nil || msg.To[0].Address != u.Email() {
		t.Fatalf("no reset link for %s:\n%s", u.Email(), msg.HTML)
	}
	p.Allow("/confirm-password-reset", 400)
	p.Go("/dat-lai-mat-khau.html?token=" + m[1])
	p.Fill(i18n.T("page.new_password"), "datlai12345")
	p.Fill(i18n.T("page.new_password_again"), "khac12345")
	p.Click(i18n.T("page.reset_save"))
	p.WaitText(i18n.T("error.validation_values_mismatch"))
	p.Fill(i18n.T("page.new_password_again"), "datlai12345")
	p.Click(i18n.T("page.reset_save"))
	p.WaitText(i18n.T("page.reset_done"))
	p.Screenshots("reset-done")

	q := NewPage(t)
	q.Go("/dang-nhap.html")
	q.Fill(i18n.T("page.email"), u.Email())
	q.Fill(i18n.T("page.password"), "datlai12345")
	q.Click(i18n.T("page.login"))
	q.WaitJS(`location.pathname === "/" && document.body.dataset.ready === "true"`)
}
