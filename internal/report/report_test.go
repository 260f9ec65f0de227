package report_test

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/xuri/excelize/v2"

	"sangkien/internal/clock"
	"sangkien/internal/report"
	"sangkien/internal/testkit"
)

// raw is a cell's stored value (a number as stored, not as shown).
func raw(t testing.TB, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// shown is a cell's value as a reader sees it (number formats applied).
func shown(t testing.TB, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// row returns the shown values of row n of sheet.
func row(t testing.TB, f *excelize.File, sheet string, n int) []string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if n > len(rows) {
		return nil
	}
	return rows[n-1]
}

// expectRow checks the leading values of row n.
func expectRow(t testing.TB, f *excelize.File, sheet string, n int, want ...string) {
	t.Helper()
	got := row(t, f, sheet, n)
	for i, w := range want {
		if i >= len(got) || got[i] != w {
			t.Errorf("%s row %d: got %q, want %q", sheet, n, got, want)
			return
		}
	}
}

// number checks that a cell stores the number want.
func number(t testing.TB, f *excelize.File, sheet, ref string, want float64) {
	t.Helper()
	v, err := strconv.ParseFloat(raw(t, f, sheet, ref), 64)
	if err != nil || v != want {
		t.Errorf("%s!%s = %q, want the number %v", sheet, ref, raw(t, f, sheet, ref), want)
	}
}

// style returns the style of a cell.
func style(t testing.TB, f *excelize.File, sheet, ref string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var (
	initiativesHeader = []string{"STT", "Mã số", "Tên sáng kiến", "Tác giả (tỷ lệ % đóng góp)", "Chức danh", "Đơn vị",
		"Lĩnh vực", "Ngày áp dụng lần đầu", "Ngày nộp", "Đúng hạn/ Trễ hạn", "Trạng thái", "Trùng lặp"}
)

// topRight is the cell of the national motto block of sheet sh's row n:
// the first cell of that row, after A, holding a value.
func topRight(t testing.TB, f *excelize.File, sh string, n int) string {
	t.Helper()
	r := row(t, f, sh, n)
	for i := 1; i < len(r); i++ {
		if r[i] != "" {
			return r[i]
		}
	}
	return ""
}

func TestInitiativesReport(t *testing.T) {
	fx := newFixture(t)
	f := open(t, fx.w.App, fx.w.Round, report.Initiatives, report.Options{Now: fx.now, Preparer: "Đỗ Thị Giang"})
	const sh = "Tổng hợp sáng kiến"
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sh {
		t.Fatalf("sheets %q", got)
	}
	expectRow(t, f, sh, 1, "ỦY BAN NHÂN DÂN")
	expectRow(t, f, sh, 2, "PHƯỜNG HOÀN KIẾM")
	if got := topRight(t, f, sh, 1); got != "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" {
		t.Errorf("motto %q", got)
	}
	if got := topRight(t, f, sh, 2); got != "Độc lập - Tự do - Hạnh phúc" {
		t.Errorf("motto %q", got)
	}
	// the short rule under the issuing body.
	if got := shown(t, f, sh, "A3"); !strings.HasPrefix(got, "————") {
		t.Errorf("rule %q", got)
	}
	year := strconv.Itoa(fx.w.Round.GetInt("year"))
	expectRow(t, f, sh, 5, "DANH SÁCH TỔNG HỢP SÁNG KIẾN CẢI CÁCH HÀNH CHÍNH NĂM "+year)
	expectRow(t, f, sh, 7, initiativesHeader...)
	expectRow(t, f, sh, 8, "I. CÁC SÁNG KIẾN ĐƯỢC TỔNG HỢP")
	expectRow(t, f, sh, 9, "1", "SK-2026-001", "Alpha: một cửa số", "Nguyễn Văn An (60%)\nTrần Thị Bình (40%)",
		"Chuyên viên\nPhó Chánh Văn phòng", "Văn phòng HĐND và UBND", "Cải cách thủ tục hành chính",
		"05/03/2026", "10/09/2026", "Đúng hạn", "Được công nhận")
	expectRow(t, f, sh, 10, "2", "SK-2026-002", "Beta")
	expectRow(t, f, sh, 11, "3", "SK-2026-003", "Gamma", "Lê Văn Cường (100%)", "Chuyên viên", "Trạm Y tế",
		"Xây dựng và phát triển Chính phủ điện tử, Chính phủ số")
	expectRow(t, f, sh, 12, "4", "SK-2026-004", "Delta", "Lê Văn Cường (100%)", "Chuyên viên", "Trạm Y tế",
		"Cải cách thủ tục hành chính", "", "26/09/2026", "Trễ hạn", "Đơn vị đã đề xuất")
	// the total row counts with numbers that show a unit: the withdrawn
	// one is not consolidated.
	expectRow(t, f, sh, 13, "Tổng cộng", "", "4 sáng kiến")
	number(t, f, sh, "C13", 4)
	number(t, f, sh, "J13", 1)
	if got := shown(t, f, sh, "J13"); got != "1 trễ hạn" {
		t.Errorf("late total shown %q", got)
	}
	// withdrawn and returned ones stand in a section of their own.
	expectRow(t, f, sh, 14, "II. CÁC SÁNG KIẾN ĐÃ RÚT HOẶC TRẢ LẠI ĐỂ CHỈNH SỬA (không tổng hợp, không tính chỉ tiêu)")
	expectRow(t, f, sh, 15, "1", "SK-2026-005", "Eps")
	if got := shown(t, f, sh, "K15"); got != "Đã rút" {
		t.Errorf("withdrawn status %q", got)
	}
	// dates are real dates: a serial number shown dd/mm/yyyy.
	number(t, f, sh, "I9", 46275) // 10/09/2026
	// STT is a number.
	number(t, f, sh, "A9", 1)
	// the draft never appears, nor a software line.
	rows, _ := f.GetRows(sh)
	for _, r := range rows {
		for _, v := range r {
			if strings.Contains(v, "Bản nháp bí mật") || strings.Contains(v, "Lập lúc") {
				t.Errorf("in the report: %q", r)
			}
		}
	}
	// the time it was made is in the file's properties.
	if p, err := f.GetDocProps(); err != nil || !strings.HasPrefix(p.Created, "2026-10-05T02:07:00") || !strings.Contains(p.Description, "05/10/2026 09:07") {
		t.Errorf("properties %+v %v", p, err)
	}
	// signature block: the preparer, and the head of the secretariat's
	// unit (the fixture has none with a position: the unit names it).
	if got := topRight(t, f, sh, 17); got != "Hoàn Kiếm, ngày 05 tháng 10 năm 2026" {
		t.Errorf("place and date %q", got)
	}
	expectRow(t, f, sh, 18, "NGƯỜI LẬP BIỂU")
	if got := topRight(t, f, sh, 18); got != "THỦ TRƯỞNG PHÒNG VĂN HÓA – XÃ HỘI" {
		t.Errorf("signer %q", got)
	}
	expectRow(t, f, sh, 19, "(Ký, ghi rõ họ tên)")
	expectRow(t, f, sh, 23, "Đỗ Thị Giang")
}

func TestScoresReport(t *testing.T) {
	fx := newFixture(t)
	f := open(t, fx.w.App, fx.w.Round, report.Scores, report.Options{Now: fx.now})
	const sh, members = "Kết quả chấm điểm", "Điểm thành viên"
	if got := f.GetSheetList(); len(got) != 2 || got[0] != sh || got[1] != members {
		t.Fatalf("sheets %q", got)
	}
	expectRow(t, f, sh, 6, "(Công nhận khi điểm trung bình từ 50 trở lên, không tiêu chí nào có điểm trung bình bằng 0 và ít nhất 2/3 số thành viên biểu quyết đồng ý)")
	expectRow(t, f, sh, 8, "STT", "Mã số", "Tên sáng kiến (đơn vị)",
		"TB Tính mới, tính sáng tạo (tối đa 30)", "TB Khả năng áp dụng (tối đa 20)",
		"TB Hiệu quả, lợi ích mang lại (tối đa 30)", "TB Khả năng nhân rộng (tối đa 20)",
		"Điểm trung bình", "Điểm thấp nhất", "Điểm cao nhất", "Số phiếu đồng ý", "Số thành viên biểu quyết",
		"Kết quả", "Xếp hạng")
	// best first, with the outcome and why; Beta's three approvals sit at
	// the line: a split to discuss.
	expectRow(t, f, sh, 9, "1", "SK-2026-001", "Alpha: một cửa số\n(Văn phòng HĐND và UBND)",
		"27.5", "18.0", "27.5", "18.0", "91.0", "86.0", "96.0", "4", "4", "Công nhận, xếp loại Xuất sắc", "1")
	expectRow(t, f, sh, 10, "2", "SK-2026-002", "Beta\n(Văn phòng HĐND và UBND)",
		"20.5", "14.75", "20.5", "14.75", "70.5", "68.0", "74.0", "3", "4",
		"Công nhận, xếp loại Tốt\n(ý kiến phân tán, độ lệch 2,18 điểm – cần thảo luận)", "2")
	expectRow(t, f, sh, 11, "3", "SK-2026-003", "Gamma\n(Trạm Y tế)",
		"10.0", "10.0", "10.0", "10.0", "40.0", "40.0", "40.0", "0", "4",
		"Không công nhận: điểm trung bình dưới 50; không đủ phiếu đồng ý (0/4, cần 3)", "3")
	number(t, f, sh, "H10", 70.5)
	number(t, f, sh, "K10", 3)
	number(t, f, sh, "N11", 3)
	expectRow(t, f, sh, 12, "Tổng cộng", "", "3 sáng kiến")
	number(t, f, sh, "M12", 2)
	if got := shown(t, f, sh, "M12"); got != "2 được công nhận" {
		t.Errorf("recognised total %q", got)
	}
	// scores are numbers in the Vietnamese format.
	if s := style(t, f, sh, "H9"); s.CustomNumFmt == nil || *s.CustomNumFmt != report.ScoreFormat {
		t.Errorf("score format %v, want %q", s.CustomNumFmt, report.ScoreFormat)
	}
	// the unscored Delta and the draft are not in the table.
	if got := shown(t, f, sh, "B13"); got != "" {
		t.Errorf("row 13 %q", row(t, f, sh, 13))
	}
	// each member's total, members in seat order: chair, secretary, then
	// members by name.
	expectRow(t, f, members, 7, "STT", "Mã số", "Tên sáng kiến",
		"Vũ Văn Hải (Chủ tịch HĐ)", "Bùi Thị Khánh (Thư ký HĐ)", "Ngô Thị Mai (Ủy viên)", "Đặng Văn Long (Ủy viên)")
	expectRow(t, f, members, 8, "1", "SK-2026-001", "Alpha: một cửa số", "92.0", "90.0", "86.0", "96.0")
	expectRow(t, f, members, 10, "3", "SK-2026-003", "Gamma", "40.0", "40.0", "40.0", "40.0")
	number(t, f, members, "D8", 92)
	// signed by the council's secretary and chair, from council_members.
	rows, _ := f.GetRows(sh)
	last := rows[len(rows)-1]
	if last[0] != "Bùi Thị Khánh" || last[len(last)-1] != "Vũ Văn Hải" {
		t.Errorf("signature names %q", last)
	}
}

func TestQuotaReport(t *testing.T) {
	fx := newFixture(t)
	f := open(t, fx.w.App, fx.w.Round, report.Quota, report.Options{Now: fx.now})
	const sh = "Chỉ tiêu thi đua"
	expectRow(t, f, sh, 6, "(Điểm thi đua: đạt chỉ tiêu +10; mỗi sáng kiến được công nhận +5; mỗi sáng kiến đề nghị cấp thành phố +10; không đạt chỉ tiêu -10)")
	expectRow(t, f, sh, 8, "STT", "Đơn vị", "Chỉ tiêu (số sáng kiến)", "Nộp đúng hạn", "Nộp trễ hạn",
		"Được tính chỉ tiêu", "Được công nhận", "Đề nghị cấp thành phố", "Kết quả thực hiện chỉ tiêu", "Điểm thi đua")
	// unit A: Alpha and Beta on time and counted (the withdrawn one is not), both recognised, Alpha nominated.
	expectRow(t, f, sh, 9, "1", "Văn phòng HĐND và UBND", "1", "2", "0", "2", "2", "1", "Đạt", "+30")
	expectRow(t, f, sh, 10, "2", "Phòng Kinh tế, Hạ tầng và Đô thị", "1", "0", "0", "0", "0", "0", "Chưa đạt", "-10")
	// unit B: Gamma counts; the late Delta does not; quota 2 is not met.
	expectRow(t, f, sh, 14, "6", "Trạm Y tế", "2", "1", "1", "1", "0", "0", "Chưa đạt", "-10")
	expectRow(t, f, sh, 15, "Tổng cộng", "", "7", "3", "1", "3", "2", "1", "1 đơn vị đạt", "-20")
	number(t, f, sh, "C14", 2)
	number(t, f, sh, "I15", 1)
	number(t, f, sh, "J9", 30)
	number(t, f, sh, "J15", -20)

	// the secretariat's own points.
	testkit.Update(t, fx.w.App, fx.w.Round, map[string]any{"emulation_quota_met": 4, "emulation_per_recognized": 1.5,
		"emulation_per_nominated": 3, "emulation_quota_missed": 0})
	f = open(t, fx.w.App, fx.w.Round, report.Quota, report.Options{Now: fx.now})
	expectRow(t, f, sh, 6, "(Điểm thi đua: đạt chỉ tiêu +4; mỗi sáng kiến được công nhận +1,5; mỗi sáng kiến đề nghị cấp thành phố +3; không đạt chỉ tiêu 0)")
	number(t, f, sh, "J9", 10)
	number(t, f, sh, "J14", 0)
}

func TestDecisionReport(t *testing.T) {
	fx := newFixture(t)
	f := open(t, fx.w.App, fx.w.Round, report.Decision, report.Options{Now: fx.now, Preparer: "Đỗ Thị Giang"})
	const sh = "Phụ lục Quyết định"
	year := strconv.Itoa(fx.w.Round.GetInt("year"))
	expectRow(t, f, sh, 5, "PHỤ LỤC")
	expectRow(t, f, sh, 6, "DANH SÁCH SÁNG KIẾN CẢI CÁCH HÀNH CHÍNH ĐƯỢC CÔNG NHẬN CẤP PHƯỜNG NĂM "+year)
	// no decision recorded yet: blanks to fill by hand.
	expectRow(t, f, sh, 7, "(Kèm theo Quyết định số        /QĐ-UBND ngày     /    /"+year+" của Chủ tịch Ủy ban nhân dân phường Hoàn Kiếm)")
	expectRow(t, f, sh, 9, "STT", "Mã số", "Tên sáng kiến", "Tác giả (tỷ lệ % đóng góp)", "Chức danh", "Đơn vị", "Lĩnh vực", "Điểm trung bình", "Xếp loại")
	expectRow(t, f, sh, 10, "1", "SK-2026-001", "Alpha: một cửa số", "Nguyễn Văn An (60%)\nTrần Thị Bình (40%)",
		"Chuyên viên\nPhó Chánh Văn phòng", "Văn phòng HĐND và UBND", "Cải cách thủ tục hành chính", "91.0", "Xuất sắc")
	expectRow(t, f, sh, 11, "2", "SK-2026-002", "Beta", "Trần Thị Bình (100%)", "Chuyên viên", "Văn phòng HĐND và UBND",
		"Cải cách thủ tục hành chính", "70.5", "Tốt")
	expectRow(t, f, sh, 12, "Tổng cộng", "", "2 sáng kiến")

	// once the decision is recorded, its number and date are named.
	col, _ := fx.w.App.FindCollectionByNameOrId("decisions")
	d := core.NewRecord(col)
	d.Set("round", fx.w.Round.Id)
	d.Set("kind", "recognition")
	d.Set("number", "15/QĐ-UBND")
	d.Set("signed_on", time.Date(2026, 9, 29, 0, 0, 0, 0, clock.Zone))
	d.Set("signer", "Nguyễn Thị Thu Hà")
	if err := fx.w.App.Save(d); err != nil {
		t.Fatal(err)
	}
	f = open(t, fx.w.App, fx.w.Round, report.Decision, report.Options{Now: fx.now, Preparer: "Đỗ Thị Giang"})
	expectRow(t, f, sh, 7, "(Kèm theo Quyết định số 15/QĐ-UBND ngày 29/09/2026 của Chủ tịch Ủy ban nhân dân phường Hoàn Kiếm)")
	// signed as the decision, dated as the decision; no preparer.
	rows, _ := f.GetRows(sh)
	var texts []string
	for _, r := range rows[12:] {
		texts = append(texts, strings.Join(r, ""))
	}
	got := strings.Join(texts, "|")
	for _, want := range []string{"Hoàn Kiếm, ngày 29 tháng 9 năm 2026", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Thu Hà"} {
		if !strings.Contains(got, want) {
			t.Errorf("signature block lacks %q: %q", want, got)
		}
	}
	if strings.Contains(got, "NGƯỜI LẬP BIỂU") || strings.Contains(got, "Đỗ Thị Giang") {
		t.Errorf("a preparer signs the annex: %q", got)
	}
}

func TestCityReport(t *testing.T) {
	fx := newFixture(t)
	testkit.Update(t, fx.w.App, fx.alpha, map[string]any{"summary": "Tóm tắt Alpha", "benefits": "Lợi ích Alpha", "benefit_value": 12500000})
	testkit.Save(t, fx.w.App, "decisions", map[string]any{"round": fx.w.Round.Id, "kind": "city_nomination",
		"number": "20/TTr-UBND", "signed_on": time.Date(2026, 10, 3, 0, 0, 0, 0, clock.Zone)})
	f := open(t, fx.w.App, fx.w.Round, report.City, report.Options{Now: fx.now})
	const sh = "Đề nghị cấp thành phố"
	expectRow(t, f, sh, 6, "(Kèm theo Tờ trình số 20/TTr-UBND ngày 03/10/2026 của Ủy ban nhân dân phường Hoàn Kiếm)")
	expectRow(t, f, sh, 9, "STT", "Mã số", "Tên sáng kiến", "Tác giả (tỷ lệ % đóng góp)", "Chức danh", "Đơn vị",
		"Tóm tắt nội dung", "Hiệu quả, lợi ích", "Số tiền làm lợi (đồng)", "Xếp loại cấp phường")
	expectRow(t, f, sh, 10, "1", "SK-2026-001", "Alpha: một cửa số", "Nguyễn Văn An (60%)\nTrần Thị Bình (40%)",
		"Chuyên viên\nPhó Chánh Văn phòng", "Văn phòng HĐND và UBND", "Tóm tắt Alpha", "Lợi ích Alpha", "12,500,000", "Xuất sắc")
	number(t, f, sh, "I10", 12500000)
	expectRow(t, f, sh, 11, "Tổng cộng", "", "1 sáng kiến")

	// a summary longer than a row can show is cut at a word, with a note
	// saying where the rest is, rather than clipped out of sight.
	long := strings.Repeat("Số hóa toàn bộ quy trình tiếp nhận hồ sơ một cửa. ", 80)
	testkit.Update(t, fx.w.App, fx.alpha, map[string]any{"summary": long})
	f = open(t, fx.w.App, fx.w.Round, report.City, report.Options{Now: fx.now})
	got := shown(t, f, sh, "G10")
	if !strings.HasSuffix(got, " … (xem đầy đủ tại đơn yêu cầu công nhận)") || !strings.HasPrefix(long, strings.TrimSuffix(got, " … (xem đầy đủ tại đơn yêu cầu công nhận)")) || len(got) >= len(long) {
		t.Errorf("long summary: %d of %d bytes, ends %q", len(got), len(long), got[max(0, len(got)-60):])
	}
	if h, _ := f.GetRowHeight(sh, 10); h > 409 || h < 300 {
		t.Errorf("row height %v: the cut text fills the tallest row", h)
	}
	if got := shown(t, f, sh, "H10"); got != "Lợi ích Alpha" {
		t.Errorf("benefits %q", got)
	}
}

func TestAllReportLayout(t *testing.T) {
	fx := newFixture(t)
	f := open(t, fx.w.App, fx.w.Round, report.All, report.Options{Now: fx.now})
	sheets := []struct {
		name      string
		header    int
		lastCol   string
		lastData  int
		landscape bool
		left      string // the issuing body block
		right     string // the national motto block
	}{
		{"Tổng hợp sáng kiến", 7, "L", 12, true, "", ""},
		{"Kết quả chấm điểm", 8, "N", 11, true, "", ""},
		{"Điểm thành viên", 7, "G", 10, false, "", ""},
		{"Chỉ tiêu thi đua", 8, "J", 14, false, "", ""},
		{"Phụ lục Quyết định", 9, "I", 11, true, "", ""},
		{"Đề nghị cấp thành phố", 9, "J", 10, true, "", ""},
	}
	if got := f.GetSheetList(); len(got) != len(sheets) {
		t.Fatalf("sheets %q", got)
	}
	names := map[string]string{}
	for _, d := range f.GetDefinedName() {
		names[d.Scope+"|"+d.Name] = d.RefersTo
	}
	filters := autoFilters(t, f)
	for i, s := range sheets {
		t.Run(s.name, func(t *testing.T) {
			if got := f.GetSheetList()[i]; got != s.name {
				t.Fatalf("sheet %d is %q, want %q", i, got, s.name)
			}
			// the two blocks at the top are merged cells.
			merged := map[string]string{}
			mc, err := f.GetMergeCells(s.name)
			if err != nil {
				t.Fatal(err)
			}
			blocks := map[string]string{} // "left1", "right2": the blocks' merged cells' values
			for _, m := range mc {
				merged[m.GetStartAxis()+":"+m.GetEndAxis()] = m.GetCellValue()
				for _, r := range []string{"1", "2"} {
					if m.GetStartAxis() == "A"+r && m.GetEndAxis() != s.lastCol+r {
						blocks["left"+r] = m.GetCellValue()
					}
					if m.GetEndAxis() == s.lastCol+r && m.GetStartAxis() != "A"+r {
						blocks["right"+r] = m.GetCellValue()
					}
				}
			}
			issuer := []string{"ỦY BAN NHÂN DÂN", "PHƯỜNG HOÀN KIẾM"}
			if strings.HasPrefix(s.name, "Kết quả") || strings.HasPrefix(s.name, "Điểm") {
				// the council's tables: the council under the ward.
				issuer = []string{"ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM", "HỘI ĐỒNG ĐÁNH GIÁ SÁNG KIẾN PHƯỜNG"}
			}
			if blocks["left1"] != issuer[0] || blocks["left2"] != issuer[1] {
				t.Errorf("issuing body block: %v", blocks)
			}
			if blocks["right1"] != "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" || blocks["right2"] != "Độc lập - Tự do - Hạnh phúc" {
				t.Errorf("motto block: %v", blocks)
			}
			if _, ok := merged["A5:"+s.lastCol+"5"]; !ok {
				t.Errorf("title not merged across the table: %v", merged)
			}
			// fonts: Times New Roman everywhere; bold title, header and blocks.
			hdr := "A" + strconv.Itoa(s.header)
			data := "C" + strconv.Itoa(s.lastData)
			for _, ref := range []string{"A1", "A2", "A5", hdr, data} {
				st := style(t, f, s.name, ref)
				if st.Font == nil || st.Font.Family != "Times New Roman" {
					t.Errorf("%s font %+v", ref, st.Font)
				}
			}
			for _, ref := range []string{"A2", "A5", hdr} {
				if st := style(t, f, s.name, ref); !st.Font.Bold {
					t.Errorf("%s not bold", ref)
				}
			}
			h := style(t, f, s.name, hdr)
			if h.Alignment == nil || h.Alignment.Horizontal != "center" || !h.Alignment.WrapText ||
				len(h.Fill.Color) == 0 || len(h.Border) != 4 {
				t.Errorf("header style %+v %+v %+v", h.Alignment, h.Fill, h.Border)
			}
			if st := style(t, f, s.name, data); st.Font.Size != 12 || !st.Alignment.WrapText || len(st.Border) != 4 {
				t.Errorf("data cell style %+v", st)
			}
			// print: A4, orientation, one page wide, as many pages tall as needed.
			pl, err := f.GetPageLayout(s.name)
			if err != nil {
				t.Fatal(err)
			}
			orientation := "portrait"
			if s.landscape {
				orientation = "landscape"
			}
			if *pl.Size != 9 || *pl.Orientation != orientation || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
				pl.FitToHeight == nil || *pl.FitToHeight != 0 {
				t.Errorf("page layout size %d orientation %s fit %v×%v", *pl.Size, *pl.Orientation, pl.FitToWidth, pl.FitToHeight)
			}
			props, err := f.GetSheetProps(s.name)
			if err != nil || props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("fit to page is off: %v", err)
			}
			hf, err := f.GetHeaderFooter(s.name)
			if err != nil || hf == nil || !strings.Contains(hf.OddFooter, "Trang &P/&N") {
				t.Errorf("footer %+v", hf)
			}
			// the header row repeats on every page and stays frozen on screen.
			if got, want := names[s.name+"|_xlnm.Print_Titles"], "'"+s.name+"'!$"+strconv.Itoa(s.header)+":$"+strconv.Itoa(s.header); got != want {
				t.Errorf("print titles %q, want %q", got, want)
			}
			p, err := f.GetPanes(s.name)
			if err != nil || !p.Freeze || p.YSplit != s.header || p.TopLeftCell != "A"+strconv.Itoa(s.header+1) {
				t.Errorf("panes %+v %v", p, err)
			}
			// the autofilter covers the header and the data rows, not the total.
			if got, want := filters[i], "A"+strconv.Itoa(s.header)+":"+s.lastCol+strconv.Itoa(s.lastData); got != want {
				t.Errorf("autofilter %q, want %q", got, want)
			}
		})
	}
	// the lists read from rows kept by the consolidated list hold the same as alone.
	expectRow(t, f, "Phụ lục Quyết định", 10, "1", "SK-2026-001", "Alpha: một cửa số", "Nguyễn Văn An (60%)\nTrần Thị Bình (40%)",
		"Chuyên viên\nPhó Chánh Văn phòng", "Văn phòng HĐND và UBND", "Cải cách thủ tục hành chính", "91.0", "Xuất sắc")
	expectRow(t, f, "Phụ lục Quyết định", 11, "2", "SK-2026-002", "Beta")
	expectRow(t, f, "Phụ lục Quyết định", 12, "Tổng cộng", "", "2 sáng kiến")
	expectRow(t, f, "Đề nghị cấp thành phố", 10, "1", "SK-2026-001", "Alpha: một cửa số", "Nguyễn Văn An (60%)\nTrần Thị Bình (40%)",
		"Chuyên viên\nPhó Chánh Văn phòng", "Văn phòng HĐND và UBND")
	expectRow(t, f, "Đề nghị cấp thành phố", 11, "Tổng cộng", "", "1 sáng kiến")
	// dates: a custom dd/mm/yyyy format on a number.
	if st := style(t, f, "Tổng hợp sáng kiến", "I9"); st.CustomNumFmt == nil || *st.CustomNumFmt != report.DateFormat {
		t.Errorf("date format %+v", st.CustomNumFmt)
	}
	if st := style(t, f, "Phụ lục Quyết định", "H10"); st.CustomNumFmt == nil || *st.CustomNumFmt != report.ScoreFormat {
		t.Errorf("mean format %v", st.CustomNumFmt)
	}
}

// autoFilters reads each worksheet's autofilter range from the file's
// XML, in sheet order ("$" signs dropped).
func autoFilters(t testing.TB, f *excelize.File) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`<autoFilter ref="([^"]+)"`)
	out := make([]string, len(f.GetSheetList()))
	for i := range out {
		rc, err := zr.Open("xl/worksheets/sheet" + strconv.Itoa(i+1) + ".xml")
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if m := re.FindSubmatch(data); m != nil {
			out[i] = strings.ReplaceAll(string(m[1]), "$", "")
		}
	}
	return out
}

