package e2e_test

// The council's pages' fixture: a round of its own (a year nobody else
// uses) so that moving it to review or deciding it touches no other test.

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/testkit"
)

// roundYears hands out the years of the council tests' rounds, from 2099
// down (the secretariat's tests count up from 2042;
// the seeded round is this year's or next, other tests use the years
// after it).
var roundYears atomic.Int64

func init() { roundYears.Store(2100) }

// councilRound is a round with the default rubric, a council of a chair and
// three voting members, and the initiatives given to it.
type councilRound struct {
	Year    int
	Round   *core.Record
	Council *core.Record
	Chair   *core.Record
	Members []*core.Record // chair first, then the three members
	Items   []*core.Record
	Staff   *core.Record // the author of the initiatives
}

// rubricLines is the default rubric with guidance, as the directive gives it.
var rubricLines = []struct {
	code, name, guidance string
	max                  float64
}{
	{"novelty", "Tính mới, tính sáng tạo", "Giải pháp chưa từng áp dụng tại phường; mức độ sáng tạo so với cách làm cũ.", 30},
	{"applicability", "Khả năng áp dụng", "Đã áp dụng hoặc áp dụng thử; điều kiện áp dụng có sẵn.", 20},
	{"effectiveness", "Hiệu quả, lợi ích mang lại", "Thời gian, chi phí tiết kiệm được; mức hài lòng của người dân.", 30},
	{"replicability", "Khả năng nhân rộng", "Áp dụng được ở đơn vị, địa bàn khác.", 20},
}

// newRubricRound saves a round of a fresh year in status with the
// default rubric (and its guidance), without council.
func newRubricRound(t *testing.T, status string) *councilRound {
	t.Helper()
	w := Shared(t)
	year := int(roundYears.Add(-1))
	cr := &councilRound{Year: year}
	cr.Round = testkit.Save(t, w.App, "rounds", map[string]any{
		"year": year, "status": status,
		"submission_deadline": time.Now().AddDate(0, 0, -3), "decision_deadline": time.Now().AddDate(0, 0, 20),
	})
	for i, c := range rubricLines {
		testkit.Save(t, w.App, "criteria", map[string]any{"round": cr.Round.Id, "code": c.code, "name": c.name,
			"guidance": c.guidance, "max_points": c.max, "sort": i + 1})
	}
	cr.Staff = NewUser(t, "staff")
	// the staff pages pick the newest open round: a round of ours left
	// open (a test failing half-way) would take the shared ward's place.
	t.Cleanup(func() {
		if r, err := w.App.FindRecordById("rounds", cr.Round.Id); err == nil && r.GetString("status") == "open" {
			r.Set("status", "closed")
			_ = w.App.Save(r)
		}
	})
	return cr
}

// newCouncilRound saves a round in status with the rubric, a council of
// four fresh voting members and n accepted initiatives given to it (titles
// from titles, else numbered).
func newCouncilRound(t *testing.T, status string, n int, titles ...string) *councilRound {
	t.Helper()
	w := Shared(t)
	cr := newRubricRound(t, status)
	cr.Council = testkit.Save(t, w.App, "councils", map[string]any{"round": cr.Round.Id, "name": fmt.Sprintf("Hội đồng đánh giá sáng kiến năm %d", cr.Year)})
	for i, pos := range []string{"chair", "secretary", "member", "member"} {
		u := NewUser(t, "staff", "council")
		testkit.Save(t, w.App, "council_members", map[string]any{"council": cr.Council.Id, "user": u.Id, "position": pos, "votes": true})
		cr.Members = append(cr.Members, u)
		if i == 0 {
			cr.Chair = u
		}
	}
	for i := 0; i < n; i++ {
		title := fmt.Sprintf("Sáng kiến số %d của đợt %d", i+1, cr.Year)
		if i < len(titles) {
			title = titles[i]
		}
		cr.Add(t, cr.Staff, title, nil)
	}
	return cr
}

// Add saves an accepted initiative of owner given to the round's council
// (the next code of the round) and appends it to Items.
func (cr *councilRound) Add(t *testing.T, owner *core.Record, title string, extra map[string]any) *core.Record {
	t.Helper()
	data := map[string]any{
		"round": cr.Round.Id, "title": title,
		"code":          fmt.Sprintf("SK-%d-%03d", cr.Year, len(cr.Items)+1),
		"current_state": "Người dân phải đến phường nhiều lần để nộp và bổ sung hồ sơ.",
		"novelty":       "Lần đầu phường dùng mẫu điện tử điền sẵn cho thủ tục này.",
	}
	if cr.Council != nil {
		data["council"] = cr.Council.Id
	}
	for k, v := range extra {
		data[k] = v
	}
	r := Shared(t).Initiative(t, owner, "accepted", data)
	cr.Items = append(cr.Items, r)
	return r
}
