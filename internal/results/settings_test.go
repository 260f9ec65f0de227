package results

import (
	"reflect"
	"testing"
)

// sectorTiers are the tiers of a sector regulation: A ≥ 85 with novelty
// ≥ 30, B ≥ 70 with novelty ≥ 20, C ≥ 50 with novelty ≥ 10.
var sectorTiers = []TierRule{
	{Code: "A", Name: "Loại A", MinTotal: 85, Criterion: "novelty", MinCriterion: 30},
	{Code: "B", Name: "Loại B", MinTotal: 70, Criterion: "novelty", MinCriterion: 20},
	{Code: "C", Name: "Loại C", MinTotal: 50, Criterion: "novelty", MinCriterion: 10},
}

// TestSettingsChangeTheOutcome computes the same sheets under each round
// setting: every row gives an outcome different from the defaults'.
func TestSettingsChangeTheOutcome(t *testing.T) {
	// three members: totals 80, 60, 45; two approve (the 60 and the 45).
	split := []Sheet{
		sheet("m1", 25, 15, 25, 15, false), // 80
		sheet("m2", 20, 10, 20, 10, true),  // 60
		sheet("m3", 15, 10, 10, 10, true),  // 45
	}
	with := func(f func(*Params)) Params { p := defaults; f(&p); return p }
	cases := []struct {
		name       string
		p          Params
		mean       float64
		approvals  int
		recognized bool
		tier       string
		why        []string
	}{
		{"defaults: mean 61.67, 2 of 3 approve", defaults, 61.67, 2, true, TierPass, nil},
		{"approval by score: only the 80 and the 60 reach 50", with(func(p *Params) { p.ApprovalBasis = BasisScore }), 61.67, 2, true, TierPass, nil},
		{"approval by score at threshold 61: only the 80", with(func(p *Params) { p.ApprovalBasis = BasisScore; p.Threshold = 61 }), 61.67, 1, false, "", []string{WhyApprovals}},
		{"median: 60", with(func(p *Params) { p.Aggregation = Median }), 60, 2, true, TierPass, nil},
		{"median under threshold 61", with(func(p *Params) { p.Aggregation = Median; p.Threshold = 61 }), 60, 2, false, "", []string{WhyMean}},
		{"applicability minimum 12: mean 11.67", with(func(p *Params) { p.MinPoints = map[string]float64{"applicability": 12} }), 61.67, 2, false, "", []string{WhyCriterion}},
		{"sector tiers: novelty 20 gives C", with(func(p *Params) { p.Tiers = sectorTiers }), 61.67, 2, true, "C", nil},
		{"unanimity needed", with(func(p *Params) { p.ApprovalRatio = 1 }), 61.67, 2, false, "", []string{WhyApprovals}},
	}
	for _, c := range cases {
		got := one(c.p, 3, split)
		var why []string
		for _, w := range got.Why {
			why = append(why, w.Code)
		}
		if got.Mean != c.mean || got.Approvals != c.approvals || got.Recognized != c.recognized || got.Tier != c.tier || !reflect.DeepEqual(why, c.why) {
			t.Errorf("%s: mean %v approvals %d recognised %v tier %q why %v; want %v %d %v %q %v",
				c.name, got.Mean, got.Approvals, got.Recognized, got.Tier, why, c.mean, c.approvals, c.recognized, c.tier, c.why)
		}
	}
}