func TestUnitFilter(t *testing.T) {
	fx := newFixture(t)
	opts := report.Options{Now: fx.now, Unit: fx.w.UnitB.Id}
	f := open(t, fx.w.App, fx.w.Round, report.Initiatives, opts)
	const sh = "Tổng hợp sáng kiến"
	// the unit's own header: the ward above, the unit in bold.
	expectRow(t, f, sh, 1, "ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM")
	expectRow(t, f, sh, 2, "TRẠM Y TẾ")
	expectRow(t, f, sh, 6, "Đơn vị: Trạm Y tế")
	expectRow(t, f, sh, 8, initiativesHeader...)
	// the unit has no withdrawn or returned one: no sections.
	expectRow(t, f, sh, 9, "1", "SK-2026-003", "Gamma")
	expectRow(t, f, sh, 10, "2", "SK-2026-004", "Delta")
	expectRow(t, f, sh, 11, "Tổng cộng", "", "2 sáng kiến")

	f = open(t, fx.w.App, fx.w.Round, report.Quota, opts)
	expectRow(t, f, "Chỉ tiêu thi đua", 10, "1", "Trạm Y tế", "2", "1", "1", "1", "0", "0", "Chưa đạt", "-10")
	expectRow(t, f, "Chỉ tiêu thi đua", 11, "Tổng cộng", "", "2", "1", "1", "1", "0", "0", "0 đơn vị đạt", "-10")
}

