package searchindex

import (
	"math/bits"
	"strings"

	"sangkien/internal/fold"
)

// MaxTerms is how many words of a query are searched.
const MaxTerms = 12

// Query is a search as the index reads it.
type Query struct {
	Terms []string // folded words; the last one also matches as a prefix
	Code  string   // the code run together, when the query is a code
}

// Parse folds the text a person typed into a Query; an empty Query means
// nothing to search.
func Parse(q string) Query {
	if c, ok := fold.Code(q); ok {
		return Query{Code: c, Terms: []string{c}}
	}
	seen := map[string]bool{}
	var terms []string
	for _, t := range fold.Terms(q) {
		if !seen[t] && len(terms) < MaxTerms {
			seen[t] = true
			terms = append(terms, t)
		}
	}
	return Query{Terms: terms}
}

// Empty reports whether there is nothing to search.
func (q Query) Empty() bool { return len(q.Terms) == 0 }

// Match returns the FTS5 MATCH expression: every word must appear, the
// last one as a prefix as well; public restricts it to the columns the
// public page publishes (code, title, authors, summary).
func (q Query) Match(public bool) string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		// folded terms hold only letters and digits: quoting is enough.
		parts[i] = `"` + strings.ReplaceAll(t, `"`, "") + `"`
		if i == len(q.Terms)-1 {
			parts[i] += "*"
		}
	}
	m := strings.Join(parts, " ")
	if q.Code != "" {
		m = `code : ` + m
	}
	if public {
		m = `{code title authors summary} : (` + m + `)`
	}
	return m
}

// Segment is a piece of a snippet; Mark is true on a word that matched.
type Segment struct {
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}

// SnippetWords is the length of a snippet, in words.
const SnippetWords = 24

// term returns the number of the term of q that the folded word w
// matches, or -1.
func (q Query) term(w string) int {
	for i, t := range q.Terms {
		if w == t || (i == len(q.Terms)-1 && strings.HasPrefix(w, t)) {
			return i
		}
	}
	return -1
}

// matches reports whether the folded word w matches one of q's terms.
func (q Query) matches(w string) bool { return q.term(w) >= 0 }

// Snippet picks, among texts, the window of SnippetWords words that holds
// the most of q's terms (then the most matches; the earlier text on a tie),
// and returns it in the original spelling with the matched words marked;
// nil when no text holds a match.
func (q Query) Snippet(texts ...string) []Segment {
	bestScore, bestText, bestAt := 0, -1, -1
	words := make([][]fold.Word, len(texts))
	for ti, text := range texts {
		ws := fold.Words(text)
		words[ti] = ws
		hit := make([]int, len(ws)) // the term each word matches, -1 for none
		for i := range ws {
			hit[i] = q.term(ws[i].Folded)
		}
		for i := range ws {
			if hit[i] < 0 {
				continue
			}
			var terms uint64 // a bit a term: MaxTerms is under 64
			n := 0
			for j := i; j < len(ws) && j < i+SnippetWords; j++ {
				if hit[j] >= 0 {
					terms |= 1 << hit[j]
					n++
				}
			}
			if score := bits.OnesCount64(terms)*1000 + n; score > bestScore {
				bestScore, bestText, bestAt = score, ti, i
			}
		}
	}
	if bestText < 0 {
		return nil
	}
	text, ws := texts[bestText], words[bestText]
	// a few words of context before the first match.
	from := max(bestAt-4, 0)
	to := min(from+SnippetWords, len(ws))
	var segs []Segment
	start := ws[from].Start
	if from > 0 {
		segs = append(segs, Segment{Text: "… "})
	}
	for j := from; j < to; j++ {
		if !q.matches(ws[j].Folded) {
			continue
		}
		if ws[j].Start > start {
			segs = append(segs, Segment{Text: text[start:ws[j].Start]})
		}
		segs = append(segs, Segment{Text: text[ws[j].Start:ws[j].End], Mark: true})
		start = ws[j].End
	}
	if end := ws[to-1].End; end > start {
		segs = append(segs, Segment{Text: text[start:end]})
	}
	if to < len(ws) {
		segs = append(segs, Segment{Text: " …"})
	}
	return segs
}
