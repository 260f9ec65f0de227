package report_test

import (
	"testing"
	"time"

	"sangkien/internal/report"
	"sangkien/internal/testkit"
)

// TestQuotaReportCountsAsTheWorkflow checks that the Excel quota report
// counts as GET /api/reform/rounds/{year}/quota does: a returned initiative
// is not submitted, one handed in after its unit's deadline is late even
// when not marked so, a unit's extension keeps it on time, and a unit no
// longer active is left out.
func TestQuotaReportCountsAsTheWorkflow(t *testing.T) {
	fx := newFixture(t)
	w := fx.w
	d := w.Round.GetDateTime("submission_deadline").Time()
	w.Initiative(t, w.StaffB, "returned", map[string]any{"submitted_at": d.Add(-time.Hour)})
	w.Initiative(t, w.StaffB, "endorsed", map[string]any{"submitted_at": d.Add(time.Hour)})
	testkit.Save(t, w.App, "extensions", map[string]any{"round": w.Round.Id, "unit": w.UnitA.Id,
		"until": d.AddDate(0, 0, 2), "reason": "Gia hạn"})
	w.Initiative(t, w.StaffA, "endorsed", map[string]any{"submitted_at": d.Add(time.Hour)})
	kt, err := w.App.FindFirstRecordByData("units", "code", "KTHTDT")
	if err != nil {
		t.Fatal(err)
	}
	testkit.Update(t, w.App, kt, map[string]any{"active": false})
	w.Initiative(t, w.StaffA, "submitted", map[string]any{"unit": kt.Id})

	f := open(t, w.App, w.Round, report.Quota, report.Options{Now: fx.now})
	const sh = "Chỉ tiêu thi đua"
	// unit A: Alpha, Beta and the one within the extension, all counted.
	// the last column: emulation points (met +10, 2 recognised +5 each,
	// 1 nominated +10; missed -10).
	expectRow(t, f, sh, 9, "1", "Văn phòng HĐND và UBND", "1", "3", "0", "3", "2", "1", "Đạt", "+30")
	expectRow(t, f, sh, 10, "2", "Phòng Văn hóa – Xã hội", "1", "0", "0", "0", "0", "0", "Chưa đạt", "-10")
	// unit B: Gamma on time; Delta and the one after the deadline late.
	expectRow(t, f, sh, 13, "5", "Trạm Y tế", "2", "1", "2", "1", "0", "0", "Chưa đạt", "-10")
	expectRow(t, f, sh, 14, "Tổng cộng", "", "6", "4", "2", "4", "2", "1", "1 đơn vị đạt", "-10")
}

// TestQuotaUnderExtensionIsNotScoredMissing: a unit short of its quota
// whose extension still runs earns neither the points for meeting the
// quota nor the deduction for missing it, only those of its initiatives.
func TestQuotaUnderExtensionIsNotScoredMissing(t *testing.T) {
	fx := newFixture(t)
	w := fx.w
	vhxh, err := w.App.FindFirstRecordByData("units", "code", "VHXH")
	if err != nil {
		t.Fatal(err)
	}
	testkit.Save(t, w.App, "extensions", map[string]any{"round": w.Round.Id, "unit": vhxh.Id,
		"until": time.Now().AddDate(1, 0, 0), "reason": "Gia hạn"})
	f := open(t, w.App, w.Round, report.Quota, report.Options{Now: fx.now})
	expectRow(t, f, "Chỉ tiêu thi đua", 11, "3", "Phòng Văn hóa – Xã hội", "1", "0", "0", "0", "0", "0", "Đang gia hạn", "+0")
}
