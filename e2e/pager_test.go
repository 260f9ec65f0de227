package e2e_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"sangkien/internal/i18n"
)

// TestLongListsArePaged: the accounts page shows twenty accounts at a time,
// asked a page at a time from the server, with the page in the address;
// "Trang sau" shows the next ones, and the back of the list keeps its page
// on reload.
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
	asked := Eval[[]string](p, `performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.includes("/collections/users/records"))`)
	if len(asked) == 0 {
		t.Error("no request for the accounts seen")
	}
	for _, a := range asked {
		if n := perPage(t, a); n != 20 {
			t.Errorf("the page asks %d accounts at once, want a page of 20: %s", n, a)
		}
	}
	first := p.Text("#accounts tbody tr")
	p.Click(i18n.T("pager.next"))
	// the pager is drawn anew, "Trang trước" enabled, once page 2 is shown
	p.WaitJS(`location.search.includes("trang=2") && !document.querySelector("#accounts + .pager button").disabled`)
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

// TestUnitListsArePagedOnTheServer: the unit head's page shows its two
// tables twenty rows at a time, each with its own page in the address
// (?trang-cho= for the waiting ones, ?trang= for the others); the waiting
// count is the whole count, not the page's; the server sends each page
// (never more than twenty rows asked).
func TestUnitListsArePagedOnTheServer(t *testing.T) {
	t.Parallel()
	o := newOfficeRound(t, time.Now().AddDate(0, 0, 10))
	unit := NewUnit(t)
	head := NewUserIn(t, unit, "staff", "unit_head")
	staff := NewUserIn(t, unit, "staff")
	sent := time.Now().Add(-100 * time.Hour)
	for i := 0; i < 23; i++ {
		o.initiative(t, staff, "submitted", fmt.Sprintf("Chờ xác nhận %02d", i), map[string]any{"submitted_at": sent.Add(time.Duration(i) * time.Minute)})
	}
	for i := 0; i < 22; i++ {
		o.initiative(t, staff, "endorsed", fmt.Sprintf("Đã xác nhận %02d", i), map[string]any{"submitted_at": sent.Add(time.Duration(i) * time.Minute)})
	}
	o.initiative(t, staff, "draft", "Bản nháp", nil)
	p := NewPage(t)
	p.UseSession(head, o.path("/don-vi/"))
	p.WaitJS(`document.querySelectorAll("#others tbody tr").length > 0`)
	rows := func(table string) []string {
		return Eval[[]string](p, `[...document.querySelectorAll("#`+table+` tbody tr .list__title")].map((c) => c.textContent.trim())`)
	}
	waiting, others := rows("waiting"), rows("others")
	if len(waiting) != 20 || waiting[0] != "Chờ xác nhận 00" || waiting[19] != "Chờ xác nhận 19" {
		t.Fatalf("waiting, first page: %q, want the 20 sent first, oldest first", waiting)
	}
	if len(others) != 20 || others[0] != "Đã xác nhận 21" {
		t.Fatalf("others, first page: %q, want 20, newest first", others)
	}
	asked := Eval[[]string](p, `performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.includes("/collections/initiatives/records"))`)
	for _, a := range asked {
		if n := perPage(t, a); n != 20 {
			t.Errorf("the page asks %d of the unit's initiatives at once, want a page of 20: %s", n, a)
		}
	}
	if len(asked) != 2 {
		t.Errorf("the page asked %d lists, want 2 (a page of each table): %q", len(asked), asked)
	}
	if got, want := p.Text("#waiting-count"), i18n.T("page.initiatives_count", "count", "23"); !strings.Contains(got, want) {
		t.Errorf("waiting count %q, want %q", got, want)
	}
	Eval[bool](p, `(document.querySelector("#waiting + .pager button:last-child").click(), true)`)
	p.WaitJS(`location.search.includes("trang-cho=2") && document.querySelectorAll("#waiting tbody tr").length === 3`)
	if got := rows("others"); len(got) != 20 || got[0] != others[0] {
		t.Errorf("the waiting table's page moved the others: %q", got)
	}
	p.Go(o.path("/don-vi/") + "&trang-cho=2&trang=2")
	p.WaitJS(`document.querySelectorAll("#waiting tbody tr").length === 3 && document.querySelectorAll("#others tbody tr").length === 2`)
	if got := rows("waiting"); got[2] != "Chờ xác nhận 22" {
		t.Errorf("waiting, page 2: %q", got)
	}
	if got := rows("others"); got[1] != "Đã xác nhận 00" {
		t.Errorf("others, page 2: %q, want the oldest last", got)
	}
	p.CheckPhone("unit page, pages 2")
	p.Screenshots("unit-pages")
}

