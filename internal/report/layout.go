package report

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
	"sangkien/internal/nd30"
)

// Paper and print settings of every sheet.
const (
	// PaperA4 is the paper size code of A4 in SpreadsheetML.
	PaperA4 = 9
	// signingRows is the room left for the signature, in rows.
	signingRows = 3
)

// The page: A4, its margins in inches, and the smallest size a table may
// print at once fitted to the page's width (the rows are one page wide).
const (
	a4Short, a4Long         = 595.3, 841.9 // points
	marginLeft, marginRight = 0.7, 0.4     // inches
	marginTop, marginBottom = 0.6, 0.6
	minPrintedSize          = 11.0 // points
	unitsSafety             = 0.97 // of the widest table allowed, for the renderer's rounding
)

// maxIssuerUnits is the widest the issuing body block is made for its
// text; a longer name wraps.
const maxIssuerUnits = 46

// maxTableUnits is the widest table (in column width units) that prints
// one page wide, portrait or landscape, with its text at minPrintedSize
// or more: fitting a wider one to the page shrinks it below that.
func maxTableUnits(landscape bool) float64 {
	paper := a4Short
	if landscape {
		paper = a4Long
	}
	printable := paper - (marginLeft+marginRight)*72
	return printable / unitPoints * (tableSize / minPrintedSize) * unitsSafety
}

// column is one column of a sheet's table.
type column struct {
	header string
	width  float64
	style  int  // the style of its data cells
	cut    bool // a text too long for a row is cut, with a mark (the rest is in the application form)
}

// document is what a sheet prints around its table, as Nghị định 30
// wants it: the issuing body, the title and the lines under it, who signs
// on the left and on the right (nil: nobody), and the date of the
// place-and-date line (zero: left blank, to be written when signed).
type document struct {
	issuer      nd30.Issuer
	title       []string
	lines       []string
	left, right *nd30.Signature
	dated       time.Time
}

// sheetWriter writes one sheet: the document's header, the table, the
// total row and the signature block, with its print settings.
type sheetWriter struct {
	b         *builder
	name      string
	doc       document
	sw        *excelize.StreamWriter
	cols      []column
	row       int // the last row written
	headerRow int // the table's header row
	filterEnd int // the last row of the filtered range (0: the last table row)
	leftEnd   int // the issuing body block spans columns 1..leftEnd
	right     int // the national motto block spans columns right..len(cols)
	merges    [][2]string
	cells     []any           // the row being written, reused
	values    []excelize.Cell // its cells, which cells points to
	stats     Stats           // what it wrote, added to the workbook's at finish
	heights   []float64       // of every row written, in points
	lastAdded int             // the last table row written by add (0: none)
	sections  []int           // the section heading rows
}

// tableWidth is the sum of the columns' widths.
func tableWidth(cols []column) float64 {
	total := 0.0
	for _, c := range cols {
		total += c.width
	}
	return total
}

// widen makes the table of cols at least need units wide, by widening its
// widest column.
func widen(cols []column, need float64) {
	total := tableWidth(cols)
	if total >= need || len(cols) == 0 {
		return
	}
	widest := 0
	for i, c := range cols {
		if c.width > cols[widest].width {
			widest = i
		}
	}
	cols[widest].width += math.Ceil(need - total)
}

// landscape says whether a table of cols prints landscape: when it is
// too wide for a portrait page at the smallest printed size.
func landscape(cols []column) bool {
	return tableWidth(cols) > maxTableUnits(false)
}

