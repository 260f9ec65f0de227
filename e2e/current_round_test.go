package e2e_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestCurrentRoundWithNextYearOpen: the secretariat has opened next year's
// round early. The staff home, the application form, the unit head's
// page and the secretariat's overview stay on this year's round while its
// deadline is ahead; once the deadline has passed, staff and unit heads
// are on next year's round, except a unit whose extension still runs.
// (The old pages showed the highest open year.)
func TestCurrentRoundWithNextYearOpen(t *testing.T) {
	w := Shared(t)
	year := w.Round.GetInt("year")
	this, next := strconv.Itoa(year), strconv.Itoa(year+1)
	nextRound := testkit.Save(t, w.App, "rounds", map[string]any{
		"year": year + 1, "status": "open", "submission_deadline": time.Now().AddDate(1, 0, 0).UTC(),
		"decision_deadline": time.Now().AddDate(1, 0, 5).UTC(), "threshold": 50, "approval_ratio": 2.0 / 3, "aggregation": "mean",
	})
	t.Cleanup(func() { _ = w.App.Delete(nextRound) })
	// a unit of its own: nothing of other tests waits for its head (a
	// submission to endorse would rightly open this year's round).
	unit := NewUnit(t)
	n := userSeq.Add(1)
	head := w.User(t, fmt.Sprintf("e2e%d@phuong.test", n), fmt.Sprintf("Lê Thị Chọn Đợt %d", n), unit, "staff", "unit_head")
	n = userSeq.Add(1)
	headB := w.User(t, fmt.Sprintf("e2e%d@phuong.test", n), fmt.Sprintf("Trần Văn Gia Hạn %d", n), w.UnitB, "staff", "unit_head")
	// the officer has this year's work waiting (rounds other tests left in
	// review would otherwise be theirs to open first).
	sec := officer(t)
	waiting := w.Initiative(t, headB, "endorsed", map[string]any{"code": fmt.Sprintf("SK-CR-%d", n), "endorsed_at": time.Now().Add(-time.Hour)})
	t.Cleanup(func() { _ = w.App.Delete(waiting) })

	p := NewPage(t)
	p.UseSession(head, "/")
	p.WaitText(i18n.T("staff.round_title", "year", this))
	p.Go("/sang-kien/moi.html")
	p.WaitText(roundSentence("staff.form_deadline", this))
	p.Go("/don-vi/")
	p.WaitText(roundSentence("head.deadline_line", this))
	o := NewPage(t)
	o.UseSession(sec, "/van-phong/")
	if got := Eval[string](o, `document.getElementById("round-year").value`); got != this {
		t.Errorf("the secretariat's overview opens on %s, want %s", got, this)
	}

	// this year's deadline has passed; unit B's extension still runs.
	old := w.Round.GetDateTime("submission_deadline")
	round, _ := w.App.FindRecordById("rounds", w.Round.Id)
	testkit.Update(t, w.App, round, map[string]any{"submission_deadline": time.Now().Add(-time.Hour).UTC()})
	t.Cleanup(func() {
		r, _ := w.App.FindRecordById("rounds", w.Round.Id)
		testkit.Update(t, w.App, r, map[string]any{"submission_deadline": old})
	})
	ext := testkit.Save(t, w.App, "extensions", map[string]any{"round": w.Round.Id, "unit": w.UnitB.Id,
		"until": time.Now().AddDate(0, 0, 5).UTC(), "reason": "Thử gia hạn"})
	t.Cleanup(func() { _ = w.App.Delete(ext) })
	p.Go("/")
	p.WaitText(i18n.T("staff.round_title", "year", next))
	p.Go("/don-vi/")
	p.WaitText(roundSentence("head.deadline_line", next))
	b := NewPage(t)
	b.UseSession(headB, "/")
	b.WaitText(i18n.T("staff.round_title", "year", this))
	b.WaitText(i18n.T("staff.deadline_extended"))
}

// roundSentence is the catalog's sentence key for year, up to its {deadline}.
func roundSentence(key, year string) string {
	return strings.SplitN(i18n.T(key, "year", year, "deadline", "\x00"), "\x00", 2)[0]
}
