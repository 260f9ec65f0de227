package hooks_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/hooks"
	"sangkien/internal/clock"
	"sangkien/internal/testkit"
)

// reminderWard is a ward whose round closes submissions on 25/9 00:00 and
// decides on 30/9 00:00 (Asia/Ho_Chi_Minh) of the round's year.
func reminderWard(t *testing.T) *testkit.Ward {
	t.Helper()
	w := testkit.NewWard(t)
	y := w.Round.GetInt("year")
	testkit.Update(t, w.App, w.Round, map[string]any{
		"submission_deadline": clock.Date(y, time.September, 25),
		"decision_deadline":   clock.Date(y, time.September, 30),
	})
	return w
}

// at is hh:mm on dd/9 of the ward's year, in Asia/Ho_Chi_Minh.
func at(w *testkit.Ward, day, hour, minute int) time.Time {
	return time.Date(w.Round.GetInt("year"), time.September, day, hour, minute, 0, 0, clock.Zone)
}

// send runs the reminder job at now and returns the addresses written to
// by this run, sorted.
func send(t *testing.T, w *testkit.Ward, now time.Time) []string {
	t.Helper()
	before := w.App.TestMailer.TotalSend()
	n, err := hooks.SendReminders(w.App, now)
	if err != nil {
		t.Fatal(err)
	}
	msgs := w.App.TestMailer.Messages()[before:]
	if n != len(msgs) {
		t.Errorf("SendReminders said %d, the mailer got %d", n, len(msgs))
	}
	var to []string
	for _, m := range msgs {
		for _, a := range m.To {
			to = append(to, a.Address)
		}
	}
	slices.Sort(to)
	return to
}

// emails returns the sorted addresses of users.
func emails(users ...*core.Record) []string {
	out := []string{}
	for _, u := range users {
		out = append(out, u.Email())
	}
	slices.Sort(out)
	return out
}

// expectSent fails unless got lists exactly want.
func expectSent(t *testing.T, when string, got, want []string) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: sent to %v, want %v", when, got, want)
	}
}

