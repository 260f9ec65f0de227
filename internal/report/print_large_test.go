package report_test

import (
	"fmt"
	"testing"

	"sangkien/internal/lotest"
	"sangkien/internal/report"
	"sangkien/internal/testkit"
)

// largeInitiatives and largeMembers are the size of the round that must
// still print readably: 200 initiatives scored by a council of 15.
const (
	largeInitiatives = 200
	largeMembers     = 15
)

// TestPrintedLargeRound prints every report of a round of 200
// initiatives scored by 15 voting members through LibreOffice: nothing
// under 11 pt, no number too wide for its cell, every row of the
// consolidated list inside its row, the members' totals on two sheets
// (10 and 5 members), and logs the page counts and the smallest size
// (the figures in the README).
func TestPrintedLargeRound(t *testing.T) {
	w := testkit.NewWard(t)
	t.Cleanup(w.App.Cleanup)
	for i := len(w.Members) + 1; i < largeMembers; i++ {
		u := w.User(t, fmt.Sprintf("hd.lon%d@phuong.test", i), fmt.Sprintf("Nguyễn Thị Hương Thành viên %02d", i), w.UnitB, "staff", "council")
		w.AddMember(t, u, "member")
	}
	seats, err := w.App.FindAllRecords("council_members")
	if err != nil || len(seats) != largeMembers {
		t.Fatalf("council of %d: %v", len(seats), err)
	}
	if err := fillRound(w, seats, largeInitiatives); err != nil {
		t.Fatal(err)
	}
	opts := report.Options{Preparer: "Đỗ Thị Giang"}
	fx := &fixture{w: w, now: newFixtureNow()}
	kinds := []report.Kind{report.Initiatives, report.Scores, report.Quota, report.Decision, report.City}
	files := map[string][]byte{}
	for _, k := range kinds {
		files[string(k)+".xlsx"] = xlsx(t, fx, k, opts)
	}
	pdfs := lotest.Convert(t, files)
	for _, k := range kinds {
		pdf := pdfs[string(k)+".xlsx"]
		smallest := expectReadable(t, pdf)
		t.Logf("%-11s %3d pages, smallest text %.1f pt", k, pdf.Pages, smallest)
		pdf.Shoot(t, "excel-large-"+string(k))
	}

	// the consolidated list, in the order received (day, then id): every
	// row whole, every code once.
	list := pdfs["initiatives.xlsx"]
	var rows [][]string
	for day := 1; day <= 24; day++ {
		for i := day - 1; i < largeInitiatives; i += 24 {
			// (the generator's five-digit codes wrap at their hyphen.)
			rows = append(rows, []string{fmt.Sprint(len(rows) + 1),
				fmt.Sprintf("Ứng dụng chuyển đổi số trong tiếp nhận và giải quyết hồ sơ thủ tục hành chính tại bộ phận một cửa, số %d", i),
				fmt.Sprintf("Nguyễn Thị Ánh Tuyết %d (70%%)", i), "Đặng Văn Long (30%)"})
		}
	}
	expectRowsIntact(t, list, rows)
	expectText(t, list, "200 sáng kiến", "NGƯỜI LẬP BIỂU", "Đỗ Thị Giang")

	scores := pdfs["scores.xlsx"]
	expectText(t, scores, "(Thành viên thứ 1 đến thứ 10 trong 15 thành viên biểu quyết)",
		"(Thành viên thứ 11 đến thứ 15 trong 15 thành viên biểu quyết)", "CHỦ TỊCH HỘI ĐỒNG", "Vũ Văn Hải")
}
