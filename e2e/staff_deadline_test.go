package e2e_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestHomeDeadlineWithExtension: a unit with an extension sees, on the
// staff home and the unit head's page, the extension's last day (Hà Nội
// days, in a browser in America/Los_Angeles) and the days left to it.
func TestHomeDeadlineWithExtension(t *testing.T) {
	w := Shared(t)
	n := userSeq.Add(1)
	staff := w.User(t, fmt.Sprintf("e2e%d@phuong.test", n), "Lê Thị Gia Hạn", w.UnitB, "staff", "unit_head")
	now := clock.Now()
	until := clock.Date(now.Year(), now.Month(), now.Day()+40) // "trước ngày" +40: the last day is +39
	// the shared ward's round closes a month from now: the extension, 40
	// days, is later, so it is the deadline the pages must show.
	if !until.After(w.Round.GetDateTime("submission_deadline").Time()) {
		t.Fatalf("the round's deadline %v is not before the extension's end %v", w.Round.GetDateTime("submission_deadline"), until)
	}
	ext := testkit.Save(t, w.App, "extensions", map[string]any{"round": w.Round.Id, "unit": w.UnitB.Id, "until": until, "reason": "Thử gia hạn"})
	t.Cleanup(func() { _ = w.App.Delete(ext) })
	want := i18n.T("format.last_day", "date", until.Add(-time.Second).Format("02/01/2006")) +
		" (" + i18n.T("staff.deadline_left", "n", strconv.Itoa(39)) + ") " + i18n.T("staff.deadline_extended")

	p := NewPage(t)
	p.UseSession(staff, "/")
	p.WaitText(want)
	p.Go("/don-vi/")
	p.WaitText(want)
}