// perPage is the rows a list request (an address) asks for.
func perPage(t *testing.T, address string) int {
	t.Helper()
	u, err := url.Parse(address)
	if err != nil {
		t.Fatal(err)
	}
	n, err := strconv.Atoi(u.Query().Get("perPage"))
	if err != nil {
		t.Fatalf("no perPage in %s", address)
	}
	return n
}

// The audit page asks the log a page of 20 at a time, uncounted: "Trang 1"
// with a next page while one holds entries; the next page is asked from
// where the page shown ends (its "next") and kept in the address (?trang=2), and a reload
// of that address shows the same entries.
func TestAuditLogIsPagedOnTheServer(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	me := officer(t)
	values := make([]string, 23)
	for i := range values {
		at := time.Date(2026, 1, 2, 0, i, 0, 0, time.UTC).Format("'2006-01-02 15:04:05.000Z'")
		values[i] = fmt.Sprintf("('%s', 'update', 'units', '%s', '%s', %s, %s, 'Mục %02d')", me.Id[:5]+fmt.Sprintf("%010d", i), w.UnitA.Id, me.Id, at, at, i)
	}
	if _, err := w.App.DB().NewQuery("INSERT INTO audit_log (id, action, collection, record, actor, created, updated, reason) VALUES " +
		strings.Join(values, ",")).Execute(); err != nil {
		t.Fatal(err)
	}
	p := NewPage(t)
	p.UseSession(me, "/van-phong/nhat-ky.html?actor="+url.QueryEscape(me.Id))
	p.WaitJS(`document.querySelectorAll("#audit tbody tr").length > 0`)
	reasons := func() []string {
		return Eval[[]string](p, `[...document.querySelectorAll("#audit tbody tr")].map((r) => (r.innerText.match(/Mục \d+/) || [""])[0])`)
	}
	if got := reasons(); len(got) != 20 || got[0] != "Mục 22" || got[19] != "Mục 03" {
		t.Fatalf("page 1: %q, want Mục 22 … Mục 03", got)
	}
	if got, want := p.Text("#audit + .pager .pager__where"), i18n.T("pager.where_open", "page", "1"); got != want {
		t.Errorf("the pager says %q, want %q", got, want)
	}
	Eval[bool](p, `(document.querySelector("#audit + .pager button:last-child").click(), true)`)
	p.WaitJS(`location.search.includes("trang=2") && document.querySelectorAll("#audit tbody tr").length === 3`)
	if got := reasons(); strings.Join(got, ",") != "Mục 02,Mục 01,Mục 00" {
		t.Errorf("page 2: %q", got)
	}
	asked := Eval[[]string](p, `performance.getEntriesByType("resource").map((e) => e.name).filter((n) => n.includes("/api/reform/audit"))`)
	if len(asked) != 2 || perPage(t, asked[0]) != 20 || !strings.Contains(asked[1], "after=") {
		t.Errorf("the page asked %q, want a page of 20, then the next from where it ends", asked)
	}
	if Eval[bool](p, `!document.querySelector("#audit + .pager button:last-child").disabled`) {
		t.Error("a next page offered past the last entry")
	}
	p.Go("/van-phong/nhat-ky.html?actor=" + url.QueryEscape(me.Id) + "&trang=2")
	p.WaitJS(`document.querySelectorAll("#audit tbody tr").length === 3`)
	if got := reasons(); got[0] != "Mục 02" {
		t.Errorf("page 2 reloaded: %q", got)
	}
	p.CheckPhone("audit log, page 2")
	p.Screenshots("audit-pages")
}
