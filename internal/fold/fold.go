// Package fold reads Vietnamese text the way a person searching it does:
// case, tones and vowel marks ignored, đ read as d, precomposed (NFC) and
// decomposed (NFD) input alike. Search and the near-duplicate check both
// compare folded text.
package fold

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s in lower case with every combining mark removed and đ/Đ
// read as d: "Đào tạo" and "dao tao" fold alike. Characters other than
// letters and digits are kept as they are.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case r < tableEnd && table[r] > 0:
			b.WriteRune(table[r])
		case r < tableEnd && table[r] < 0: // a combining mark
			continue
		default:
			foldRune(&b, r)
		}
	}
	return b.String()
}

// foldRune writes the folded form of r: its canonical decomposition
// without combining marks, in lower case, đ/Đ as d.
func foldRune(b *strings.Builder, r rune) {
	for _, d := range norm.NFD.String(string(r)) {
		switch {
		case unicode.Is(unicode.Mn, d):
			continue
		case d == 'đ' || d == 'Đ':
			b.WriteByte('d')
		default:
			b.WriteRune(unicode.ToLower(d))
		}
	}
}

// tableEnd bounds the runes table holds: Latin-1 to Latin Extended
// Additional, where every Vietnamese letter is.
const tableEnd = 0x1F00

// table holds, for each rune under tableEnd that folds to one rune, that
// rune, -1 for one that folds to nothing (a combining mark), 0 for the
// others: foldRune's answer computed once, so the common letters skip the
// normalisation.
var table = func() *[tableEnd]rune {
	var t [tableEnd]rune
	var b strings.Builder
	for r := rune(utf8.RuneSelf); r < tableEnd; r++ {
		b.Reset()
		foldRune(&b, r)
		switch f := []rune(b.String()); {
		case len(f) == 0:
			t[r] = -1
		case len(f) == 1:
			t[r] = f[0]
		}
	}
	return &t
}()

// Word is one word of a text: its byte offsets in the original text and its
// folded form.
type Word struct {
	Start, End int
	Folded     string
}

// Words splits s into words (runs of letters, digits and combining marks)
// and folds each one; the offsets point into s as given, so a caller can
// show the original words around a folded match.
func Words(s string) []Word {
	var out []Word
	start := -1
	for i, r := range s {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if inWord && start < 0 {
			start = i
		}
		if !inWord && start >= 0 {
			out = append(out, Word{Start: start, End: i, Folded: Fold(s[start:i])})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Word{Start: start, End: len(s), Folded: Fold(s[start:])})
	}
	return out
}

// Terms returns the folded words of s, in order.
func Terms(s string) []string {
	ws := Words(s)
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Folded
	}
	return out
}

// Code folds an initiative code the way people type it: "SK-2026-007",
// "sk 2026 007" and "sk2026007" all give "sk2026007". The second result
// is false when s does not look like a code.
func Code(s string) (string, bool) {
	var b strings.Builder
	for _, r := range Fold(strings.TrimSpace(s)) {
		switch {
		case r == '-' || r == ' ' || r == '_' || r == '.' || r == '/':
			continue
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	c := b.String()
	if len(c) < 7 || !strings.HasPrefix(c, "sk") {
		return "", false
	}
	for _, r := range c[2:] {
		if r < '0' || r > '9' {
			return "", false
		}
	}
	return c, true
}
