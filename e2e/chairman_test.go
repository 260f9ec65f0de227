package e2e_test

import (
	"archive/zip"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestChairmanDecides: the Chairman reads the round (read only), the
// results and the draft list he will sign, downloads the draft decision;
// recording it while a sheet is missing is refused under the reason with
// the catalog's sentence; with a reason, the decision is recorded and the
// page shows the final list.
func TestChairmanDecides(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	cr := newCouncilRound(t, "review", 2, "Một cửa điện tử cho hộ kinh doanh", "Sổ tay hướng dẫn thủ tục bằng mã QR")
	good, weak := cr.Items[0], cr.Items[1]
	for i, m := range cr.Members {
		w.Sheet(t, good, m, "submitted", testkit.Points(25, 17, 26, 16+float64(i)), true)
		if i < 3 {
			w.Sheet(t, weak, m, "submitted", testkit.Points(10, 8, 10, 5), false)
		}
	}
	chairman := NewUser(t, "chairman")
	p := NewPage(t)
	p.Allow("/decide", 400)
	dir := allowDownloads(p)
	p.UseSession(chairman, fmt.Sprintf("/chu-tich/?year=%d", cr.Year))

	main := p.Text("main")
	for _, want := range []string{i18n.T("round_status.review"), "2" + i18n.T("status.accepted"),
		good.GetString("title"), weak.GetString("title"), i18n.T("chair.missing", "count", "1"), i18n.T("chair.draft_mark")} {
		if !strings.Contains(main, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	preview := p.Text("#preview-table")
	if !strings.Contains(preview, good.GetString("title")) || strings.Contains(preview, weak.GetString("title")) {
		t.Errorf("the draft list: %q", preview)
	}
	// the results: the good one ranks first with its mean, the weak one does not pass.
	rows := Eval[[]string](p, `[...document.querySelectorAll("#results-table tbody tr")].map((r) => r.innerText.replace(/\s+/g, " "))`)
	if len(rows) != 2 || !strings.Contains(rows[0], "85,5") || !strings.Contains(rows[1], i18n.T("chair.not_recognized")) {
		t.Errorf("results rows %q", rows)
	}
	p.CheckNarrow("chairman")
	p.CheckLabels()
	p.Screenshots("chairman")

	p.Click(i18n.T("chair.docx_draft"))
	docx := waitFile(t, filepath.Join(dir, fmt.Sprintf("Du-thao-Quyet-dinh-cong-nhan-sang-kien-%d.docx", cr.Year)))
	if text := docxText(t, docx); !strings.Contains(text, "DỰ THẢO") || !strings.Contains(text, good.GetString("title")) {
		t.Errorf("the draft decision reads %q", text[:min(len(text), 400)])
	}

	p.Fill(i18n.T("decision.number"), "25/QĐ-UBND")
	p.Click(i18n.T("chair.decide_submit"))
	p.Click(i18n.T("chair.confirm_ok"))
	p.WaitJS(`!!document.getElementById("reason-error")`)
	if got := p.Text("#reason-error"); !strings.Contains(got, "1") || !strings.Contains(got, weak.GetString("code")) {
		t.Errorf("sheets_missing under the reason: %q", got)
	}
	if r, _ := w.App.FindRecordById("rounds", cr.Round.Id); r.GetString("status") != "review" {
		t.Fatal("decided despite the refusal")
	}
	p.Fill(i18n.T("chair.reason"), "Thành viên vắng mặt dài ngày, Hội đồng thống nhất không chờ phiếu.")
	p.Click(i18n.T("chair.decide_submit"))
	p.Click(i18n.T("chair.confirm_ok"))
	p.WaitJS(`!document.getElementById("decided").hidden && document.getElementById("decide").hidden`)
	if got := p.Text("#decided-text"); !strings.Contains(got, "25/QĐ-UBND") {
		t.Errorf("decided: %q", got)
	}
	if !strings.Contains(p.Text("#preview-title"), i18n.T("chair.preview_final", "year", fmt.Sprint(cr.Year))) || !Eval[bool](p, `document.getElementById("draft-mark").hidden`) {
		t.Errorf("after the decision the list is still a draft: %q", p.Text("#preview"))
	}
	for id, want := range map[string]string{good.Id: "recognized", weak.Id: "not_recognized"} {
		if r, _ := w.App.FindRecordById("initiatives", id); r.GetString("status") != want {
			t.Errorf("%s: %s, want %s", r.GetString("title"), r.GetString("status"), want)
		}
	}
	p.Screenshots("chairman-decided")
}

// docxText returns the text of a .docx's main part (tags removed).
func docxText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			var out strings.Builder
			in := false
			for _, r := range string(b) {
				switch {
				case r == '<':
					in = true
				case r == '>':
					in = false
				case !in:
					out.WriteRune(r)
				}
			}
			return out.String()
		}
	}
	t.Fatal("no word/document.xml")
	return ""
}
