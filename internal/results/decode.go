package results

import (
	"encoding/json"
	"strconv"
)

// A round in scoring holds one sheet per initiative and member (150,000
// for 10,000 initiatives and 15 members); decoding each sheet's points
// with encoding/json into a map is most of the cost of reading them. The
// functions here read the plain shapes the server itself stores without
// allocating, and leave anything else to encoding/json, so that what
// they give is always what encoding/json would.

// decodePoints puts the points of raw (a sheet's points, a JSON object
// of criterion code to number) into dst, at the index of each code;
// codes that index does not hold are ignored, as are values that are not
// numbers. dst is zeroed first.
func decodePoints(raw string, index map[string]int, dst []float64) {
	clear(dst)
	if fastPoints(raw, index, dst) {
		return
	}
	clear(dst)
	var byCode map[string]float64
	_ = json.Unmarshal([]byte(raw), &byCode)
	for code, v := range byCode {
		if c, ok := index[code]; ok {
			dst[c] = v
		}
	}
}

// fastPoints decodes raw into dst when it is a flat object whose names
// are known criterion codes, written without escapes and each at most
// once, and whose values are JSON numbers that fit a float64. It reports
// false, leaving dst in any state, for every other input.
func fastPoints(raw string, index map[string]int, dst []float64) bool {
	if len(dst) > 64 {
		return false
	}
	var seen uint64
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return false
	}
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == '}' {
		return skipSpace(raw, i+1) == len(raw)
	}
	for {
		name, next, ok := plainString(raw, i)
		if !ok {
			return false
		}
		c, known := index[name]
		if !known || seen&(1<<c) != 0 {
			return false
		}
		seen |= 1 << c
		i = skipSpace(raw, next)
		if i >= len(raw) || raw[i] != ':' {
			return false
		}
		i = skipSpace(raw, i+1)
		end := numberEnd(raw, i)
		if end < 0 {
			return false
		}
		v, ok := number(raw[i:end])
		if !ok {
			return false
		}
		dst[c] = v
		i = skipSpace(raw, end)
		if i >= len(raw) {
			return false
		}
		switch raw[i] {
		case ',':
			i = skipSpace(raw, i+1)
		case '}':
			return skipSpace(raw, i+1) == len(raw)
		default:
			return false
		}
	}
}

// number is the value of the JSON number literal n, as strconv.ParseFloat
// gives it. Points are whole or halves: those are made exactly (and so
// as ParseFloat makes them) from their digits; others are left to it.
func number(n string) (float64, bool) {
	neg := n[0] == '-'
	digits := n
	if neg {
		digits = n[1:]
	}
	half := false
	if k := len(digits) - 2; k > 0 && digits[k] == '.' && (digits[k+1] == '5' || digits[k+1] == '0') {
		half = digits[k+1] == '5'
		digits = digits[:k]
	}
	if len(digits) == 0 || len(digits) > 15 {
		return parseFloat(n)
	}
	var whole int64
	for j := 0; j < len(digits); j++ {
		d := digits[j]
		if d < '0' || d > '9' {
			return parseFloat(n)
		}
		whole = whole*10 + int64(d-'0')
	}
	// below 10^15 < 2^52, whole and whole + 0.5 are exact float64s.
	v := float64(whole)
	if half {
		v += 0.5
	}
	if neg {
		v = -v
	}
	return v, true
}

// parseFloat is strconv.ParseFloat of n, and whether it gave no error.
func parseFloat(n string) (float64, bool) {
	v, err := strconv.ParseFloat(n, 64)
	return v, err == nil
}

// decodeIDs returns the strings of raw, a JSON array of record ids (an
// initiative's author_users); what encoding/json gives for anything but
// a flat array of strings without escapes.
func decodeIDs(raw string) []string {
	if ids, ok := fastIDs(raw); ok {
		return ids
	}
	var ids []string
	_ = json.Unmarshal([]byte(raw), &ids)
	return ids
}

// fastIDs decodes raw when it is an array of strings written without
// escapes, and reports whether it was.
func fastIDs(raw string) ([]string, bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '[' {
		return nil, false
	}
	ids := []string{}
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == ']' {
		return ids, skipSpace(raw, i+1) == len(raw)
	}
	for {
		s, next, ok := plainString(raw, i)
		if !ok {
			return nil, false
		}
		ids = append(ids, s)
		i = skipSpace(raw, next)
		if i >= len(raw) {
			return nil, false
		}
		switch raw[i] {
		case ',':
			i = skipSpace(raw, i+1)
		case ']':
			return ids, skipSpace(raw, i+1) == len(raw)
		default:
			return nil, false
		}
	}
}

// plainString reads the JSON string starting at raw[i] when it holds no
// escape and no control or non-ASCII byte (so that it needs no decoding
// and no validation); it returns its content and the index after it.
func plainString(raw string, i int) (s string, next int, ok bool) {
	if i >= len(raw) || raw[i] != '"' {
		return "", 0, false
	}
	for j := i + 1; j < len(raw); j++ {
		switch c := raw[j]; {
		case c == '"':
			return raw[i+1 : j], j + 1, true
		case c == '\\' || c < 0x20 || c >= 0x80:
			return "", 0, false
		}
	}
	return "", 0, false
}

// numberEnd is the index after the JSON number starting at raw[i]
// (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?), or -1 when none starts there.
func numberEnd(raw string, i int) int {
	digits := func(j int) int {
		for j < len(raw) && raw[j] >= '0' && raw[j] <= '9' {
			j++
		}
		return j
	}
	if i < len(raw) && raw[i] == '-' {
		i++
	}
	switch {
	case i < len(raw) && raw[i] == '0':
		i++
	case i < len(raw) && raw[i] >= '1' && raw[i] <= '9':
		i = digits(i + 1)
	default:
		return -1
	}
	if i < len(raw) && raw[i] == '.' {
		j := digits(i + 1)
		if j == i+1 {
			return -1
		}
		i = j
	}
	if i < len(raw) && (raw[i] == 'e' || raw[i] == 'E') {
		i++
		if i < len(raw) && (raw[i] == '+' || raw[i] == '-') {
			i++
		}
		j := digits(i)
		if j == i {
			return -1
		}
		i = j
	}
	return i
}

// skipSpace is the index of the first byte at or after i that is not
// JSON whitespace.
func skipSpace(raw string, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	return i
}
