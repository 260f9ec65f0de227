package results

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"testing"
)

// pointsByJSON is how points were read before decodePoints: encoding/json
// into a map, then by criterion index.
func pointsByJSON(raw string, index map[string]int, n int) []float64 {
	out := make([]float64, n)
	var byCode map[string]float64
	_ = json.Unmarshal([]byte(raw), &byCode)
	for code, v := range byCode {
		if c, ok := index[code]; ok {
			out[c] = v
		}
	}
	return out
}

// pointsInputs are stored points of every shape: what the server writes,
// and what a hand-edited or imported database might hold.
var pointsInputs = []string{
	`{"applicability":15,"effectiveness":25,"novelty":25,"replicability":15}`,
	`{"novelty":20.5,"applicability":15}`,
	`{}`, ` { } `, `null`, ``, `[]`, `"x"`, `{`, `{"novelty"}`, `{"novelty":}`, `{"novelty":1,}`,
	`{ "novelty" : 1 , "applicability" : 2.5 }`, "{\n\t\"novelty\":\r1}",
	`{"novelty":1}x`, `{"novelty":1} `, `{"novelty":-0}`, `{"novelty":-1.5e1}`, `{"novelty":1E+1}`,
	`{"novelty":01}`, `{"novelty":.5}`, `{"novelty":1.}`, `{"novelty":+1}`, `{"novelty":1e}`, `{"novelty":0x10}`,
	`{"novelty":1e400}`, `{"novelty":Infinity}`, `{"novelty":NaN}`, `{"novelty":null}`, `{"novelty":"20"}`,
	`{"novelty":true}`, `{"novelty":[1]}`, `{"novelty":{"a":1}}`,
	`{"novelty":1,"novelty":2}`, `{"other":3,"novelty":1}`, `{"other":{"x":[1,2]},"novelty":1}`,
	`{"nov\u0065lty":7}`, `{"novelty":7,"applicability":"7"}`, `{"Novelty":7}`, `{"novelté":7}`,
	`{"novelty":1}{"novelty":2}`, `{"novelty":1 "applicability":2}`, `{"novelty" 1}`, `{novelty:1}`,
	`{"novelty":2.000000000000000000000001}`, `{"novelty":123456789012345678901234567890}`,
}

// TestDecodePointsAsJSON checks that decodePoints gives, for every shape
// of stored points, exactly what encoding/json gave.
func TestDecodePointsAsJSON(t *testing.T) {
	index := map[string]int{"novelty": 0, "applicability": 1, "effectiveness": 2, "replicability": 3}
	for _, raw := range pointsInputs {
		want := pointsByJSON(raw, index, 4)
		got := []float64{9, 9, 9, 9} // decodePoints must clear what was there
		decodePoints(raw, index, got)
		if !slices.EqualFunc(got, want, func(a, b float64) bool {
			return math.Float64bits(a) == math.Float64bits(b)
		}) {
			t.Errorf("decodePoints(%q) = %v, want %v", raw, got, want)
		}
	}
}

// TestFastPointsTakesTheServersShape checks that the points the server
// stores are read by the fast path, not by encoding/json.
func TestFastPointsTakesTheServersShape(t *testing.T) {
	index := map[string]int{"novelty": 0, "applicability": 1, "effectiveness": 2, "replicability": 3}
	raw, _ := json.Marshal(map[string]float64{"novelty": 20.5, "applicability": 15, "effectiveness": 0, "replicability": 19.5})
	got := make([]float64, 4)
	if !fastPoints(string(raw), index, got) {
		t.Fatalf("fastPoints(%s) fell back", raw)
	}
	if want := []float64{20.5, 15, 0, 19.5}; !slices.Equal(got, want) {
		t.Errorf("fastPoints(%s) = %v, want %v", raw, got, want)
	}
	for _, raw := range []string{`{"novelty":1,"novelty":2}`, `{"other":1}`, `{"nov\u0065lty":7}`, `{"novelty":1e400}`} {
		if fastPoints(raw, index, make([]float64, 4)) {
			t.Errorf("fastPoints(%q) did not leave it to encoding/json", raw)
		}
	}
}

// TestDecodeIDsAsJSON checks that decodeIDs gives what encoding/json gave.
func TestDecodeIDsAsJSON(t *testing.T) {
	inputs := []string{`[]`, ` [ ] `, `["abc"]`, `["abc","def"]`, `[ "abc" , "def" ]`, `null`, ``, `{}`, `[`, `["a",]`,
		`["a"`, `["a"]x`, `["a\"b"]`, `["\u0061"]`, `["é"]`, `[1]`, `["a",1]`, `["a" "b"]`, `[null]`,
		"[\"a\x80\"]", "[\"a\x7f\"]", "[\"a\x1f\"]"}
	for _, raw := range inputs {
		var want []string
		_ = json.Unmarshal([]byte(raw), &want)
		if got := decodeIDs(raw); !slices.Equal(got, want) {
			t.Errorf("decodeIDs(%q) = %q, want %q", raw, got, want)
		}
	}
}

