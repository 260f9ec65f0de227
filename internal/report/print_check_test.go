package report_test

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"testing"

	"sangkien/internal/lotest"
)

// minPrinted is the smallest size text may print at (points); the
// measure from the PDF's word boxes is good to a tenth of a point.
const minPrinted = 10.9

// expectReadable fails t when any word of pdf prints under 11 pt (a table
// shrunk to fit the page), a number cell is too narrow for its number
// (LibreOffice prints ###), or a font other than Times New Roman's twin
// is used. It returns the smallest size found.
func expectReadable(t testing.TB, pdf *lotest.PDF) float64 {
	t.Helper()
	smallest := math.MaxFloat64
	var small []string
	for _, w := range pdf.Words(t) {
		smallest = math.Min(smallest, w.Size())
		if w.Size() < minPrinted && len(small) < 5 {
			small = append(small, w.Text+" ("+strconv.FormatFloat(w.Size(), 'f', 1, 64)+" pt)")
		}
	}
	if len(small) > 0 {
		t.Errorf("%s: text printed under 11 pt, e.g. %s", pdf.Name, strings.Join(small, ", "))
	}
	if strings.Contains(pdf.Text, "###") {
		i := strings.Index(pdf.Text, "###")
		t.Errorf("%s: a number too wide for its cell prints ###: %q", pdf.Name, pdf.Text[max(0, i-300):min(len(pdf.Text), i+100)])
	}
	// every letter in Times New Roman (its twin): a letter the font
	// lacked would come from another font.
	for _, f := range pdf.Fonts(t) {
		if !strings.HasPrefix(f, "LiberationSerif") {
			t.Errorf("%s: font %q besides Liberation Serif (a letter Times New Roman lacks?)", pdf.Name, f)
		}
	}
	return smallest
}

// band is the part of a page holding one table row: from the top of its
// number (STT) down to the next row's.
type band struct {
	page       int
	top, below float64
}

// rowBands finds the table rows of pdf: each number in the STT column
// (under the word STT), in reading order, starts a row that ends where
// the next one starts, at a total row, at a section heading or at the
// page's end.
func rowBands(t testing.TB, words []lotest.Word) []band {
	type head struct{ bottom, left, right float64 }
	heads := map[int]head{} // page → its STT header
	for _, w := range words {
		if w.Text == "STT" {
			if _, ok := heads[w.Page]; !ok {
				heads[w.Page] = head{w.YMax, w.XMin - 12, w.XMax + 12}
			}
		}
	}
	var starts []band
	var stops []band // "Tổng cộng" and section headings
	for _, w := range words {
		h, ok := heads[w.Page]
		if !ok || w.YMin < h.bottom {
			continue
		}
		if _, err := strconv.Atoi(w.Text); err == nil && w.XMin >= h.left && w.XMax <= h.right {
			starts = append(starts, band{page: w.Page, top: w.YMin - 1})
		}
		if w.Text == "Tổng" || w.Text == "II." {
			stops = append(stops, band{page: w.Page, top: w.YMin - 1})
		}
	}
	sort.Slice(starts, func(i, j int) bool {
		if starts[i].page != starts[j].page {
			return starts[i].page < starts[j].page
		}
		return starts[i].top < starts[j].top
	})
	for i := range starts {
		starts[i].below = math.MaxFloat64
		for _, s := range append(starts[i+1:], stops...) {
			if s.page == starts[i].page && s.top > starts[i].top && s.top < starts[i].below {
				starts[i].below = s.top
			}
		}
	}
	return starts
}

// expectRowsIntact fails t unless the table rows of pdf, in order, show
// every word of the given cells inside their own row: a cell whose row
// is too short for its wrapped text has its last lines drawn over the
// next row (or clipped), and they are then missing from its own.
func expectRowsIntact(t testing.TB, pdf *lotest.PDF, rows [][]string) {
	t.Helper()
	words := pdf.Words(t)
	bands := rowBands(t, words)
	if len(bands) < len(rows) {
		t.Errorf("%s: %d table rows found, want %d", pdf.Name, len(bands), len(rows))
		return
	}
	for i, cells := range rows {
		b := bands[i]
		have := map[string]int{}
		for _, w := range words {
			// a word counts when its box ends before the next row
			// (boxes are a little taller than lines: 2 pt to spare).
			if w.Page == b.page && w.YMin >= b.top && w.YMax <= b.below+2 {
				have[w.Text]++
			}
		}
		for _, c := range cells {
			for _, word := range strings.Fields(c) {
				if have[word] == 0 {
					t.Errorf("%s: row %d: %q of %q is not in its row (cut off, or drawn over the next row)", pdf.Name, i+1, word, c)
					break
				}
				have[word]--
			}
		}
	}
}

// expectText fails t unless the PDF's text holds every phrase (white
// space between words does not matter).
func expectText(t testing.TB, pdf *lotest.PDF, phrases ...string) {
	t.Helper()
	flat := pdf.Flat()
	for _, p := range phrases {
		if !strings.Contains(flat, strings.Join(strings.Fields(p), " ")) {
			t.Errorf("%s: %q not printed", pdf.Name, p)
		}
	}
}

// expectNoText fails t if the PDF's text holds any of the phrases.
func expectNoText(t testing.TB, pdf *lotest.PDF, phrases ...string) {
	t.Helper()
	flat := pdf.Flat()
	for _, p := range phrases {
		if strings.Contains(flat, strings.Join(strings.Fields(p), " ")) {
			t.Errorf("%s: %q printed, should not be", pdf.Name, p)
		}
	}
}
