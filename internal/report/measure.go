package report

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Row heights are set by the writer: LibreOffice does not grow a row to
// fit wrapped text when it opens a file, and no application grows merged
// cells. Text is measured with the advance widths of Times New Roman's
// metric twin Liberation Serif (widths_table.go, read from the font), in
// column width units: one unit is the digit width of the workbook's
// default font, Times New Roman 11 pt, 5.5 pt as LibreOffice lays
// columns out (a 100-unit column is 550 pt wide). The estimate errs on
// the long side (breaks only at spaces, a margin on every line), so that
// a printed cell is never cut: TestWrapMatchesLibreOffice holds it to
// what LibreOffice draws.

// maxRowHeight is the tallest row Excel allows, in points.
const maxRowHeight = 409

// unitPoints is the width of one column width unit, in points.
const unitPoints = 5.5

// cellPadding is the room a cell's text keeps from its borders, in units,
// and lineSlack the share of a line kept free for the renderer's rounding.
const (
	cellPadding = 0.9
	lineSlack   = 0.03
)

// unknownAdvance is the width of a character missing from the tables (a
// wide one: emoji and CJK are about an em), in ems.
const unknownAdvance = 1.0

// advances holds, by rune below len(advances), the advance widths in
// ems of Liberation Serif, regular ([0]) and bold ([1]); 0 means unknown.
var advances = func() (t [2][0x2030]float32) {
	for i, table := range []map[rune]uint16{serifRegular, serifBold} {
		for r, w := range table {
			if int(r) < len(t[i]) {
				t[i][r] = float32(w) / 1000
			}
		}
	}
	return t
}()

// glyphWidth is the advance width of r in ems, bold or not. Combining
// marks take no room; control characters take none either.
func glyphWidth(r rune, bold bool) float64 {
	i := 0
	if bold {
		i = 1
	}
	if r >= 0 && int(r) < len(advances[i]) {
		if w := advances[i][r]; w > 0 {
			return float64(w)
		}
		if r < 0x20 || r >= 0x300 && r < 0x370 {
			return 0
		}
	}
	return unknownAdvance
}

// textWidth is the width of s at size points, bold or not, in column units.
func textWidth(s string, size float64, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		w += glyphWidth(r, bold)
	}
	return w * (size / unitPoints)
}

// wrappedLines is how many lines text takes in a cell width units wide
// when wrapped at spaces (and inside words longer than a line). It is
// called for every text cell, so it reads text in one pass without
// splitting it: lines at "\n", words at white space (as strings.Fields).
func wrappedLines(text string, width, size float64, bold bool) int {
	avail := math.Max(1, (width-cellPadding)*(1-lineSlack))
	space := textWidth(" ", size, bold)
	scale := size / unitPoints
	lines := 1
	cur := 0.0  // the width taken on the current line
	word := 0.0 // the width of the word being read, in ems
	inWord := false
	place := func() {
		w := word * scale
		switch {
		case cur > 0 && cur+space+w <= avail:
			cur += space + w
		default:
			if cur > 0 {
				lines++
			}
			// a word wider than the cell is broken across lines.
			for w > avail {
				lines++
				w -= avail
			}
			cur = w
		}
		word, inWord = 0, false
	}
	for _, r := range text {
		switch {
		case r == '\n':
			if inWord {
				place()
			}
			lines++
			cur = 0
		case r < utf8.RuneSelf && asciiSpace[r] || r >= utf8.RuneSelf && unicode.IsSpace(r):
			if inWord {
				place()
			}
		default:
			word += glyphWidth(r, bold)
			inWord = true
		}
	}
	if inWord {
		place()
	}
	return lines
}

// asciiSpace marks the ASCII white space of unicode.IsSpace.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// lineFactor is the height of a line of text over its size, with room to
// spare (LibreOffice draws Liberation Serif lines 1.11 em apart), and
// rowPadding the room a row keeps above and below its text, in points.
const (
	lineFactor = 1.15
	rowPadding = 4
)

// heightFor is the row height in points of lines lines of size-point text.
func heightFor(lines int, size float64) float64 {
	return math.Min(maxRowHeight, math.Ceil(float64(lines)*size*lineFactor+rowPadding))
}

// fit returns a column width that fits the longest line of texts at the
// table's size, plus padding, kept within lo..hi.
func fit(lo, hi float64, texts ...string) float64 {
	w := 0.0
	for _, t := range texts {
		for _, line := range strings.Split(t, "\n") {
			w = math.Max(w, textWidth(line, tableSize, false))
		}
	}
	return math.Max(lo, math.Min(hi, math.Ceil(w+cellPadding+1)))
}

// headerWidth is the narrowest width at which the longest word of a
// header (bold, table size) is not broken across lines.
func headerWidth(header string) float64 {
	w := 0.0
	for _, word := range strings.Fields(header) {
		w = math.Max(w, textWidth(word, tableSize, true))
	}
	return math.Ceil(w + cellPadding + 1)
}

// clean removes characters that XML 1.0 cannot hold (control characters
// other than tab and newline), so a pasted text cannot break the file.
func clean(s string) string {
	if !unclean(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if badRune(r) {
			return -1
		}
		return r
	}, s)
}

// badRune says whether r is a character that clean removes.
func badRune(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError
}

// unclean says whether s holds a character that clean removes (an invalid
// byte reads as utf8.RuneError); ASCII is checked a byte at a time.
func unclean(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if badRune(r) {
			return true
		}
		i += size
	}
	return false
}
