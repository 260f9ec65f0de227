package hooks_test

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sangkien/internal/apitest"
	"sangkien/internal/deadline"
	"sangkien/internal/testkit"
)

// extensionWorld puts the ward's round deadline at 25/9 00:00 of its year,
// gives unit B (Trạm Y tế) an extension of five days, and stops the
// server's clock at the round's deadline plus offset.
func extensionWorld(ref **testkit.Ward, offset time.Duration) func(testing.TB, *testkit.Ward) string {
	return func(t testing.TB, w *testkit.Ward) string {
		*ref = w
		d := roundDeadline(w)
		testkit.Update(t, w.App, w.Round, map[string]any{"submission_deadline": d})
		extend(t, w, w.UnitB, d.AddDate(0, 0, 5))
		setClock(w.App, d.Add(offset))
		return w.Round.Id
	}
}

func TestReviewWaitsForExtensions(t *testing.T) {
	t.Parallel()
	var w *testkit.Ward
	const fiveDays = 5 * 24 * time.Hour
	stillOpen := func(t testing.TB, w *testkit.Ward, id string) {
		expectRound("open")(t, w, id)
		if n := len(auditEntries(t, w.App, id, "review")); n != 0 {
			t.Errorf("%d review audit entries, want none", n)
		}
	}
	runCases(t, []actionCase{
		{
			name: "refused while unit B's extension runs", caller: bySecretariat, url: roundAction(&w, "review"),
			setup:  extensionWorld(&w, 24*time.Hour),
			status: 400,
			// the extension ends 30/9 00:00: its last day is 29/9.
			content: []string{`"reason":{"code":"extension_running"`, `"units":["TYT"]`,
				fmt.Sprintf("Trạm Y tế (hết ngày 29/09/%d)", deadline.OpenYear(time.Now()))},
			check: stillOpen,
		},
		{
			name: "refused one nanosecond before the extension ends", caller: bySecretariat, url: roundAction(&w, "review"),
			setup:  extensionWorld(&w, fiveDays-time.Nanosecond),
			status: 400, content: []string{code("extension_running")},
			check: stillOpen,
		},
		{
			name: "a blank reason is no reason", caller: bySecretariat, url: roundAction(&w, "review"),
			body:   `{"reason":"   "}`,
			setup:  extensionWorld(&w, 24*time.Hour),
			status: 400, content: []string{code("extension_running")},
			check: stillOpen,
		},
		{
			name: "allowed with a reason, which the audit log keeps", caller: bySecretariat, url: roundAction(&w, "review"),
			body:   `{"reason":"Trạm Y tế đã báo không có thêm sáng kiến"}`,
			setup:  extensionWorld(&w, 24*time.Hour),
			status: 200, content: []string{`"status":"review"`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				expectRound("review")(t, w, id)
				expectAudit(t, w.App, id, "review", `{"status":"open"}`, `{"status":"review"}`,
					"Trạm Y tế đã báo không có thêm sáng kiến")
			},
		},
		{
			name: "allowed at the extension's end", caller: bySecretariat, url: roundAction(&w, "review"),
			setup:  extensionWorld(&w, fiveDays),
			status: 200, content: []string{`"status":"review"`},
			check: expectRound("review"),
		},
		{
			name: "an extension that ends before the round's deadline holds nothing back", caller: bySecretariat, url: roundAction(&w, "review"),
			setup: func(t testing.TB, x *testkit.Ward) string {
				w = x
				d := roundDeadline(w)
				testkit.Update(t, w.App, w.Round, map[string]any{"submission_deadline": d.AddDate(0, 0, 10)})
				extend(t, w, w.UnitB, d)
				setClock(w.App, d.AddDate(0, 0, -1))
				return w.Round.Id
			},
			status: 200, content: []string{`"status":"review"`},
		},
	})
}

