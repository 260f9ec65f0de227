package report

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// wrappedLinesBySplit is wrappedLines as first written (split into lines,
// then words): the one-pass version must give the same count.
func wrappedLinesBySplit(text string, width, size float64, bold bool) int {
	avail := math.Max(1, (width-cellPadding)*(1-lineSlack))
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

// textWidthByRune is textWidth summed a rune at a time in units.
func textWidthByRune(s string, size float64, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		w += glyphWidth(r, bold)
	}
	return w * (size / unitPoints)
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

// TestGlyphWidths checks the font's widths where they are known: Times
// New Roman's space is a quarter em, o half an em, ơ and ư a little
// wider than o and u, capitals wider in bold; marks and controls take no
// room; an emoji an em.
func TestGlyphWidths(t *testing.T) {
	cases := []struct {
		r    rune
		bold bool
		want float64
	}{{' ', false, 0.25}, {'o', false, 0.5}, {'0', true, 0.5}, {'m', false, 0.778}, {'W', true, 1.0},
		{'\u0301', false, 0}, {'\x01', false, 0}, {'😀', false, 1}}
	for _, c := range cases {
		if got := glyphWidth(c.r, c.bold); math.Abs(got-c.want) > 0.0005 {
			t.Errorf("glyphWidth(%q, %v) = %v, want %v", c.r, c.bold, got, c.want)
		}
	}
	if !(glyphWidth('ơ', false) > glyphWidth('o', false) && glyphWidth('ư', false) > glyphWidth('u', false)) {
		t.Error("ơ and ư are wider than o and u")
	}
	for _, r := range "ăâđêôơưàảãáạằẳẵắặầẩẫấậềểễếệồổỗốộờởỡớợừửữứựỳỷỹýỵĐ–—“”…" {
		if serifRegular[r] == 0 || serifBold[r] == 0 {
			t.Errorf("%q is not in the tables", r)
		}
	}
	if textWidth("Hạnh phúc", 12, true) <= textWidth("Hạnh phúc", 12, false) {
		t.Error("bold is wider")
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