// TestSettingsBoundaries holds each new setting exactly at its minimum and
// just under it.
func TestSettingsBoundaries(t *testing.T) {
	min10 := defaults
	min10.MinPoints = map[string]float64{"novelty": 10, "applicability": 10, "effectiveness": 10, "replicability": 10}
	score := defaults
	score.ApprovalBasis = BasisScore
	sector := defaults
	sector.Tiers = sectorTiers
	median := defaults
	median.Aggregation = Median
	cases := []struct {
		name       string
		p          Params
		sheets     []Sheet
		recognized bool
		tier       string
	}{
		{"every criterion exactly 10", min10, []Sheet{sheet("a", 10, 10, 20, 10, true), sheet("b", 10, 10, 20, 10, true), sheet("c", 10, 10, 20, 10, true)}, true, TierPass},
		{"a criterion at 9.5", min10, []Sheet{sheet("a", 10, 9.5, 20.5, 10, true), sheet("b", 10, 9.5, 20.5, 10, true), sheet("c", 10, 9.5, 20.5, 10, true)}, false, ""},
		{"minimum 0 still refuses a 0 mean", defaults, []Sheet{sheet("a", 30, 0, 30, 20, true), sheet("b", 30, 0, 30, 20, true), sheet("c", 30, 0, 30, 20, true)}, false, ""},
		{"minimum 0 takes a 0.5 mean", defaults, []Sheet{sheet("a", 30, 0.5, 30, 20, true), sheet("b", 30, 0.5, 30, 20, true), sheet("c", 30, 0.5, 30, 20, true)}, true, TierGood},
		{"by score: totals exactly 50 approve", score, []Sheet{sheet("a", 15, 10, 15, 10, false), sheet("b", 15, 10, 15, 10, false), sheet("c", 15, 10, 15, 10, false)}, true, TierPass},
		{"by score: two at 49.5 do not (mean 50)", score, []Sheet{sheet("a", 16, 10, 15, 10, true), sheet("b", 15, 10, 14.5, 10, true), sheet("c", 15, 10, 14.5, 10, true)}, false, ""},
		{"tier A exactly 85 with novelty exactly 30", sector, []Sheet{sheet("a", 30, 15, 25, 15, true), sheet("b", 30, 15, 25, 15, true), sheet("c", 30, 15, 25, 15, true)}, true, "A"},
		{"85 with novelty 29.5 is B", sector, []Sheet{sheet("a", 29.5, 15.5, 25, 15, true), sheet("b", 29.5, 15.5, 25, 15, true), sheet("c", 29.5, 15.5, 25, 15, true)}, true, "B"},
		{"84.5 with novelty 30 is B", sector, []Sheet{sheet("a", 30, 15, 24.5, 15, true), sheet("b", 30, 15, 24.5, 15, true), sheet("c", 30, 15, 24.5, 15, true)}, true, "B"},
		{"50 with novelty 9.5 meets no tier's minima: the lowest", sector, []Sheet{sheet("a", 9.5, 15, 15.5, 10, true), sheet("b", 9.5, 15, 15.5, 10, true), sheet("c", 9.5, 15, 15.5, 10, true)}, true, "C"},
		{"median of 40 50 100 is exactly 50", median, []Sheet{sheet("a", 12, 8, 12, 8, true), sheet("b", 15, 10, 15, 10, true), sheet("c", 30, 20, 30, 20, true)}, true, TierPass},
		{"median of 40 49.5 100 is under", median, []Sheet{sheet("a", 12, 8, 12, 8, true), sheet("b", 15, 10, 14.5, 10, true), sheet("c", 30, 20, 30, 20, true)}, false, ""},
	}
	for _, c := range cases {
		got := one(c.p, 3, c.sheets)
		if got.Recognized != c.recognized || got.Tier != c.tier {
			t.Errorf("%s: recognised %v tier %q (mean %v, means %v, why %+v); want %v %q",
				c.name, got.Recognized, got.Tier, got.Mean, got.CriterionMeans, got.Why, c.recognized, c.tier)
		}
	}
}

// TestMedianEvenCount takes the mean of the two middle totals.
func TestMedianEvenCount(t *testing.T) {
	p := defaults
	p.Aggregation = Median
	if got := one(p, 4, sheetsOf(4, 40, 60, 70, 100)); got.Mean != 65 {
		t.Errorf("median of 40 60 70 100 = %v, want 65", got.Mean)
	}
}

// TestSpreadAndSplit checks the standard deviation of totals and the
// split flag at the spread limit and at the approval line.
func TestSpreadAndSplit(t *testing.T) {
	limit := func(v float64) Params { p := defaults; p.SpreadLimit = v; return p }
	cases := []struct {
		name   string
		p      Params
		voters int
		sheets []Sheet
		spread float64
		split  bool
	}{
		// totals 50 and 80: spread exactly 15.
		{"spread exactly 15 is not over the default limit", defaults, 6, sheetsOf(6, 50, 80, 50, 80, 50, 80), 15, false},
		{"spread 15 over a round's limit 14.99", limit(14.99), 6, sheetsOf(6, 50, 80, 50, 80, 50, 80), 15, true},
		{"spread 15.25 over the default", defaults, 6, sheetsOf(6, 49.5, 80, 49.5, 80, 49.5, 80), 15.25, true},
		{"one sheet has no spread, and one vote decides it", defaults, 1, sheetsOf(1, 70), 0, true},
		{"three equal sheets, all approving: no split", defaults, 3, sheetsOf(3, 70, 70, 70), 0, false},
		// 6 voters need 4: 3, 4 are within one vote of the line; 2 and 5 are not.
		{"approvals one short of the line", defaults, 6, sheetsOf(3, 70, 70, 70, 70, 70, 70), 0, true},
		{"approvals exactly at the line", defaults, 6, sheetsOf(4, 70, 70, 70, 70, 70, 70), 0, true},
		{"approvals one over the line", defaults, 6, sheetsOf(5, 70, 70, 70, 70, 70, 70), 0, false},
		{"approvals two short", defaults, 6, sheetsOf(2, 70, 70, 70, 70, 70, 70), 0, false},
	}
	for _, c := range cases {
		got := one(c.p, c.voters, c.sheets)
		if got.Spread != c.spread || got.Split != c.split {
			t.Errorf("%s: spread %v split %v, want %v %v", c.name, got.Spread, got.Split, c.spread, c.split)
		}
	}
}

