package e2e_test

import (
	"strings"
	"testing"
	"time"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestOfficeReportsPeople: the reports page lists, for the emulation
// office, each author of a recognised initiative with unit, share, tier,
// scope and the decision, offers it as Excel, and shows a person's
// initiatives over the years when their name is clicked.
func TestOfficeReportsPeople(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	o := newOfficeRound(t, time.Now().AddDate(0, 0, -20))
	ini := o.initiative(t, w.StaffA, "recognized", "Nhắn tin hẹn trả kết quả", map[string]any{"result_tier": "tot", "result_rank": 1, "scope": "co_so",
		"author_users": []string{w.StaffA.Id},
		"authors":      []map[string]any{{"name": w.StaffA.GetString("name"), "position": "Chuyên viên", "workplace": "UBND", "share": 100, "user": w.StaffA.Id}}})
	testkit.Update(t, w.App, o.Round, map[string]any{"status": "decided"})
	testkit.Save(t, w.App, "decisions", map[string]any{"round": o.Round.Id, "kind": "recognition", "number": "77/QĐ-UBND",
		"signed_on": time.Now().AddDate(0, 0, -1), "signer": "Chu Thanh Lương", "initiatives": []string{ini.Id}})
	p := NewPage(t)
	p.UseSession(officer(t), o.path("/van-phong/bao-cao.html"))
	p.WaitText(i18n.T("office.people"))
	p.WaitJS(`!!document.querySelector('#people tr[data-person="` + w.StaffA.Id + `"]')`)
	row := p.Text(`#people tr[data-person="` + w.StaffA.Id + `"]`)
	for _, want := range []string{w.StaffA.GetString("name"), ini.GetString("code"), "100%", i18n.T("report.tier.tot"), i18n.T("scope.co_so"), "77/QĐ-UBND"} {
		if !strings.Contains(row, want) {
			t.Errorf("people row %q lacks %q", row, want)
		}
	}
	if !strings.Contains(p.Text("#excel"), i18n.T("office.report.people")) {
		t.Errorf("no people Excel offered")
	}
	p.Click(w.StaffA.GetString("name"))
	p.WaitJS(`!!document.querySelector('#people tr.history')`)
	if got := p.Text("#people tr.history"); !strings.Contains(got, "Năm "+itoa(o.Year)+": "+ini.GetString("code")) || !strings.Contains(got, i18n.T("status.recognized")) {
		t.Errorf("history %q", got)
	}
	p.CheckLabels()
}