func TestEmptyRound(t *testing.T) {
	fx := newFixture(t)
	col, _ := fx.w.App.FindCollectionByNameOrId("rounds")
	empty := core.NewRecord(col)
	empty.Set("year", 2031)
	empty.Set("submission_deadline", time.Date(2031, 9, 25, 0, 0, 0, 0, clock.Zone))
	empty.Set("decision_deadline", time.Date(2031, 9, 30, 0, 0, 0, 0, clock.Zone))
	if err := fx.w.App.Save(empty); err != nil {
		t.Fatal(err)
	}
	f := open(t, fx.w.App, empty, report.All, report.Options{Now: fx.now})
	for _, c := range []struct {
		sheet  string
		header int
		total  string
	}{
		{"Tổng hợp sáng kiến", 7, "0 sáng kiến"},
		{"Kết quả chấm điểm", 8, "0 sáng kiến"},
		{"Phụ lục Quyết định", 11, "0 sáng kiến"}, // a draft: DỰ THẢO and its note
		{"Đề nghị cấp thành phố", 9, "0 sáng kiến"},
	} {
		expectRow(t, f, c.sheet, c.header, "STT", "Mã số")
		expectRow(t, f, c.sheet, c.header+1, "Tổng cộng", "", c.total)
	}
	// every active unit is listed with nothing done: none has met its quota.
	expectRow(t, f, "Chỉ tiêu thi đua", 9, "1", "Văn phòng HĐND và UBND", "1", "0", "0", "0", "0", "0", "Chưa đạt", "-10")
	expectRow(t, f, "Chỉ tiêu thi đua", 15, "Tổng cộng", "", "7", "0", "0", "0", "0", "0", "0 đơn vị đạt", "-60")
}

