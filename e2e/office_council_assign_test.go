package e2e_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"sangkien/internal/i18n"
)

// TestOfficeCouncilAssignsAPageAtATime: the round's 25 accepted
// initiatives (two already given to the council) are listed 20 a page by
// code from the server, each with its unit's name; on page 2 the
// secretariat gives one to the council and stays on page 2; "unassigned
// only" lists the 22 left, and the address keeps the page and the box
// across a reload.
func TestOfficeCouncilAssignsAPageAtATime(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	o := newOfficeRound(t, time.Now().AddDate(0, 0, 10))
	council := o.seatCouncil(t)
	var codes []string
	for i := range 25 {
		extra := map[string]any{}
		if i == 3 || i == 21 {
			extra["council"] = council.Id
		}
		owner := w.StaffA
		if i == 22 {
			owner = w.StaffB
		}
		codes = append(codes, o.initiative(t, owner, "accepted", fmt.Sprintf("Sáng kiến số %d", i+1), extra).GetString("code"))
	}
	where := func(page, pages, count int) string {
		return i18n.T("pager.where", "page", strconv.Itoa(page), "pages", strconv.Itoa(pages), "count", strconv.Itoa(count))
	}
	rows := `[...document.querySelectorAll("#assign tbody tr")]`

	p := NewPage(t)
	p.UseSession(officer(t), o.path("/van-phong/hoi-dong.html"))
	p.WaitText(where(1, 2, 25))
	if got := Eval[int](p, rows+`.length`); got != 20 {
		t.Errorf("page 1 shows %d rows, want 20", got)
	}
	p.Click(i18n.T("pager.next"))
	p.WaitText(where(2, 2, 25))
	if got := Eval[[]string](p, rows+`.map((r) => r.querySelector(".list__code").textContent)`); len(got) != 5 || got[0] != codes[20] || got[4] != codes[24] {
		t.Errorf("page 2 shows %v, want %s … %s by code", got, codes[20], codes[24])
	}
	a, b := w.UnitA.GetString("name"), w.UnitB.GetString("name")
	if got, want := Eval[[]string](p, rows+`.map((r) => r.cells[2].textContent)`), []string{a, a, b, a, a}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("page 2's units %q, want %q", got, want)
	}
	if got := Eval[string](p, `new URLSearchParams(location.search).get("trang")`); got != "2" {
		t.Errorf("the address keeps page %q, want 2", got)
	}

	// the last one, unassigned, given to the council on page 2.
	last := `document.querySelector("#assign tbody tr:last-child")`
	Eval[bool](p, `(() => { const s = `+last+`.querySelector("select"); s.value = `+js(council.Id)+`; return true; })()`)
	Eval[bool](p, `(`+last+`.querySelector(".row-actions button").click(), true)`)
	p.WaitText(i18n.T("office.assigned", "code", codes[24]))
	p.WaitText(where(2, 2, 25))
	ini, err := w.App.FindFirstRecordByData("initiatives", "code", codes[24])
	if err != nil || ini.GetString("council") != council.Id {
		t.Fatalf("%s's council %q (%v), want %s", codes[24], ini.GetString("council"), err, council.Id)
	}

	// only the unassigned: 25 − 3, from page 1; kept across a reload.
	Eval[bool](p, `(document.getElementById("assign-unassigned").click(), true)`)
	p.WaitText(where(1, 2, 22))
	if got := Eval[int](p, rows+`.filter((r) => r.querySelector("select").value !== "").length`); got != 0 {
		t.Errorf("%d assigned rows shown among the unassigned only", got)
	}
	p.Click(i18n.T("pager.next"))
	p.WaitText(where(2, 2, 22))
	p.Go(Eval[string](p, `location.pathname + location.search`))
	p.WaitText(where(2, 2, 22))
	if !Eval[bool](p, `document.getElementById("assign-unassigned").checked`) {
		t.Errorf("after a reload the box is not ticked")
	}
	p.CheckLabels()
	p.CheckNarrow("office-council-assign")
	p.CheckPhone("office-council-assign")
	p.Screenshots("office-council-assign")
}

// TestOfficeCouncilReadsAnyPageNumberInTheAddress: a page number typed or
// pasted into the address that is not a whole number (2.5, -3, a number
// past the int64 range, text) still opens a page of the accepted
// initiatives: its whole part within the pages, page 1 when there is none,
// and never a request the server refuses.
func TestOfficeCouncilReadsAnyPageNumberInTheAddress(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	o := newOfficeRound(t, time.Now().AddDate(0, 0, 10))
	o.seatCouncil(t)
	for i := range 25 {
		o.initiative(t, w.StaffA, "accepted", fmt.Sprintf("Sáng kiến số %d", i+1), nil)
	}
	where := func(page int) string {
		return i18n.T("pager.where", "page", strconv.Itoa(page), "pages", "2", "count", "25")
	}
	p := NewPage(t)
	p.UseSession(officer(t), o.path("/van-phong/hoi-dong.html"))
	p.WaitText(where(1))
	for _, c := range []struct {
		asked string
		page  int
	}{{"2.5", 2}, {"1.5", 1}, {"-3", 1}, {"1e30", 2}, {"abc", 1}} {
		p.Go(o.path("/van-phong/hoi-dong.html") + "&trang=" + c.asked)
		p.WaitText(where(c.page))
		if got := Eval[int](p, `document.querySelectorAll("#assign tbody tr").length`); got != 20 && got != 5 {
			t.Errorf("?trang=%s shows %d rows, want a page of 20 or the last 5", c.asked, got)
		}
	}
}
