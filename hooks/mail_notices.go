package hooks

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
	"sangkien/internal/i18n"
	"sangkien/internal/nd30"
)

// Notices: a mail to whoever must act next, after the act commits
// (mail_outbox.go sends them):
//   - submitted → the heads of the initiative's unit (to endorse it);
//   - endorsed (sent by the unit) → the secretariat (to accept it);
//   - returned (sent back by the unit or returned by the secretariat) →
//     the authors with a linked account, with the reason;
//   - the round moves to review → each voting council member, the
//     initiatives they score; an initiative assigned to a council while the
//     round is in review → that council's voting members;
//   - the decision recorded → the authors, with the outcome;
//   - the movement launched (mail_launch.go) → every active account.
// Authors are never asked to act on their own initiative; a person who
// turned notices off (users.mail_off) or is inactive gets none.

// noticeInitiative queues the notice of an initiative's new status or
// council, after the save commits.
func noticeInitiative(e *core.RecordEvent) error {
	err := e.Next()
	r, old := e.Record, e.Record.Original()
	status := r.GetString("status")
	if status != old.GetString("status") {
		switch status {
		case "submitted", "endorsed":
			queueNotice(e.App, status, r.Id, "")
		case "returned":
			queueNotice(e.App, "returned", r.Id, r.GetString("return_reason"))
		}
	}
	if c := r.GetString("council"); c != "" && c != old.GetString("council") && status == "accepted" {
		queueNotice(e.App, "assigned", r.Id, "")
	}
	return err
}

// noticeRound queues the notices of a round that moves to review or to
// decided, after the save commits.
func noticeRound(e *core.RecordEvent) error {
	err := e.Next()
	status := e.Record.GetString("status")
	if status != e.Record.Original().GetString("status") {
		switch status {
		case "review", "decided":
			queueNotice(e.App, status, e.Record.Id, "")
		}
	}
	return err
}

// composeNotices returns the mails that the event row ev turns into.
func composeNotices(app core.App, ev *core.Record) ([]notice, error) {
	switch kind := ev.GetString("kind"); kind {
	case "submitted", "endorsed", "returned", "assigned":
		ini, err := app.FindRecordById("initiatives", ev.GetString("record"))
		if err != nil {
			return nil, err
		}
		round, err := app.FindRecordById("rounds", ini.GetString("round"))
		if err != nil {
			return nil, err
		}
		switch kind {
		case "submitted":
			return noticeSubmitted(app, ini, round)
		case "endorsed":
			return noticeEndorsed(app, ini, round)
		case "returned":
			return noticeReturned(app, ini, round, ev.GetString("note"))
		default:
			return noticeAssigned(app, ini, round)
		}
	case "review", "decided", "launch":
		round, err := app.FindRecordById("rounds", ev.GetString("record"))
		if err != nil {
			return nil, err
		}
		switch kind {
		case "review":
			return noticeReview(app, round)
		case "decided":
			return noticeDecided(app, round)
		default:
			return launchNotices(app, round)
		}
	}
	return nil, fmt.Errorf("unknown notice kind %q", ev.GetString("kind"))
}

// initiativeArgs are the catalog arguments every initiative notice uses.
func initiativeArgs(app core.App, ini, round *core.Record) []string {
	unit := ""
	if u, err := app.FindRecordById("units", ini.GetString("unit")); err == nil {
		unit = u.GetString("name")
	}
	author := ""
	if o, err := app.FindRecordById("users", ini.GetString("owner")); err == nil {
		author = o.GetString("name")
	}
	until, _, err := deadline.Unit(app, round, ini.GetString("unit"))
	due := ""
	if err == nil {
		due = deadline.Show(until)
	}
	return []string{
		"code", ini.GetString("code"), "title", ini.GetString("title"), "unit", unit, "author", author,
		"year", strconv.Itoa(round.GetInt("year")), "deadline", due,
	}
}

// compose builds the notice of kind for each of users with args, the
// person's name added.
func compose(app core.App, kind string, users []*core.Record, args ...string) []notice {
	out := make([]notice, 0, len(users))
	for _, u := range users {
		a := append(slices.Clone(args), "name", u.GetString("name"))
		out = append(out, notice{
			user:    u,
			subject: i18n.T("mail.notice."+kind+".subject", a...),
			body:    signed(app, i18n.T("mail.notice."+kind+".body", a...)),
		})
	}
	return out
}

// noticeSubmitted tells the unit's heads that a submission waits for them.
func noticeSubmitted(app core.App, ini, round *core.Record) ([]notice, error) {
	staff, err := app.FindAllRecords("users", dbx.HashExp{"unit": ini.GetString("unit")})
	if err != nil {
		return nil, err
	}
	heads := recipients(staff, func(u *core.Record) bool { return HasRole(u, "unit_head") && !isAuthor(ini, u.Id) })
	args := append(initiativeArgs(app, ini, round), "link", mailLink(app, "/don-vi/xem.html?id="+ini.Id))
	return compose(app, "submitted", heads, args...), nil
}

// noticeEndorsed tells the secretariat that the unit sent an initiative.
func noticeEndorsed(app core.App, ini, round *core.Record) ([]notice, error) {
	office, err := usersWithRole(app, "secretariat")
	if err != nil {
		return nil, err
	}
	office = recipients(office, func(u *core.Record) bool { return !isAuthor(ini, u.Id) })
	args := append(initiativeArgs(app, ini, round),
		"link", mailLink(app, "/van-phong/?year="+strconv.Itoa(round.GetInt("year"))))
	return compose(app, "endorsed", office, args...), nil
}

