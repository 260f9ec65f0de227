package results

import "testing"

// sheetsOf builds one sheet per total, each split over the default rubric
// so that no criterion is 0; approve says how many of them approve.
func sheetsOf(approve int, totals ...float64) []Sheet {
	out := make([]Sheet, len(totals))
	for i, tot := range totals {
		// novelty 30 %, applicability 20 %, effectiveness 30 %, replicability the rest.
		n, a, e := tot*0.3, tot*0.2, tot*0.3
		out[i] = Sheet{Member: string(rune('a' + i)), Points: []float64{n, a, e, tot - n - a - e},
			Total: tot, Approve: i < approve}
	}
	return out
}

// one computes a single entry with voters voting members.
func one(p Params, voters int, sheets []Sheet) Result {
	return Compute(p, rubric, []Entry{{ID: "x", Code: "SK-2026-001", Voters: voters, Sheets: sheets}})[0]
}

// TestBoundaries holds each rule of docs/domain.md, Scoring, exactly at its boundary
// and just under it: a ">=" turned into ">" (or the reverse) fails here.
func TestBoundaries(t *testing.T) {
	trimmed := defaults
	trimmed.Aggregation = TrimmedMean
	sixty := defaults
	sixty.Threshold = 60
	cases := []struct {
		name       string
		p          Params
		voters     int
		sheets     []Sheet
		mean       float64
		recognized bool
		tier       string
	}{
		{"mean exactly 90 is xuất sắc", defaults, 3, sheetsOf(3, 90, 90, 90), 90, true, TierExcellent},
		{"mean 89.99 is tốt", defaults, 3, sheetsOf(3, 89.99, 89.99, 89.99), 89.99, true, TierGood},
		{"mean exactly 70 is tốt", defaults, 3, sheetsOf(3, 70, 70, 70), 70, true, TierGood},
		{"mean 69.99 is đạt", defaults, 3, sheetsOf(3, 69.99, 69.99, 69.99), 69.99, true, TierPass},
		{"mean exactly at the threshold 50 is recognised", defaults, 3, sheetsOf(3, 50, 50, 50), 50, true, TierPass},
		{"mean 49.5, half a point under, is not", defaults, 3, sheetsOf(3, 50, 49, 49.5), 49.5, false, ""},
		{"a round's own threshold, exactly 60", sixty, 3, sheetsOf(3, 60, 60, 60), 60, true, TierPass},
		{"a round's own threshold, 59.5", sixty, 3, sheetsOf(3, 60, 59, 59.5), 59.5, false, ""},
		{"approvals exactly 2/3 (4 of 6)", defaults, 6, sheetsOf(4, 80, 80, 80, 80, 80, 80), 80, true, TierGood},
		{"approvals one short (3 of 6)", defaults, 6, sheetsOf(3, 80, 80, 80, 80, 80, 80), 80, false, ""},
		// totals 100 70 60 50 0: the plain mean is 56, the trimmed one 60.
		{"exactly five sheets are trimmed", trimmed, 5, sheetsOf(5, 100, 70, 60, 50, 0), 60, true, TierPass},
		{"five sheets, plain mean", defaults, 5, sheetsOf(5, 100, 70, 60, 50, 0), 56, true, TierPass},
		// 100 70 60 50: trimmed would be 65.
		{"four sheets are not trimmed", trimmed, 5, sheetsOf(4, 100, 70, 60, 50), 70, true, TierGood},
		{"six sheets are trimmed", trimmed, 6, sheetsOf(6, 100, 70, 60, 50, 40, 0), 55, true, TierPass},
	}
	for _, c := range cases {
		got := one(c.p, c.voters, c.sheets)
		if got.Mean != c.mean || got.Recognized != c.recognized || got.Tier != c.tier {
			t.Errorf("%s: mean %v, recognised %v, tier %q; want %v, %v, %q",
				c.name, got.Mean, got.Recognized, got.Tier, c.mean, c.recognized, c.tier)
		}
	}
	for mean, tier := range map[float64]string{90: TierExcellent, 89.99: TierGood, 70: TierGood, 69.99: TierPass, 50: TierPass} {
		if got := TierOf(nil, rubric, mean, []float64{20, 10, 10, 10}); got != tier {
			t.Errorf("TierOf(default tiers, %v) = %q, want %q", mean, got, tier)
		}
	}
}
