package hooks

import (
	"html"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
	"sangkien/internal/i18n"
	"sangkien/internal/quota"
	"sangkien/internal/vocab"
)

// reminderLead is how long before a deadline the daily reminders start.
const reminderLead = 7 * 24 * time.Hour

// reminderCron is when the reminder job runs: 01:00 UTC, 08:00 in the ward.
const reminderCron = "0 1 * * *"

// within reports whether now falls in the reminder window of deadline:
// from seven days before it up to (not including) the deadline itself.
func within(now, deadline time.Time) bool {
	return !now.Before(deadline.Add(-reminderLead)) && now.Before(deadline)
}

// SendReminders sends the day's reminder e-mails as of now and returns how
// many it sent:
//   - to the heads of units still short of their quota, from seven days
//     before the unit's submission deadline (its extension moves it), while
//     the round is open;
//   - to the heads of units holding submissions that wait for their
//     endorsement, in the same window, while the round is open or in
//     review (remindEndorse);
//   - to voting council members who have not submitted a sheet on an
//     accepted initiative of their council (not their own), from seven days
//     before the decision deadline, while the round is in review (the
//     only time a sheet can be written).
//
// Each reminder is recorded in reminders first, so that a person gets a
// kind of reminder at most once a day per round, even if the job runs
// twice. The daily cron calls it with the app's clock; tests call it directly.
func SendReminders(app core.App, now time.Time) (int, error) {
	rounds, err := app.FindRecordsByFilter("rounds", "status = 'open' || status = 'review'", "year", 0, 0)
	if err != nil {
		return 0, err
	}
	today := now.In(clock.Zone).Format("2006-01-02")
	sent := 0
	for _, round := range rounds {
		if round.GetString("status") == vocab.RoundOpen {
			n, err := remindQuota(app, round, now, today)
			sent += n
			if err != nil {
				return sent, err
			}
		}
		n, err := remindEndorse(app, round, now, today)
		sent += n
		if err != nil {
			return sent, err
		}
		if round.GetString("status") == vocab.RoundReview && within(now, round.GetDateTime("decision_deadline").Time()) {
			n, err := remindScoring(app, round, today)
			sent += n
			if err != nil {
				return sent, err
			}
		}
	}
	return sent, nil
}

