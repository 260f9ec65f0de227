package similar

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// MaxPassage is the longest passage returned, in characters.
const MaxPassage = 300

// sentences cuts text into sentences and lines.
func sentences(text string) []string {
	var out []string
	start := 0
	flush := func(end int) {
		if s := strings.TrimSpace(text[start:end]); s != "" {
			out = append(out, s)
		}
	}
	for i, r := range text {
		if r == '.' || r == '!' || r == '?' || r == ';' || r == '\n' {
			flush(i + utf8.RuneLen(r))
			start = i + utf8.RuneLen(r)
		}
	}
	flush(len(text))
	return out
}

// shorten cuts s to MaxPassage characters at a word boundary.
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= MaxPassage {
		return s
	}
	rs := []rune(s)[:MaxPassage]
	cut := strings.LastIndexByte(string(rs), ' ')
	if cut < MaxPassage/2 {
		return string(rs) + "…"
	}
	return string(rs)[:cut] + " …"
}

// dice is the Dice coefficient of two shingle sets.
func dice(a, b map[uint64]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return 2 * float64(n) / float64(len(a)+len(b))
}

// Passages returns up to max pairs of sentences [ours, theirs] that say
// the same thing (at least 40% of their shingles alike), most alike first,
// each sentence used once.
func Passages(ours, theirs string, max int) [][2]string {
	a, b := sentences(ours), sentences(theirs)
	set := func(s string) map[uint64]bool {
		m := map[uint64]bool{}
		for _, h := range Shingles(s) {
			m[h] = true
		}
		return m
	}
	as, bs := make([]map[uint64]bool, len(a)), make([]map[uint64]bool, len(b))
	for i := range a {
		as[i] = set(a[i])
	}
	for j := range b {
		bs[j] = set(b[j])
	}
	type pair struct {
		i, j int
		d    float64
	}
	var pairs []pair
	for i := range a {
		if len(as[i]) < 3 {
			continue // too short to say anything
		}
		for j := range b {
			if d := dice(as[i], bs[j]); d >= 0.4 {
				pairs = append(pairs, pair{i, j, d})
			}
		}
	}
	sort.SliceStable(pairs, func(x, y int) bool { return pairs[x].d > pairs[y].d })
	usedA, usedB := map[int]bool{}, map[int]bool{}
	out := [][2]string{}
	for _, p := range pairs {
		if len(out) == max {
			break
		}
		if usedA[p.i] || usedB[p.j] {
			continue
		}
		usedA[p.i], usedB[p.j] = true, true
		out = append(out, [2]string{shorten(a[p.i]), shorten(b[p.j])})
	}
	return out
}