// newSheet starts sheet name with the table columns cols and the document
// doc: page setup, column widths, frozen panes, then the document's
// header: issuing body and national motto, title, the lines under it,
// and the table's header row.
func (b *builder) newSheet(first bool, name string, cols []column, doc document) (*sheetWriter, error) {
	// the workbook is shared by the sheets written at the same time.
	b.mu.Lock()
	defer b.mu.Unlock()
	f := b.f
	if err := b.addSheet(first, name); err != nil {
		return nil, err
	}
	s := &sheetWriter{b: b, name: name, doc: doc, cols: cols, cells: make([]any, len(cols)), values: make([]excelize.Cell, len(cols))}
	st := b.st
	issuer := doc.issuer.Lines()
	leftNeed := textWidth(doc.issuer.Rule(), docSize, false)
	for i, l := range issuer {
		if doc.issuer.Bold(i) {
			leftNeed = math.Max(leftNeed, textWidth(l, docSize, true))
		} else {
			leftNeed = math.Max(leftNeed, textWidth(l, docSize-1, false))
		}
	}
	rightNeed := textWidth(nd30.MottoCountry, docSize-1, true)
	// a long issuing body's name may take two lines (Nghị định 30).
	leftNeed, rightNeed = math.Min(leftNeed, maxIssuerUnits)+cellPadding+1, rightNeed+cellPadding+1
	// a table too narrow for the two blocks side by side is widened, as
	// far as a portrait page allows when it is portrait.
	need := leftNeed + rightNeed + 2
	if !landscape(cols) {
		need = math.Min(need, maxTableUnits(false))
	}
	widen(cols, need)
	s.leftEnd, s.right = headerBlocks(cols, leftNeed, rightNeed)
	total := tableWidth(cols)

	// print settings live in parts of the sheet that the stream writer
	// writes before the first row (sheetPr) or at Flush (pageSetup).
	orientation := "portrait"
	if landscape(cols) {
		orientation = "landscape"
	}
	yes, one, zero, a4 := true, 1, 0, PaperA4
	if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return nil, err
	}
	if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &orientation, FitToWidth: &one, FitToHeight: &zero,
	}); err != nil {
		return nil, err
	}
	top, bottom, left, rightM, hf := marginTop, marginBottom, marginLeft, marginRight, 0.3
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Top: &top, Bottom: &bottom, Left: &left, Right: &rightM, Header: &hf, Footer: &hf, Horizontally: &yes,
	}); err != nil {
		return nil, err
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddFooter: `&C&"` + Font + `,Regular"&12` + i18n.T("report.footer"),
	}); err != nil {
		return nil, err
	}

	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	s.sw = sw
	// excelize puts each new column first: set them last to first so
	// that the <cols> element lists them in order.
	for i := len(cols) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, cols[i].width); err != nil {
			return nil, err
		}
	}
	// rows: the header blocks (the issuing body, its rule; the motto),
	// blank, title lines, lines, blank, table header.
	blockRows := max(len(issuer)+1, 2)
	s.headerRow = blockRows + 1 + len(doc.title) + len(doc.lines) + 2
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: s.headerRow, TopLeftCell: cell(1, s.headerRow+1), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cell(1, s.headerRow+1), ActiveCell: cell(1, s.headerRow+1), Pane: "bottomLeft"}},
	}); err != nil {
		return nil, err
	}

	motto := []excelize.Cell{{StyleID: st.country, Value: nd30.MottoCountry}, {StyleID: st.slogan, Value: nd30.MottoSlogan}}
	for i := range blockRows {
		var l, r excelize.Cell
		switch {
		case i < len(issuer) && doc.issuer.Bold(i):
			l = excelize.Cell{StyleID: st.orgName, Value: issuer[i]}
		case i < len(issuer):
			l = excelize.Cell{StyleID: st.orgBody, Value: issuer[i]}
		case i == len(issuer):
			l = excelize.Cell{StyleID: st.orgBody, Value: doc.issuer.Rule()}
		}
		if i < len(motto) {
			r = motto[i]
		}
		if err := s.blocks(l, r, 0); err != nil {
			return nil, err
		}
	}
	if err := s.blank(); err != nil {
		return nil, err
	}
	for _, t := range doc.title {
		h := heightFor(wrappedLines(t, total, titleSize, true), titleSize)
		if err := s.across(t, st.title, h); err != nil {
			return nil, err
		}
	}
	for _, l := range doc.lines {
		h := heightFor(wrappedLines(l, total, docSize, false), docSize)
		if err := s.across(l, st.subtitle, h); err != nil {
			return nil, err
		}
	}
	if err := s.blank(); err != nil {
		return nil, err
	}
	header := make([]any, len(cols))
	headerLines := 1
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.header}
		headerLines = max(headerLines, wrappedLines(c.header, c.width, tableSize, true))
	}
	s.stats.Cells += len(header)
	return s, s.put(header, heightFor(headerLines, tableSize))
}

// addSheet adds sheet name to the workbook, unless it is there already;
// the first sheet takes the place of the new workbook's empty one.
func (b *builder) addSheet(first bool, name string) error {
	if first {
		return b.f.SetSheetName(b.f.GetSheetName(0), name)
	}
	_, err := b.f.NewSheet(name)
	return err
}

