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
	initiativesHeader = []string{"STT", "Mã số", "Tên sáng kiến", "Tác giả (tỷ lệ % đóng góp)", "Chức vụ", "Đơn vị",
		"Lĩnh vực", "Ngày áp dụng lần đầu", "Ngày nộp", "Đúng hạn/ Trễ hạn", "Trạng thái"}
	generated = "(Lập lúc 05/10/2026 09:07)"
)

func TestInitiativesReport(t *testing.T) {
	fx := newFixture(t)
	f := open(t, fx.w.App, fx.w.Round, report.Initiatives, report.Options{Now: fx.now, Preparer: "Đỗ Thị Giang"})
	const sh = "Tổng hợp sáng kiến"
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sh {
		t.Fatalf("sheets %q", got)
	}
	expectRow(t, f, sh, 1, "ỦY BAN NHÂN DÂN")
	expectRow(t, f, sh, 2, "PHƯỜNG HOÀN KIẾM")
	if got := shown(t, f, sh, "H1"); got != "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" {
		t.Errorf("motto %q", got)
	}
	if got := shown(t, f, sh, "H2"); got != "Độc lập - Tự do - Hạnh phúc" {
		t.Errorf("motto %q", got)
	}
	year := strconv.Itoa(fx.w.Round.GetInt("year"))
	expectRow(t, f, sh, 4, "DANH SÁCH TỔNG HỢP SÁNG KIẾN CẢI CÁCH HÀNH CHÍNH NĂM "+year)
	expectRow(t, f, sh, 5, generated)
	expectRow(t, f, sh, 7, initiativesHeader...)
	expectRow(t, f, sh, 8, "1", "SK-2026-001", "Alpha: một cửa số", "Nguyễn Văn An (60%)\nTrần Thị Bình (40%)",
		"Chuyên viên\nPhó Chánh Văn phòng", "Văn phòng HĐND và UBND", "Cải cách thủ tục hành chính",
		"05/03/2026", "10/09/2026", "Đúng hạn", "Được công nhận")
	expectRow(t, f, sh, 9, "2", "SK-2026-002", "Beta")
	expectRow(t, f, sh, 10, "3", "SK-2026-003", "Gamma", "Lê Văn Cường (100%)", "Chuyên viên", "Trạm Y tế",
		"Xây dựng và phát triển Chính phủ điện tử, Chính phủ số")
	// in the order received: Eps (13/9) before Delta (26/9).
	expectRow(t, f, sh, 11, "4", "SK-2026-005", "Eps")
	expectRow(t, f, sh, 12, "5", "SK-2026-004", "Delta", "Lê Văn Cường (100%)", "Chuyên viên", "Trạm Y tế",
		"Cải cách thủ tục hành chính", "", "26/09/2026", "Trễ hạn", "Đơn vị đã đề xuất")
	if got := shown(t, f, sh, "K11"); got != "Đã rút" {
		t.Errorf("withdrawn status %q", got)
	}
	// the total row counts with numbers that show a unit.
	expectRow(t, f, sh, 13, "Tổng cộng", "", "5 sáng kiến")
	number(t, f, sh, "C13", 5)
	number(t, f, sh, "J13", 1)
	if got := shown(t, f, sh, "J13"); got != "1 trễ hạn" {
		t.Errorf("late total shown %q", got)
	}
	// dates are real dates: a serial number shown dd/mm/yyyy.
	number(t, f, sh, "I8", 46275) // 10/09/2026
	// STT is a number.
	number(t, f, sh, "A8", 1)
	// the draft never appears.
	rows, _ := f.GetRows(sh)
	for _, r := range rows {
		for _, v := range r {
			if strings.Contains(v, "Bản nháp bí mật") {
				t.Errorf("draft in the report: %q", r)
			}
		}
	}
	// signature block.
	expectRow(t, f, sh, 15, "", "", "", "", "", "", "", "Phường Hoàn Kiếm, ngày 05 tháng 10 năm 2026")
	expectRow(t, f, sh, 16, "NGƯỜI LẬP BIỂU", "", "", "", "", "", "", "TM. ỦY BAN NHÂN DÂN")
	expectRow(t, f, sh, 17, "(Ký, ghi rõ họ tên)", "", "", "", "", "", "", "CHỦ TỊCH")
	expectRow(t, f, sh, 22, "Đỗ Thị Giang", "", "", "", "", "", "", "Chu Thanh Lương")
}

