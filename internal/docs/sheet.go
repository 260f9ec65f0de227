package docs

import (
	"encoding/json"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/nd30"
	"sangkien/internal/vocab"
)

// Sheets is the data of score sheets (Phiếu đánh giá sáng kiến): one, or
// a member's sheets of a round, one per page.
type Sheets struct {
	Org    Org
	Year   int
	Member T
	Items  []SheetDoc
}

// SheetDoc is one sheet.
type SheetDoc struct {
	Head                              Head
	Council, Member, Seat, Position   T
	Code, Title, Authors, Unit, Field T
	Criteria                          []CriterionRow
	Total, MaxTotal                   T
	Approve, Submitted                bool
	// Ballot is how the round votes when the sheet holds no vote to print:
	// "secret" (a secret ballot: Approve is always false here) or "score"
	// (the total is the vote); "" for an open vote.
	Ballot  string
	Comment T
	Date    T // the place-and-date line, by the signature
	Sign    Sign
}

// CriterionRow is one criterion's points on a sheet.
type CriterionRow struct {
	No                int
	Name, Max, Points T
}

// sheetLoader reads sheets with what they share (names, rubric, seats).
type sheetLoader struct {
	app   core.App
	o     org
	lk    *lookups
	round *core.Record
	crit  []struct {
		Code string  `db:"code"`
		Name string  `db:"name"`
		Max  float64 `db:"max_points"`
	}
}

// newSheetLoader reads what the sheets of round share.
func newSheetLoader(app core.App, round *core.Record) (*sheetLoader, error) {
	l := &sheetLoader{app: app, o: loadOrg(app), round: round}
	var err error
	if l.lk, err = loadLookups(app); err != nil {
		return nil, err
	}
	err = app.DB().NewQuery("SELECT code, name, max_points FROM criteria WHERE round = {:r} ORDER BY sort, code").
		Bind(dbx.Params{"r": round.Id}).All(&l.crit)
	return l, err
}

// sheet reads one sheet s (of initiative ini, by member).
func (l *sheetLoader) sheet(s, ini, member *core.Record) SheetDoc {
	d := SheetDoc{Member: T(member.GetString("name")), Position: T(member.GetString("position")),
		Code: T(ini.GetString("code")), Title: T(ini.GetString("title")),
		Authors: T(authorNames(decodeAuthors(ini.GetString("authors")), ", ")),
		Unit:    T(l.lk.units[ini.GetString("unit")]), Field: T(l.lk.fields[ini.GetString("field")]),
		Approve: s.GetBool("approve"), Submitted: s.GetString("status") == vocab.SheetSubmitted,
		Ballot:  sheetBallot(l.round),
		Comment: T(s.GetString("comment"))}
	if d.Ballot != "" {
		d.Approve = false // a secret vote is printed on no document
	}
	councilName, seat := "", vocab.PositionMember
	if c, err := l.app.FindRecordById("councils", ini.GetString("council")); err == nil {
		councilName = c.GetString("name")
		if m, err := l.app.FindFirstRecordByFilter("council_members", "council = {:c} && user = {:u}",
			dbx.Params{"c": c.Id, "u": member.Id}); err == nil {
			seat = m.GetString("position")
		}
	}
	d.Council, d.Seat = T(councilName), T(seatTitle(seat))
	d.Head = l.o.head(nd30.WardUnit(l.o.Ward, councilName), "", "", day(s.GetDateTime("submitted_at")), l.round.GetInt("year"))
	// the sheet is dated where its member signs it, not under the motto.
	d.Date, d.Head.PlaceDate = d.Head.PlaceDate, ""
	points := map[string]float64{}
	_ = json.Unmarshal([]byte(s.GetString("points")), &points)
	var max float64
	for i, c := range l.crit {
		row := CriterionRow{No: i + 1, Name: T(c.Name), Max: T(nd30.Decimal(c.Max))}
		if v, ok := points[c.Code]; ok {
			row.Points = T(nd30.Decimal(v))
		}
		max += c.Max
		d.Criteria = append(d.Criteria, row)
	}
	d.Total, d.MaxTotal = T(nd30.Decimal(s.GetFloat("total"))), T(nd30.Decimal(max))
	title := "THÀNH VIÊN HỘI ĐỒNG"
	switch seat {
	case vocab.PositionChair:
		title = nd30.CouncilChair
	case vocab.PositionSecretary:
		title = nd30.CouncilSecretary
	}
	d.Sign = sign(nd30.Signature{Title: title, Note: nd30.SignNote, Name: member.GetString("name")})
	return d
}

// SheetDocx is one score sheet as a .docx, and its file name.
func SheetDocx(app core.App, s *core.Record) ([]byte, string, error) {
	ini, err := app.FindRecordById("initiatives", s.GetString("initiative"))
	if err != nil {
		return nil, "", err
	}
	round, err := app.FindRecordById("rounds", ini.GetString("round"))
	if err != nil {
		return nil, "", err
	}
	member, err := app.FindRecordById("users", s.GetString("member"))
	if err != nil {
		return nil, "", err
	}
	l, err := newSheetLoader(app, round)
	if err != nil {
		return nil, "", err
	}
	data := &Sheets{Org: l.o.text(), Year: round.GetInt("year"), Member: T(member.GetString("name")),
		Items: []SheetDoc{l.sheet(s, ini, member)}}
	out, err := render(app, KeySheet, "Phiếu đánh giá sáng kiến "+ini.GetString("code"), data)
	return out, fmt.Sprintf("Phieu-danh-gia-%s.docx", ini.GetString("code")), err
}

// MemberSheetsDocx is member's sheets of round, those that keep keeps,
// by initiative code, as one .docx, and its file name.
func MemberSheetsDocx(app core.App, round, member *core.Record, keep func(sheet, ini *core.Record) bool) ([]byte, string, error) {
	l, err := newSheetLoader(app, round)
	if err != nil {
		return nil, "", err
	}
	sheets, err := app.FindRecordsByFilter("scores", "member = {:m} && initiative.round = {:r}", "initiative.code", 0, 0,
		dbx.Params{"m": member.Id, "r": round.Id})
	if err != nil {
		return nil, "", err
	}
	data := &Sheets{Org: l.o.text(), Year: round.GetInt("year"), Member: T(member.GetString("name"))}
	for _, s := range sheets {
		ini, err := app.FindRecordById("initiatives", s.GetString("initiative"))
		if err != nil || !keep(s, ini) {
			continue
		}
		data.Items = append(data.Items, l.sheet(s, ini, member))
	}
	out, err := render(app, KeySheet, "Phiếu đánh giá sáng kiến của "+member.GetString("name"), data)
	return out, fmt.Sprintf("Phieu-danh-gia-%d-%s.docx", data.Year, member.Id), err
}

// sheetBallot is SheetDoc.Ballot for a sheet of round.
func sheetBallot(round *core.Record) string {
	switch {
	case round.GetString("approval_basis") == "score":
		return "score"
	case round.GetString("voting") == "secret":
		return "secret"
	}
	return ""
}
