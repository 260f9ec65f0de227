package report_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
	"sangkien/internal/lotest"
	"sangkien/internal/report"
	"sangkien/internal/testkit"
)

// printFixture is the fixture ward with what its signed documents name:
// the head of Phòng Văn hóa – Xã hội, a unit head's position, the
// recognition decision signed by a vice-chairman, the submission to the
// city, a returned initiative, the chair an author of Gamma, and the
// city details of Alpha.
func printFixture(t *testing.T) *fixture {
	t.Helper()
	fx := newFixture(t)
	w := fx.w
	vhxh, err := w.App.FindFirstRecordByData("units", "code", "VHXH")
	if err != nil {
		t.Fatal(err)
	}
	head := w.User(t, "truongphong@phuong.test", "Đinh Thị Hương Giang", vhxh, "staff", "unit_head")
	testkit.Update(t, w.App, head, map[string]any{"position": "Trưởng phòng"})
	testkit.Update(t, w.App, w.HeadB, map[string]any{"position": "Trạm trưởng"})
	save := func(data map[string]any) {
		testkit.Save(t, w.App, "decisions", data)
	}
	save(map[string]any{"round": w.Round.Id, "kind": "recognition", "number": "15/QĐ-UBND",
		"signed_on": time.Date(2026, 9, 29, 0, 0, 0, 0, clock.Zone), "signer": "Nguyễn Thị Thu Hà"})
	save(map[string]any{"round": w.Round.Id, "kind": "city_nomination", "number": "20/TTr-UBND",
		"signed_on": time.Date(2026, 10, 3, 0, 0, 0, 0, clock.Zone), "signer": "Chu Thanh Lương"})
	w.Initiative(t, w.StaffB, "returned", map[string]any{
		"code": "SK-2026-006", "title": "Zeta trả lại", "submitted_at": time.Date(2026, 9, 14, 9, 0, 0, 0, clock.Zone)})
	testkit.Update(t, w.App, fx.gamma, map[string]any{"author_users": []string{w.StaffB.Id, w.Chair.Id}})
	testkit.Update(t, w.App, fx.alpha, map[string]any{
		"summary":       "Tiếp nhận và trả kết quả hồ sơ một cửa hoàn toàn trên môi trường số, ký số kết quả.",
		"benefits":      "Giảm 40% thời gian giải quyết; người dân không phải đi lại nhiều lần.",
		"benefit_value": 12500000,
	})
	return fx
}