// headerBlocks splits the columns for the two blocks at the top of the
// page: the issuing body on the left (at least leftNeed units wide) and
// the national motto on the right (at least rightNeed), apart when there
// is room; when there is not, each takes half and its text wraps.
func headerBlocks(cols []column, leftNeed, rightNeed float64) (leftEnd, right int) {
	n := len(cols)
	if n < 2 {
		return 1, 1
	}
	sum := 0.0
	leftEnd = n
	for i, c := range cols {
		sum += c.width
		if sum >= leftNeed {
			leftEnd = i + 1
			break
		}
	}
	sum = 0
	right = 1
	for i := n - 1; i >= 0; i-- {
		sum += cols[i].width
		if sum >= rightNeed {
			right = i + 1
			break
		}
	}
	if right <= leftEnd {
		leftEnd = n / 2
		right = leftEnd + 1
	}
	return leftEnd, right
}

// span is the width of columns from..to (1-based, inclusive).
func (s *sheetWriter) span(from, to int) float64 {
	w := 0.0
	for i := from - 1; i < to && i < len(s.cols); i++ {
		w += s.cols[i].width
	}
	return w
}

// blockHeight is the height of a row holding left and right in the two
// blocks, wrapped in their widths, at least height.
func (s *sheetWriter) blockHeight(left, right excelize.Cell, height float64) float64 {
	lines := 1
	if t, ok := left.Value.(string); ok {
		lines = max(lines, wrappedLines(t, s.span(1, s.leftEnd), docSize, true))
	}
	if t, ok := right.Value.(string); ok {
		lines = max(lines, wrappedLines(t, s.span(s.right, len(s.cols)), docSize, true))
	}
	return math.Max(height, heightFor(lines, docSize))
}

// blocks writes the next row with left in the issuing body block and
// right in the national motto block, each merged across its columns.
func (s *sheetWriter) blocks(left, right excelize.Cell, height float64) error {
	row := make([]any, len(s.cols))
	row[0] = left
	row[s.right-1] = right
	if s.leftEnd > 1 {
		s.merge(1, s.leftEnd)
	}
	if s.right < len(s.cols) {
		s.merge(s.right, len(s.cols))
	}
	s.stats.Cells += 2
	return s.put(row, s.blockHeight(left, right, height))
}

// across writes text on the next row, merged across the table's width.
func (s *sheetWriter) across(text string, style int, height float64) error {
	if len(s.cols) > 1 {
		s.merge(1, len(s.cols))
	}
	s.stats.Cells++
	return s.put([]any{excelize.Cell{StyleID: style, Value: text}}, height)
}

// section writes a heading row of the table (I., II.), bold, bordered,
// merged across the table's width.
func (s *sheetWriter) section(text string) error {
	if len(s.cols) > 1 {
		s.merge(1, len(s.cols))
	}
	row := make([]any, len(s.cols))
	for i := range row {
		row[i] = excelize.Cell{StyleID: s.b.st.section}
	}
	row[0] = excelize.Cell{StyleID: s.b.st.section, Value: text}
	s.stats.Cells++
	s.sections = append(s.sections, s.row+1)
	return s.put(row, heightFor(wrappedLines(text, tableWidth(s.cols), tableSize, true), tableSize))
}

// merge merges columns from..to of the row about to be written.
func (s *sheetWriter) merge(from, to int) {
	s.merges = append(s.merges, [2]string{cell(from, s.row+1), cell(to, s.row+1)})
}

// put writes the next row with cells, height points tall, and keeps its
// height to lay out the printed pages (keepSignatureWhole).
func (s *sheetWriter) put(cells []any, height float64) error {
	s.row++
	s.heights = append(s.heights, height)
	return s.sw.SetRow(cell(1, s.row), cells, excelize.RowOpts{Height: height})
}

// blank writes an empty row of the document's text height.
func (s *sheetWriter) blank() error {
	return s.put(nil, heightFor(1, docSize))
}

// maxCellLines is the most lines of table text a row can show (Excel's
// tallest row); a longer text in a column that may be cut (the city
// list's summary and benefits) is cut to it, with a mark, rather than
// clipped out of sight. Other texts are kept whole (the file is data
// too): one longer than that prints clipped.
var maxCellLines = int(math.Floor((maxRowHeight - rowPadding) / (tableSize * lineFactor)))