func TestOneInitiative(t *testing.T) {
	fx := newFixture(t)
	col, _ := fx.w.App.FindCollectionByNameOrId("rounds")
	r := core.NewRecord(col)
	r.Set("year", 2032)
	r.Set("submission_deadline", time.Date(2032, 9, 25, 0, 0, 0, 0, clock.Zone))
	r.Set("decision_deadline", time.Date(2032, 9, 30, 0, 0, 0, 0, clock.Zone))
	if err := fx.w.App.Save(r); err != nil {
		t.Fatal(err)
	}
	fx.w.Initiative(t, fx.w.StaffB, "submitted", map[string]any{"round": r.Id, "code": "SK-2032-001", "title": "Một mình"})
	f := open(t, fx.w.App, r, report.Initiatives, report.Options{Now: fx.now})
	expectRow(t, f, "Tổng hợp sáng kiến", 5, "DANH SÁCH TỔNG HỢP SÁNG KIẾN CẢI CÁCH HÀNH CHÍNH NĂM 2032")
	expectRow(t, f, "Tổng hợp sáng kiến", 8, "1", "SK-2032-001", "Một mình", "Lê Văn Cường (100%)")
	expectRow(t, f, "Tổng hợp sáng kiến", 9, "Tổng cộng", "", "1 sáng kiến")
	if got := shown(t, f, "Tổng hợp sáng kiến", "K8"); got != "Đã nộp" {
		t.Errorf("status %q", got)
	}
}

