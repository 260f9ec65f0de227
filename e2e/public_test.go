package e2e_test

import (
	"fmt"
	"strings"
	"testing"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestPublicPage: without sign-in, /cong-khai/?year= lists the year's
// recognised initiative with its title, unit, field, tier, authors and
// summary, and nothing of the not recognised, accepted or draft ones, of
// the form's confidential part, the sheets or the votes.
func TestPublicPage(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	cr := newCouncilRound(t, "decided", 0)
	rec := cr.Add(t, cr.Staff, "Trả kết quả hộ tịch tại nhà cho người cao tuổi", map[string]any{
		"result_tier": "xuat_sac", "result_mean": 92, "result_rank": 1, "field": w.Fields["c"].Id,
		"summary": "Cán bộ mang kết quả đến tận nhà người trên 80 tuổi.", "confidential": "SO-DIEN-THOAI-BI-MAT",
		"authors": []map[string]any{
			{"name": "Phạm Thu Trang", "birth_date": "1990-03-04", "position": "Công chức", "workplace": "UBND", "share": 70},
			{"name": "Lê Minh Khoa", "birth_date": "1988-11-12", "position": "Công chức", "workplace": "UBND", "share": 30},
		}})
	testkit.Update(t, w.App, rec, map[string]any{"status": "recognized"})
	w.Sheet(t, rec, cr.Members[0], "submitted", testkit.Points(28, 18, 29, 17), true)
	testkit.Update(t, w.App, sheetOf(t, rec, cr.Members[0]), map[string]any{"comment": "NHAN-XET-PHIEU-CHAM"})
	no := cr.Add(t, cr.Staff, "Sáng kiến không đạt của năm", nil)
	testkit.Update(t, w.App, no, map[string]any{"status": "not_recognized"})
	cr.Add(t, cr.Staff, "Sáng kiến còn đang tiếp nhận", nil)
	w.Initiative(t, cr.Staff, "draft", map[string]any{"round": cr.Round.Id, "title": "Bản nháp chưa nộp của năm"})

	p := NewPage(t)
	p.Go(fmt.Sprintf("/cong-khai/?year=%d", cr.Year))
	text := p.Text("main")
	for _, want := range []string{rec.GetString("title"), w.UnitA.GetString("name"), "c) " + w.Fields["c"].GetString("name"),
		i18n.T("public.tier", "tier", i18n.T("report.tier.xuat_sac")), "Phạm Thu Trang, Lê Minh Khoa",
		"Cán bộ mang kết quả đến tận nhà", i18n.T("public.count", "count", "1")} {
		if !strings.Contains(text, want) {
			t.Errorf("the public page lacks %q:\n%s", want, text)
		}
	}
	items := p.Text("#items")
	for _, never := range []string{"Sáng kiến không đạt", "đang tiếp nhận", "Bản nháp", "SO-DIEN-THOAI", "NHAN-XET", "1990", "70%", "92"} {
		if strings.Contains(items, never) || (never != "92" && strings.Contains(text, never)) {
			t.Errorf("the public reads %q", never)
		}
	}
	if n := Eval[int](p, `document.querySelectorAll(".public-item").length`); n != 1 {
		t.Errorf("%d entries, want 1", n)
	}
	if !strings.Contains(p.Text(".year-nav [aria-current=page]"), fmt.Sprint(cr.Year)) {
		t.Errorf("the year is not marked: %q", p.Text(".year-nav"))
	}
	if p.Text("nav.menu") != "" {
		t.Error("a visitor sees the staff menu")
	}
	p.CheckNarrow("public")
	p.CheckLabels()
	p.Screenshots("public")
}
