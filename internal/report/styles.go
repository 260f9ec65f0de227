package report

import (
	"github.com/xuri/excelize/v2"

	"sangkien/internal/i18n"
)

// Font is the typeface of every document (Nghị định 30/2020: Times New Roman).
const Font = "Times New Roman"

// Font sizes: 13 for the document's own text, 12 inside the table.
const (
	docSize   = 13
	tableSize = 12
	titleSize = 14
)

// Number formats of the table's cells.
const (
	// DateFormat shows a real Excel date as dd/mm/yyyy.
	DateFormat = "dd/mm/yyyy"
	// ScoreFormat shows a score as Vietnamese write it, with a decimal
	// comma and up to two decimals: 93,5; 14,75; 91,0. The locale tag
	// [$-42A] (vi-VN) makes LibreOffice use the comma whatever its own
	// locale; Excel uses the separators of the reader's system.
	ScoreFormat = "[$-42A]0.0#"
	// MoneyFormat shows a sum of money in đồng with dots between
	// thousands: 12.500.000.
	MoneyFormat = "[$-42A]#,##0"
	// PointsFormat shows emulation points with their sign: +10, -10, 0.
	PointsFormat = "[$-42A]+0.#;-0.#;0"
	// countFormat is the built-in number format 1, "0".
	countFormat = 1
)

// vietnamese puts a number format in the Vietnamese locale (see ScoreFormat).
func vietnamese(format string) string { return "[$-42A]" + format }

// styles are the workbook's cell styles, made once per workbook.
type styles struct {
	orgBody, orgName     int // issuing body block, top left: upright (the managing body, the rule), bold
	country, slogan      int // national motto block, top right
	title, subtitle      int // the document's title and the lines under it
	header               int // the table's header row
	text, center, number int // table cells: wrapped text, centred text, whole number
	score, date          int // table cells: 0,0#, dd/mm/yyyy
	money, points        int // table cells: 12.500.000, +10
	barred               int // a member's cell on their own initiative: centred italic text
	section              int // a heading row of the table (I., II.)
	totalLabel, total    int // the total row: label, whole number
	totalPoints          int // the total row: emulation points
	totalCount           map[string]int
	signHead, signNote   int // signature block: bold capitals, italic note
	signName, placeDate  int
}

// thin is a thin black border on all four sides.
var thin = []excelize.Border{
	{Type: "left", Color: "000000", Style: 1},
	{Type: "right", Color: "000000", Style: 1},
	{Type: "top", Color: "000000", Style: 1},
	{Type: "bottom", Color: "000000", Style: 1},
}

// newStyles registers the styles in f.
func newStyles(f *excelize.File) (*styles, error) {
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	font := func(size float64, bold, italic bool) *excelize.Font {
		return &excelize.Font{Family: Font, Size: size, Bold: bold, Italic: italic}
	}
	centre := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	top := func(h string) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "top", WrapText: true}
	}
	dateFmt, scoreFmt, moneyFmt, pointsFmt := DateFormat, ScoreFormat, MoneyFormat, PointsFormat
	s := &styles{totalCount: map[string]int{}}
	// the managing body's line is upright, the issuing body's own bold.
	s.orgBody = add(&excelize.Style{Font: font(docSize-1, false, false), Alignment: centre})
	s.orgName = add(&excelize.Style{Font: font(docSize, true, false), Alignment: centre})
	s.country = add(&excelize.Style{Font: font(docSize-1, true, false), Alignment: centre})
	s.slogan = add(&excelize.Style{Font: &excelize.Font{Family: Font, Size: docSize, Bold: true, Underline: "single"}, Alignment: centre})
	s.title = add(&excelize.Style{Font: font(titleSize, true, false), Alignment: centre})
	s.subtitle = add(&excelize.Style{Font: font(docSize, false, true), Alignment: centre})
	s.header = add(&excelize.Style{
		Font: font(tableSize, true, false), Alignment: centre, Border: thin,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}},
	})
	s.text = add(&excelize.Style{Font: font(tableSize, false, false), Alignment: top("left"), Border: thin})
	s.center = add(&excelize.Style{Font: font(tableSize, false, false), Alignment: top("center"), Border: thin})
	s.number = add(&excelize.Style{Font: font(tableSize, false, false), Alignment: top("center"), Border: thin, NumFmt: countFormat})
	s.score = add(&excelize.Style{Font: font(tableSize, false, false), Alignment: top("center"), Border: thin, CustomNumFmt: &scoreFmt})
	s.money = add(&excelize.Style{Font: font(tableSize, false, false), Alignment: top("right"), Border: thin, CustomNumFmt: &moneyFmt})
	s.points = add(&excelize.Style{Font: font(tableSize, true, false), Alignment: top("center"), Border: thin, CustomNumFmt: &pointsFmt})
	s.barred = add(&excelize.Style{Font: font(tableSize, false, true), Alignment: top("center"), Border: thin})
	s.section = add(&excelize.Style{Font: font(tableSize, true, false), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}, Border: thin})
	s.totalPoints = add(&excelize.Style{Font: font(tableSize, true, false), Alignment: centre, Border: thin, CustomNumFmt: &pointsFmt})
	s.date = add(&excelize.Style{Font: font(tableSize, false, false), Alignment: top("center"), Border: thin, CustomNumFmt: &dateFmt})
	s.totalLabel = add(&excelize.Style{Font: font(tableSize, true, false), Alignment: centre, Border: thin})
	s.total = add(&excelize.Style{Font: font(tableSize, true, false), Alignment: centre, Border: thin, NumFmt: countFormat})
	for _, key := range []string{"initiatives", "late", "recognized", "units_met"} {
		format := vietnamese(i18n.T("report.fmt." + key))
		s.totalCount[key] = add(&excelize.Style{Font: font(tableSize, true, false), Alignment: centre, Border: thin, CustomNumFmt: &format})
	}
	s.signHead = add(&excelize.Style{Font: font(docSize, true, false), Alignment: centre})
	s.signNote = add(&excelize.Style{Font: font(docSize, false, true), Alignment: centre})
	s.signName = add(&excelize.Style{Font: font(docSize, true, false), Alignment: centre})
	s.placeDate = add(&excelize.Style{Font: font(docSize, false, true), Alignment: centre})
	return s, err
}
