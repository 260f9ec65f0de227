package report

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Row heights are set by the writer: LibreOffice does not grow a row to
// fit wrapped text when it opens a file, and no application grows merged
// cells. The measures below are of Times New Roman against the column
// width unit (the digit width of the 11 pt default font); they err on the
// wide side so that a printed cell is never cut.

// maxRowHeight is the tallest row Excel allows, in points.
const maxRowHeight = 409

// runeWidth is the width of r at 11 pt, in column width units.
func runeWidth(r rune) float64 {
	switch {
	case r == ' ':
		return 0.5
	case unicode.IsUpper(r):
		return 1.25
	case unicode.IsDigit(r):
		return 0.95
	case strings.ContainsRune(".,:;'!|()[]-/", r):
		return 0.55
	default:
		return 0.8
	}
}

// widthTable holds runeWidth of the runes below its length: ASCII and
// the Latin blocks of Vietnamese text (ơ, ư, ạ, ế, ...).
var widthTable = func() (t [0x2000]float64) {
	for r := range t {
		t[r] = runeWidth(rune(r))
	}
	return t
}()

// glyphWidth is runeWidth(r), looked up when it can be.
func glyphWidth(r rune) float64 {
	if r >= 0 && int(r) < len(widthTable) {
		return widthTable[r]
	}
	return runeWidth(r)
}

// textWidth is the width of s at size points, bold or not.
func textWidth(s string, size float64, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		w += glyphWidth(r)
	}
	w *= size / 11
	if bold {
		w *= 1.18
	}
	return w
}

// wrappedLines is how many lines text takes in a cell width units wide
// when wrapped at spaces (and inside words longer than a line). It is
// called for every text cell, so it reads text in one pass without
// splitting it: lines at "\n", words at white space (as strings.Fields).
func wrappedLines(text string, width, size float64, bold bool) int {
	avail := math.Max(1, width-1.2) // the cell's inner padding
	space := textWidth(" ", size, bold)
	lines := 1
	cur := 0.0  // the width taken on the current line
	word := 0.0 // the width of the word being read, at 11 pt
	inWord := false
	place := func() {
		w := word * (size / 11)
		if bold {
			w *= 1.18
		}
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
			word += glyphWidth(r)
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

// heightFor is the row height in points of lines lines of size-point text.
func heightFor(lines int, size float64) float64 {
	return math.Min(maxRowHeight, math.Ceil(float64(lines)*size*1.3+3))
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
	return math.Max(lo, math.Min(hi, math.Ceil(w+2)))
}

// headerWidth is the narrowest width at which the longest word of a
// header (bold, table size) is not broken across lines.
func headerWidth(header string) float64 {
	w := 0.0
	for _, word := range strings.Fields(header) {
		w = math.Max(w, textWidth(word, tableSize, true))
	}
	return math.Ceil(w + 2)
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