// add writes one table row; each value takes its column's style unless it
// is an excelize.Cell already. Strings are values, never formulas. The
// row's cells are handed to the stream writer by pointer, which writes
// them at once, so that no cell is allocated. The row is as tall as its
// most wrapped text.
func (s *sheetWriter) add(values ...any) error {
	row := s.cells[:len(s.cols)]
	lines := 1
	for i := range row {
		var v any
		if i < len(values) {
			v = values[i]
		}
		if c, ok := v.(excelize.Cell); ok {
			if str, ok := c.Value.(string); ok {
				lines = max(lines, wrappedLines(str, s.cols[i].width, tableSize, false))
			}
			s.values[i] = c
			row[i] = &s.values[i]
			continue
		}
		if str, ok := v.(string); ok {
			str = clean(str)
			n := wrappedLines(str, s.cols[i].width, tableSize, false)
			if n > maxCellLines && s.cols[i].cut {
				str = cutToLines(str, s.cols[i].width, maxCellLines, i18n.T("report.truncated"))
				n = maxCellLines
			}
			v = str
			lines = max(lines, n)
		}
		s.values[i] = excelize.Cell{StyleID: s.cols[i].style, Value: v}
		row[i] = &s.values[i]
	}
	s.stats.Rows++
	s.stats.Cells += len(row)
	s.lastAdded = s.row + 1
	return s.put(row, heightFor(lines, tableSize))
}

// cutToLines cuts text at a word so that, with mark after it, it takes
// at most lines lines in a column width units wide.
func cutToLines(text string, width float64, lines int, mark string) string {
	words := strings.Fields(text)
	lo, hi := 0, len(words)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if wrappedLines(strings.Join(words[:mid], " ")+mark, width, tableSize, false) <= lines {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.Join(words[:lo], " ") + mark
}

// total writes the total row: "Tổng cộng" across the first span columns,
// then cells by column index (0-based), each merged with the empty
// columns that follow it up to the next cell when merge is set; other
// cells are empty and bordered. It ends the filtered range.
func (s *sheetWriter) total(span int, cells map[int]excelize.Cell, merge ...int) error {
	s.filterEnd = s.row
	st := s.b.st
	row := make([]any, len(s.cols))
	for i := range row {
		if c, ok := cells[i]; ok {
			row[i] = c
		} else {
			row[i] = excelize.Cell{StyleID: st.totalLabel}
		}
	}
	row[0] = excelize.Cell{StyleID: st.totalLabel, Value: i18n.T("report.total")}
	if span > 1 {
		s.merge(1, span)
	}
	for _, from := range merge {
		to := from + 1
		for to < len(row) {
			if _, taken := cells[to]; taken {
				break
			}
			to++
		}
		if to-1 > from {
			s.merge(from+1, to)
		}
	}
	lines := 1
	for i, c := range cells {
		if str, ok := c.Value.(string); ok {
			lines = max(lines, wrappedLines(str, s.cols[i].width, tableSize, true))
		}
	}
	s.stats.Cells += len(row)
	return s.put(row, heightFor(lines, tableSize))
}

// placeDate is the place-and-date line of the document: the ward's place
// name and the document's date, or a blank date to fill in.
func (s *sheetWriter) placeDate() string {
	ward := s.b.org.Ward
	if s.doc.dated.IsZero() {
		return nd30.BlankPlaceDate(ward, s.b.year)
	}
	return nd30.PlaceDate(ward, s.doc.dated.In(clock.Zone))
}

// finish writes the signature block, the merges and the autofilter, ends
// the stream and names the rows to repeat on every printed page.
func (s *sheetWriter) finish() error {
	b, st := s.b, s.b.st
	lastData := s.row
	if s.filterEnd > 0 {
		lastData = s.filterEnd
	}
	// the signature block: its rows are laid out first, so that it can
	// be kept whole on one printed page.
	var left, right nd30.Signature
	if s.doc.left != nil {
		left = *s.doc.left
	}
	if s.doc.right != nil {
		right = *s.doc.right
	}
	type pair struct{ l, r excelize.Cell }
	block := []pair{{r: excelize.Cell{StyleID: st.placeDate, Value: s.placeDate()}}}
	lh, rh := signHead(s.doc.left), signHead(s.doc.right)
	for i := range max(len(lh), len(rh)) {
		var p pair
		if i < len(lh) {
			p.l = excelize.Cell{StyleID: st.signHead, Value: lh[i]}
		}
		if i < len(rh) {
			p.r = excelize.Cell{StyleID: st.signHead, Value: rh[i]}
		}
		block = append(block, p)
	}
	if left.Note != "" || right.Note != "" {
		block = append(block, pair{excelize.Cell{StyleID: st.signNote, Value: left.Note}, excelize.Cell{StyleID: st.signNote, Value: right.Note}})
	}
	signing := len(block)
	for range signingRows {
		block = append(block, pair{})
	}
	block = append(block, pair{excelize.Cell{StyleID: st.signName, Value: left.Name}, excelize.Cell{StyleID: st.signName, Value: right.Name}})
	height := heightFor(1, docSize) // the blank row above
	for _, p := range block {
		height += s.blockHeight(p.l, p.r, 0)
	}
	breakAt := s.keepWhole(height, s.lastAdded)

	if err := s.blank(); err != nil {
		return err
	}
	for i, p := range block {
		if i >= signing && i < signing+signingRows {
			if err := s.blank(); err != nil {
				return err
			}
			continue
		}
		if err := s.blocks(p.l, p.r, 0); err != nil {
			return err
		}
	}

	for _, m := range s.merges {
		if err := s.sw.MergeCell(m[0], m[1]); err != nil {
			return err
		}
	}
	// the autofilter and the print titles are names of the workbook, which
	// lists them in the order they are made: sheets end in their order.
	b.turns.wait(s.name)
	defer b.turns.pass(s.name)
	b.mu.Lock()
	defer b.mu.Unlock()
	last := len(s.cols)
	// the autofilter element is written at Flush from the sheet's model.
	if err := b.f.AutoFilter(s.name, cell(1, s.headerRow)+":"+cell(last, max(lastData, s.headerRow+1)), nil); err != nil {
		return err
	}
	if breakAt > 0 {
		if err := b.f.InsertPageBreak(s.name, cell(1, breakAt)); err != nil {
			return err
		}
	}
	if err := s.sw.Flush(); err != nil {
		return err
	}
	b.stats.Sheets++
	b.stats.Rows += s.stats.Rows
	b.stats.Cells += s.stats.Cells
	return b.f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("%s!$%d:$%d", quoteSheet(s.name), s.headerRow, s.headerRow),
		Scope:    s.name,
	})
}

