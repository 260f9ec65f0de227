package e2e_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"sangkien/internal/i18n"
)

// TestPrintAnInitiative: "In sáng kiến" prints the initiative as its form
// on A4 (the page's size from the print CSS), with its title, authors and
// text, and without the menu, the buttons or who is signed in.
func TestPrintAnInitiative(t *testing.T) {
	t.Parallel()
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (poppler-utils: make deps-docs)", tool)
		}
	}
	w := Shared(t)
	staff := NewUser(t, "staff")
	ini := w.Initiative(t, staff, "submitted", map[string]any{"code": "SK-IN-001", "title": "Tra cứu hồ sơ bằng mã QR trên giấy hẹn",
		"solution": "Bước 1: in mã QR trên giấy hẹn. Bước 2: cập nhật trạng thái hồ sơ mỗi ngày."})
	p := NewPage(t)
	p.UseSession(staff, "/sang-kien/xem.html?id="+ini.Id)
	p.WaitText(i18n.T("staff.print"))
	var pdf []byte
	p.do("print", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		yes := true
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes})
		if err != nil {
			return err
		}
		pdf = res.Data
		return nil
	}))
	file := filepath.Join(t.TempDir(), "sang-kien.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(info), "(A4)") {
		t.Errorf("not A4:\n%s", info)
	}
	text, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(string(text)), " ")
	for _, want := range []string{"Tra cứu hồ sơ bằng mã QR trên giấy hẹn", staff.GetString("name"), "Bước 2: cập nhật trạng thái hồ sơ mỗi ngày."} {
		if !strings.Contains(got, want) {
			t.Errorf("the printout lacks %q:\n%s", want, got)
		}
	}
	for _, absent := range []string{i18n.T("page.logout"), i18n.T("nav.new"), i18n.T("staff.print"), i18n.T("staff.download")} {
		if strings.Contains(got, absent) {
			t.Errorf("the printout shows %q", absent)
		}
	}
}
