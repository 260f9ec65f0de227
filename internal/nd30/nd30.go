// Package nd30 is the Vietnamese administrative layout of Nghị định
// 30/2020/NĐ-CP, in one place for every document the ward prints: the
// Excel reports (internal/report) and the Word documents. It says what the
// parts of a document read — the issuing body and the short rule under it,
// the national motto, the place-and-date line, who signs and how — and
// leaves fonts, cells and paragraphs to the writer of each format.
//
// Pure Go, no dependency: a document writer turns these lines into cells
// or paragraphs.
package nd30

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Motto lines (Quốc hiệu và Tiêu ngữ), top right of every document: the
// first in bold capitals (12–13 pt), the second bold (13–14 pt), the words
// joined by a hyphen between spaces, with a rule under it as long as it.
const (
	MottoCountry = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	MottoSlogan  = "Độc lập - Tự do - Hạnh phúc"
)

// CommitteeBody is the first line of a People's Committee's name.
const CommitteeBody = "ỦY BAN NHÂN DÂN"

// Issuer is the issuing body block, top left (Tên cơ quan, tổ chức ban
// hành văn bản). Parent is the directly managing body when there is one
// (one line, upright, e.g. "ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM" above a
// unit); Name are the issuing body's own lines, bold, with a short rule
// under the last (a third to a half of its length, centred).
type Issuer struct {
	Parent string   // "" for the People's Committee itself
	Name   []string // bold capitals
}

// Lines returns every line of the block, top to bottom, without the rule.
func (i Issuer) Lines() []string {
	var out []string
	if i.Parent != "" {
		out = append(out, i.Parent)
	}
	return append(out, i.Name...)
}

// Bold says whether line n (of Lines) is bold: the issuing body's own
// lines are, the managing body's line is not.
func (i Issuer) Bold(n int) bool {
	return i.Parent == "" || n > 0
}

// Rule is the short rule under the issuing body, as a run of em dashes
// for writers that draw it with text: about a third of the name's line,
// 4 to 8 dashes (a long name wraps, its line is the block's width).
func (i Issuer) Rule() string {
	longest := 0
	for _, l := range i.Name {
		longest = max(longest, len([]rune(l)))
	}
	return strings.Repeat("—", min(8, max(4, longest/4)))
}

// Ward is the issuing body block of the ward's People's Committee:
// "ỦY BAN NHÂN DÂN" over "PHƯỜNG HOÀN KIẾM", both bold.
func Ward(wardName string) Issuer {
	return Issuer{Name: []string{CommitteeBody, Upper(wardName)}}
}

// WardUnit is the issuing body block of a unit of the ward (a department,
// the service centre, a public service unit, the council): the ward's
// People's Committee on the line above, upright, and the unit's name in
// bold capitals.
func WardUnit(wardName, unitName string) Issuer {
	return Issuer{Parent: CommitteeBody + " " + Upper(wardName), Name: []string{Upper(unitName)}}
}

// Upper writes s in capitals as Vietnamese do ("Phường Hoàn Kiếm" →
// "PHƯỜNG HOÀN KIẾM"), spaces trimmed and runs of spaces made one.
func Upper(s string) string {
	return strings.ToUpper(strings.Join(strings.Fields(s), " "))
}

// levels are the words naming an administrative level before a place's
// own name, longest first.
var levels = []string{"thành phố", "thị trấn", "đặc khu", "phường", "tỉnh", "quận", "huyện", "thị xã", "xã"}

// PlaceName is the place's own name without its level ("Phường Hoàn
// Kiếm" → "Hoàn Kiếm"), as the place-and-date line wants it. A name that
// is only a level, or has none, is returned as it is (trimmed).
func PlaceName(name string) string {
	name = strings.Join(strings.Fields(name), " ")
	lower := strings.ToLower(name)
	for _, l := range levels {
		if strings.HasPrefix(lower, l+" ") {
			// the level words are as long in bytes in either case.
			rest := strings.TrimSpace(name[len(l):])
			if rest != "" {
				return rest
			}
		}
	}
	return name
}

// Date is a date as the place-and-date line writes it: "ngày 02 tháng 12
// năm 2026"; days 1–9 and months 1–2 take a leading zero (Nghị định 30,
// Phụ lục I, mục 5), t is read in its own location.
func Date(t time.Time) string {
	month := fmt.Sprint(int(t.Month()))
	if t.Month() <= 2 {
		month = "0" + month
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", t.Day(), month, t.Year())
}

// PlaceDate is the place-and-date line, italic, under the motto: "Hoàn
// Kiếm, ngày 02 tháng 12 năm 2026". place may carry its level (it is
// dropped); t is read in its own location (give it in the ward's zone).
func PlaceDate(place string, t time.Time) string {
	return PlaceName(place) + ", " + Date(t)
}

// ShortDate is a date as a reference in the text writes it: dd/mm/yyyy.
func ShortDate(t time.Time) string {
	return t.Format("02/01/2006")
}

// SameName says whether two people's names are the same, ignoring case
// and spacing (an empty name is nobody's).
func SameName(a, b string) bool {
	norm := func(s string) string {
		return strings.ToLower(strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " "))
	}
	return norm(a) != "" && norm(a) == norm(b)
}

// BlankDate is the date part of a place-and-date line left for a hand
// to fill in (a document printed before it is signed): "ngày    tháng
// năm 2026".
func BlankDate(year int) string {
	return fmt.Sprintf("ngày      tháng      năm %d", year)
}

// BlankPlaceDate is the place-and-date line with its date left blank.
func BlankPlaceDate(place string, year int) string {
	return PlaceName(place) + ", " + BlankDate(year)
}

// InText writes a place's name as running text does, its level in small
// letters: "Phường Hoàn Kiếm" → "phường Hoàn Kiếm".
func InText(name string) string {
	name = strings.Join(strings.Fields(name), " ")
	lower := strings.ToLower(name)
	for _, l := range levels {
		if strings.HasPrefix(lower, l+" ") {
			return l + name[len(l):]
		}
	}
	return name
}

// CommitteeOf names the ward's People's Committee in running text:
// "Ủy ban nhân dân phường Hoàn Kiếm".
func CommitteeOf(wardName string) string {
	return "Ủy ban nhân dân " + InText(wardName)
}

// ChairmanOf names the ward's chairman in running text: "Chủ tịch Ủy ban
// nhân dân phường Hoàn Kiếm".
func ChairmanOf(wardName string) string {
	return "Chủ tịch " + CommitteeOf(wardName)
}