// xlsx builds report kind with opts as bytes.
func xlsx(t *testing.T, fx *fixture, kind report.Kind, opts report.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if opts.Now.IsZero() {
		opts.Now = fx.now
	}
	if _, err := report.Write(fx.w.App, fx.w.Round, kind, opts, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// header are the lines every ward document starts with.
var header = []string{"ỦY BAN NHÂN DÂN", "PHƯỜNG HOÀN KIẾM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"}

// TestPrintedReports prints each report through LibreOffice, as the ward
// office does, and reads it back: the header and motto, the title, names
// and numbers from the data, the signature block of that report and its
// signer, the place-and-date line without the place's level and no
// software line, the page count, Vietnamese letters, every row's text
// inside its row, nothing under 11 pt. Page images go to
// SANGKIEN_SCREENSHOTS when it is set.
func TestPrintedReports(t *testing.T) {
	fx := printFixture(t)
	w := fx.w
	secretariat := report.Options{Preparer: "Đỗ Thị Giang"}
	unitHead := report.Options{Preparer: "Hoàng Văn Em", Unit: w.UnitB.Id}
	pdfs := lotest.Convert(t, map[string][]byte{
		"initiatives.xlsx":      xlsx(t, fx, report.Initiatives, secretariat),
		"initiatives-unit.xlsx": xlsx(t, fx, report.Initiatives, unitHead),
		"scores.xlsx":           xlsx(t, fx, report.Scores, secretariat),
		"quota.xlsx":            xlsx(t, fx, report.Quota, secretariat),
		"quota-unit.xlsx":       xlsx(t, fx, report.Quota, unitHead),
		"decision.xlsx":         xlsx(t, fx, report.Decision, secretariat),
		"city.xlsx":             xlsx(t, fx, report.City, secretariat),
	})
	today := "Hoàn Kiếm, ngày 05 tháng 10 năm 2026"
	year := strconv.Itoa(w.Round.GetInt("year")) // the round's, in its titles
	for name, pdf := range pdfs {
		expectText(t, pdf, header[2], header[3])
		expectNoText(t, pdf, "Lập lúc", "Phường Hoàn Kiếm, ngày", "\ufffd")
		expectReadable(t, pdf)
		pdf.Shoot(t, "excel-"+strings.TrimSuffix(name, ".xlsx"))
	}

	t.Run("consolidated list", func(t *testing.T) {
		pdf := pdfs["initiatives.xlsx"]
		expectText(t, pdf, header[0], header[1], "DANH SÁCH TỔNG HỢP SÁNG KIẾN CẢI CÁCH HÀNH CHÍNH NĂM "+year,
			today, "NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)", "Đỗ Thị Giang", "TRƯỞNG PHÒNG VĂN HÓA – XÃ HỘI", "Đinh Thị Hương Giang",
			"I. CÁC SÁNG KIẾN ĐƯỢC TỔNG HỢP", "4 sáng kiến", "1 trễ hạn", "II. CÁC SÁNG KIẾN ĐÃ RÚT HOẶC TRẢ LẠI", "Chức danh")
		expectNoText(t, pdf, "TM. ỦY BAN NHÂN DÂN", "Chức vụ")
		expectRowsIntact(t, pdf, [][]string{
			{"1", "SK-2026-001", "Alpha: một cửa số", "Nguyễn Văn An (60%)", "Trần Thị Bình (40%)", "Phó Chánh Văn phòng", "Văn phòng HĐND và UBND", "05/03/2026", "10/09/2026", "Được công nhận"},
			{"2", "SK-2026-002", "Beta"},
			{"3", "SK-2026-003", "Gamma", "Trạm Y tế", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", "Không được công nhận"},
			{"4", "SK-2026-004", "Delta", "26/09/2026", "Trễ hạn", "Đơn vị đã đề xuất"},
			{"1", "SK-2026-005", "Eps", "Đã rút"},
			{"2", "SK-2026-006", "Zeta trả lại", "Trả lại để chỉnh sửa"},
		})
		// a landscape page holds the table; the signature block follows
		// on the second, whole.
		if pdf.Pages != 2 {
			t.Errorf("%d pages, want 2", pdf.Pages)
		}
		last := strings.Join(strings.Fields(pdf.PageText(pdf.Pages)), " ")
		for _, p := range []string{today, "NGƯỜI LẬP BIỂU", "Đỗ Thị Giang", "Đinh Thị Hương Giang"} {
			if !strings.Contains(last, p) {
				t.Errorf("the last page lacks %q of the signature block", p)
			}
		}
	})
	t.Run("a unit head's list", func(t *testing.T) {
		pdf := pdfs["initiatives-unit.xlsx"]
		expectText(t, pdf, "ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM", "TRẠM Y TẾ", "TRẠM TRƯỞNG", "Hoàng Văn Em", "SK-2026-003", "Zeta trả lại")
		expectNoText(t, pdf, "NGƯỜI LẬP BIỂU", "TRƯỞNG PHÒNG", "Alpha", "Đinh Thị Hương Giang")
	})
	t.Run("scores table", func(t *testing.T) {
		pdf := pdfs["scores.xlsx"]
		expectText(t, pdf, "ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM", "HỘI ĐỒNG ĐÁNH GIÁ",
			"BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM SÁNG KIẾN CẢI CÁCH HÀNH CHÍNH NĂM "+year,
			"BẢNG ĐIỂM CỦA TỪNG THÀNH VIÊN HỘI ĐỒNG", today,
			"THƯ KÝ HỘI ĐỒNG", "Bùi Thị Khánh", "CHỦ TỊCH HỘI ĐỒNG", "Vũ Văn Hải",
			"91,0", "70,5", "27,5", "14,75", "2 được công nhận")
		expectNoText(t, pdf, "91.00", "NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN")
		expectRowsIntact(t, pdf, [][]string{
			{"1", "SK-2026-001", "Alpha: một cửa số", "(Văn phòng HĐND và UBND)", "91,0", "86,0", "96,0", "Công nhận, xếp loại Xuất sắc"},
			{"2", "SK-2026-002", "Beta", "70,5", "Công nhận, xếp loại Tốt"},
			{"3", "SK-2026-003", "Gamma", "(Trạm Y tế)", "40,0",
				"Không công nhận: điểm trung bình dưới 50; không đủ phiếu đồng ý (0/3, cần 2)"},
			// the members' sheet: the chair is an author of Gamma.
			{"1", "SK-2026-001", "92,0", "90,0", "86,0", "96,0"},
			{"2", "SK-2026-002"},
			{"3", "SK-2026-003", "Tác giả — không chấm", "40,0"},
		})
		// the table's last row goes over with the signature block (the
		// block does not fit under it), then the members' sheet.
		if pdf.Pages != 3 {
			t.Errorf("%d pages, want 3 (the table on two, the members' sheet)", pdf.Pages)
		}
		if p := strings.Join(strings.Fields(pdf.PageText(2)), " "); !strings.Contains(p, "SK-2026-003") || !strings.Contains(p, "Vũ Văn Hải") {
			t.Errorf("page 2 should hold the last row and the whole signature block: %q", p)
		}
	})
	t.Run("quota report", func(t *testing.T) {
		pdf := pdfs["quota.xlsx"]
		expectText(t, pdf, header[0], header[1], "KẾT QUẢ THỰC HIỆN CHỈ TIÊU VÀ TIÊU CHÍ THI ĐUA", today,
			"Điểm thi đua: đạt chỉ tiêu +10; mỗi sáng kiến được công nhận +5; mỗi sáng kiến đề nghị cấp thành phố +10; không đạt chỉ tiêu -10",
			"NGƯỜI LẬP BIỂU", "Đỗ Thị Giang", "TRƯỞNG PHÒNG VĂN HÓA – XÃ HỘI", "Đinh Thị Hương Giang", "1 đơn vị đạt")
		// VP met its quota with 2 recognised and 1 nominated: 10 + 10 + 10;
		// the others missed it: -10 each (5 units), in all -20.
		expectRowsIntact(t, pdf, [][]string{
			{"1", "Văn phòng HĐND và UBND", "Đạt", "+30"},
			{"2", "Phòng Kinh tế, Hạ tầng và Đô thị", "Chưa đạt", "-10"},
			{"3", "Phòng Văn hóa – Xã hội", "-10"},
			{"4", "Trung tâm Phục vụ hành chính công", "-10"},
			{"5", "Trung tâm Cung ứng dịch vụ công", "-10"},
			{"6", "Trạm Y tế", "Chưa đạt", "-10"},
		})
		expectText(t, pdf, "-20")
		if pdf.Pages != 1 {
			t.Errorf("%d pages, want 1", pdf.Pages)
		}
		unit := pdfs["quota-unit.xlsx"]
		expectText(t, unit, "TRẠM Y TẾ", "TRẠM TRƯỞNG", "Hoàng Văn Em")
		expectNoText(t, unit, "Văn phòng HĐND và UBND")
	})
	t.Run("decision annex", func(t *testing.T) {
		pdf := pdfs["decision.xlsx"]
		expectText(t, pdf, header[0], header[1], "PHỤ LỤC",
			"(Kèm theo Quyết định số 15/QĐ-UBND ngày 29/09/2026 của Chủ tịch Ủy ban nhân dân phường Hoàn Kiếm)",
			"Hoàn Kiếm, ngày 29 tháng 9 năm 2026", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thị Thu Hà", "2 sáng kiến")
		expectNoText(t, pdf, "NGƯỜI LẬP BIỂU", "Đỗ Thị Giang", "TM. ỦY BAN NHÂN DÂN", today)
		expectRowsIntact(t, pdf, [][]string{
			{"1", "SK-2026-001", "Alpha: một cửa số", "Nguyễn Văn An (60%)", "Phó Chánh Văn phòng", "91,0", "Xuất sắc"},
			{"2", "SK-2026-002", "Beta", "70,5", "Tốt"},
		})
		if pdf.Pages != 1 {
			t.Errorf("%d pages, want 1", pdf.Pages)
		}
	})
	t.Run("city list", func(t *testing.T) {
		pdf := pdfs["city.xlsx"]
		expectText(t, pdf, header[0], header[1],
			"(Kèm theo Tờ trình số 20/TTr-UBND ngày 03/10/2026 của Ủy ban nhân dân phường Hoàn Kiếm)",
			"Quyết định số 15/QĐ-UBND ngày 29/09/2026 của Chủ tịch Ủy ban nhân dân phường Hoàn Kiếm",
			"Hoàn Kiếm, ngày 03 tháng 10 năm 2026", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Chu Thanh Lương", "1 sáng kiến")
		expectNoText(t, pdf, "NGƯỜI LẬP BIỂU", "KT. CHỦ TỊCH")
		expectRowsIntact(t, pdf, [][]string{{"1", "SK-2026-001", "Alpha: một cửa số", "Phó Chánh Văn phòng",
			"Tiếp nhận và trả kết quả hồ sơ một cửa hoàn toàn trên môi trường số, ký số kết quả.",
			"Giảm 40% thời gian giải quyết; người dân không phải đi lại nhiều lần.", "12.500.000", "Xuất sắc"}})
	})
}

// TestDecisionAnnexSignedByChairman checks the annex of a decision the
// chairman signed himself: CHỦ TỊCH, without KT.; and the annex printed
// before any decision: number and date left blank, the chairman's title.
func TestDecisionAnnexSignedByChairman(t *testing.T) {
	fx := newFixture(t)
	// while the council's outcome is not recorded (the initiatives still
	// accepted, the round in review) the annex is the draft of what the
	// sheets would recognise.
	for _, ini := range []*core.Record{fx.alpha, fx.beta, fx.gamma} {
		testkit.Update(t, fx.w.App, ini, map[string]any{"status": "accepted"})
	}
	testkit.Update(t, fx.w.App, fx.w.Round, map[string]any{"status": "review"})
	proposed := xlsx(t, fx, report.Decision, report.Options{})
	testkit.Update(t, fx.w.App, fx.alpha, map[string]any{"status": "recognized"})
	testkit.Update(t, fx.w.App, fx.beta, map[string]any{"status": "recognized"})
	testkit.Update(t, fx.w.App, fx.gamma, map[string]any{"status": "not_recognized"})
	before := xlsx(t, fx, report.Decision, report.Options{})
	testkit.Save(t, fx.w.App, "decisions", map[string]any{"round": fx.w.Round.Id, "kind": "recognition",
		"number": "16/QĐ-UBND", "signed_on": time.Date(2026, 9, 28, 0, 0, 0, 0, clock.Zone), "signer": "Chu Thanh Lương"})
	pdfs := lotest.Convert(t, map[string][]byte{"proposed.xlsx": proposed, "before.xlsx": before,
		"signed.xlsx": xlsx(t, fx, report.Decision, report.Options{})})
	signed := pdfs["signed.xlsx"]
	year := strconv.Itoa(fx.w.Round.GetInt("year")) // the round's: its title and blank dates
	title := "DANH SÁCH SÁNG KIẾN CẢI CÁCH HÀNH CHÍNH ĐƯỢC CÔNG NHẬN CẤP PHƯỜNG NĂM " + year
	expectText(t, signed, "PHỤ LỤC", title, "Quyết định số 16/QĐ-UBND ngày 28/09/2026", "Hoàn Kiếm, ngày 28 tháng 9 năm 2026", "CHỦ TỊCH", "Chu Thanh Lương")
	expectNoText(t, signed, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "DỰ THẢO", "Dự thảo:")
	blanks := []string{"Quyết định số /QĐ-UBND ngày / /" + year, "Hoàn Kiếm, ngày tháng năm " + year, "CHỦ TỊCH"}
	// the outcome recorded, the decision not yet: the list is final, its
	// number and date blank in the round's year, the chairman's title unnamed.
	unsigned := pdfs["before.xlsx"]
	unsigned.Shoot(t, "excel-decision-unsigned")
	expectReadable(t, unsigned)
	expectText(t, unsigned, append([]string{"PHỤ LỤC", title, fx.alpha.GetString("code"), fx.beta.GetString("code")}, blanks...)...)
	expectNoText(t, unsigned, "Chu Thanh Lương", "KT. CHỦ TỊCH", "DỰ THẢO", "Dự thảo:", fx.gamma.GetString("code"))
	// before the outcome: a draft (DỰ THẢO and its note) of the same list.
	draft := pdfs["proposed.xlsx"]
	draft.Shoot(t, "excel-decision-draft")
	expectReadable(t, draft)
	expectText(t, draft, append([]string{"DỰ THẢO", "PHỤ LỤC", title, fx.alpha.GetString("code"), fx.beta.GetString("code"),
		"(Dự thảo: Quyết định công nhận chưa được ghi nhận; danh sách có thể còn thay đổi)"}, blanks...)...)
	expectNoText(t, draft, "Chu Thanh Lương", "KT. CHỦ TỊCH", fx.gamma.GetString("code"))
}
