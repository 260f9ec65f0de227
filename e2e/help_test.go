package e2e_test

import (
	"strings"
	"testing"

	"sangkien/internal/i18n"
)

// TestHelpFromEveryPage: "Hướng dẫn" is in the header of every page, signed
// in or not; the help page puts the person's own roles first and explains
// each role's steps.
func TestHelpFromEveryPage(t *testing.T) {
	t.Parallel()
	head := NewUser(t, "staff", "unit_head")
	anon := NewPage(t)
	anon.Go("/dang-nhap.html")
	anon.Click(i18n.T("nav.help"))
	anon.WaitJS(`location.pathname === "/huong-dan.html" && document.body.dataset.ready === "true"`)
	if got := anon.Text("#help-parts"); !strings.Contains(got, i18n.T("help.secretariat.title")) || !strings.Contains(got, i18n.T("help.forms.1")) {
		t.Errorf("the help page signed out:\n%s", got)
	}
	p := NewPage(t)
	p.UseSession(head, "/don-vi/")
	p.Click(i18n.T("nav.help"))
	p.WaitJS(`location.pathname === "/huong-dan.html" && document.body.dataset.ready === "true"`)
	first := Eval[[]string](p, `[...document.querySelectorAll("#help-parts section")].slice(0, 2).map((s) => s.id)`)
	if strings.Join(first, " ") != "help-staff help-unit_head" {
		t.Errorf("the head's own parts are not first: %v", first)
	}
	p.CheckLabels()
}
