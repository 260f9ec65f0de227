package docs_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/lotest"
	"sangkien/internal/testkit"
)

// TestMain removes the LibreOffice profile and the ward's template at the end.
func TestMain(m *testing.M) {
	code := m.Run()
	lotest.Close()
	testkit.RemoveTemplate()
	os.Exit(code)
}

// ward is the known ward named as a real ward is, in review, with three
// accepted initiatives on its council and every voting member's sheets:
// A (two authors) passes, B fails on votes, C is written by a member, who
// is barred from it.
type ward struct {
	*testkit.Ward
	Org     *core.Record
	A, B, C *core.Record
}

// year is the year of the ward's round (a fresh install seeds the round
// whose deadline is still ahead): its codes, dates and titles are that year's.
func (w *ward) year() int { return w.Round.GetInt("year") }

// code is the initiative code n of the ward's round: SK-YYYY-00n.
func (w *ward) code(n int) string { return fmt.Sprintf("SK-%d-%03d", w.year(), n) }

// newWard returns a fresh ward.
func newWard(t testing.TB) *ward {
	t.Helper()
	w := &ward{Ward: testkit.NewWard(t)}
	orgs, err := w.App.FindAllRecords("organization")
	if err != nil || len(orgs) == 0 {
		t.Fatal("no organization", err)
	}
	w.Org = orgs[0]
	testkit.Update(t, w.App, w.Org, map[string]any{"ward_name": "Phường Hoàn Kiếm", "city_name": "Thành phố Hà Nội",
		"address": "126 Hàng Trống", "chairman_name": "Chu Thanh Lương"})
	testkit.Update(t, w.App, w.Council, map[string]any{"name": "Hội đồng đánh giá sáng kiến phường Hoàn Kiếm"})
	testkit.Update(t, w.App, w.Chair, map[string]any{"position": "Phó Chủ tịch UBND phường"})
	w.A = w.Initiative(t, w.StaffA, "accepted", map[string]any{"code": w.code(1), "council": w.Council.Id,
		"title":         "Ứng dụng mã QR tra cứu tiến độ hồ sơ hành chính",
		"current_state": "Người dân phải gọi điện hỏi tiến độ hồ sơ.",
		"novelty":       "Lần đầu áp dụng tại phường; tra cứu không cần đăng nhập.",
		"solution":      "Bước 1: in mã QR trên phiếu hẹn.\nBước 2: người dân quét mã, xem tiến độ hồ sơ.",
		"conditions":    "Máy in mã QR & đường truyền ổn định <100ms>.",
		"benefit_value": 12500000,
		"authors": []map[string]any{
			{"name": "Nguyễn Văn An", "birth_date": "1988-04-12", "position": "Chuyên viên", "workplace": "Văn phòng HĐND và UBND", "qualification": "Cử nhân Luật", "share": 60, "user": w.StaffA.Id},
			{"name": "Trần Thị Bình", "birth_date": "1992-11-03", "position": "Công chức Văn phòng – Thống kê", "workplace": "Văn phòng HĐND và UBND", "qualification": "Thạc sĩ Quản lý công", "share": 40, "user": w.StaffA2.Id},
		},
		"author_users":       []string{w.StaffA.Id, w.StaffA2.Id},
		"trial_participants": []map[string]any{{"name": "Lê Thị Hồng", "workplace": "Trung tâm Phục vụ hành chính công", "task": "Tiếp nhận hồ sơ thử nghiệm"}},
	})
	w.B = w.Initiative(t, w.StaffB, "accepted", map[string]any{"code": w.code(2), "council": w.Council.Id,
		"title": "Sổ tay điện tử hướng dẫn thủ tục khai sinh, kết hôn"})
	w.C = w.Initiative(t, w.Members[0], "accepted", map[string]any{"code": w.code(3), "council": w.Council.Id,
		"title": "Số hóa kho lưu trữ hồ sơ đất đai"})
	testkit.Update(t, w.App, w.Round, map[string]any{"status": "review"})
	for _, m := range append([]*core.Record{w.Chair}, w.Members...) {
		w.Sheet(t, w.A, m, "submitted", testkit.Points(27, 18, 26.5, 17), true)
		w.Sheet(t, w.B, m, "submitted", testkit.Points(20, 15, 20, 10), m == w.Chair)
		if m != w.Members[0] {
			w.Sheet(t, w.C, m, "submitted", testkit.Points(25, 15, 25, 15), true)
		}
	}
	// the scoring action stamps each sheet; the council met on 25/9.
	if _, err := w.App.DB().NewQuery(fmt.Sprintf("UPDATE scores SET submitted_at = '%d-09-25 03:00:00.000Z'", w.year())).Execute(); err != nil {
		t.Fatal(err)
	}
	return w
}

// record saves the recognition decision signed by signer on day and
// moves the initiatives as the decide action does.
func (w *ward) record(t testing.TB, signer string, on time.Time) *core.Record {
	t.Helper()
	testkit.Update(t, w.App, w.A, map[string]any{"status": "recognized", "result_mean": 88.5, "result_tier": "tot", "result_rank": 1})
	testkit.Update(t, w.App, w.C, map[string]any{"status": "recognized", "result_mean": 80, "result_tier": "tot", "result_rank": 2})
	testkit.Update(t, w.App, w.B, map[string]any{"status": "not_recognized", "result_mean": 65, "result_rank": 3})
	testkit.Update(t, w.App, w.Round, map[string]any{"status": "decided"})
	return testkit.Save(t, w.App, "decisions", map[string]any{"round": w.Round.Id, "kind": "recognition",
		"number": "125/QĐ-UBND", "signed_on": on, "signer": signer, "initiatives": []string{w.A.Id, w.C.Id}})
}
