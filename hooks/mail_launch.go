package hooks

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
	"sangkien/internal/i18n"
	"sangkien/internal/vocab"
)

// The movement launch (phát động phong trào thi đua): while a round is
// open, the secretariat sends one mail to every active ward account with
// the call, the eight fields, the person's unit's deadline and the link to
// write an initiative. It is previewed first (GET), sent once (POST; a
// second time is refused with already_launched), and written to the audit
// log (action launch). The mails go through the outbox like the notices.

// launchPreview answers GET /api/reform/rounds/{year}/launch: the mail as
// the caller would receive it, how many accounts it goes to, and when the
// round was launched (empty: not yet). Secretariat only (403).
func launchPreview(e *core.RequestEvent) error {
	round, err := pathRound(e)
	if err != nil {
		return err
	}
	people, err := launchRecipients(e.App)
	if err != nil {
		return err
	}
	msg := launchNotice(e.App, round, e.Auth, launchCommon(e.App, round))
	launched := ""
	if at := round.GetDateTime("launched_at"); !at.IsZero() {
		launched = clock.FormatDateTime(at.Time())
	}
	return e.JSON(http.StatusOK, map[string]any{
		"subject":    msg.subject,
		"body":       msg.body,
		"recipients": len(people),
		"launched":   launched,
		"mail":       mailOn(e.App),
		"open":       round.GetString("status") == vocab.RoundOpen,
	})
}

// launchRound answers POST /api/reform/rounds/{year}/launch: secretariat
// only (403), the round open (400 round_closed), SMTP on (400
// mail_not_configured), once (400 already_launched). It stamps the round's
// launched_at with its audit entry, then queues the mails; 200 with the
// number of accounts written to.
func launchRound(e *core.RequestEvent) error {
	round, err := pathRound(e)
	if err != nil {
		return err
	}
	if !mailOn(e.App) {
		return badRequest("mail", "mail_not_configured")
	}
	err = e.App.RunInTransaction(func(tx core.App) error {
		fresh, err := tx.FindRecordById("rounds", round.Id)
		if err != nil {
			return err
		}
		if rs := fresh.GetString("status"); rs != vocab.RoundOpen {
			return badRequest("round", "round_closed", "status", i18n.T("round_status."+rs))
		}
		if at := fresh.GetDateTime("launched_at"); !at.IsZero() {
			return badRequest("round", "already_launched", "date", clock.FormatDateTime(at.Time()))
		}
		fresh.Set("launched_at", clock.Of(e.App).Now())
		round = fresh
		return saveAudited(tx, e, "launch", fresh, "", nil)
	})
	if err != nil {
		return actionError(e, err)
	}
	people, err := launchRecipients(e.App)
	if err != nil {
		return err
	}
	queueNotice(e.App, kindLaunch, round.Id, "")
	return e.JSON(http.StatusOK, map[string]any{"recipients": len(people), "round": round})
}

// launchRecipients are the accounts the launch goes to: every active ward
// account that has not turned notices off.
func launchRecipients(app core.App) ([]*core.Record, error) {
	users, err := app.FindAllRecords("users", dbx.HashExp{"active": true})
	if err != nil {
		return nil, err
	}
	return recipients(users, nil), nil
}

// launchShared is what every launch mail of a round says alike.
type launchShared struct {
	ward, fields string
	units        map[string]*core.Record
}

// launchCommon reads the ward's name, the eight fields and the units once.
func launchCommon(app core.App, round *core.Record) launchShared {
	s := launchShared{units: map[string]*core.Record{}}
	if org, err := app.FindFirstRecordByFilter("organization", "id != ''"); err == nil {
		s.ward = org.GetString("ward_name")
	}
	if s.ward == "" {
		s.ward = i18n.T("mail.launch.ward")
	}
	// inside a sentence: "Ủy ban nhân dân phường Hoàn Kiếm".
	if rest, ok := strings.CutPrefix(s.ward, "Phường "); ok {
		s.ward = "phường " + rest
	}
	fields, _ := app.FindRecordsByFilter("fields", "id != ''", "sort,code", 0, 0)
	lines := make([]string, len(fields))
	for i, f := range fields {
		lines[i] = f.GetString("code") + ") " + f.GetString("name")
	}
	s.fields = strings.Join(lines, "\n")
	units, _ := app.FindAllRecords("units")
	for _, u := range units {
		s.units[u.Id] = u
	}
	return s
}

// launchNotice is the launch mail of round to user.
func launchNotice(app core.App, round, user *core.Record, s launchShared) notice {
	until := round.GetDateTime("submission_deadline").Time()
	quota := 1
	unitName := ""
	if u, ok := s.units[user.GetString("unit")]; ok {
		if d, _, err := deadline.Unit(app, round, u.Id); err == nil {
			until = d
		}
		if q := u.GetInt("quota"); q > 0 {
			quota = q
		}
		unitName = u.GetString("name")
	}
	args := []string{
		"name", user.GetString("name"), "ward", s.ward, "year", strconv.Itoa(round.GetInt("year")),
		"fields", s.fields, "deadline", deadline.Show(until), "quota", strconv.Itoa(quota),
		"unit", unitName, "link", mailLink(app, "/sang-kien/moi.html"),
	}
	return notice{
		user:    user,
		subject: i18n.T("mail.launch.subject", args...),
		body:    signed(app, i18n.T("mail.launch.body", args...)),
	}
}

// launchNotices are the launch mails of round, one per recipient.
func launchNotices(app core.App, round *core.Record) ([]notice, error) {
	people, err := launchRecipients(app)
	if err != nil {
		return nil, err
	}
	s := launchCommon(app, round)
	out := make([]notice, 0, len(people))
	for _, u := range people {
		out = append(out, launchNotice(app, round, u, s))
	}
	return out, nil
}
