package demo

import (
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
)

// people makes the ward's accounts, all with the demo password.
func (f *filler) people() error {
	joined := clock.Date(f.acc.Year-1, time.January, 2) // before last year's round
	for _, p := range people {
		unit, err := f.unit(p.unit)
		if err != nil {
			return err
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
	c, err := f.seatCouncil(f.round, f.acc.Year, "125/QĐ-UBND", f.deadline.AddDate(0, 0, -10).Add(15*time.Hour))
	f.council = c
	return err
}

// seatCouncil makes the council of round (of year) set up by decision
// number signed at signed, with the seven voting members of councilSeats,
// and that decision.
func (f *filler) seatCouncil(round *core.Record, year int, number string, signed time.Time) (*core.Record, error) {
	c, err := f.newRecord("councils")
	if err != nil {
		return nil, err
	}
	c.Set("round", round.Id)
	c.Set("name", fmt.Sprintf("Hội đồng đánh giá hiệu quả áp dụng và khả năng nhân rộng sáng kiến cải cách hành chính %s năm %d", wardInText, year))
	c.Set("decision_number", number)
	c.Set("decision_date", signed.UTC())
	if err := f.saveAt(c, signed, signed); err != nil {
		return nil, err
	}
	for _, s := range councilSeats {
		m, err := f.newRecord("council_members")
		if err != nil {
			return nil, err
		}
		m.Set("council", c.Id)
		m.Set("user", f.users[s.key].Id)
		m.Set("position", s.position)
		m.Set("votes", true)
		if err := f.saveAt(m, signed, signed); err != nil {
			return nil, err
		}
	}
	d, err := f.newRecord("decisions")
	if err != nil {
		return nil, err
	}
	d.Set("round", round.Id)
	d.Set("kind", "council")
	d.Set("number", number)
	d.Set("signed_on", signed.UTC())
	d.Set("signer", ChairmanName)
	d.Set("summary", fmt.Sprintf("Thành lập Hội đồng đánh giá hiệu quả áp dụng và khả năng nhân rộng sáng kiến cải cách hành chính %s năm %d, gồm 07 thành viên.", wardInText, year))
	return c, f.saveAt(d, signed, signed)
}
