package e2e_test

import (
	"slices"
	"strings"
	"testing"

	"sangkien/internal/i18n"
)

// TestCoAuthorSeesAndRefusesTheLink: a person linked as co-author by
// someone else is told so on the initiative's page and removes the link
// to their account; the owner is offered no such button.
func TestCoAuthorSeesAndRefusesTheLink(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	staff := NewUser(t, "staff")
	co := NewUser(t, "staff", "council")
	authors := []map[string]any{{"name": staff.GetString("name"), "share": 60, "user": staff.Id},
		{"name": co.GetString("name"), "share": 40, "user": co.Id}}
	ini := w.Initiative(t, staff, "submitted", map[string]any{"code": "SK-2099-961", "authors": authors, "author_users": []string{staff.Id, co.Id}})

	owner := NewPage(t)
	owner.UseSession(staff, "/sang-kien/xem.html?id="+ini.Id)
	owner.WaitText(i18n.T("staff.withdraw"))
	if Eval[bool](owner, `!document.getElementById('unlink').hidden`) {
		t.Errorf("the owner is offered to unlink")
	}

	p := NewPage(t)
	p.UseSession(co, "/sang-kien/xem.html?id="+ini.Id)
	p.WaitText(i18n.T("staff.linked_text"))
	p.Click(i18n.T("staff.unlink"))
	p.Click(i18n.T("staff.unlink_yes"))
	p.WaitJS(`location.pathname === '/'`)
	got := reload(t, ini)
	if slices.Contains(got.GetStringSlice("author_users"), co.Id) || !strings.Contains(got.GetString("authors"), co.GetString("name")) {
		t.Errorf("stored %v %s", got.GetStringSlice("author_users"), got.GetString("authors"))
	}
}