// FuzzDecodePoints checks decodePoints against encoding/json on any input.
func FuzzDecodePoints(f *testing.F) {
	for _, raw := range pointsInputs {
		f.Add(raw)
	}
	index := map[string]int{"novelty": 0, "applicability": 1, "effectiveness": 2, "replicability": 3}
	f.Fuzz(func(t *testing.T, raw string) {
		want := pointsByJSON(raw, index, 4)
		got := make([]float64, 4)
		decodePoints(raw, index, got)
		for i := range got {
			if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(math.IsNaN(got[i]) && math.IsNaN(want[i])) {
				t.Fatalf("decodePoints(%q) = %v, want %v", raw, got, want)
			}
		}
	})
}

// TestNumberAsParseFloat checks the digits-only reading of numbers
// against strconv.ParseFloat, bit for bit.
func TestNumberAsParseFloat(t *testing.T) {
	inputs := []string{"0", "-0", "1", "20", "20.5", "20.0", "-7.5", "0.5", "-0.5", "0.0", "-0.0", "100", "999999999999999",
		"999999999999999.5", "9999999999999999", "1234567890123456.5", "20.25", "20.05", "1e2", "1.5e1", "0.50", "3.14159", "20.3", "-20.3", "7.1", "0.9"}
	for _, n := range inputs {
		want, werr := strconv.ParseFloat(n, 64)
		got, ok := number(n)
		if ok != (werr == nil) || math.Float64bits(got) != math.Float64bits(want) {
			t.Errorf("number(%q) = %v %v, want %v %v", n, got, ok, want, werr)
		}
	}
}

// TestFastPathTakesEveryPlainShape: the fast paths read, without falling
// back to encoding/json, every flat object of known codes and JSON
// numbers (whatever the spacing, sign, halves, fraction or exponent) and
// every flat array of plain strings, and give what encoding/json gives;
// every prefix of them, cut short, is left to encoding/json or read as
// it reads it.
func TestFastPathTakesEveryPlainShape(t *testing.T) {
	index := map[string]int{"novelty": 0, "applicability": 1, "effectiveness": 2, "replicability": 3}
	plain := []string{
		`{}`, ` {} `, "\t{\r\n}\n", `{"novelty":0}`, `{"novelty":9}`, `{"novelty":10}`, `{"novelty":-3}`,
		`{"novelty":20.5}`, `{"novelty":20.0}`, `{"novelty":0.5}`, `{"novelty":-0.5}`, `{"novelty":20.25}`,
		`{"novelty":1e2}`, `{"novelty":1E-1}`, `{"novelty":2.5e+1}`, `{"novelty":999999999999999}`,
		`{"novelty":1234567890123456}`, `{ "novelty" : 1 , "applicability" : 2.5 }`,
		`{"replicability":15,"effectiveness":25,"applicability":15,"novelty":25}`,
	}
	for _, raw := range plain {
		got := make([]float64, 4)
		if !fastPoints(raw, index, got) {
			t.Errorf("fastPoints(%q) fell back", raw)
		}
		if want := pointsByJSON(raw, index, 4); !slices.Equal(got, want) {
			t.Errorf("fastPoints(%q) = %v, want %v", raw, got, want)
		}
		for n := range len(raw) {
			cut := raw[:n]
			got := []float64{9, 9, 9, 9}
			decodePoints(cut, index, got)
			if want := pointsByJSON(cut, index, 4); !slices.Equal(got, want) {
				t.Errorf("decodePoints(%q) = %v, want %v", cut, got, want)
			}
		}
	}
	for _, raw := range []string{`[]`, ` [ ] `, `["abc"]`, `[ "abc" , "def" ]`, "[\"a\",\n\"b\"]"} {
		ids, ok := fastIDs(raw)
		var want []string
		_ = json.Unmarshal([]byte(raw), &want)
		if !ok || !slices.Equal(ids, want) {
			t.Errorf("fastIDs(%q) = %q %v, want %q", raw, ids, ok, want)
		}
		for n := range len(raw) {
			var want []string
			_ = json.Unmarshal([]byte(raw[:n]), &want)
			if got := decodeIDs(raw[:n]); !slices.Equal(got, want) {
				t.Errorf("decodeIDs(%q) = %q, want %q", raw[:n], got, want)
			}
		}
	}
	// more criteria than the fast path's bit set holds: left to encoding/json.
	wide := map[string]int{}
	for i := range 65 {
		wide[fmt.Sprint("c", i)] = i
	}
	if fastPoints(`{"c64":1}`, wide, make([]float64, 65)) {
		t.Errorf("fastPoints took 65 criteria")
	}
	if !fastPoints(`{"c63":1}`, map[string]int{"c63": 63}, make([]float64, 64)) {
		t.Errorf("fastPoints refused 64 criteria")
	}
}
