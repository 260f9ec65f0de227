package docs

import (
	"fmt"
	"sort"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/nd30"
	"sangkien/internal/vocab"
)

// Establishment is the data of the decision establishing a council
// (Quyết định thành lập Hội đồng), from the council's record.
type Establishment struct {
	Org   Org
	Head  Head
	Draft bool // no decision number recorded on the council yet
	Year  int
	Name  T
	// LegalBases are the round's legal bases (căn cứ), cited first.
	LegalBases []T
	Members    []SeatRow
	Sign       Sign
}

// SeatRow is one member named in the decision.
type SeatRow struct {
	No                         int
	Name, Position, Unit, Seat T
	Votes                      bool
}

// LoadEstablishment reads the decision establishing council.
func LoadEstablishment(app core.App, council *core.Record) (*Establishment, error) {
	o := loadOrg(app)
	year := 0
	round, err := app.FindRecordById("rounds", council.GetString("round"))
	if err == nil {
		year = round.GetInt("year")
	} else {
		round = nil
	}
	number := council.GetString("decision_number")
	e := &Establishment{Org: o.text(), Year: year, Name: T(council.GetString("name")), Draft: number == "", LegalBases: legalBases(round),
		Head: o.head(nd30.Ward(o.Ward), number, "QĐ-UBND", day(council.GetDateTime("decision_date")), year)}
	signer := o.Chairman
	if rec := latestDecision(app, council.GetString("round"), vocab.DecisionCouncil); rec != nil && rec.GetString("signer") != "" &&
		(number == "" || rec.GetString("number") == number) {
		signer = rec.GetString("signer")
	}
	e.Sign = sign(nd30.DecisionSigner(signer, o.Chairman))
	units, err := loadNames(app, "units", "name")
	if err != nil {
		return nil, err
	}
	seats, err := app.FindRecordsByFilter("council_members", "council = {:c}", "created", 0, 0, dbx.Params{"c": council.Id})
	if err != nil {
		return nil, err
	}
	type seat struct {
		order int
		row   SeatRow
	}
	var rows []seat
	for _, s := range seats {
		u, err := app.FindRecordById("users", s.GetString("user"))
		if err != nil {
			continue
		}
		rows = append(rows, seat{order: positionRank[s.GetString("position")], row: SeatRow{
			Name: T(u.GetString("name")), Position: T(u.GetString("position")), Unit: T(units[u.GetString("unit")]),
			Seat: T(seatTitle(s.GetString("position"))), Votes: s.GetBool("votes")}})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].order < rows[j].order })
	for i, r := range rows {
		r.row.No = i + 1
		e.Members = append(e.Members, r.row)
	}
	return e, nil
}

// positionRank orders the seats: chair, vice-chair, secretary, members.
var positionRank = map[string]int{"chair": 0, "vice_chair": 1, "secretary": 2, "member": 3}

// EstablishmentDocx is the decision establishing council as a .docx, and
// its file name.
func EstablishmentDocx(app core.App, council *core.Record) ([]byte, string, error) {
	e, err := LoadEstablishment(app, council)
	if err != nil {
		return nil, "", err
	}
	out, err := render(app, KeyEstablishment, "Quyết định thành lập "+council.GetString("name"), e)
	return out, fmt.Sprintf("Quyet-dinh-thanh-lap-Hoi-dong-%d.docx", e.Year), err
}
