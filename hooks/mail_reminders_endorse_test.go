package hooks_test

import (
	"strings"
	"testing"
	"time"

	"sangkien/internal/testkit"
)

// TestEndorseReminders: in the last seven days before its deadline, the
// head of a unit holding submissions not yet endorsed is reminded once a
// day, the list in the mail; the deadline's own instant ends it. Quotas
// are set to 0 so that no quota reminder is sent beside.
func TestEndorseReminders(t *testing.T) {
	t.Parallel()
	quiet := func(t *testing.T) *testkit.Ward {
		w := reminderWard(t)
		testkit.Update(t, w.App, w.UnitA, map[string]any{"quota": 0})
		testkit.Update(t, w.App, w.UnitB, map[string]any{"quota": 0})
		return w
	}

	t.Run("the window, to the head of the unit that holds them", func(t *testing.T) {
		w := quiet(t)
		w.Initiative(t, w.StaffA, "submitted", map[string]any{"code": "SK-2026-007", "submitted_at": at(w, 10, 9, 0)})
		// endorsed, returned, a draft: nothing waits for unit B's head.
		w.Initiative(t, w.StaffB, "endorsed", map[string]any{"submitted_at": at(w, 10, 9, 0)})
		w.Initiative(t, w.StaffB, "returned", map[string]any{"submitted_at": at(w, 10, 9, 0)})
		w.Initiative(t, w.StaffB, "draft", nil)
		start := at(w, 18, 0, 0)
		expectSent(t, "one nanosecond before the window", send(t, w, start.Add(-time.Nanosecond)), nil)
		expectSent(t, "18/9 00:00", send(t, w, start), emails(w.HeadA))
		expectSent(t, "18/9 again", send(t, w, at(w, 18, 9, 0)), nil)
		expectSent(t, "24/9 23:59", send(t, w, at(w, 24, 23, 59)), emails(w.HeadA))
		expectSent(t, "25/9 00:00", send(t, w, at(w, 25, 0, 0)), nil)

		msgs := w.App.TestMailer.Messages()
		m := msgs[len(msgs)-1]
		for _, part := range []string{"Văn phòng HĐND và UBND", "SK-2026-007", "Phạm Thị Dung",
			"hết ngày 24/09/" + w.Round.GetString("year"), "trước 25/09/" + w.Round.GetString("year") + " 00:00"} {
			if !strings.Contains(m.Subject+m.Text, part) {
				t.Errorf("mail lacks %q:\n%s\n%s", part, m.Subject, m.Text)
			}
		}
	})

	t.Run("an extension moves the window", func(t *testing.T) {
		w := quiet(t)
		extend(t, w, w.UnitA, at(w, 30, 0, 0))
		w.Initiative(t, w.StaffA, "submitted", map[string]any{"submitted_at": at(w, 10, 9, 0)})
		expectSent(t, "20/9", send(t, w, at(w, 20, 8, 0)), nil)
		expectSent(t, "27/9, round in review", func() []string {
			testkit.Update(t, w.App, w.Round, map[string]any{"status": "review"})
			return send(t, w, at(w, 27, 8, 0))
		}(), emails(w.HeadA))
	})
}
