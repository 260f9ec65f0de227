package report

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// wrappedLinesBySplit is wrappedLines as first written (split into lines,
// then words): the one-pass version must give the same count.
func wrappedLinesBySplit(text string, width, size float64, bold bool) int {
	avail := math.Max(1, width-1.2)
	space := textWidthByRune(" ", size, bold)
	lines := 0
	for _, para := range strings.Split(text, "\n") {
		lines++
		cur := 0.0
		for _, word := range strings.Fields(para) {
			w := textWidthByRune(word, size, bold)
			switch {
			case cur > 0 && cur+space+w <= avail:
				cur += space + w
			default:
				if cur > 0 {
					lines++
				}
				for w > avail {
					lines++
					w -= avail
				}
				cur = w
			}
		}
	}
	return lines
}

// textWidthByRune is textWidth without the table.
func textWidthByRune(s string, size float64, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r)
	}
	w *= size / 11
	if bold {
		w *= 1.18
	}
	return w
}

// cleanByMap is clean as first written.
func cleanByMap(s string) string {
	bad := func(r rune) bool {
		return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError
	}
	if strings.IndexFunc(s, bad) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if bad(r) {
			return -1
		}
		return r
	}, s)
}

// measureTexts are random texts made of the pieces a cell may hold:
// Vietnamese words, digits, punctuation, every kind of white space, long
// words, control characters and invalid bytes.
func measureTexts(n int) []string {
	pieces := []string{"Ứng", "dụng", "chuyển", "đổi", "số", "trong", "tiếp", "nhận", "HỒ", "SƠ", "Nguyễn", "Thị",
		"(70%)", "33,5%", "SK-2026-00001", "12/09/2026", "một-cửa", "Phường", "x", "",
		"Phânloạiđánhgiáhiệuquảứngdụngcôngnghệthôngtinrấtdàiquá", strings.Repeat("W", 60),
		" ", "  ", "\t", "\n", "\n\n", "\r\n", "\v", "\f", "\u00a0", "\u0085", "\u2003", "\u3000",
		"\x01", "\x1f", "\xff", "\xe1\xba", "\ufffe", "\uffff", "\ufffd", "😀", "Ω", "ǅ", "٣", "ABC", "abc"}
	rng := rand.New(rand.NewPCG(7, 11))
	texts := make([]string, n)
	for i := range texts {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			if rng.IntN(3) > 0 {
				b.WriteByte(' ')
			}
		}
		texts[i] = b.String()
	}
	return texts
}

// TestWrappedLinesAsBefore checks that the one-pass wrappedLines counts
// the lines of every text as splitting it into lines and words did, so
// that every row keeps its height.
func TestWrappedLinesAsBefore(t *testing.T) {
	widths := []float64{1, 2.2, 6, 11, 13, 16, 18, 28, 40, 42, 130}
	for _, text := range measureTexts(3000) {
		for _, w := range widths {
			for _, size := range []float64{tableSize, docSize, titleSize} {
				for _, bold := range []bool{false, true} {
					if got, want := wrappedLines(text, w, size, bold), wrappedLinesBySplit(text, w, size, bold); got != want {
						t.Fatalf("wrappedLines(%q, %v, %v, %v) = %d, want %d", text, w, size, bold, got, want)
					}
				}
			}
		}
	}
}

// TestWidthTable checks the table against runeWidth for every rune.
func TestWidthTable(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune+1; r++ {
		if glyphWidth(r) != runeWidth(r) {
			t.Fatalf("glyphWidth(%U) = %v, want %v", r, glyphWidth(r), runeWidth(r))
		}
	}
	if glyphWidth(-1) != runeWidth(-1) {
		t.Fatal("glyphWidth(-1)")
	}
}

// TestCleanAsBefore checks that clean removes what it always removed.
func TestCleanAsBefore(t *testing.T) {
	for _, text := range append(measureTexts(3000), "", "plain", "a\x00b", "\xff", "tab\tnew\nret\r") {
		if got, want := clean(text), cleanByMap(text); got != want {
			t.Fatalf("clean(%q) = %q, want %q", text, got, want)
		}
	}
}
