package lotest

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestMain removes the LibreOffice profile at the end.
func TestMain(m *testing.M) {
	code := m.Run()
	Close()
	os.Exit(code)
}

// TestConvert renders two workbooks in one call: their text keeps every
// Vietnamese letter, the page count is right and a 12 pt word measures 12
// pt, a 20 pt one 20 pt.
func TestConvert(t *testing.T) {
	book := func(text string, size float64, rows int) []byte {
		f := excelize.NewFile()
		defer f.Close()
		st, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Times New Roman", Size: size}})
		if err != nil {
			t.Fatal(err)
		}
		for r := 1; r <= rows; r++ {
			ref, _ := excelize.CoordinatesToCellName(1, r)
			_ = f.SetCellValue("Sheet1", ref, text)
			_ = f.SetCellStyle("Sheet1", ref, ref, st)
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	letters := "ăâđêôơư ĂÂĐÊÔƠƯ àảãáạ ằẳẵắặ ầẩẫấậ ềểễếệ ồổỗốộ ờởỡớợ ừửữứự ỳỷỹýỵ"
	pdfs := Convert(t, map[string][]byte{
		"a.xlsx": book(letters, 12, 1),
		"b.xlsx": book("Hạnh phúc", 20, 120),
	})
	a, b := pdfs["a.xlsx"], pdfs["b.xlsx"]
	if !strings.Contains(a.Text, letters) {
		t.Errorf("Vietnamese letters lost: %q", a.Text)
	}
	if a.Pages != 1 || b.Pages < 3 {
		t.Errorf("pages %d and %d, want 1 and several", a.Pages, b.Pages)
	}
	for _, c := range []struct {
		pdf  *PDF
		size float64
	}{{a, 12}, {b, 20}} {
		words := c.pdf.Words(t)
		if len(words) == 0 {
			t.Fatalf("%s: no words", c.pdf.Name)
		}
		if got := words[0].Size(); math.Abs(got-c.size) > 0.3 {
			t.Errorf("%s: %q measures %.2f pt, want %v", c.pdf.Name, words[0].Text, got, c.size)
		}
	}
	for _, f := range a.Fonts(t) {
		if !strings.HasPrefix(f, "LiberationSerif") {
			t.Errorf("font %q, want Liberation Serif (Times New Roman's metric twin)", f)
		}
	}
	if shots := b.Shoot(t, "lotest-b"); os.Getenv(ScreenshotsEnv) != "" && len(shots) != b.Pages {
		t.Errorf("%d page images of %d pages", len(shots), b.Pages)
	}
}