// remindQuota writes to the heads of the units of round that are short of
// their quota and within their reminder window.
func remindQuota(app core.App, round *core.Record, now time.Time, today string) (int, error) {
	report, err := quota.Compute(app, round, "")
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, q := range report {
		if q.Met || !within(now, q.Until) {
			continue
		}
		heads, err := unitHeads(app, q.Unit)
		if err != nil {
			return sent, err
		}
		n, err := remindEach(app, quotaReminder, heads, round, today, func(u *core.Record) []string {
			return []string{
				"name", u.GetString("name"), "unit", q.Name, "year", strconv.Itoa(round.GetInt("year")),
				"counted", strconv.Itoa(q.Counted), "required", strconv.Itoa(q.Required),
				"submitted", strconv.Itoa(q.OnTime), "deadline", deadline.ShowInstant(q.Until),
			}
		})
		sent += n
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// unitHeads returns the heads of unit (the ward accounts of the unit with
// the unit-head role).
func unitHeads(app core.App, unit string) ([]*core.Record, error) {
	staff, err := app.FindAllRecords("users", dbx.HashExp{"unit": unit})
	if err != nil {
		return nil, err
	}
	heads := staff[:0]
	for _, u := range staff {
		if HasRole(u, vocab.RoleUnitHead) {
			heads = append(heads, u)
		}
	}
	return heads, nil
}

// remindScoring writes to each voting council member of round who has not
// submitted a sheet on an accepted initiative of their council that is not
// their own, once, listing those initiatives.
func remindScoring(app core.App, round *core.Record, today string) (int, error) {
	order, missing, err := missingSheets(app, round)
	if err != nil {
		return 0, err
	}
	due := deadline.Show(round.GetDateTime("decision_deadline").Time())
	var members []*core.Record
	for _, id := range order {
		if u, err := app.FindRecordById("users", id); err == nil {
			members = append(members, u)
		}
	}
	return remindEach(app, scoringReminder, members, round, today, func(u *core.Record) []string {
		return []string{
			"name", u.GetString("name"), "year", strconv.Itoa(round.GetInt("year")),
			"count", strconv.Itoa(len(missing[u.Id])), "list", initiativeList(missing[u.Id]), "deadline", due,
		}
	})
}

// reminderMail is a kind of reminder with the catalog keys of its subject
// and body.
type reminderMail struct{ kind, subject, body string }

var (
	quotaReminder   = reminderMail{"quota", "mail.quota.subject", "mail.quota.body"}
	endorseReminder = reminderMail{"endorse", "mail.endorse.subject", "mail.endorse.body"}
	scoringReminder = reminderMail{"scoring", "mail.scoring.subject", "mail.scoring.body"}
)

// remindEach sends m's reminder (remind) to each of users, its subject
// and body filled with args(user); it returns how many went out.
func remindEach(app core.App, m reminderMail, users []*core.Record, round *core.Record, today string, args func(*core.Record) []string) (int, error) {
	sent := 0
	for _, u := range users {
		a := args(u)
		ok, err := remind(app, m.kind, u, round, today, i18n.T(m.subject, a...), i18n.T(m.body, a...))
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// remind records the reminder (kind, user, today, round) and, if it was not
// already recorded, e-mails it; ok is whether a message went out. When the
// mail fails, it is logged and the record removed so that a later run
// tries again; the other reminders still go.
func remind(app core.App, kind string, user, round *core.Record, today, subject, body string) (ok bool, err error) {
	if exists, _ := app.FindFirstRecordByFilter("reminders",
		"kind = {:kind} && user = {:user} && day = {:day} && round = {:round}",
		dbx.Params{"kind": kind, "user": user.Id, "day": today, "round": round.Id}); exists != nil {
		return false, nil
	}
	col, err := app.FindCachedCollectionByNameOrId("reminders")
	if err != nil {
		return false, err
	}
	rec := core.NewRecord(col)
	rec.Set("kind", kind)
	rec.Set("user", user.Id)
	rec.Set("day", today)
	rec.Set("round", round.Id)
	if err := app.Save(rec); err != nil {
		// most likely the unique index: another run recorded it first.
		app.Logger().Warn("reminder not recorded", "kind", kind, "user", user.Id, "error", err)
		return false, nil
	}
	msg := &mailer.Message{
		From:    mail.Address{Name: app.Settings().Meta.SenderName, Address: app.Settings().Meta.SenderAddress},
		To:      []mail.Address{{Name: user.GetString("name"), Address: user.Email()}},
		Subject: subject,
		Text:    body + "\n\n" + i18n.T("mail.signature", "url", app.Settings().Meta.AppURL),
	}
	msg.HTML = textToHTML(msg.Text)
	if err := app.NewMailClient().Send(msg); err != nil {
		app.Logger().Error("reminder mail failed", "kind", kind, "user", user.Id, "error", err)
		if derr := app.Delete(rec); derr != nil {
			app.Logger().Error("reminder record not removed", "id", rec.Id, "error", derr)
		}
		return false, nil
	}
	return true, nil
}

// textToHTML turns a plain-text mail into escaped HTML paragraphs.
func textToHTML(text string) string {
	var b strings.Builder
	for _, para := range strings.Split(text, "\n\n") {
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(para), "\n", "<br>"))
		b.WriteString("</p>\n")
	}
	return b.String()
}

// runReminders is the daily cron job: SendReminders at the server's now,
// with failures logged.
func runReminders(app core.App) func() {
	return func() {
		n, err := SendReminders(app, clock.Of(app).Now())
		if err != nil {
			app.Logger().Error("reminders failed", "sent", n, "error", err)
			return
		}
		app.Logger().Info("reminders sent", "sent", n)
	}
}
