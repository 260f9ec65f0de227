// Package demo fills a freshly seeded ward with a believable one (Phường
// Hoàn Kiếm, Hà Nội): about forty staff over the six units, a council of
// seven, fifteen initiatives at every stage of the process and some score
// sheets, so a person can try every role. Everything is drawn from a fixed
// seed: two runs on empty folders give the same ward.
package demo

import (
	"cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
)

// the organization record of the demo ward.
const (
	WardName     = "Phường Hoàn Kiếm"
	CityName     = "Thành phố Hà Nội"
	Address      = "Số 126 phố Hàng Trống, phường Hoàn Kiếm, thành phố Hà Nội"
	ChairmanName = "Chu Thanh Lương"
	wardInText   = "phường Hoàn Kiếm" // as written after a unit's name
)

// ErrNotEmpty is returned when the data folder already holds initiatives:
// the demo never writes over a person's data.
var ErrNotEmpty = errors.New("demo: the data folder already holds initiatives")

// ErrNoRound is returned when there is no round for the year of now.
var ErrNoRound = errors.New("demo: no round for this year")

// Login is one account to try a role with.
type Login struct {
	Role, Name, Email, Position, Unit string
}

// Accounts is what a person needs to try the demo ward: the accounts, the
// moved deadlines of the round and the counts of what was made.
type Accounts struct {
	Password  string
	Logins    []Login // one per role: staff, unit_head, secretariat, council, chairman
	Superuser string  // e-mail of the dashboard account made, "" when the folder had one

	Ward, City string
	Year       int
	// the round's deadlines before and after Fill moved them.
	OldDeadline, OldDecision time.Time
	Deadline, Decision       time.Time
	ExtensionUntil           time.Time
	ExtendedUnits            []string // unit names

	Users, Initiatives, Sheets int
}

// filler holds what Fill builds as it goes.
type filler struct {
	app   core.App
	now   time.Time
	rng   *rand.Rand
	acc   *Accounts
	hash  string                  // the shared password hash, computed once
	units map[string]*core.Record // by code
	users map[string]*core.Record // by person key
	birth map[string]string       // by person key, yyyy-mm-dd
	round *core.Record

	deadline, extensionUntil time.Time
	council                  *core.Record
	initiatives              []*core.Record // in the order of specs
}

