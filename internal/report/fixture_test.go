package report_test

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/xuri/excelize/v2"

	"sangkien/internal/clock"
	"sangkien/internal/report"
	"sangkien/internal/searchindex"
	"sangkien/internal/testkit"
)

// fixture is a ward with a round whose sheets give known results:
//
//	SK-2026-001 Alpha (unit A, recognized, nominated): totals 92 90 96 86 → mean 91, Xuất sắc, rank 1
//	SK-2026-002 Beta  (unit A, recognized): 70 68 74 70 → mean 70.5, Tốt, rank 2, 3 approvals of 4
//	SK-2026-003 Gamma (unit B, not_recognized): 40 ×4 → mean 40, not recognised, rank 3
//	SK-2026-004 Delta (unit B, endorsed, late): not in scoring
//	SK-2026-005 Eps   (unit A, withdrawn)
//	a draft of unit A that never appears.
//
// Unit B's quota is 2, so it has not met it; unit A's is 1 and met.
type fixture struct {
	w                                         *testkit.Ward
	alpha, beta, gamma, delta, withdrawn, dft *core.Record
	now                                       time.Time
}

// newFixture builds the fixture ward.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	w := testkit.NewWard(t)
	t.Cleanup(w.App.Cleanup)
	fx := &fixture{w: w, now: newFixtureNow()}
	org, err := w.App.FindFirstRecordByFilter("organization", "id != ''")
	if err != nil {
		t.Fatal(err)
	}
	org.Set("ward_name", "Phường Hoàn Kiếm")
	org.Set("city_name", "Thành phố Hà Nội")
	org.Set("chairman_name", "Chu Thanh Lương")
	if err := w.App.Save(org); err != nil {
		t.Fatal(err)
	}
	w.UnitB.Set("quota", 2)
	if err := w.App.Save(w.UnitB); err != nil {
		t.Fatal(err)
	}
	at := func(d int) time.Time { return time.Date(2026, 9, d, 10, 0, 0, 0, clock.Zone) }
	fx.alpha = w.Initiative(t, w.StaffA, "recognized", map[string]any{
		"code": "SK-2026-001", "title": "Alpha: một cửa số", "council": w.Council.Id, "nominated": true,
		"submitted_at": at(10), "first_applied": time.Date(2026, 3, 5, 0, 0, 0, 0, clock.Zone),
		"authors": []map[string]any{
			{"name": "Nguyễn Văn An", "position": "Chuyên viên", "share": 60, "user": w.StaffA.Id},
			{"name": "Trần Thị Bình", "position": "Phó Chánh Văn phòng", "share": 40},
		},
	})
	fx.beta = w.Initiative(t, w.StaffA2, "recognized", map[string]any{
		"code": "SK-2026-002", "title": "Beta", "council": w.Council.Id, "submitted_at": at(11)})
	fx.gamma = w.Initiative(t, w.StaffB, "not_recognized", map[string]any{
		"code": "SK-2026-003", "title": "Gamma", "council": w.Council.Id, "submitted_at": at(12), "field": w.Fields["g"].Id})
	fx.delta = w.Initiative(t, w.StaffB, "endorsed", map[string]any{
		"code": "SK-2026-004", "title": "Delta", "late": true, "submitted_at": at(26), "first_applied": ""})
	fx.withdrawn = w.Initiative(t, w.StaffA2, "withdrawn", map[string]any{
		"code": "SK-2026-005", "title": "Eps", "submitted_at": at(13)})
	fx.dft = w.Initiative(t, w.StaffA, "draft", map[string]any{"title": "Bản nháp bí mật"})

	voters := append([]*core.Record{w.Chair}, w.Members...)
	alpha := [][4]float64{{28, 18, 28, 18}, {27, 18, 27, 18}, {29, 19, 29, 19}, {26, 17, 26, 17}}
	beta := [][4]float64{{20, 15, 20, 15}, {20, 14, 20, 14}, {22, 15, 22, 15}, {20, 15, 20, 15}}
	for i, m := range voters {
		w.Sheet(t, fx.alpha, m, "submitted", points(alpha[i]), true)
		w.Sheet(t, fx.beta, m, "submitted", points(beta[i]), i != 3)
		w.Sheet(t, fx.gamma, m, "submitted", testkit.Points(10, 10, 10, 10), false)
	}
	// the saves' index work done, as a serving program does it after them
	if _, err := searchindex.Drain(w.App); err != nil {
		t.Fatal(err)
	}
	return fx
}

// points is p as a sheet's points on the default rubric.
func points(p [4]float64) map[string]float64 {
	return testkit.Points(p[0], p[1], p[2], p[3])
}

// open builds report kind of round and opens the file with excelize, as a
// reader of the downloaded file would.
func open(t testing.TB, app core.App, round *core.Record, kind report.Kind, opts report.Options) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if _, err := report.Write(app, round, kind, opts, &buf); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("REPORT_KEEP"); dir != "" {
		_ = os.WriteFile(dir+"/"+string(kind)+".xlsx", buf.Bytes(), 0o644)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// newFixtureNow is when the fixture's reports are made: 05/10/2026 09:07
// in Hà Nội.
func newFixtureNow() time.Time {
	return time.Date(2026, 10, 5, 9, 7, 0, 0, clock.Zone)
}