func TestQuotaUnderExtension(t *testing.T) {
	t.Parallel()
	var w *testkit.Ward
	const fiveDays = 5 * 24 * time.Hour
	lineOf := func(t testing.TB, body map[string]any, unit string) quotaLine {
		l, ok := quotaLines(t, body)[unit]
		if !ok {
			t.Fatalf("no line for %s", unit)
		}
		return l
	}
	expect := func(unit, result string, under bool) func(testing.TB, *testkit.Ward, map[string]any) {
		return func(t testing.TB, _ *testkit.Ward, body map[string]any) {
			l := lineOf(t, body, unit)
			raw := body["units"].([]any)
			i := slices.IndexFunc(raw, func(v any) bool { return v.(map[string]any)["code"] == unit })
			m := raw[i].(map[string]any)
			if m["result"] != result || m["under_extension"] != under || l.Met != (result == "met") {
				t.Errorf("%s: result %v, under_extension %v, met %v; want %s, %v", unit, m["result"], m["under_extension"], l.Met, result, under)
			}
		}
	}
	both := func(fns ...func(testing.TB, *testkit.Ward, map[string]any)) func(testing.TB, *testkit.Ward, map[string]any) {
		return func(t testing.TB, w *testkit.Ward, body map[string]any) {
			for _, fn := range fns {
				fn(t, w, body)
			}
		}
	}
	url := func(string) string { return quotaURL(w)("") }
	runCases(t, []actionCase{
		{
			name: "a unit short of its quota during its extension is under extension", method: http.MethodGet,
			caller: bySecretariat, url: url, setup: extensionWorld(&w, 24*time.Hour), status: 200, content: []string{`"under_extension":true`},
			checkBody: both(expect("TYT", "under_extension", true), expect("VP", "not_met", false)),
		},
		{
			name: "one nanosecond before the extension ends", method: http.MethodGet,
			caller: bySecretariat, url: url, setup: extensionWorld(&w, fiveDays-time.Nanosecond), status: 200, content: []string{`"units":[`},
			checkBody: expect("TYT", "under_extension", true),
		},
		{
			name: "at the extension's end it is not met", method: http.MethodGet,
			caller: bySecretariat, url: url, setup: extensionWorld(&w, fiveDays), status: 200, content: []string{`"units":[`},
			checkBody: expect("TYT", "not_met", false),
		},
		{
			name: "met during the extension is met", method: http.MethodGet, caller: byHeadB, url: url,
			setup: func(t testing.TB, x *testkit.Ward) string {
				id := extensionWorld(&w, 24*time.Hour)(t, x)
				x.Initiative(t, x.StaffB, "endorsed", map[string]any{"submitted_at": roundDeadline(x),
					"endorsed_at": roundDeadline(x).Add(time.Hour)})
				return id
			},
			status: 200, content: []string{`"result":"met"`},
			checkBody: expect("TYT", "met", true),
		},
	})
}

// TestQuotaReportUnderExtension: the Excel quota report says "Đang gia
// hạn" for a unit short of its quota while its extension runs.
func TestQuotaReportUnderExtension(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	extensionWorld(&w, 24*time.Hour)(t, w)
	srv := testkit.Serve(t, w.App)
	res := apitest.Send(t, srv, http.MethodGet, exportURL(w, "quota"), apitest.As(w.Secretariat))
	if res.Status != 200 {
		t.Fatalf("status %d", res.Status)
	}
	f, err := excelize.OpenReader(bytes.NewReader(res.Body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	// the result is read from the column headed "Kết quả thực hiện chỉ
	// tiêu", wherever the report's layout puts it.
	unitCol, resultCol := -1, -1
	found := map[string]string{}
	for _, r := range rows {
		if i, j := slices.Index(r, "Đơn vị"), slices.Index(r, "Kết quả thực hiện chỉ tiêu"); i >= 0 && j >= 0 {
			unitCol, resultCol = i, j
			continue
		}
		if resultCol >= 0 && len(r) > resultCol && (r[unitCol] == "Trạm Y tế" || r[unitCol] == "Văn phòng HĐND và UBND") {
			found[r[unitCol]] = r[resultCol]
		}
	}
	if resultCol < 0 {
		t.Fatalf("no header row with Đơn vị and Kết quả thực hiện chỉ tiêu in %v", rows)
	}
	if found["Trạm Y tế"] != "Đang gia hạn" || found["Văn phòng HĐND và UBND"] != "Chưa đạt" {
		t.Errorf("quota results %v, want Trạm Y tế: Đang gia hạn, Văn phòng: Chưa đạt", found)
	}
}
