package report_test

import (
	"bytes"
	"testing"

	"github.com/pocketbase/dbx"

	"sangkien/internal/demo"
	"sangkien/internal/lotest"
	"sangkien/internal/report"
	"sangkien/internal/testkit"
)

// TestPrintedDemoWard prints the whole workbook of the demo ward (its real
// names, units, council of seven, 15 initiatives mid-process) through
// LibreOffice in one file: every sheet readable, its signers named, the
// Vietnamese letters intact. Page images go to SANGKIEN_SCREENSHOTS.
func TestPrintedDemoWard(t *testing.T) {
	app := testkit.NewApp(t)
	t.Cleanup(app.Cleanup)
	now := newFixtureNow()
	if _, err := demo.Fill(app, now); err != nil {
		t.Fatal(err)
	}
	round, err := app.FindFirstRecordByFilter("rounds", "year = {:y}", dbx.Params{"y": now.Year()})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := report.Write(app, round, report.All, report.Options{Now: now, Preparer: "Lương Hoàng Long"}, &buf); err != nil {
		t.Fatal(err)
	}
	pdf := lotest.Convert(t, map[string][]byte{"demo.xlsx": buf.Bytes()})["demo.xlsx"]
	pdf.Shoot(t, "excel-demo")
	expectReadable(t, pdf)
	expectText(t, pdf, "ỦY BAN NHÂN DÂN", "PHƯỜNG HOÀN KIẾM", "Hoàn Kiếm, ngày 05 tháng 10 năm 2026",
		"NGƯỜI LẬP BIỂU", "Lương Hoàng Long", "TRƯỞNG PHÒNG VĂN HÓA – XÃ HỘI", "Đinh Thị Hương Giang",
		"CHỦ TỊCH HỘI ĐỒNG", "Nguyễn Thị Thu Hà", "THƯ KÝ HỘI ĐỒNG", "Nguyễn Thị Mai Loan",
		"TM. ỦY BAN NHÂN DÂN", "Chu Thanh Lương", "Trung tâm Phục vụ hành chính công")
	expectNoText(t, pdf, "Lập lúc", "Phường Hoàn Kiếm, ngày")
	t.Logf("demo workbook: %d pages", pdf.Pages)
}