// keepWhole lays the rows written so far out on printed pages as
// LibreOffice and Excel do (fitted to the page's width, the table's
// header row repeated on each page) and returns the row before which a
// page must break so that a signature block block points tall, written
// next, is not split over two pages and does not stand alone: the last
// table row goes with it. It returns 0 when the block fits where it is.
func (s *sheetWriter) keepWhole(block float64, lastRow int) int {
	land := landscape(s.cols)
	paperW, paperH := a4Short, a4Long
	if land {
		paperW, paperH = a4Long, a4Short
	}
	scale := math.Min(1, (paperW-(marginLeft+marginRight)*72)/(tableWidth(s.cols)*unitPoints))
	// the page's body, in the sheet's own points, with room to spare for
	// the renderer's rounding.
	avail := (paperH - (marginTop+marginBottom)*72) * 0.96 / scale
	header := s.heights[s.headerRow-1]
	y, pageTop := 0.0, 1 // the height used on the current page, its first row
	for i, h := range s.heights {
		if y+h > avail && i+1 != pageTop {
			y, pageTop = 0, i+1
			if i+1 > s.headerRow {
				y = header
			}
		}
		y += h
	}
	if y+block <= avail {
		return 0
	}
	// the block goes to the next page with the last table row, unless
	// that row starts this page already (then the block goes alone).
	// a section heading goes with its first row.
	if slices.Contains(s.sections, lastRow-1) {
		lastRow--
	}
	if lastRow > s.headerRow && lastRow > pageTop {
		return lastRow
	}
	return s.row + 1
}

// signHead is the bold lines of a signature block (none for nil).
func signHead(sig *nd30.Signature) []string {
	if sig == nil {
		return nil
	}
	return sig.Head()
}

// cell is the reference of column col (1-based), row row.
func cell(col, row int) string {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	return ref
}

// quoteSheet quotes a sheet name for a reference ('Tổng hợp sáng kiến').
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
