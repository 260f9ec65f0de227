package hooks

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
)

// FuzzParseNumber feeds parseNumber any text and any JSON value: whatever it
// accepts is a finite number, the same ParseFloat reads from the text with
// a decimal point; it never accepts NaN or an infinity, however spelled.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"50", " 33,5 ", "33.5", "-0", "1e3", "1e400", "NaN", "nan", "Inf", "-Infinity",
		"+inf", "0x1p6", "1_000", "", ".5", "5.", "1,5,5", "١٢", `"NaN"`, `1e308`, `[1]`, `{"a":1}`, `null`, `true`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check := func(v any) {
			got, ok := parseNumber(v)
			if !ok {
				return
			}
			if math.IsNaN(got) || math.IsInf(got, 0) {
				t.Fatalf("parseNumber(%#v) = %v, accepted", v, got)
			}
			if text, isText := v.(string); isText {
				want, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(text), ",", ".", 1), 64)
				if err != nil || want != got {
					t.Fatalf("parseNumber(%q) = %v, ParseFloat gives %v (%v)", text, got, want, err)
				}
			}
		}
		check(s)
		var v any
		if json.Unmarshal([]byte(s), &v) == nil {
			check(v)
		}
	})
}

// FuzzShares feeds the share checks an authors list decoded from any JSON:
// a list that neither the save check (badShare) nor the submission
// (formProblems' share rules) refuses has finite shares in (0, 100]
// summing to 100.
func FuzzShares(f *testing.F) {
	for _, s := range []string{
		`[{"name":"A","share":100}]`, `[{"name":"A","share":"NaN"}]`, `[{"name":"A","share":"50"},{"name":"B","share":"50,0"}]`,
		`[{"name":"A","share":1e308},{"name":"B","share":-1e308}]`, `[{"name":"A","share":"Inf"}]`, `[{"name":"A"}]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var authors []map[string]any
		if json.Unmarshal([]byte(s), &authors) != nil || len(authors) == 0 {
			return
		}
		if badShare(authors) >= 0 {
			return
		}
		sum := 0.0
		for _, a := range authors {
			share, ok := authorShare(a)
			if !ok || share <= 0 || share > 100 {
				return // formProblems: incomplete
			}
			sum += share
		}
		if sharesOff(sum) {
			return // formProblems: shares_not_100
		}
		if !isFinite(sum) || math.Abs(sum-100) > 0.001 {
			t.Fatalf("shares of %s accepted with sum %v", s, sum)
		}
	})
}

// FuzzPoints feeds normalizePoints' rule for one criterion any JSON value:
// what it accepts is a finite multiple of 0.5 within 0..max.
func FuzzPoints(f *testing.F) {
	for _, s := range []string{`15`, `"15"`, `"NaN"`, `1e400`, `-0`, `30.5`, `0.25`, `null`, `1e-320`} {
		f.Add(s, 30.0)
	}
	f.Fuzz(func(t *testing.T, s string, max float64) {
		var v any
		if json.Unmarshal([]byte(s), &v) != nil {
			return
		}
		got, err := pointValue(v, criterion{Code: "novelty", Name: "Tính mới", Max: max})
		if err != nil || v == nil {
			return
		}
		if !isFinite(got) || got < 0 || got > max || got*2 != math.Trunc(got*2) {
			t.Fatalf("point %s accepted as %v (max %v)", s, got, max)
		}
	})
}
