package e2e_test

import (
	"strings"
	"testing"
	"time"

	"sangkien/internal/i18n"
)

// TestOfficeCouncilShowsConflicts: a seated member who co-authors an
// initiative given to the council is shown barred on the council page at
// once, with the effect on the 2/3 vote (3 voters of 4, 2 approvals
// needed instead of 3); a seat can be an expert.
func TestOfficeCouncilShowsConflicts(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	o := newOfficeRound(t, time.Now().AddDate(0, 0, 10))
	council := o.seatCouncil(t)
	ini := o.initiative(t, w.StaffB, "accepted", "Tra cứu hồ sơ đất đai", map[string]any{"council": council.Id,
		"author_users": []string{w.StaffB.Id, w.Members[1].Id}})
	p := NewPage(t)
	p.UseSession(officer(t), o.path("/van-phong/hoi-dong.html"))
	p.WaitText(i18n.T("office.conflicts"))
	got := p.Text(`#conflicts li[data-user="` + w.Members[1].Id + `"]`)
	for _, want := range []string{w.Members[1].GetString("name"), ini.GetString("title"), "3/4", "cần 2 phiếu đồng ý", "thay vì 3/4"} {
		if !strings.Contains(got, want) {
			t.Errorf("conflict line %q lacks %q", got, want)
		}
	}
	if !Eval[bool](p, `[...document.getElementById('member-position').options].some((o) => o.value === 'expert' && o.textContent === '`+i18n.T("office.position.expert")+`')`) {
		t.Errorf("no expert position offered")
	}
	p.CheckLabels()
}
