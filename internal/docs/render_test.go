package docs_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tools/filesystem"

	"sangkien/internal/clock"
	"sangkien/internal/docs"
	"sangkien/internal/lotest"
	"sangkien/internal/testkit"
	"sangkien/internal/wordml"
)

// TestDocumentsPrint renders every document of a ward's year, converts
// them in one LibreOffice call and reads them as an officer would.
func TestDocumentsPrint(t *testing.T) {
	w := newWard(t)
	files := map[string][]byte{}
	add := func(name string, data []byte, _ string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := wordml.Validate(data); err != nil {
			t.Errorf("%s would not open cleanly: %v", name, err)
		}
		files[name] = data
	}
	d, n, err := docs.DecisionDocx(w.App, w.Round)
	add("decision-draft.docx", d, n, err)
	d, n, err = docs.MinutesDocx(w.App, w.Round)
	add("minutes.docx", d, n, err)
	d, n, err = docs.ApplicationDocx(w.App, w.A)
	add("application.docx", d, n, err)
	sheet, err := w.App.FindFirstRecordByFilter("scores", "initiative = {:i} && member = {:m}", map[string]any{"i": w.A.Id, "m": w.Members[0].Id})
	if err != nil {
		t.Fatal(err)
	}
	d, n, err = docs.SheetDocx(w.App, sheet)
	add("sheet.docx", d, n, err)
	d, n, err = docs.EstablishmentDocx(w.App, w.Council)
	add("establishment.docx", d, n, err)

	w.record(t, "Nguyễn Thị Thu Hà", clock.Date(w.year(), 9, 28))
	pdfFile, err := filesystem.NewFileFromBytes([]byte("%PDF-1.4\n%minh chung\n"), "minh-chung.pdf")
	if err != nil {
		t.Fatal(err)
	}
	w.A.Set("attachments", []any{pdfFile})
	if err := w.App.Save(w.A); err != nil {
		t.Fatal(err)
	}
	d, n, err = docs.DecisionDocx(w.App, w.Round)
	add("decision.docx", d, n, err)
	testkit.Update(t, w.App, w.Council, map[string]any{"decision_number": "08/QĐ-UBND", "decision_date": clock.Date(w.year(), 9, 10)})
	d, n, err = docs.EstablishmentDocx(w.App, w.Council)
	add("establishment-final.docx", d, n, err)
	testkit.Update(t, w.App, w.A, map[string]any{"nominated": true})
	testkit.Save(t, w.App, "decisions", map[string]any{"round": w.Round.Id, "kind": "city_nomination",
		"number": "45/TTr-UBND", "signed_on": clock.Date(w.year(), 10, 5), "signer": "Chu Thanh Lương", "initiatives": []string{w.A.Id}})
	c, _, err := docs.LoadCitySubmission(w.App, w.Round)
	if err != nil || len(c.Items) != 1 {
		t.Fatalf("city submission: %v %+v", err, c)
	}
	var zipped bytes.Buffer
	if err := docs.CityDossier(w.App, w.Round, &zipped); err != nil {
		t.Fatal(err)
	}
	var names []string
	for name, data := range unzip(t, zipped.Bytes()) {
		names = append(names, name)
		if strings.HasSuffix(name, ".docx") {
			if err := wordml.Validate(data); err != nil {
				t.Errorf("dossier %s would not open cleanly: %v", name, err)
			}
		}
		if strings.HasPrefix(name, "01-") {
			files["city-submission.docx"] = data
		}
	}
	sort.Strings(names)
	dossier := strings.Join(names, "\n")
	// yearOf writes {year} as the round's year: every document is named and
	// dated by the round it is about.
	yearOf := strings.NewReplacer("{year}", strconv.Itoa(w.year())).Replace
	for _, want := range []string{"01-To-trinh-de-nghi-cap-thanh-pho-{year}.docx", "02-Quyet-dinh-cong-nhan-sang-kien-{year}.docx",
		"03-Sang-kien/01-SK-{year}-001/Don-yeu-cau-cong-nhan-SK-{year}-001.docx", "03-Sang-kien/01-SK-{year}-001/Tai-lieu-kem-theo/minh_chung"} {
		if want = yearOf(want); !strings.Contains(dossier, want) {
			t.Errorf("the dossier lacks %s:\n%s", want, dossier)
		}
	}

	pdfs := lotest.Convert(t, files)
	keep(t, files)
	head := []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"}
	checks := map[string]struct {
		pages int
		want  []string
		not   []string
	}{
		"decision-draft.docx": {3, []string{"ỦY BAN NHÂN DÂN", "PHƯỜNG HOÀN KIẾM", "DỰ THẢO", "QUYẾT ĐỊNH",
			"Về việc công nhận sáng kiến cấp phường năm {year}", "Luật Thi đua, khen thưởng", "98/2023/NĐ-CP", "13/2012/NĐ-CP",
			"18/2013/TT-BKHCN", "Điều 1. Công nhận 2 sáng kiến", "Điều 3.", "Nơi nhận:", "CHỦ TỊCH", "Chu Thanh Lương", "PHỤ LỤC",
			"SK-{year}-001", "SK-{year}-003", "Ứng dụng mã QR tra cứu tiến", "Nguyễn Văn An", "(60%)", "(40%)", "88,5", "Số: /QĐ-UBND",
			"Hoàn Kiếm, ngày tháng năm {year}"}, []string{"KT. CHỦ TỊCH", "SK-{year}-002", "Phường Hoàn Kiếm, ngày"}},
		"decision.docx": {3, []string{"Số: 125/QĐ-UBND", "Hoàn Kiếm, ngày 28 tháng 9 năm {year}", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
			"Nguyễn Thị Thu Hà", "(Kèm theo Quyết định số 125/QĐ-UBND ngày 28/09/{year} của Chủ tịch Ủy ban nhân dân phường Hoàn Kiếm)",
			"Tổng số: 2 sáng kiến."}, []string{"DỰ THẢO"}},
		"minutes.docx": {2, []string{"BIÊN BẢN", "ngày 25 tháng 9 năm {year}", "Trụ sở Ủy ban nhân dân phường Hoàn Kiếm, 126 Hàng Trống",
			"có mặt 4, vắng mặt 0", "Vũ Văn Hải – Chủ tịch Hội đồng, Phó Chủ tịch UBND phường",
			"Bùi Thị Khánh (sáng kiến SK-{year}-003): là tác giả", "ý (1/4, cần 3)", "xếp loại Tốt",
			"công nhận 2 sáng kiến cấp phường năm {year}", "THƯ KÝ HỘI ĐỒNG", "CHỦ TỊCH HỘI ĐỒNG"}, nil},
		"application.docx": {2, []string{"ĐƠN YÊU CẦU CÔNG NHẬN SÁNG KIẾN", "Kính gửi: Ủy ban nhân dân phường Hoàn Kiếm",
			"Trần Thị Bình", "12/04/1988", "60%", "40%", "Thạc sĩ", "Ứng dụng mã QR tra cứu tiến độ hồ sơ hành chính",
			"Cải cách thủ tục hành chính", "Máy in mã QR & đường truyền ổn định <100ms>.",
			"Nội dung giải pháp: Bước 1: in mã QR trên phiếu hẹn.", "Bước 2: người dân quét mã, xem tiến độ hồ sơ.", "12.500.000 đồng", "Lê Thị Hồng",
			"xin cam đoan", "NGƯỜI NỘP ĐƠN", "(Ký và ghi rõ họ tên)"}, []string{"ỦY BAN NHÂN DÂN PHƯỜNG"}},
		"sheet.docx": {1, []string{"PHIẾU ĐÁNH GIÁ SÁNG KIẾN", "Bùi Thị Khánh", "Thư ký Hội đồng", "Tính mới, tính sáng tạo",
			"26,5", "88,5", "☒ Đề nghị công nhận", "THƯ KÝ HỘI ĐỒNG", "(Ký, ghi rõ họ tên)", "Hoàn Kiếm, ngày 25 tháng 9 năm {year}"}, nil},
		"establishment.docx": {2, []string{"DỰ THẢO", "Về việc thành lập Hội đồng đánh giá sáng kiến phường Hoàn Kiếm năm",
			"Ông (bà) Vũ Văn Hải", "Chủ tịch Hội đồng", "Thư ký Hội đồng", "Ngô Thị Mai", "Điều 8 Thông tư số",
			"Số: /QĐ-UBND", "Chu Thanh Lương"}, nil},
		"establishment-final.docx": {2, []string{"Số: 08/QĐ-UBND", "Hoàn Kiếm, ngày 10 tháng 9 năm {year}", "Ủy viên;", "Ủy viên.", "CHỦ TỊCH",
			"Chu Thanh Lương"}, []string{"DỰ THẢO", "KT. CHỦ TỊCH"}},
		"city-submission.docx": {1, []string{"TỜ TRÌNH", "Số: 45/TTr-UBND", "Hoàn Kiếm, ngày 05 tháng 10 năm {year}",
			"Kính gửi: Hội đồng Sáng kiến Thành phố Hà Nội", "Căn cứ Quyết định số 125/QĐ-UBND ngày 28/09/{year}",
			"12.500.000 đồng", "TM. ỦY BAN NHÂN DÂN", "Chu Thanh Lương"}, []string{"KT. CHỦ TỊCH"}},
	}
	for name, c := range checks {
		p := pdfs[name]
		p.Shoot(t, "doc-"+strings.TrimSuffix(name, ".docx"))
		flat := p.Flat()
		for _, want := range append(head, c.want...) {
			if want = yearOf(want); !strings.Contains(flat, want) {
				t.Errorf("%s: no %q in\n%s", name, want, p.Text)
			}
		}
		for _, not := range c.not {
			if not = yearOf(not); strings.Contains(flat, not) {
				t.Errorf("%s: %q should not be there", name, not)
			}
		}
		if p.Pages != c.pages {
			t.Errorf("%s: %d pages, want %d", name, p.Pages, c.pages)
		}
		readable(t, p)
	}
}