func TestScoresReport(t *testing.T) {
	fx := newFixture(t)
	f := open(t, fx.w.App, fx.w.Round, report.Scores, report.Options{Now: fx.now})
	const sh = "Kết quả chấm điểm"
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sh {
		t.Fatalf("sheets %q", got)
	}
	expectRow(t, f, sh, 7, "STT", "Mã số", "Tên sáng kiến", "Đơn vị",
		"Vũ Văn Hải (Chủ tịch HĐ)", "Bùi Thị Khánh (Thư ký HĐ)", "Ngô Thị Mai (Ủy viên)", "Đặng Văn Long (Ủy viên)",
		"TB Tính mới, tính sáng tạo (tối đa 30)", "TB Khả năng áp dụng (tối đa 20)",
		"TB Hiệu quả, lợi ích mang lại (tối đa 30)", "TB Khả năng nhân rộng (tối đa 20)",
		"Điểm trung bình", "Điểm thấp nhất", "Điểm cao nhất", "Số phiếu đồng ý", "Số thành viên biểu quyết",
		"Xếp loại", "Xếp hạng")
	// best first; members in seat order: chair, secretary, then members by name.
	expectRow(t, f, sh, 8, "1", "SK-2026-001", "Alpha: một cửa số", "Văn phòng HĐND và UBND",
		"92.00", "90.00", "86.00", "96.00", "27.50", "18.00", "27.50", "18.00", "91.00", "86.00", "96.00", "4", "4", "Xuất sắc", "1")
	expectRow(t, f, sh, 9, "2", "SK-2026-002", "Beta", "Văn phòng HĐND và UBND",
		"70.00", "68.00", "70.00", "74.00", "20.50", "14.75", "20.50", "14.75", "70.50", "68.00", "74.00", "3", "4", "Tốt", "2")
	expectRow(t, f, sh, 10, "3", "SK-2026-003", "Gamma", "Trạm Y tế",
		"40.00", "40.00", "40.00", "40.00", "10.00", "10.00", "10.00", "10.00", "40.00", "40.00", "40.00", "0", "4", "Không đạt", "3")
	number(t, f, sh, "M9", 70.5)
	number(t, f, sh, "P9", 3)
	number(t, f, sh, "S10", 3)
	expectRow(t, f, sh, 11, "Tổng cộng", "", "3 sáng kiến")
	number(t, f, sh, "R11", 2)
	if got := shown(t, f, sh, "R11"); got != "2 được công nhận" {
		t.Errorf("recognised total %q", got)
	}
	// scores are numbers shown with two decimals.
	if s := style(t, f, sh, "E8"); s.NumFmt != report.ScoreFormat {
		t.Errorf("score format %d, want %d (0.00)", s.NumFmt, report.ScoreFormat)
	}
	// the unscored Delta and the draft are not in the table.
	if got := shown(t, f, sh, "B12"); got != "" {
		t.Errorf("row 12 %q", row(t, f, sh, 12))
	}
}

func TestQuotaReport(t *testing.T) {
	fx := newFixture(t)
	f := open(t, fx.w.App, fx.w.Round, report.Quota, report.Options{Now: fx.now})
	const sh = "Chỉ tiêu thi đua"
	expectRow(t, f, sh, 7, "STT", "Đơn vị", "Chỉ tiêu (số sáng kiến)", "Nộp đúng hạn", "Nộp trễ hạn",
		"Được tính chỉ tiêu", "Được công nhận", "Đề nghị cấp thành phố", "Kết quả thực hiện chỉ tiêu")
	// unit A: Alpha and Beta on time and counted (the withdrawn one is not), both recognised, Alpha nominated.
	expectRow(t, f, sh, 8, "1", "Văn phòng HĐND và UBND", "1", "2", "0", "2", "2", "1", "Đạt")
	expectRow(t, f, sh, 9, "2", "Phòng Kinh tế, Hạ tầng và Đô thị", "1", "0", "0", "0", "0", "0", "Chưa đạt")
	// unit B: Gamma counts; the late Delta does not; quota 2 is not met.
	expectRow(t, f, sh, 13, "6", "Trạm Y tế", "2", "1", "1", "1", "0", "0", "Chưa đạt")
	expectRow(t, f, sh, 14, "Tổng cộng", "", "7", "3", "1", "3", "2", "1", "1 đơn vị đạt")
	number(t, f, sh, "C13", 2)
	number(t, f, sh, "I14", 1)
}

