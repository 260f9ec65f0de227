package e2e_test

import (
	"testing"

	"sangkien/internal/i18n"
)

// TestLongListsArePaged: the accounts page shows twenty accounts at a time
// with the page in the address; "Trang sau" shows the next ones, and the
// back of the list keeps its page on reload.
func TestLongListsArePaged(t *testing.T) {
	// not parallel: an account made meanwhile moves the pages.
	for i := 0; i < 22; i++ {
		NewUser(t, "staff")
	}
	p := NewPage(t)
	p.UseSession(officer(t), "/van-phong/tai-khoan.html")
	if n := Eval[int](p, `document.querySelectorAll("#accounts tbody tr").length`); n != 20 {
		t.Fatalf("%d accounts on the first page, want 20", n)
	}
	first := p.Text("#accounts tbody tr")
	p.Click(i18n.T("pager.next"))
	p.WaitJS(`location.search.includes("trang=2")`)
	if got := p.Text("#accounts tbody tr"); got == first {
		t.Error("the second page shows the first page's accounts")
	}
	second := p.Text("#accounts tbody tr")
	p.Go("/van-phong/tai-khoan.html?trang=2")
	if got := p.Text("#accounts tbody tr"); got != second {
		t.Errorf("?trang=2 opens another page: %q, want %q", got, second)
	}
	p.CheckPhone("accounts, page 2")
}
