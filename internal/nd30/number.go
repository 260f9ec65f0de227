package nd30

import (
	"strconv"
	"strings"
)

// Decimal writes v as Vietnamese do, with a decimal comma and a dot
// between thousands: 93.5 → "93,5", 1234567.25 → "1.234.567,25", 90 →
// "90". At most two decimals are kept (rounded), trailing zeros dropped.
func Decimal(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	var b strings.Builder
	if neg && (strings.Trim(whole, "0") != "" || frac != "") {
		b.WriteByte('-')
	}
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString("," + frac)
	}
	return b.String()
}
