package e2e_test

import (
	"testing"

	"sangkien/internal/i18n"
)

// TestWithdrawAndDelete: the author withdraws a submitted initiative after
// a confirmation (cancelling first changes nothing), and deletes a draft
// from its form; a co-author sees the initiative but may do neither.
func TestWithdrawAndDelete(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	staff := NewUser(t, "staff")
	co := NewUser(t, "staff")
	authors := []map[string]any{
		{"name": staff.GetString("name"), "position": "Chuyên viên", "workplace": "UBND phường", "share": 60, "user": staff.Id},
		{"name": co.GetString("name"), "position": "Chuyên viên", "workplace": "UBND phường", "share": 40, "user": co.Id},
	}
	sub := w.Initiative(t, staff, "submitted", map[string]any{"code": "SK-2099-951", "authors": authors, "author_users": []string{staff.Id, co.Id}})
	draft := w.Initiative(t, staff, "draft", nil)

	c := NewPage(t)
	c.UseSession(co, "/")
	c.WaitText("SK-2099-951")
	c.WaitText(i18n.T("staff.coauthor"))
	c.Go("/sang-kien/xem.html?id=" + sub.Id)
	if Eval[bool](c, `!document.getElementById("withdraw").hidden || !document.getElementById("delete").hidden`) {
		t.Error("a co-author is offered to withdraw or delete")
	}

	p := NewPage(t)
	p.UseSession(staff, "/sang-kien/xem.html?id="+sub.Id)
	p.Click(i18n.T("staff.withdraw"))
	p.WaitText(i18n.T("staff.withdraw_text"))
	p.Click(i18n.T("staff.cancel"))
	if r, _ := w.App.FindRecordById("initiatives", sub.Id); r.GetString("status") != "submitted" {
		t.Fatalf("cancel withdrew it: %s", r.GetString("status"))
	}
	p.Click(i18n.T("staff.withdraw"))
	p.Click(i18n.T("staff.withdraw_yes"))
	p.WaitText(i18n.T("staff.done.da-rut"))
	p.WaitText(i18n.T("status.withdrawn"))
	if r, _ := w.App.FindRecordById("initiatives", sub.Id); r.GetString("status") != "withdrawn" {
		t.Errorf("status %s after withdrawing", r.GetString("status"))
	}

	p.Go("/sang-kien/sua.html?id=" + draft.Id)
	p.Click(i18n.T("staff.delete"))
	p.WaitText(i18n.T("staff.delete_text"))
	p.Click(i18n.T("staff.delete_yes"))
	p.WaitJS(`location.pathname === "/" && document.body.dataset.ready === "true"`)
	p.WaitText(i18n.T("staff.done.da-xoa"))
	if _, err := w.App.FindRecordById("initiatives", draft.Id); err == nil {
		t.Error("the draft is still there")
	}
}
