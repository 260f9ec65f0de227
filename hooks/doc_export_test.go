package hooks_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/xuri/excelize/v2"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// exportURL is the export route of the ward's round for report.
func exportURL(w *testkit.Ward, report string) string {
	return fmt.Sprintf("/api/reform/rounds/%d/export.xlsx?report=%s", w.Round.GetInt("year"), report)
}

// readWorkbook opens the workbook of an answer's body.
func readWorkbook(t testing.TB, body io.Reader) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(body)
	if err != nil {
		t.Fatalf("the body is not a workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestExportPermissions(t *testing.T) {
	t.Parallel()
	reports := []string{"initiatives", "scores", "quota", "decision", "city", "all"}
	callers := []struct {
		name string
		who  func(w *testkit.Ward) *core.Record // nil: anonymous
		want map[string]int                     // by report; missing means 403
	}{
		{"anonymous", nil, map[string]int{"initiatives": 401, "scores": 401, "quota": 401, "decision": 401, "city": 401, "all": 401}},
		{"staff", func(w *testkit.Ward) *core.Record { return w.StaffA }, nil},
		{"council member", func(w *testkit.Ward) *core.Record { return w.Members[1] }, nil},
		{"unit head", func(w *testkit.Ward) *core.Record { return w.HeadA }, map[string]int{"initiatives": 200, "quota": 200}},
		{"secretariat", func(w *testkit.Ward) *core.Record { return w.Secretariat },
			map[string]int{"initiatives": 200, "scores": 200, "quota": 200, "decision": 200, "city": 200, "all": 200}},
		{"chairman", func(w *testkit.Ward) *core.Record { return w.Chairman },
			map[string]int{"initiatives": 200, "scores": 200, "quota": 200, "decision": 200, "city": 200, "all": 200}},
		{"superuser", func(w *testkit.Ward) *core.Record { return w.Superuser }, nil},
	}
	files := map[string]string{
		"initiatives": "Tong-hop-sang-kien", "scores": "Ket-qua-cham-diem", "quota": "Chi-tieu-thi-dua",
		"decision": "Phu-luc-quyet-dinh", "city": "De-nghi-cap-thanh-pho", "all": "Bao-cao-sang-kien",
	}
	// one ward for every call: a report only reads, which each call checks
	// (no record event fires).
	w := testkit.NewWard(t)
	h := testkit.Handler(t, w.App)
	year := strconv.Itoa(w.Round.GetInt("year"))
	for _, c := range callers {
		for _, r := range reports {
			want, ok := c.want[r]
			if !ok {
				want = http.StatusForbidden
			}
			name := fmt.Sprintf("GET export.xlsx?report=%s - %s should answer %d", r, c.name, want)
			var opts []apitest.Option
			if c.who != nil {
				opts = append(opts, apitest.As(c.who(w)))
			}
			w.App.ResetEventCalls()
			res := apitest.Send(t, h, http.MethodGet, exportURL(w, r), opts...)
			if res.Status != want {
				t.Errorf("%s: got %d %.300s", name, res.Status, res.Body)
				continue
			}
			if len(w.App.EventCalls) != 0 {
				t.Errorf("%s: events fired %v", name, w.App.EventCalls)
			}
			switch want {
			case 200:
				base := files[r] + "-" + year
				if c.name == "unit head" {
					base += "-VP"
				}
				if got := res.Header.Get("Content-Type"); got != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
					t.Errorf("%s: content type %q", name, got)
				}
				wantCD := `attachment; filename="` + base + `.xlsx"; filename*=UTF-8''` + base + ".xlsx"
				if got := res.Header.Get("Content-Disposition"); got != wantCD {
					t.Errorf("%s: content disposition %q, want %q", name, got, wantCD)
				}
				if !bytes.Contains(res.Body, []byte("[Content_Types].xml")) {
					t.Errorf("%s: not a workbook", name)
				}
				f := readWorkbook(t, bytes.NewReader(res.Body))
				// the scores table comes with its members' sheet.
				sheets := map[string]int{"all": 6, "scores": 2}[r]
				if sheets == 0 {
					sheets = 1
				}
				if n := len(f.GetSheetList()); n != sheets {
					t.Errorf("%s: %d sheets", name, n)
				}
			case 401:
				wantBody(t, name, res.Body, `"status":401`, `"code":"unauthorized"`)
			case 403:
				wantBody(t, name, res.Body, `"status":403`, `"code":"forbidden"`)
			}
		}
	}
}

// wantBody fails the call named name unless its body holds every part.
func wantBody(t *testing.T, name string, body []byte, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !bytes.Contains(body, []byte(p)) {
			t.Errorf("%s: body lacks %s: %.300s", name, p, body)
		}
	}
}