// noticeReturned tells the authors with an account that their initiative
// came back, and why.
func noticeReturned(app core.App, ini, round *core.Record, reason string) ([]notice, error) {
	authors, err := authorAccounts(app, ini)
	if err != nil {
		return nil, err
	}
	args := append(initiativeArgs(app, ini, round), "reason", reason,
		"link", mailLink(app, "/sang-kien/sua.html?id="+ini.Id))
	return compose(app, "returned", authors, args...), nil
}

// noticeAssigned tells the voting members of the initiative's council,
// while the round is in review, that it waits for their sheet.
func noticeAssigned(app core.App, ini, round *core.Record) ([]notice, error) {
	if round.GetString("status") != "review" || ini.GetString("council") == "" {
		return nil, nil
	}
	seats, err := app.FindAllRecords("council_members", dbx.HashExp{"council": ini.GetString("council"), "votes": true})
	if err != nil {
		return nil, err
	}
	var members []*core.Record
	for _, s := range seats {
		if u, err := app.FindRecordById("users", s.GetString("user")); err == nil && !isAuthor(ini, u.Id) {
			members = append(members, u)
		}
	}
	args := append(initiativeArgs(app, ini, round),
		"decision_deadline", deadline.Show(round.GetDateTime("decision_deadline").Time()),
		"link", mailLink(app, "/hoi-dong/cham.html?id="+ini.Id))
	return compose(app, "assigned", recipients(members, nil), args...), nil
}

// noticeReview tells each voting council member of round, as scoring
// opens, which initiatives they score.
func noticeReview(app core.App, round *core.Record) ([]notice, error) {
	order, missing, err := missingSheets(app, round)
	if err != nil {
		return nil, err
	}
	var out []notice
	for _, id := range order {
		u, err := app.FindRecordById("users", id)
		if err != nil || !wantsMail(u) {
			continue
		}
		out = append(out, compose(app, "review", []*core.Record{u},
			"year", strconv.Itoa(round.GetInt("year")), "count", strconv.Itoa(len(missing[id])),
			"list", initiativeList(missing[id]),
			"deadline", deadline.Show(round.GetDateTime("decision_deadline").Time()),
			"link", mailLink(app, "/hoi-dong/"))...)
	}
	return out, nil
}

// noticeDecided tells the authors of each decided initiative of round the
// outcome.
func noticeDecided(app core.App, round *core.Record) ([]notice, error) {
	inits, err := app.FindRecordsByFilter("initiatives",
		"round = {:r} && (status = 'recognized' || status = 'not_recognized')", "code", 0, 0,
		dbx.Params{"r": round.Id})
	if err != nil {
		return nil, err
	}
	number, signed := "", ""
	if d, err := app.FindFirstRecordByFilter("decisions", "round = {:r} && kind = 'recognition'",
		dbx.Params{"r": round.Id}); err == nil {
		number = d.GetString("number")
		if on := d.GetDateTime("signed_on"); !on.IsZero() {
			signed = clock.FormatDate(on.Time())
		}
	}
	var out []notice
	for _, ini := range inits {
		authors, err := authorAccounts(app, ini)
		if err != nil {
			return nil, err
		}
		outcome := i18n.T("mail.notice.decided.not_recognized")
		if ini.GetString("status") == "recognized" {
			outcome = i18n.T("mail.notice.decided.recognized",
				"tier", i18n.T("report.tier."+ini.GetString("result_tier")),
				"mean", nd30.Decimal(ini.GetFloat("result_mean")))
		}
		args := append(initiativeArgs(app, ini, round), "outcome", outcome, "number", number, "signed_on", signed,
			"link", mailLink(app, "/sang-kien/xem.html?id="+ini.Id))
		out = append(out, compose(app, "decided", authors, args...)...)
	}
	return out, nil
}

// initiativeList is the lines "- SK-2026-001: title" of inits.
func initiativeList(inits []*core.Record) string {
	lines := make([]string, len(inits))
	for i, r := range inits {
		lines[i] = "- " + r.GetString("code") + ": " + r.GetString("title")
	}
	return strings.Join(lines, "\n")
}

// authorAccounts returns the accounts of ini's authors (the owner and the
// linked co-authors) that get notices.
func authorAccounts(app core.App, ini *core.Record) ([]*core.Record, error) {
	ids := ini.GetStringSlice("author_users")
	if o := ini.GetString("owner"); o != "" && !slices.Contains(ids, o) {
		ids = append([]string{o}, ids...)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	users, err := app.FindRecordsByIds("users", ids)
	if err != nil {
		return nil, err
	}
	return recipients(users, nil), nil
}

// usersWithRole returns the accounts holding role.
func usersWithRole(app core.App, role string) ([]*core.Record, error) {
	users, err := app.FindRecordsByFilter("users", "roles ~ {:r}", "name", 0, 0, dbx.Params{"r": role})
	if err != nil {
		return nil, err
	}
	return recipients(users, func(u *core.Record) bool { return HasRole(u, role) }), nil
}

// recipients keeps, of users, those that get notices and pass keep (nil:
// all of them).
func recipients(users []*core.Record, keep func(*core.Record) bool) []*core.Record {
	var out []*core.Record
	for _, u := range users {
		if wantsMail(u) && (keep == nil || keep(u)) {
			out = append(out, u)
		}
	}
	return out
}
