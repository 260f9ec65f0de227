package e2e_test

import (
	"testing"

	"sangkien/internal/i18n"
)

// TestMailOptOut: a person turns the notice mails off on their account
// page and on again; the page shows the stored choice when opened again.
func TestMailOptOut(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	u := NewUser(t, "staff")
	p := NewPage(t)
	p.UseSession(u, "/tai-khoan/mat-khau.html")
	if !Eval[bool](p, `document.getElementById("mail-on").checked`) {
		t.Fatal("mails start off")
	}
	Eval[bool](p, `(document.querySelector("label[for=mail-on]").click(), true)`)
	p.Click(i18n.T("page.mail_save"))
	p.WaitText(i18n.T("page.mail_off_done"))
	if r, err := w.App.FindRecordById("users", u.Id); err != nil || !r.GetBool("mail_off") {
		t.Fatalf("mail_off not stored: %v", err)
	}
	p.Go("/tai-khoan/mat-khau.html")
	if Eval[bool](p, `document.getElementById("mail-on").checked`) {
		t.Error("the page shows mails on after turning them off")
	}
	Eval[bool](p, `(document.querySelector("label[for=mail-on]").click(), true)`)
	p.Click(i18n.T("page.mail_save"))
	p.WaitText(i18n.T("page.mail_on_done"))
	if r, _ := w.App.FindRecordById("users", u.Id); r.GetBool("mail_off") {
		t.Error("mails still off")
	}
	p.CheckLabels()
	p.CheckNarrow("account-mail")
}