func TestExportErrors(t *testing.T) {
	t.Parallel()
	scenarios := []struct {
		name, url string
		status    int
		content   []string
	}{
		{"unknown report should fail", "/api/reform/rounds/%d/export.xlsx?report=salaries", 400,
			[]string{`"report":{"code":"unknown_report"`}},
		{"missing report should fail", "/api/reform/rounds/%d/export.xlsx", 400,
			[]string{`"report":{"code":"unknown_report"`}},
		{"unknown year should fail", "/api/reform/rounds/2099/export.xlsx?report=all", 404,
			[]string{`"year":{"code":"round_not_found"`, "2099"}},
		{"a year that is not a number should fail", "/api/reform/rounds/abc/export.xlsx?report=all", 404,
			[]string{`"year":{"code":"round_not_found"`}},
	}
	for _, sc := range scenarios {
		w := testkit.NewWard(t)
		url := sc.url
		if strings.Contains(url, "%d") {
			url = fmt.Sprintf(url, w.Round.GetInt("year"))
		}
		(&tests.ApiScenario{
			Name:            "GET export.xlsx - " + sc.name,
			Method:          http.MethodGet,
			URL:             url,
			Headers:         map[string]string{"Authorization": testkit.Token(t, w.Secretariat)},
			ExpectedStatus:  sc.status,
			ExpectedContent: sc.content,
			TestAppFactory:  func(testing.TB) *tests.TestApp { return w.App },
		}).Test(t)
	}
}

func TestExportUnitHeadSeesOwnUnit(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	at := func(h int) time.Time { return time.Now().Add(time.Duration(h-10) * time.Hour) }
	w.Initiative(t, w.StaffA, "endorsed", map[string]any{"code": "SK-2026-001", "title": "Của đơn vị A", "submitted_at": at(1)})
	w.Initiative(t, w.StaffA2, "submitted", map[string]any{"code": "SK-2026-002", "title": "Cũng của A", "submitted_at": at(2)})
	w.Initiative(t, w.StaffB, "endorsed", map[string]any{"code": "SK-2026-003", "title": "Của đơn vị B", "submitted_at": at(3)})
	w.Initiative(t, w.StaffA, "draft", map[string]any{"title": "Nháp của A"})
	// GET export.xlsx?report=initiatives: a unit head gets their unit's rows only.
	res := apitest.Send(t, testkit.Handler(t, w.App), http.MethodGet, exportURL(w, "initiatives"), apitest.As(w.HeadA))
	if res.Status != 200 || !bytes.Contains(res.Body, []byte("[Content_Types].xml")) {
		t.Errorf("initiatives report: %d %.300s", res.Status, res.Body)
	}
	f := readWorkbook(t, bytes.NewReader(res.Body))
	rows, err := f.GetRows("Tổng hợp sáng kiến")
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, r := range rows {
		if len(r) > 2 && len(r[1]) > 3 && r[1][:3] == "SK-" {
			codes = append(codes, r[1]+" "+r[2])
		}
	}
	if len(codes) != 2 || codes[0] != "SK-2026-001 Của đơn vị A" || codes[1] != "SK-2026-002 Cũng của A" {
		t.Errorf("rows %q, want unit A's two non-draft initiatives", codes)
	}
	// the unit's own header.
	if got := rows[1][0]; got != "VĂN PHÒNG HĐND VÀ UBND" {
		t.Errorf("issuing body %q", got)
	}
	if got := rows[5][0]; got != "Đơn vị: Văn phòng HĐND và UBND" {
		t.Errorf("unit line %q", got)
	}
	// the caller is the unit's head: they sign as its head, and
	// no preparer's block is printed beside.
	last := rows[len(rows)-1]
	if last[0] != "" || last[len(last)-1] != "Phạm Thị Dung" {
		t.Errorf("signature names %q", last)
	}

	// GET export.xlsx?report=quota: a unit head gets their unit's row only.
	w = testkit.NewWard(t)
	res = apitest.Send(t, testkit.Handler(t, w.App), http.MethodGet, exportURL(w, "quota"), apitest.As(w.HeadB))
	if res.Status != 200 || !bytes.Contains(res.Body, []byte("[Content_Types].xml")) {
		t.Errorf("quota report: %d %.300s", res.Status, res.Body)
	}
	rows, _ = readWorkbook(t, bytes.NewReader(res.Body)).GetRows("Chỉ tiêu thi đua")
	// row 10: the only unit; row 11: the total.
	if len(rows) < 11 || rows[9][1] != "Trạm Y tế" || rows[10][0] != "Tổng cộng" {
		t.Errorf("rows %q", rows)
	}
}
