package docs

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"sangkien/internal/i18n"
	"sangkien/internal/nd30"
	"sangkien/internal/results"
	"sangkien/internal/wordml"
)

// T is the type of every text a template prints (escaped when printed).
type T = wordml.Text

// Line is one line of the issuing body block.
type Line struct {
	Text T
	Bold bool
}

// Head is the top of a document (Nghị định 30): the issuing body on the
// left with the document's number under it, the motto on the right with
// the place-and-date line under it.
type Head struct {
	Issuer       []Line
	Number       T // "Số: 125/QĐ-UBND", or the blank to fill by hand; "" for none
	MottoCountry T
	MottoSlogan  T
	PlaceDate    T // "Hoàn Kiếm, ngày 02 tháng 12 năm 2026", or with blanks
}

// Sign is one signature block: the bold lines, an italic note, the name.
type Sign struct {
	Head []T
	Note T
	Name T
}

// Org is the ward as its record names it.
type Org struct {
	Ward    T // "Phường Hoàn Kiếm"
	WardLow T // "phường Hoàn Kiếm", inside a sentence
	// Committee and ChairmanOf name the ward's People's Committee and its
	// chairman in running text ("Ủy ban nhân dân phường Hoàn Kiếm").
	Committee, ChairmanOf T
	Place                 T // "Hoàn Kiếm"
	City                  T
	Address               T
	Chairman              T
}

// org holds the ward's record as read.
type org struct {
	Ward, City, Address, Chairman string
}

// loadOrg reads the ward's record (blanks when there is none).
func loadOrg(app core.App) org {
	var o org
	rec, err := app.FindFirstRecordByFilter("organization", "id != ''")
	if err == nil {
		o = org{rec.GetString("ward_name"), rec.GetString("city_name"), rec.GetString("address"), rec.GetString("chairman_name")}
	}
	return o
}

// text returns o for a template.
func (o org) text() Org {
	return Org{Ward: T(o.Ward), WardLow: T(nd30.InText(o.Ward)), Committee: T(nd30.CommitteeOf(o.Ward)), ChairmanOf: T(nd30.ChairmanOf(o.Ward)), Place: T(nd30.PlaceName(o.Ward)),
		City: T(o.City), Address: T(o.Address), Chairman: T(o.Chairman)}
}

// head returns the top of a document issued by issuer, numbered number
// with kind ("QĐ-UBND") when number is blank, dated on (zero: blanks).
func (o org) head(issuer nd30.Issuer, number, kind string, on time.Time, year int) Head {
	h := Head{MottoCountry: nd30.MottoCountry, MottoSlogan: nd30.MottoSlogan}
	for i, l := range issuer.Lines() {
		h.Issuer = append(h.Issuer, Line{Text: T(l), Bold: issuer.Bold(i)})
	}
	switch {
	case strings.TrimSpace(number) != "":
		h.Number = T("Số: " + strings.TrimSpace(number))
	case kind != "":
		h.Number = T("Số:        /" + kind)
	}
	h.PlaceDate = T(placeDate(o.Ward, on, year))
	return h
}

// placeDate is the place-and-date line, with blanks for the day and month
// when on is zero.
func placeDate(wardName string, on time.Time, year int) string {
	if on.IsZero() {
		return nd30.BlankPlaceDate(wardName, year)
	}
	return nd30.PlaceDate(wardName, ward(on))
}

// sign returns s for a template.
func sign(s nd30.Signature) Sign {
	out := Sign{Note: T(s.Note), Name: T(s.Name)}
	for _, h := range s.Head() {
		out.Head = append(out.Head, T(h))
	}
	return out
}

// author is one author as the application form stores it.
type author struct {
	Name          string  `json:"name"`
	BirthDate     string  `json:"birth_date"`
	Position      string  `json:"position"`
	Workplace     string  `json:"workplace"`
	Qualification string  `json:"qualification"`
	Share         float64 `json:"share"`
	User          string  `json:"user"`
}

// participant is one person who took part in the trial application.
type participant struct {
	Name      string `json:"name"`
	Workplace string `json:"workplace"`
	Task      string `json:"task"`
}

// decodeAuthors reads an initiative's authors (none when unreadable).
func decodeAuthors(raw string) []author {
	var out []author
	_ = json.Unmarshal([]byte(raw), &out)
	return out
}

// authorNames is "Nguyễn Văn An (60%)" sep "Trần Thị Bình (40%)", the
// share left out for a sole author.
func authorNames(as []author, sep string) string {
	parts := make([]string, 0, len(as))
	for _, a := range as {
		parts = append(parts, authorName(a, len(as)))
	}
	return strings.Join(parts, sep)
}

// authorName is one author's name with their share when there are several.
func authorName(a author, of int) string {
	name := strings.TrimSpace(a.Name)
	if of > 1 && a.Share > 0 {
		name += " (" + nd30.Decimal(a.Share) + "%)"
	}
	return name
}

// authorLines is one line per author: "Nguyễn Văn An (60%), Chuyên viên".
func authorLines(as []author) string {
	parts := make([]string, 0, len(as))
	for _, a := range as {
		line := authorName(a, len(as))
		if p := strings.TrimSpace(a.Position); p != "" {
			line += ", " + p
		}
		parts = append(parts, line)
	}
	return strings.Join(parts, "\n")
}

// authorPositions is the authors' positions, one per line.
func authorPositions(as []author) string {
	parts := make([]string, 0, len(as))
	for _, a := range as {
		parts = append(parts, strings.TrimSpace(a.Position))
	}
	return strings.Join(parts, "\n")
}

// tierLabel names a tier ("Xuất sắc"), "" for none.
func tierLabel(tier string) string {
	return roundTierLabel(nil, tier)
}

// roundTierLabel is tierLabel with the round's own tier names first (the
// round's `tiers`, raw JSON): a ward's regulation may name its tiers.
func roundTierLabel(round *core.Record, tier string) string {
	if tier == "" {
		return ""
	}
	if round != nil {
		if name := results.TierName(results.RoundTiers(round.GetString("tiers")), tier); name != "" {
			return name
		}
	}
	if !i18n.Has("report.tier." + tier) {
		return tier // a round's own tier, named by its code
	}
	return i18n.T("report.tier." + tier)
}

// day returns the date of a stored date-time value (zero when empty).
func day(v types.DateTime) time.Time {
	if v.IsZero() {
		return time.Time{}
	}
	return ward(v.Time())
}

// shortDate is dd/mm/yyyy, "" for zero.
func shortDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return nd30.ShortDate(ward(t))
}

// itoa is a whole number in decimal, without a thousands dot (a year).
func itoa(n int) string {
	return strconv.Itoa(n)
}

// positionTitles name a seat on the council, in the text of a document.
var positionTitles = map[string]string{
	"chair": "Chủ tịch Hội đồng", "vice_chair": "Phó Chủ tịch Hội đồng",
	"secretary": "Thư ký Hội đồng", "member": "Ủy viên",
	"expert": "Ủy viên chuyên gia", "union_rep": "Ủy viên đại diện Công đoàn",
}

// seatTitle names a council seat ("Ủy viên" when unknown).
func seatTitle(position string) string {
	if t, ok := positionTitles[position]; ok {
		return t
	}
	return positionTitles["member"]
}

// parseAnyDate reads a date as the form may hold it: a PocketBase
// date-time, yyyy-mm-dd or dd/mm/yyyy.
func parseAnyDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if dt, err := types.ParseDateTime(s); err == nil && !dt.IsZero() {
		return dt.Time(), true
	}
	for _, layout := range []string{"2006-01-02", "02/01/2006", "2/1/2006"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
