// Package demo fills a freshly seeded ward with a believable one (Phường
// Hoàn Kiếm, Hà Nội): about forty staff over the six units, a council of
// seven, fifteen initiatives at every stage of the process and some score
// sheets, so a person can try every role. Everything is drawn from a fixed
// seed: two runs on empty folders give the same ward.
package demo

import (
	"errors"
	"fmt"
	"math/rand/v2"
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

// ErrNotEmpty is returned when the data folder already holds initiatives
// or ward accounts of its own: the demo never writes over a person's data.
var ErrNotEmpty = errors.New("demo: the data folder already holds a ward's data")

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

	Users, Initiatives, Sheets int // of now's round

	// last year's round, decided: how many were recognised and not.
	PastYear                          int
	PastRecognized, PastNotRecognized int

	// next year's round, open: staff can write and submit there.
	NextYear     int
	NextDeadline time.Time
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
// refuses with ErrNotEmpty when app already holds a ward's data (holdsData). The round
// of now's year gets deadlines that put the ward mid-process: submission
// closed ten days ago, two units' extension of a week ended three days
// ago, the round in review (the council scoring), the recognition decision
// due in ten days. Last year's round is there, decided; next year's is
// open, with nothing in it yet, for a visitor to write and submit.
func Fill(app core.App, now time.Time) (*Accounts, error) {
	acc := &Accounts{Password: Password, Ward: WardName, City: CityName}
	err := app.RunInTransaction(func(tx core.App) error {
		if used, err := holdsData(tx); err != nil || used {
			if err == nil {
				err = ErrNotEmpty
			}
			return err
		}
		f := &filler{
			app: tx, now: now.In(clock.Zone), acc: acc,
			rng:   rand.New(rand.NewPCG(2025, 925)),
			units: map[string]*core.Record{}, users: map[string]*core.Record{}, birth: map[string]string{},
		}
		for _, step := range []func() error{
			f.organization, f.schedule, f.people, f.councilOfRound, f.initiativesOfRound, f.sheets, f.pastRound, f.nextRound, f.superuser, f.audit,
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

// holdsData reports whether app holds a ward's data: an initiative, or a
// ward account other than the first start's (the twin of a superuser).
// Forty accounts with a public password must never join real ones.
func holdsData(app core.App) (bool, error) {
	n, err := app.CountRecords("initiatives")
	if err != nil || n > 0 {
		return n > 0, err
	}
	var own int
	err = app.DB().NewQuery("SELECT COUNT(*) FROM users WHERE email NOT IN (SELECT email FROM {{" +
		core.CollectionNameSuperusers + "}})").Row(&own)
	return own > 0, err
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