func TestTextsAreKeptExactly(t *testing.T) {
	fx := newFixture(t)
	// every Vietnamese letter: the twelve vowels with each of the six tones,
	// and đ, in both cases.
	const lower = "aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ"
	const upper = "AÀÁẢÃẠ ĂẰẮẲẴẶ ÂẦẤẨẪẬ EÈÉẺẼẸ ÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌ ÔỒỐỔỖỘ ƠỜỚỞỠỢ UÙÚỦŨỤ ƯỪỨỬỮỰ YỲÝỶỸỴ Đ"
	diacritics := lower + " " + upper
	long := ""
	for len([]rune(long)) < 1000 {
		long += "Đổi mới quy trình một cửa liên thông; "
	}
	long = string([]rune(long)[:1000])
	formula := `=HYPERLINK("http://x","y")`
	late := func(d int) time.Time { return time.Date(2026, 9, d, 16, 0, 0, 0, clock.Zone) }
	fx.w.Initiative(t, fx.w.StaffA, "submitted", map[string]any{"code": "SK-2026-006", "title": long, "submitted_at": late(27),
		"authors": []map[string]any{{"name": diacritics, "position": "+SUM(A1)", "share": 100}}})
	fx.w.Initiative(t, fx.w.StaffA, "submitted", map[string]any{"code": "SK-2026-007", "title": formula, "submitted_at": late(28)})
	fx.w.Initiative(t, fx.w.StaffA, "submitted", map[string]any{"code": "SK-2026-008", "title": diacritics + "\x01\x07", "submitted_at": late(29)})
	org, _ := fx.w.App.FindFirstRecordByFilter("organization", "id != ''")
	org.Set("ward_name", "Phường "+lower)
	org.Set("chairman_name", diacritics)
	if err := fx.w.App.Save(org); err != nil {
		t.Fatal(err)
	}

	f := open(t, fx.w.App, fx.w.Round, report.Initiatives, report.Options{Now: fx.now, Preparer: diacritics})
	const sh = "Tổng hợp sáng kiến"
	if got := shown(t, f, sh, "A2"); got != "PHƯỜNG "+upper {
		t.Errorf("ward in capitals %q", got)
	}
	if got := shown(t, f, sh, "C13"); got != long || len([]rune(got)) != 1000 {
		t.Errorf("long title cut or changed: %d runes", len([]rune(got)))
	}
	if got := shown(t, f, sh, "D13"); got != diacritics+" (100%)" {
		t.Errorf("authors %q", got)
	}
	if got := shown(t, f, sh, "E13"); got != "+SUM(A1)" {
		t.Errorf("position %q", got)
	}
	for _, ref := range []string{"C14", "E13"} {
		if fm, _ := f.GetCellFormula(sh, ref); fm != "" {
			t.Errorf("%s holds the formula %q", ref, fm)
		}
		if ct, _ := f.GetCellType(sh, ref); ct != excelize.CellTypeInlineString {
			t.Errorf("%s type %v, want an inline string", ref, ct)
		}
	}
	if got := shown(t, f, sh, "C14"); got != formula {
		t.Errorf("formula-looking title %q", got)
	}
	// control characters are dropped, the letters kept.
	if got := shown(t, f, sh, "C15"); got != diacritics {
		t.Errorf("title with control characters %q", got)
	}
	// the row grows to hold the long title.
	if h, _ := f.GetRowHeight(sh, 13); h < 200 {
		t.Errorf("row height %v for a 1000-character title", h)
	}
	rows, _ := f.GetRows(sh)
	last := rows[len(rows)-1]
	if last[len(last)-1] != diacritics || last[0] != diacritics {
		t.Errorf("signature names %q", last)
	}
}