func TestQuotaReminders(t *testing.T) {
	t.Parallel()
	t.Run("the window, once a day, in the ward's days", func(t *testing.T) {
		w := reminderWard(t)
		heads := emails(w.HeadA, w.HeadB)
		expectSent(t, "17/9 23:59", send(t, w, at(w, 17, 23, 59)), nil)
		expectSent(t, "18/9 08:00", send(t, w, at(w, 18, 8, 0)), heads)
		expectSent(t, "18/9 08:00 again", send(t, w, at(w, 18, 8, 0)), nil)
		expectSent(t, "18/9 23:59", send(t, w, at(w, 18, 23, 59)), nil)
		// 19/9 06:30 in the ward is still 18/9 in UTC: a new day all the same.
		expectSent(t, "19/9 06:30", send(t, w, at(w, 19, 6, 30)), heads)
		expectSent(t, "24/9 23:59", send(t, w, at(w, 24, 23, 59)), heads)
		expectSent(t, "25/9 00:00", send(t, w, at(w, 25, 0, 0)), nil)
		if got := w.App.TestMailer.TotalSend(); got != 6 {
			t.Errorf("%d mails in all, want 6", got)
		}
		rows, err := w.App.FindRecordsByFilter("reminders", "kind = 'quota' && user = {:u}", "day", 0, 0, dbx.Params{"u": w.HeadA.Id})
		if err != nil {
			t.Fatal(err)
		}
		var days []string
		for _, r := range rows {
			days = append(days, r.GetString("day"))
		}
		y := w.Round.GetString("year")
		if want := []string{y + "-09-18", y + "-09-19", y + "-09-24"}; !slices.Equal(days, want) {
			t.Errorf("recorded days %v, want %v", days, want)
		}
	})

	t.Run("what the mail says", func(t *testing.T) {
		w := reminderWard(t)
		testkit.Update(t, w.App, w.UnitA, map[string]any{"quota": 2})
		w.Initiative(t, w.StaffA, "endorsed", map[string]any{"submitted_at": at(w, 10, 9, 0)})
		send(t, w, at(w, 20, 8, 0))
		var m *struct{ subject, text, html string }
		for _, msg := range w.App.TestMailer.Messages() {
			if msg.To[0].Address == w.HeadA.Email() {
				m = &struct{ subject, text, html string }{msg.Subject, msg.Text, msg.HTML}
			}
		}
		if m == nil {
			t.Fatal("no mail to the head of unit A")
		}
		for _, part := range []string{"Văn phòng HĐND và UBND", "1/2", "25/09/" + w.Round.GetString("year") + " 00:00", "Phạm Thị Dung"} {
			if !strings.Contains(m.subject+m.text, part) {
				t.Errorf("mail lacks %q:\n%s\n%s", part, m.subject, m.text)
			}
		}
		if !strings.Contains(m.html, "<p>") {
			t.Errorf("html part %q", m.html)
		}
	})

	t.Run("a unit that met its quota is left alone", func(t *testing.T) {
		w := reminderWard(t)
		w.Initiative(t, w.StaffA, "endorsed", map[string]any{"submitted_at": at(w, 10, 9, 0)})
		// a late one or a merely submitted one does not meet it.
		w.Initiative(t, w.StaffB, "endorsed", map[string]any{"late": true, "submitted_at": at(w, 10, 9, 0)})
		w.Initiative(t, w.StaffB, "submitted", map[string]any{"submitted_at": at(w, 10, 9, 0)})
		// head B: short of the quota, and a submission waits for them.
		expectSent(t, "20/9", send(t, w, at(w, 20, 8, 0)), emails(w.HeadB, w.HeadB))
	})

	t.Run("an extension moves the unit's dates", func(t *testing.T) {
		w := reminderWard(t)
		extend(t, w, w.UnitB, at(w, 30, 0, 0))
		expectSent(t, "18/9", send(t, w, at(w, 18, 8, 0)), emails(w.HeadA))
		expectSent(t, "22/9", send(t, w, at(w, 22, 8, 0)), emails(w.HeadA))
		expectSent(t, "23/9", send(t, w, at(w, 23, 8, 0)), emails(w.HeadA, w.HeadB))
		expectSent(t, "26/9", send(t, w, at(w, 26, 8, 0)), emails(w.HeadB))
		expectSent(t, "29/9 23:59", send(t, w, at(w, 29, 23, 59)), emails(w.HeadB))
		expectSent(t, "30/9 00:00", send(t, w, at(w, 30, 0, 0)), nil)
	})

	t.Run("not once submissions are closed", func(t *testing.T) {
		w := reminderWard(t)
		testkit.Update(t, w.App, w.Round, map[string]any{"status": "review"})
		expectSent(t, "20/9", send(t, w, at(w, 20, 8, 0)), nil)
	})

	t.Run("the server's zone plays no part", func(t *testing.T) {
		w := reminderWard(t)
		ny := time.Local // the tests' server runs in New York (TestMain)
		// 17/9 20:00 in New York is 18/9 07:00 in the ward: inside the window.
		expectSent(t, "NY 17/9 20:00", send(t, w, at(w, 18, 7, 0).In(ny)), emails(w.HeadA, w.HeadB))
		expectSent(t, "NY 18/9 12:00", send(t, w, at(w, 18, 23, 0).In(ny)), nil)
	})
}