// TestQuorum marks a result provisional until the quorum of sheets is in.
func TestQuorum(t *testing.T) {
	half := defaults
	half.Quorum = 0.5
	cases := []struct {
		name        string
		p           Params
		voters      int
		sheets      int
		needed      int
		provisional bool
	}{
		{"default 2/3 of 6: 4 sheets are final", defaults, 6, 4, 4, false},
		{"3 of 6 are provisional", defaults, 6, 3, 4, true},
		{"2/3 of 7 is 5: 4 provisional", defaults, 7, 4, 5, true},
		{"a round's quorum of half: 3 of 6 final", half, 6, 3, 3, false},
		{"half: 2 of 6 provisional", half, 6, 2, 3, true},
	}
	for _, c := range cases {
		totals := make([]float64, c.sheets)
		for i := range totals {
			totals[i] = 70
		}
		got := one(c.p, c.voters, sheetsOf(c.sheets, totals...))
		if got.QuorumNeeded != c.needed || got.Provisional != c.provisional {
			t.Errorf("%s: quorum %d provisional %v, want %d %v", c.name, got.QuorumNeeded, got.Provisional, c.needed, c.provisional)
		}
	}
}

// TestWhyNamesEveryFailedCondition lists each failed condition with what
// it had and needed.
func TestWhyNamesEveryFailedCondition(t *testing.T) {
	p := defaults
	p.MinPoints = map[string]float64{"novelty": 10}
	got := one(p, 3, []Sheet{sheet("a", 5, 10, 15, 10, true), sheet("b", 5, 10, 15, 10, false), sheet("c", 5, 10, 15, 10, false)})
	want := []Why{
		{Code: WhyMean, Value: 40, Need: 50},
		{Code: WhyCriterion, Criterion: "novelty", Value: 5, Need: 10},
		{Code: WhyApprovals, Value: 1, Need: 2},
	}
	if !reflect.DeepEqual(got.Why, want) {
		t.Errorf("why = %+v, want %+v", got.Why, want)
	}
	if none := one(defaults, 3, nil); !reflect.DeepEqual(none.Why, []Why{{Code: WhyNoSheets, Need: 1}}) {
		t.Errorf("no sheets: why = %+v", none.Why)
	}
	if ok := one(defaults, 3, sheetsOf(3, 70, 70, 70)); ok.Why != nil {
		t.Errorf("recognised: why = %+v, want none", ok.Why)
	}
}

// TestSealFollowsTheBallot: a secret ballot's count, and what follows
// from it, is left out of a result until every voter's sheet is in
// (exactly the voters: shown; one fewer: sealed) or the round is decided;
// an open vote, or approval by score, never seals it. Three approvals of
// four voters sit at the line (a split by votes) once shown; sealed, only
// a split by spread stays.
func TestSealFollowsTheBallot(t *testing.T) {
	score := defaults
	score.ApprovalBasis = BasisScore
	cases := []struct {
		name           string
		voting, status string
		p              Params
		sheets         []Sheet
		sealed, split  bool
		approvals      int
		recognized     bool
	}{
		{"secret, 3 of 4 sheets", "secret", "review", defaults, sheetsOf(3, 70, 70, 70), true, false, 0, false},
		{"secret, exactly 4 of 4", "secret", "review", defaults, sheetsOf(3, 70, 70, 70, 70), false, true, 3, true},
		{"secret, 3 of 4, decided", "secret", "decided", defaults, sheetsOf(3, 70, 70, 70), false, true, 3, true},
		{"secret, 3 of 4, closed", "secret", "closed", defaults, sheetsOf(3, 70, 70, 70), false, true, 3, true},
		{"open, 3 of 4", "open", "review", defaults, sheetsOf(3, 70, 70, 70), false, true, 3, true},
		{"secret by score, 3 of 4", "secret", "review", score, sheetsOf(0, 70, 70, 70), false, true, 3, true},
		// totals 40 and 80: a spread of 20 over 15 stays split.
		{"secret, 2 of 4, spread 20", "secret", "review", defaults, sheetsOf(2, 40, 80), true, true, 0, false},
	}
	for _, c := range cases {
		r := &Round{Voting: c.voting, Status: c.status, Params: c.p}
		res := one(c.p, 4, c.sheets)
		r.Seal(&res)
		if res.Sealed != c.sealed || res.Split != c.split || res.Approvals != c.approvals || res.Recognized != c.recognized {
			t.Errorf("%s: sealed %v split %v approvals %d recognised %v; want %v %v %d %v",
				c.name, res.Sealed, res.Split, res.Approvals, res.Recognized, c.sealed, c.split, c.approvals, c.recognized)
		}
		for _, w := range res.Why {
			if res.Sealed && w.Code == WhyApprovals {
				t.Errorf("%s: the approvals' why shows while sealed", c.name)
			}
		}
	}
}