func TestDecisionReport(t *testing.T) {
	fx := newFixture(t)
	f := open(t, fx.w.App, fx.w.Round, report.Decision, report.Options{Now: fx.now})
	const sh = "Phụ lục Quyết định"
	year := strconv.Itoa(fx.w.Round.GetInt("year"))
	expectRow(t, f, sh, 4, "PHỤ LỤC")
	expectRow(t, f, sh, 5, "DANH SÁCH SÁNG KIẾN CẢI CÁCH HÀNH CHÍNH ĐƯỢC CÔNG NHẬN CẤP PHƯỜNG NĂM "+year)
	// no decision recorded yet: blanks to fill by hand.
	expectRow(t, f, sh, 6, "(Kèm theo Quyết định số        /QĐ-UBND ngày     /    /"+year+" của Chủ tịch Ủy ban nhân dân Phường Hoàn Kiếm)")
	expectRow(t, f, sh, 9, "STT", "Mã số", "Tên sáng kiến", "Tác giả (tỷ lệ % đóng góp)", "Chức vụ", "Đơn vị", "Lĩnh vực", "Điểm trung bình", "Xếp loại")
	expectRow(t, f, sh, 10, "1", "SK-2026-001", "Alpha: một cửa số", "Nguyễn Văn An (60%)\nTrần Thị Bình (40%)",
		"Chuyên viên\nPhó Chánh Văn phòng", "Văn phòng HĐND và UBND", "Cải cách thủ tục hành chính", "91.00", "Xuất sắc")
	expectRow(t, f, sh, 11, "2", "SK-2026-002", "Beta", "Trần Thị Bình (100%)", "Chuyên viên", "Văn phòng HĐND và UBND",
		"Cải cách thủ tục hành chính", "70.50", "Tốt")
	expectRow(t, f, sh, 12, "Tổng cộng", "", "2 sáng kiến")

	// once the decision is recorded, its number and date are named.
	col, _ := fx.w.App.FindCollectionByNameOrId("decisions")
	d := core.NewRecord(col)
	d.Set("round", fx.w.Round.Id)
	d.Set("kind", "recognition")
	d.Set("number", "15/QĐ-UBND")
	d.Set("signed_on", time.Date(2026, 9, 29, 0, 0, 0, 0, clock.Zone))
	if err := fx.w.App.Save(d); err != nil {
		t.Fatal(err)
	}
	f = open(t, fx.w.App, fx.w.Round, report.Decision, report.Options{Now: fx.now})
	expectRow(t, f, sh, 6, "(Kèm theo Quyết định số 15/QĐ-UBND ngày 29/09/2026 của Chủ tịch Ủy ban nhân dân Phường Hoàn Kiếm)")
}