// keep writes the documents themselves beside the page images, when
// SANGKIEN_SCREENSHOTS names a folder, for a person to open in Word.
func keep(t *testing.T, files map[string][]byte) {
	t.Helper()
	dir := os.Getenv(lotest.ScreenshotsEnv)
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readable fails t when a word of p prints under 11 pt (a little
// tolerance for the measure) or outside the page's margins (a table wider
// than the page, text cut at the edge).
func readable(t *testing.T, p *lotest.PDF) {
	t.Helper()
	widths := pageWidths(t, p)
	left := float64(wordml.MarginLeft) / 20
	for _, w := range p.Words(t) {
		if w.Size() < 10.6 {
			t.Errorf("%s: %q on page %d prints at %.1f pt", p.Name, w.Text, w.Page, w.Size())
			return
		}
		right := widths[w.Page] - float64(wordml.MarginRight)/20
		if w.XMin < left-6 || w.XMax > right+6 {
			t.Errorf("%s: %q on page %d runs out of the margins (%.0f–%.0f pt, text %.0f–%.0f)", p.Name, w.Text, w.Page, w.XMin, w.XMax, left, right)
			return
		}
	}
}

// pageWidths reads each page's width in points from pdfinfo.
func pageWidths(t *testing.T, p *lotest.PDF) map[int]float64 {
	t.Helper()
	out, err := exec.Command("pdfinfo", "-f", "1", "-l", strconv.Itoa(p.Pages), p.Path).Output()
	if err != nil {
		t.Fatal(err)
	}
	widths := map[int]float64{}
	for _, m := range pageSize.FindAllStringSubmatch(string(out), -1) {
		n, _ := strconv.Atoi(m[1])
		widths[n], _ = strconv.ParseFloat(m[2], 64)
	}
	return widths
}

// pageSize is a page's size line of pdfinfo.
var pageSize = regexp.MustCompile(`Page\s+(\d+) size:\s+([\d.]+) x`)