func TestScoringReminders(t *testing.T) {
	t.Parallel()
	// every unit meets its quota, so only scoring reminders go.
	meetQuotas := func(t *testing.T, w *testkit.Ward) {
		units, err := w.App.FindAllRecords("units")
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range units {
			testkit.Update(t, w.App, u, map[string]any{"quota": 0})
		}
	}
	world := func(t *testing.T) (*testkit.Ward, []*core.Record) {
		w := reminderWard(t)
		meetQuotas(t, w)
		y := w.Round.GetString("year")
		council := map[string]any{"council": w.Council.Id}
		i1 := w.Initiative(t, w.StaffA, "accepted", map[string]any{"council": w.Council.Id, "code": "SK-" + y + "-001"})
		// the chair's own: the chair is not reminded of it.
		i2 := w.Initiative(t, w.Chair, "accepted", map[string]any{"council": w.Council.Id, "code": "SK-" + y + "-002"})
		// not accepted yet; accepted but not yet assigned to a council.
		w.Initiative(t, w.StaffB, "endorsed", council)
		w.Initiative(t, w.StaffA2, "accepted", nil)
		w.Sheet(t, i1, w.Members[0], "submitted", testkit.Points(20, 15, 20, 15), true)
		w.Sheet(t, i2, w.Members[0], "submitted", testkit.Points(20, 15, 20, 15), true)
		w.Sheet(t, i1, w.Members[1], "draft", testkit.Points(20, 15, 20, 15), true)
		testkit.Update(t, w.App, w.Round, map[string]any{"status": "review"})
		return w, []*core.Record{i1, i2}
	}

	t.Run("not while the round is still open: no sheet can be written yet", func(t *testing.T) {
		w, _ := world(t)
		testkit.Update(t, w.App, w.Round, map[string]any{"status": "open"})
		expectSent(t, "25/9", send(t, w, at(w, 25, 8, 0)), nil)
	})

	t.Run("who is missing sheets, in the window", func(t *testing.T) {
		w, _ := world(t)
		missing := emails(w.Chair, w.Members[1], w.Members[2])
		expectSent(t, "22/9 23:59", send(t, w, at(w, 22, 23, 59)), nil)
		expectSent(t, "23/9 08:00", send(t, w, at(w, 23, 8, 0)), missing)
		expectSent(t, "23/9 09:00", send(t, w, at(w, 23, 9, 0)), nil)
		expectSent(t, "29/9 23:59", send(t, w, at(w, 29, 23, 59)), missing)
		expectSent(t, "30/9 00:00", send(t, w, at(w, 30, 0, 0)), nil)
		if got := w.App.TestMailer.TotalSend(); got != 6 {
			t.Errorf("%d mails in all, want 6", got)
		}
	})

	t.Run("each mail lists that member's missing initiatives, not their own", func(t *testing.T) {
		w, inits := world(t)
		send(t, w, at(w, 25, 8, 0))
		byTo := map[string]string{}
		for _, m := range w.App.TestMailer.Messages() {
			byTo[m.To[0].Address] = m.Text
		}
		title1 := inits[0].GetString("code") + ": " + inits[0].GetString("title")
		title2 := inits[1].GetString("code") + ": " + inits[1].GetString("title")
		if txt := byTo[w.Chair.Email()]; !strings.Contains(txt, "còn 1 sáng kiến") || !strings.Contains(txt, title1) || strings.Contains(txt, title2) {
			t.Errorf("chair's mail:\n%s", txt)
		}
		if txt := byTo[w.Members[1].Email()]; !strings.Contains(txt, "còn 2 sáng kiến") || !strings.Contains(txt, title1) || !strings.Contains(txt, title2) {
			t.Errorf("member 1's mail:\n%s", txt)
		}
	})

	t.Run("submitting the sheets stops the reminders", func(t *testing.T) {
		w, inits := world(t)
		for _, m := range []*core.Record{w.Members[2]} {
			w.Sheet(t, inits[0], m, "submitted", testkit.Points(20, 15, 20, 15), true)
			w.Sheet(t, inits[1], m, "submitted", testkit.Points(20, 15, 20, 15), true)
		}
		expectSent(t, "25/9", send(t, w, at(w, 25, 8, 0)), emails(w.Chair, w.Members[1]))
	})

	t.Run("a member without a vote is not reminded", func(t *testing.T) {
		w, _ := world(t)
		seat, err := w.App.FindFirstRecordByFilter("council_members", "user = {:u}", dbx.Params{"u": w.Members[2].Id})
		if err != nil {
			t.Fatal(err)
		}
		testkit.Update(t, w.App, seat, map[string]any{"votes": false})
		expectSent(t, "25/9", send(t, w, at(w, 25, 8, 0)), emails(w.Chair, w.Members[1]))
	})

	t.Run("not once the round is decided", func(t *testing.T) {
		w, _ := world(t)
		testkit.Update(t, w.App, w.Round, map[string]any{"status": "decided"})
		expectSent(t, "25/9", send(t, w, at(w, 25, 8, 0)), nil)
	})
}

// TestReminderJobRegistered: the daily job is in the app's cron at 01:00 UTC.
func TestReminderJobRegistered(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	for _, j := range w.App.Cron().Jobs() {
		if j.Id() == "reform_reminders" {
			if j.Expression() != "0 1 * * *" {
				t.Errorf("schedule %q", j.Expression())
			}
			return
		}
	}
	t.Error("reform_reminders is not scheduled")
}