func TestCityReport(t *testing.T) {
	fx := newFixture(t)
	f := open(t, fx.w.App, fx.w.Round, report.City, report.Options{Now: fx.now})
	const sh = "Đề nghị cấp thành phố"
	expectRow(t, f, sh, 7, "STT", "Mã số", "Tên sáng kiến", "Tác giả (tỷ lệ % đóng góp)", "Đơn vị", "Lĩnh vực", "Điểm trung bình", "Xếp loại", "Ghi chú")
	expectRow(t, f, sh, 8, "1", "SK-2026-001", "Alpha: một cửa số", "Nguyễn Văn An (60%)\nTrần Thị Bình (40%)",
		"Văn phòng HĐND và UBND", "Cải cách thủ tục hành chính", "91.00", "Xuất sắc")
	expectRow(t, f, sh, 9, "Tổng cộng", "", "1 sáng kiến")
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
		{"Tổng hợp sáng kiến", 7, "K", 12, true, "A1:C1", "H1:K1"},
		{"Kết quả chấm điểm", 7, "S", 10, true, "A1:C1", "O1:S1"},
		{"Chỉ tiêu thi đua", 7, "I", 13, false, "A1:B1", "E1:I1"},
		{"Phụ lục Quyết định", 9, "I", 11, true, "A1:C1", "G1:I1"},
		{"Đề nghị cấp thành phố", 7, "I", 8, true, "A1:C1", "F1:I1"},
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
			for _, m := range mc {
				merged[m.GetStartAxis()+":"+m.GetEndAxis()] = m.GetCellValue()
			}
			rightRow2 := strings.Replace(s.right, "1", "2", 2)
			leftRow2 := strings.Replace(s.left, "1", "2", 2)
			if merged[s.left] != "ỦY BAN NHÂN DÂN" || merged[leftRow2] != "PHƯỜNG HOÀN KIẾM" {
				t.Errorf("issuing body block: %v", merged)
			}
			if merged[s.right] != "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" || merged[rightRow2] != "Độc lập - Tự do - Hạnh phúc" {
				t.Errorf("motto block: %v", merged)
			}
			if _, ok := merged["A4:"+s.lastCol+"4"]; !ok {
				t.Errorf("title not merged across the table: %v", merged)
			}
			// fonts: Times New Roman everywhere; bold title, header and blocks.
			hdr := "A" + strconv.Itoa(s.header)
			for _, ref := range []string{"A1", "A2", "A4", hdr, "C" + strconv.Itoa(s.header+1)} {
				st := style(t, f, s.name, ref)
				if st.Font == nil || st.Font.Family != "Times New Roman" {
					t.Errorf("%s font %+v", ref, st.Font)
				}
			}
			for _, ref := range []string{"A1", "A2", "A4", hdr} {
				if st := style(t, f, s.name, ref); !st.Font.Bold {
					t.Errorf("%s not bold", ref)
				}
			}
			h := style(t, f, s.name, hdr)
			if h.Alignment == nil || h.Alignment.Horizontal != "center" || !h.Alignment.WrapText ||
				len(h.Fill.Color) == 0 || len(h.Border) != 4 {
				t.Errorf("header style %+v %+v %+v", h.Alignment, h.Fill, h.Border)
			}
			if st := style(t, f, s.name, "C"+strconv.Itoa(s.header+1)); st.Font.Size != 12 || !st.Alignment.WrapText || len(st.Border) != 4 {
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
		"Chuyên viên\nPhó Chánh Văn phòng", "Văn phòng HĐND và UBND", "Cải cách thủ tục hành chính", "91.00", "Xuất sắc")
	expectRow(t, f, "Phụ lục Quyết định", 11, "2", "SK-2026-002", "Beta")
	expectRow(t, f, "Phụ lục Quyết định", 12, "Tổng cộng", "", "2 sáng kiến")
	expectRow(t, f, "Đề nghị cấp thành phố", 8, "1", "SK-2026-001", "Alpha: một cửa số", "Nguyễn Văn An (60%)\nTrần Thị Bình (40%)",
		"Văn phòng HĐND và UBND", "Cải cách thủ tục hành chính", "91.00", "Xuất sắc")
	expectRow(t, f, "Đề nghị cấp thành phố", 9, "Tổng cộng", "", "1 sáng kiến")
	// dates: a custom dd/mm/yyyy format on a number.
	if st := style(t, f, "Tổng hợp sáng kiến", "I8"); st.CustomNumFmt == nil || *st.CustomNumFmt != report.DateFormat {
		t.Errorf("date format %+v", st.CustomNumFmt)
	}
	if st := style(t, f, "Phụ lục Quyết định", "H10"); st.NumFmt != report.ScoreFormat {
		t.Errorf("mean format %d", st.NumFmt)
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
	expectRow(t, f, sh, 5, "Đơn vị: Trạm Y tế")
	expectRow(t, f, sh, 8, initiativesHeader...)
	expectRow(t, f, sh, 9, "1", "SK-2026-003", "Gamma")
	expectRow(t, f, sh, 10, "2", "SK-2026-004", "Delta")
	expectRow(t, f, sh, 11, "Tổng cộng", "", "2 sáng kiến")

	f = open(t, fx.w.App, fx.w.Round, report.Quota, opts)
	expectRow(t, f, "Chỉ tiêu thi đua", 9, "1", "Trạm Y tế", "2", "1", "1", "1", "0", "0", "Chưa đạt")
	expectRow(t, f, "Chỉ tiêu thi đua", 10, "Tổng cộng", "", "2", "1", "1", "1", "0", "0", "0 đơn vị đạt")
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
		{"Kết quả chấm điểm", 7, "0 sáng kiến"},
		{"Phụ lục Quyết định", 11, "0 sáng kiến"}, // a draft: DỰ THẢO and its note

		{"Đề nghị cấp thành phố", 7, "0 sáng kiến"},
	} {
		expectRow(t, f, c.sheet, c.header, "STT", "Mã số")
		expectRow(t, f, c.sheet, c.header+1, "Tổng cộng", "", c.total)
	}
	// every active unit is listed with nothing done: none has met its quota.
	expectRow(t, f, "Chỉ tiêu thi đua", 8, "1", "Văn phòng HĐND và UBND", "1", "0", "0", "0", "0", "0", "Chưa đạt")
	expectRow(t, f, "Chỉ tiêu thi đua", 14, "Tổng cộng", "", "7", "0", "0", "0", "0", "0", "0 đơn vị đạt")
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
	expectRow(t, f, "Tổng hợp sáng kiến", 4, "DANH SÁCH TỔNG HỢP SÁNG KIẾN CẢI CÁCH HÀNH CHÍNH NĂM 2032")
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
