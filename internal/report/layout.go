package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
)

// Paper and print settings of every sheet.
const (
	// PaperA4 is the paper size code of A4 in SpreadsheetML.
	PaperA4 = 9
	// landscapeWidth is the table width (in character units) above which a
	// sheet is printed landscape.
	landscapeWidth = 120
	// signingRows is the room left for the signature, in rows.
	signingRows = 4
)

// column is one column of a sheet's table.
type column struct {
	header string
	width  float64
	style  int // the style of its data cells
}

// sheetWriter writes one sheet: the document's header, the table, the
// total row and the signature block, with its print settings.
type sheetWriter struct {
	b         *builder
	name      string
	sw        *excelize.StreamWriter
	cols      []column
	row       int // the last row written
	headerRow int // the table's header row
	dataRows  int
	leftEnd   int // the issuing body block spans columns 1..leftEnd
	right     int // the national motto block spans columns right..len(cols)
	merges    [][2]string
	cells     []any           // the row being written, reused
	values    []excelize.Cell // its cells, which cells points to
	stats     Stats           // what it wrote, added to the workbook's at finish
}

// newSheet starts sheet name with the table columns cols: page setup,
// column widths, frozen panes, then the document's header: issuing body
// and national motto, title, the lines under it, and the table's header row.
func (b *builder) newSheet(first bool, name string, cols []column, title []string, lines []string) (*sheetWriter, error) {
	// the workbook is shared by the sheets written at the same time.
	b.mu.Lock()
	defer b.mu.Unlock()
	f := b.f
	if err := b.addSheet(first, name); err != nil {
		return nil, err
	}
	s := &sheetWriter{b: b, name: name, cols: cols, cells: make([]any, len(cols)), values: make([]excelize.Cell, len(cols))}
	s.leftEnd, s.right = headerBlocks(cols)
	total := 0.0
	for _, c := range cols {
		total += c.width
	}

	// print settings live in parts of the sheet that the stream writer
	// writes before the first row (sheetPr) or at Flush (pageSetup).
	orientation := "portrait"
	if total > landscapeWidth {
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
	top, bottom, left, rightM, hf := 0.6, 0.6, 0.7, 0.4, 0.3
	if err := f.SetPageMargins(name, &excelize.PageLayoutMarginsOptions{
		Top: &top, Bottom: &bottom, Left: &left, Right: &rightM, Header: &hf, Footer: &hf, Horizontally: &yes,
	}); err != nil {
		return nil, err
	}
	if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{
		OddFooter: `&C&"` + Font + `,Regular"&11` + i18n.T("report.footer"),
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
	// rows: 1-2 header blocks, 3 blank, title lines, lines, blank, table header.
	s.headerRow = 3 + len(title) + len(lines) + 2
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: s.headerRow, TopLeftCell: cell(1, s.headerRow+1), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: cell(1, s.headerRow+1), ActiveCell: cell(1, s.headerRow+1), Pane: "bottomLeft"}},
	}); err != nil {
		return nil, err
	}

	st := b.st
	if err := s.blocks(
		excelize.Cell{StyleID: st.orgBody, Value: i18n.T("report.org.body")},
		excelize.Cell{StyleID: st.country, Value: i18n.T("report.motto.country")}, heightFor(1, docSize)); err != nil {
		return nil, err
	}
	if err := s.blocks(
		excelize.Cell{StyleID: st.orgName, Value: strings.ToUpper(b.org.Ward)},
		excelize.Cell{StyleID: st.slogan, Value: i18n.T("report.motto.slogan")}, heightFor(1, docSize)); err != nil {
		return nil, err
	}
	s.row++ // blank
	for _, t := range title {
		h := heightFor(wrappedLines(t, total, titleSize, true), titleSize)
		if err := s.across(t, st.title, h); err != nil {
			return nil, err
		}
	}
	for _, l := range lines {
		h := heightFor(wrappedLines(l, total, docSize, false), docSize)
		if err := s.across(l, st.subtitle, h); err != nil {
			return nil, err
		}
	}
	s.row++ // blank
	header := make([]any, len(cols))
	headerLines := 1
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.header}
		headerLines = max(headerLines, wrappedLines(c.header, c.width, tableSize, true))
	}
	s.row++
	s.stats.Cells += len(header)
	return s, sw.SetRow(cell(1, s.row), header, excelize.RowOpts{Height: heightFor(headerLines, tableSize)})
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
// page: the issuing body on the left (at least ~30 characters wide) and
// the national motto on the right (at least ~46), apart when there is room.
func headerBlocks(cols []column) (leftEnd, right int) {
	n := len(cols)
	if n < 2 {
		return 1, 1
	}
	sum := 0.0
	leftEnd = n
	for i, c := range cols {
		sum += c.width
		if sum >= 30 {
			leftEnd = i + 1
			break
		}
	}
	sum = 0
	right = 1
	for i := n - 1; i >= 0; i-- {
		sum += cols[i].width
		if sum >= 46 {
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

// blocks writes the next row with left in the issuing body block and
// right in the national motto block, each merged across its columns.
func (s *sheetWriter) blocks(left, right excelize.Cell, height float64) error {
	s.row++
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
	var opts []excelize.RowOpts
	if height > 0 {
		opts = append(opts, excelize.RowOpts{Height: height})
	}
	return s.sw.SetRow(cell(1, s.row), row, opts...)
}

// across writes text on the next row, merged across the table's width.
func (s *sheetWriter) across(text string, style int, height float64) error {
	s.row++
	if len(s.cols) > 1 {
		s.merge(1, len(s.cols))
	}
	s.stats.Cells++
	return s.sw.SetRow(cell(1, s.row), []any{excelize.Cell{StyleID: style, Value: text}}, excelize.RowOpts{Height: height})
}

// merge merges columns from..to of the current row.
func (s *sheetWriter) merge(from, to int) {
	s.merges = append(s.merges, [2]string{cell(from, s.row), cell(to, s.row)})
}

// add writes one table row; each value takes its column's style unless it
// is an excelize.Cell already. Strings are values, never formulas. The
// row's cells are handed to the stream writer by pointer, which writes
// them at once, so that no cell is allocated.
func (s *sheetWriter) add(values ...any) error {
	s.row++
	s.dataRows++
	row := s.cells[:len(s.cols)]
	lines := 1
	for i := range row {
		var v any
		if i < len(values) {
			v = values[i]
		}
		if c, ok := v.(excelize.Cell); ok {
			row[i] = c
			continue
		}
		if str, ok := v.(string); ok {
			v = clean(str)
			lines = max(lines, wrappedLines(str, s.cols[i].width, tableSize, false))
		}
		s.values[i] = excelize.Cell{StyleID: s.cols[i].style, Value: v}
		row[i] = &s.values[i]
	}
	s.stats.Rows++
	s.stats.Cells += len(row)
	return s.sw.SetRow(cell(1, s.row), row, excelize.RowOpts{Height: heightFor(lines, tableSize)})
}

// total writes the total row: "Tổng cộng" across the first span columns,
// then cells by column index (0-based), each merged with the empty
// columns that follow it up to the next cell when merge is set; other
// cells are empty and bordered.
func (s *sheetWriter) total(span int, cells map[int]excelize.Cell, merge ...int) error {
	s.row++
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
	s.stats.Cells += len(row)
	return s.sw.SetRow(cell(1, s.row), row, excelize.RowOpts{Height: heightFor(1, tableSize)})
}

// finish writes the signature block, the merges and the autofilter, ends
// the stream and names the rows to repeat on every printed page.
func (s *sheetWriter) finish() error {
	b, st := s.b, s.b.st
	now := b.opts.Now.In(clock.Zone)
	day := fmt.Sprintf("%02d", now.Day())
	month := fmt.Sprint(int(now.Month()))
	if now.Month() <= 2 {
		// Nghị định 30/2020: days below 10 and months 1, 2 take a leading zero.
		month = "0" + month
	}
	place := i18n.T("report.place_date", "place", b.org.Ward, "day", day, "month", month, "year", fmt.Sprint(now.Year()))

	lastData := s.headerRow + s.dataRows
	s.row++ // blank
	lines := []struct {
		left, right excelize.Cell
	}{
		{excelize.Cell{}, excelize.Cell{StyleID: st.placeDate, Value: place}},
		{excelize.Cell{StyleID: st.signHead, Value: i18n.T("report.sign.preparer")}, excelize.Cell{StyleID: st.signHead, Value: i18n.T("report.sign.on_behalf")}},
		{excelize.Cell{StyleID: st.signNote, Value: i18n.T("report.sign.note")}, excelize.Cell{StyleID: st.signHead, Value: i18n.T("report.sign.chairman")}},
	}
	for _, l := range lines {
		if err := s.blocks(l.left, l.right, heightFor(1, docSize)); err != nil {
			return err
		}
	}
	s.row += signingRows
	if err := s.blocks(
		excelize.Cell{StyleID: st.signName, Value: clean(b.opts.Preparer)},
		excelize.Cell{StyleID: st.signName, Value: clean(b.org.Chairman)}, heightFor(1, docSize)); err != nil {
		return err
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
	if err := b.f.AutoFilter(s.name, cell(1, s.headerRow)+":"+cell(last, lastData), nil); err != nil {
		return err
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

// cell is the reference of column col (1-based), row row.
func cell(col, row int) string {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	return ref
}

// quoteSheet quotes a sheet name for a reference ('Tổng hợp sáng kiến').
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