// Fill makes the demo ward in app, in one transaction, as of now. It
// refuses with ErrNotEmpty when app already holds initiatives. The round
// of now's year gets deadlines that put the ward mid-process: submission
// closed three days ago, two units still within an extension of a week,
// the recognition decision due in ten days.
func Fill(app core.App, now time.Time) (*Accounts, error) {
	acc := &Accounts{Password: Password, Ward: WardName, City: CityName}
	err := app.RunInTransaction(func(tx core.App) error {
		n, err := tx.CountRecords("initiatives")
		if err != nil {
			return err
		}
		if n > 0 {
			return ErrNotEmpty
		}
		f := &filler{
			app: tx, now: now.In(clock.Zone), acc: acc,
			rng:   rand.New(rand.NewPCG(2025, 925)),
			units: map[string]*core.Record{}, users: map[string]*core.Record{}, birth: map[string]string{},
		}
		for _, step := range []func() error{
			f.organization, f.schedule, f.people, f.councilOfRound, f.initiativesOfRound, f.sheets, f.superuser, f.audit,
		} {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return acc, nil
}

// newRecord returns a new record of the named collection.
func (f *filler) newRecord(name string) (*core.Record, error) {
	col, err := f.app.FindCachedCollectionByNameOrId(name)
	if err != nil {
		return nil, err
	}
	return core.NewRecord(col), nil
}

// saveAt saves r with its created and updated times set to the given
// moments, so the demo has a history rather than one instant.
func (f *filler) saveAt(r *core.Record, created, updated time.Time) error {
	c, err := types.ParseDateTime(created)
	if err != nil {
		return err
	}
	u, err := types.ParseDateTime(updated)
	if err != nil {
		return err
	}
	r.SetRaw("created", c)
	r.SetRaw("updated", u)
	if err := f.app.Save(r); err != nil {
		return fmt.Errorf("demo: save %s: %w", r.Collection().Name, err)
	}
	return nil
}

// before returns t, or one minute before now when t is not in the past.
func (f *filler) before(t time.Time) time.Time {
	if limit := f.now.Add(-time.Minute); t.After(limit) {
		return limit
	}
	return t
}

// organization gives the ward its name, city, address and chairman.
func (f *filler) organization() error {
	orgs, err := f.app.FindAllRecords("organization")
	if err != nil {
		return err
	}
	var org *core.Record
	if len(orgs) > 0 {
		org = orgs[0]
	} else if org, err = f.newRecord("organization"); err != nil {
		return err
	}
	org.Set("ward_name", WardName)
	org.Set("city_name", CityName)
	org.Set("address", Address)
	org.Set("chairman_name", ChairmanName)
	return f.app.Save(org)
}

// schedule moves the deadlines of now's round so the ward is mid-process,
// and grants the extensions.
func (f *filler) schedule() error {
	round, err := f.app.FindFirstRecordByData("rounds", "year", f.now.Year())
	if err != nil {
		return fmt.Errorf("%w (%d): %v", ErrNoRound, f.now.Year(), err)
	}
	f.round = round
	f.acc.Year = f.now.Year()
	f.acc.OldDeadline = round.GetDateTime("submission_deadline").Time()
	f.acc.OldDecision = round.GetDateTime("decision_deadline").Time()

	today := clock.Date(f.now.Year(), f.now.Month(), f.now.Day())
	f.deadline = today.AddDate(0, 0, -3)
	f.extensionUntil = today.AddDate(0, 0, 7)
	decision := today.AddDate(0, 0, 10)
	round.Set("submission_deadline", f.deadline.UTC())
	round.Set("decision_deadline", decision.UTC())
	round.Set("status", "open")
	if err := f.app.Save(round); err != nil {
		return err
	}
	f.acc.Deadline, f.acc.Decision, f.acc.ExtensionUntil = f.deadline, decision, f.extensionUntil

	units, err := f.app.FindAllRecords("units")
	if err != nil {
		return err
	}
	for _, u := range units {
		f.units[u.GetString("code")] = u
	}
	for _, e := range extendedUnits {
		unit, ok := f.units[e.unit]
		if !ok {
			return fmt.Errorf("demo: no unit %s", e.unit)
		}
		r, err := f.newRecord("extensions")
		if err != nil {
			return err
		}
		r.Set("round", round.Id)
		r.Set("unit", unit.Id)
		r.Set("until", f.extensionUntil.UTC())
		r.Set("reason", e.reason)
		at := f.deadline.Add(-2*day + 10*time.Hour)
		if err := f.saveAt(r, at, at); err != nil {
			return err
		}
		f.acc.ExtendedUnits = append(f.acc.ExtendedUnits, unit.GetString("name"))
	}
	return nil
}

// people makes the ward's accounts, all with the demo password.
func (f *filler) people() error {
	joined := f.deadline.AddDate(0, -2, 0)
	for _, p := range people {
		unit, ok := f.units[p.unit]
		if !ok {
			return fmt.Errorf("demo: no unit %s", p.unit)
		}
		u, err := f.newRecord("users")
		if err != nil {
			return err
		}
		u.SetEmail(p.key + "@" + Domain)
		f.setPassword(u)
		u.SetVerified(true)
		u.Set("name", p.name)
		u.Set("unit", unit.Id)
		u.Set("position", p.position)
		u.Set("roles", p.roles)
		if err := f.saveAt(u, joined, joined); err != nil {
			return err
		}
		if f.hash == "" {
			f.hash = u.GetString("password:hash")
		}
		f.users[p.key] = u
		f.birth[p.key] = fmt.Sprintf("%04d-%02d-%02d", 1968+f.rng.IntN(28), 1+f.rng.IntN(12), 1+f.rng.IntN(28))
	}
	f.acc.Users = len(people)
	for _, l := range logins {
		u := f.users[l.key]
		f.acc.Logins = append(f.acc.Logins, Login{
			Role: l.role, Name: u.GetString("name"), Email: u.Email(), Position: u.GetString("position"),
			Unit: f.unitName(u.GetString("unit")),
		})
	}
	return nil
}

// setPassword gives r the demo password; bcrypt runs once and the hash is
// shared, which keeps Fill fast enough for tests.
func (f *filler) setPassword(r *core.Record) {
	if f.hash == "" {
		r.SetPassword(Password)
		return
	}
	r.SetRaw("password", &core.PasswordFieldValue{Hash: f.hash})
}

// unitName returns the name of the unit with id.
func (f *filler) unitName(id string) string {
	for _, u := range f.units {
		if u.Id == id {
			return u.GetString("name")
		}
	}
	return ""
}

// councilOfRound makes the evaluation council of the round, its seven
// voting members and the decision that set it up.
func (f *filler) councilOfRound() error {
	signed := f.deadline.AddDate(0, 0, -10).Add(15 * time.Hour)
	const number = "125/QĐ-UBND"
	c, err := f.newRecord("councils")
	if err != nil {
		return err
	}
	c.Set("round", f.round.Id)
	c.Set("name", fmt.Sprintf("Hội đồng đánh giá hiệu quả áp dụng và khả năng nhân rộng sáng kiến cải cách hành chính %s năm %d", wardInText, f.acc.Year))
	c.Set("decision_number", number)
	c.Set("decision_date", signed.UTC())
	if err := f.saveAt(c, signed, signed); err != nil {
		return err
	}
	f.council = c
	for _, s := range councilSeats {
		m, err := f.newRecord("council_members")
		if err != nil {
			return err
		}
		m.Set("council", c.Id)
		m.Set("user", f.users[s.key].Id)
		m.Set("position", s.position)
		m.Set("votes", true)
		if err := f.saveAt(m, signed, signed); err != nil {
			return err
		}
	}
	d, err := f.newRecord("decisions")
	if err != nil {
		return err
	}
	d.Set("round", f.round.Id)
	d.Set("kind", "council")
	d.Set("number", number)
	d.Set("signed_on", signed.UTC())
	d.Set("signer", ChairmanName)
	d.Set("summary", fmt.Sprintf("Thành lập Hội đồng đánh giá hiệu quả áp dụng và khả năng nhân rộng sáng kiến cải cách hành chính %s năm %d, gồm 07 thành viên.", wardInText, f.acc.Year))
	return f.saveAt(d, signed, signed)
}

// extended reports whether unit has an extension of the deadline.
func extended(unit string) bool {
	return slices.ContainsFunc(extendedUnits, func(e struct{ unit, reason string }) bool { return e.unit == unit })
}

// initiativesOfRound makes the fifteen initiatives. Codes SK-YYYY-NNN go,
// without gaps, to every initiative that was ever submitted, in the order
// of submission; late is set for those submitted after the deadline by a
// unit without an extension.
func (f *filler) initiativesOfRound() error {
	fields, err := f.app.FindAllRecords("fields")
	if err != nil {
		return err
	}
	fieldIDs := map[string]string{}
	for _, r := range fields {
		fieldIDs[r.GetString("code")] = r.Id
	}

	// codes in order of submission.
	order := []int{}
	for i, s := range specs {
		if s.status != "draft" {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(specs[a].submitted, specs[b].submitted) })
	codes := map[int]string{}
	for n, i := range order {
		codes[i] = fmt.Sprintf("SK-%d-%03d", f.acc.Year, n+1)
	}

	for i, s := range specs {
		r, err := f.newRecord("initiatives")
		if err != nil {
			return err
		}
		unit, ok := f.units[s.unit]
		if !ok {
			return fmt.Errorf("demo: no unit %s", s.unit)
		}
		fieldID, ok := fieldIDs[s.field]
		if !ok {
			return fmt.Errorf("demo: no field %s", s.field)
		}
		authors, authorIDs := f.authors(s)
		r.Set("round", f.round.Id)
		r.Set("unit", unit.Id)
		r.Set("field", fieldID)
		r.Set("title", s.title)
		r.Set("authors", authors)
		r.Set("author_users", authorIDs)
		r.Set("owner", authorIDs[0])
		r.Set("summary", s.summary)
		r.Set("current_state", s.currentState)
		r.Set("solution", s.solution)
		r.Set("novelty", s.novelty)
		r.Set("conditions", s.conditions)
		r.Set("benefits", s.benefits)
		r.Set("applied_feedback", s.appliedFeedback)
		r.Set("benefit_value", s.benefitValue)
		r.Set("replicability", s.replicability)
		r.Set("confidential", s.confidential)
		r.Set("first_applied", f.deadline.AddDate(0, -s.firstApplied, 0).Add(-time.Duration(f.rng.IntN(20))*day).UTC())
		trial := []map[string]any{}
		for _, p := range s.participants {
			trial = append(trial, map[string]any{"name": p.name, "workplace": p.workplace + " " + wardInText, "task": p.task})
		}
		r.Set("trial_participants", trial)
		r.Set("status", s.status)

		created := f.before(f.deadline.Add(s.created))
		updated := created
		if s.status != "draft" {
			submitted := f.before(f.deadline.Add(s.submitted))
			r.Set("code", codes[i])
			r.Set("submitted_at", submitted.UTC())
			late := submitted.After(f.deadline) && (!extended(s.unit) || submitted.After(f.extensionUntil))
			r.Set("late", late)
			updated = f.before(submitted.Add(map[string]time.Duration{
				"submitted": 0, "endorsed": 20 * time.Hour, "accepted": 5 * day,
				"returned": 2 * day, "withdrawn": 3 * day,
			}[s.status]))
		}
		if s.status == "returned" {
			r.Set("return_reason", s.returnReason)
		}
		if s.status == "accepted" {
			r.Set("council", f.council.Id)
		}
		if err := f.saveAt(r, created, updated); err != nil {
			return err
		}
		f.initiatives = append(f.initiatives, r)
	}
	f.acc.Initiatives = len(specs)
	return nil
}

// authors builds the authors list of the form from s's shares, with each
// author's account linked, and the ids of those accounts.
func (f *filler) authors(s spec) ([]map[string]any, []string) {
	list := make([]map[string]any, 0, len(s.authors))
	ids := make([]string, 0, len(s.authors))
	for _, a := range s.authors {
		u := f.users[a.key]
		var p person
		for _, q := range people {
			if q.key == a.key {
				p = q
			}
		}
		list = append(list, map[string]any{
			"name":          p.name,
			"birth_date":    f.birth[a.key],
			"position":      p.position,
			"workplace":     f.unitName(u.GetString("unit")) + " " + wardInText,
			"qualification": p.qualification,
			"share":         a.percent,
			"user":          u.Id,
		})
		ids = append(ids, u.Id)
	}
	return list, ids
}

// sheets makes the council's score sheets on the accepted initiatives.
// A member never scores an initiative they (co-)authored.
func (f *filler) sheets() error {
	crit, err := f.app.FindRecordsByFilter("criteria", "round = {:round}", "sort", 0, 0, map[string]any{"round": f.round.Id})
	if err != nil {
		return err
	}
	rubric := make([]criterion, len(crit))
	for i, c := range crit {
		rubric[i] = criterion{c.GetString("code"), c.GetFloat("max_points")}
	}
	today := clock.Date(f.now.Year(), f.now.Month(), f.now.Day())
	for _, plan := range sheetPlans {
		ini := f.initiatives[plan.initiative]
		for _, s := range plan.sheets {
			member := f.users[s.key]
			if slices.Contains(ini.GetStringSlice("author_users"), member.Id) {
				return fmt.Errorf("demo: %s may not score %q", s.key, ini.GetString("title"))
			}
			leniency := (f.rng.Float64() - 0.5) * 0.12
			pts, total := points(f.rng, rubric, plan.quality, leniency)
			r, err := f.newRecord("scores")
			if err != nil {
				return err
			}
			r.Set("initiative", ini.Id)
			r.Set("member", member.Id)
			r.Set("points", pts)
			r.Set("total", total)
			r.Set("approve", total >= 50)
			r.Set("comment", comments[f.rng.IntN(len(comments))])
			created := f.before(today.Add(-3*day + time.Duration(8+f.rng.IntN(9))*time.Hour))
			updated := created
			if s.submitted {
				r.Set("status", "submitted")
				updated = f.before(today.Add(-2*day + time.Duration(8+f.rng.IntN(24))*time.Hour))
				r.Set("submitted_at", updated.UTC())
			} else {
				r.Set("status", "draft")
			}
			if err := f.saveAt(r, created, updated); err != nil {
				return err
			}
			f.acc.Sheets++
		}
	}
	return nil
}

// superuser makes a dashboard account when the folder has none (a folder
// that was served once already has the first-run one).
func (f *filler) superuser() error {
	n, err := f.app.CountRecords(core.CollectionNameSuperusers)
	if err != nil || n > 0 {
		return err
	}
	su, err := f.newRecord(core.CollectionNameSuperusers)
	if err != nil {
		return err
	}
	su.SetEmail(superuserKey + "@" + Domain)
	f.setPassword(su)
	if err := f.app.Save(su); err != nil {
		return err
	}
	f.acc.Superuser = su.Email()
	return nil
}

// audit records in the audit log that the demo data was loaded.
func (f *filler) audit() error {
	r, err := f.newRecord("audit_log")
	if err != nil {
		return err
	}
	r.Set("action", "demo_fill")
	r.Set("actor_name", "system")
	r.Set("collection", "rounds")
	r.Set("record", f.round.Id)
	r.Set("reason", i18n.T("demo.audit_reason"))
	return f.app.Save(r)
}
