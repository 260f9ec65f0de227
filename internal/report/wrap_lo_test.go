package report

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"sangkien/internal/lotest"
)

// wrapSamples are texts as the reports hold them: unit, field and
// initiative names, authors, long sentences with Vietnamese letters.
var wrapSamples = []string{
	"Trung tâm Phục vụ hành chính công",
	"Phòng Kinh tế, Hạ tầng và Đô thị",
	"Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
	"Nâng cao các chỉ số DTI, PCI, PAR Index, PGI",
	"Ứng dụng mã QR tra cứu tiến độ giải quyết hồ sơ thủ tục hành chính tại Bộ phận Một cửa phường",
	"Nguyễn Thị Thu Hà (60%)\nĐinh Thị Hương Giang (40%)",
	"Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực để tái sử dụng dữ liệu, giảm giấy tờ công dân phải nộp",
	"KẾT QUẢ THỰC HIỆN CHỈ TIÊU VÀ TIÊU CHÍ THI ĐUA VỀ SÁNG KIẾN CẢI CÁCH HÀNH CHÍNH",
	"Trưởng phòng Văn hóa – Xã hội; Phó Chủ tịch Ủy ban nhân dân phường",
	"WWWWWWWW MMMMMMMM wwwwwwww mmmmmmmm ƯỚC ƯỚC ƯỚC ƯỚC ỮNG ỮNG ỮNG",
	"iiii llll tttt ffff rrrr iiii llll tttt ffff rrrr iiii llll tttt ffff",
}

// TestWrapMatchesLibreOffice prints every sample in columns of several
// widths, regular and bold, through LibreOffice, and counts the lines it
// draws in each cell: never more than wrappedLines says (a row as tall as
// the estimate never cuts a line off), and the estimate is not wasteful
// (at most a quarter more lines in all than LibreOffice draws).
func TestWrapMatchesLibreOffice(t *testing.T) {
	widths := []float64{9, 12, 16, 22, 30, 42}
	files := map[string][]byte{}
	type key struct {
		width float64
		bold  bool
	}
	var keys []key
	for _, w := range widths {
		for _, bold := range []bool{false, true} {
			k := key{w, bold}
			keys = append(keys, k)
			files[fmt.Sprintf("w%v-%v.xlsx", w, bold)] = wrapBook(t, w, bold)
		}
	}
	pdfs := lotest.Convert(t, files)
	if d := os.Getenv("WRAP_DEBUG"); d != "" {
		for n, p := range pdfs {
			data, _ := os.ReadFile(p.Path)
			_ = os.WriteFile(d+"/"+n+".pdf", data, 0o644)
		}
	}
	estimated, drawn := 0, 0
	for _, k := range keys {
		pdf := pdfs[fmt.Sprintf("w%v-%v.xlsx", k.width, k.bold)]
		lines := drawnLines(t, pdf, len(wrapSamples))
		for i, text := range wrapSamples {
			est := wrappedLines(text, k.width, tableSize, k.bold)
			estimated += est
			drawn += lines[i]
			if lines[i] > est {
				t.Errorf("width %v bold %v: %q drawn on %d lines, estimated %d", k.width, k.bold, text, lines[i], est)
			}
		}
	}
	if float64(estimated) > 1.25*float64(drawn) {
		t.Errorf("estimated %d lines in all, LibreOffice drew %d: too wasteful", estimated, drawn)
	}
	t.Logf("estimated %d lines, LibreOffice drew %d", estimated, drawn)
}

// wrapBook is a workbook whose column B holds the samples, one a row, in
// a column width units wide at the table's size, with the row's number
// in column A (to find the row on the page) and rows tall enough never
// to cut.
func wrapBook(t *testing.T, width float64, bold bool) []byte {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefaultFont(Font); err != nil {
		t.Fatal(err)
	}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	st, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: Font, Size: tableSize, Bold: bold}, Alignment: top})
	num, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: Font, Size: tableSize}, Alignment: top})
	_ = f.SetColWidth("Sheet1", "A", "A", 4)
	_ = f.SetColWidth("Sheet1", "B", "B", width)
	for i, text := range wrapSamples {
		r := i + 1
		_ = f.SetCellValue("Sheet1", "A"+strconv.Itoa(r), r)
		_ = f.SetCellStyle("Sheet1", "A"+strconv.Itoa(r), "A"+strconv.Itoa(r), num)
		_ = f.SetCellValue("Sheet1", "B"+strconv.Itoa(r), text)
		_ = f.SetCellStyle("Sheet1", "B"+strconv.Itoa(r), "B"+strconv.Itoa(r), st)
		_ = f.SetRowHeight("Sheet1", r, heightFor(wrappedLines(text, width, tableSize, bold)+2, tableSize))
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// drawnLines counts, for rows 1..n, the distinct lines of text drawn in
// column B: the row is the band from its number in column A down to the
// next row's number.
func drawnLines(t *testing.T, pdf *lotest.PDF, n int) []int {
	words := pdf.Words(t)
	type mark struct {
		page int
		y    float64
	}
	marks := make([]mark, n+1)
	var colB float64 = math.MaxFloat64
	left := math.MaxFloat64
	for _, w := range words {
		left = math.Min(left, w.XMin)
	}
	for _, w := range words {
		if v, err := strconv.Atoi(w.Text); err == nil && v >= 1 && v <= n && w.XMin < left+8 && marks[v].page == 0 {
			marks[v] = mark{w.Page, w.YMin}
			colB = math.Min(colB, w.XMax+2)
		}
	}
	out := make([]int, n)
	for i := 1; i <= n; i++ {
		if marks[i].page == 0 {
			t.Fatalf("%s: row %d not found", pdf.Name, i)
		}
		end := math.MaxFloat64
		if i < n && marks[i+1].page == marks[i].page {
			end = marks[i+1].y - 1
		}
		ys := map[int]bool{}
		for _, w := range words {
			if w.Page == marks[i].page && w.XMin > colB && w.YMin >= marks[i].y-1 && w.YMin < end {
				ys[int(math.Round(w.YMin))] = true
			}
		}
		keys := make([]int, 0, len(ys))
		for y := range ys {
			keys = append(keys, y)
		}
		sort.Ints(keys)
		out[i-1] = len(keys)
	}
	return out
}
