// Package results turns council score sheets into the outcome of a round,
// exactly as docs/domain.md, Scoring, says: the mean (or trimmed mean) of the
// submitted sheets' totals, per-criterion means, min, max, approvals,
// recognition, tier and rank. It is pure: the same sheets give the same
// results, whatever order they come in.
package results

import (
	"encoding/json"
	"math"
	"slices"
	"sort"
	"time"

	"sangkien/internal/vocab"
)

// Aggregation names how sheet totals are averaged.
const (
	Mean        = vocab.AggregationMean        // plain mean of all submitted sheets
	TrimmedMean = vocab.AggregationTrimmedMean // drop one highest and one lowest when there are ≥ 5 sheets
	Median      = vocab.AggregationMedian      // the middle total (the mean of the two middle ones for an even count)
)

// Approval bases: what makes a member's sheet an approval.
const (
	BasisVote  = vocab.BasisVote  // the sheet's own yes/no vote
	BasisScore = vocab.BasisScore // the sheet's total reaches the threshold
)

// DefaultQuorum is the share of an initiative's voters whose sheets must
// be in for its result to be final rather than provisional.
const DefaultQuorum = 2.0 / 3.0

// DefaultSpreadLimit is the standard deviation of members' totals above
// which an initiative is flagged as split.
const DefaultSpreadLimit = 15.0

// Tiers of a recognised initiative.
const (
	TierExcellent = vocab.TierExcellent // ≥ 90: xuất sắc
	TierGood      = vocab.TierGood      // ≥ 70: tốt
	TierPass      = vocab.TierPass      // otherwise: đạt
)

// TierRule is one tier of recognised initiatives: a recognised initiative
// whose total reaches MinTotal and, when Criterion is set, whose mean on
// that criterion reaches MinCriterion.
type TierRule struct {
	Code         string  `json:"code"`
	Name         string  `json:"name"`
	MinTotal     float64 `json:"min_total"`
	Criterion    string  `json:"criterion,omitempty"`
	MinCriterion float64 `json:"min_criterion,omitempty"`
}

// DefaultTiers are the tiers of DOMAIN.md §5: ≥ 90 xuất sắc, ≥ 70 tốt,
// ≥ 50 đạt.
var DefaultTiers = []TierRule{
	{Code: TierExcellent, Name: "Xuất sắc", MinTotal: 90},
	{Code: TierGood, Name: "Tốt", MinTotal: 70},
	{Code: TierPass, Name: "Đạt", MinTotal: 50},
}

// Params are a round's rules for the outcome. The zero value of each
// setting added after the first four is the rule of DOMAIN.md §5.
type Params struct {
	Threshold     float64 // minimum mean to be recognised (default 50)
	ApprovalRatio float64 // share of voters who must approve (default 2/3)
	Aggregation   string  // Mean, TrimmedMean or Median
	// NoveltyCode is the criterion whose mean breaks ties ("novelty").
	NoveltyCode string
	// ApprovalBasis is BasisVote ("" too) or BasisScore.
	ApprovalBasis string
	// Quorum is the share of voters whose sheets make a result final
	// (0: DefaultQuorum).
	Quorum float64
	// SpreadLimit is the standard deviation of totals above which an
	// initiative is split (0: DefaultSpreadLimit).
	SpreadLimit float64
	// MinPoints holds, by criterion code, the least mean a criterion may
	// have: a mean below it is not recognised. A criterion not listed (or
	// at 0) must have a mean above 0.
	MinPoints map[string]float64
	// Tiers are the tiers, highest first (nil: DefaultTiers).
	Tiers []TierRule
}

// Why is one condition an initiative failed: Code is WhyNoSheets,
// WhyCriterion (Criterion under its minimum), WhyMean or WhyApprovals;
// Value is what it had and Need what it needed.
type Why struct {
	Code      string  `json:"code"`
	Criterion string  `json:"criterion,omitempty"`
	Value     float64 `json:"value"`
	Need      float64 `json:"need"`
}

// The conditions an initiative may fail.
const (
	WhyNoSheets  = "no_sheets"            // no member's sheet is in
	WhyCriterion = "criterion_below_min"  // a criterion's mean under its minimum
	WhyMean      = "mean_below_threshold" // the total under the threshold
	WhyApprovals = "approvals_short"      // approvals short of the line
)

// Sheet is one submitted score sheet.
type Sheet struct {
	Member  string    // the member's user id
	Points  []float64 // points per criterion, in the order of the criteria given to Compute
	Total   float64
	Approve bool
}

// Barred is a voting member of an initiative's council who may not judge
// it, and why: Reason is ConflictAuthor for one of its authors (a linked
// author, or the owner who drafted it).
type Barred struct {
	Member string `json:"member"`
	Name   string `json:"name"`
	Reason string `json:"reason"`
}

// ConflictAuthor is the reason a member is barred from their own initiative.
const ConflictAuthor = "author"

// Entry is one initiative to be judged.
type Entry struct {
	ID          string
	Code        string
	SubmittedAt time.Time
	Voters      int      // voting members of its council, less those barred by a conflict
	Barred      []Barred // the voting members not counted in Voters, by name
	Sheets      []Sheet  // submitted sheets only
}

// Result is the outcome for one initiative.
type Result struct {
	ID             string
	Code           string
	SheetCount     int
	Voters         int       // the 2/3 rule's denominator: voting members not barred
	Barred         []Barred  // voting members barred by a conflict, and why
	Mean           float64   // rounded to 2 decimals
	CriterionMeans []float64 // per criterion, in the criteria's order; rounded to 2 decimals
	Min, Max       float64
	Approvals      int
	Needed         int // approvals needed: ApprovalRatio of Voters, rounded up
	Recognized     bool
	Tier           string // "" unless recognised
	Rank           int    // 1 is best; every initiative gets a distinct rank
	// Spread is the standard deviation of the members' totals (of every
	// counted sheet, trimmed or not), rounded to 2 decimals.
	Spread float64
	// Split flags an initiative for discussion: Spread over the limit, or
	// approvals one vote either side of the line.
	Split bool
	// QuorumNeeded is how many sheets make the result final; Provisional
	// is true while fewer are in.
	QuorumNeeded int
	Provisional  bool
	Why          []Why // the conditions failed; nil when recognised
	// Sealed: a secret ballot's count that may not be read yet
	// (Round.Seal); Approvals, Recognized and Tier then say nothing.
	Sealed bool
}

// Compute returns the results of entries, ranked (best first), for the
// criteria codes given. An entry with no sheet has mean 0 and is not
// recognised.
func Compute(p Params, criteria []string, entries []Entry) []Result {
	out := make([]Result, len(entries))
	for i, e := range entries {
		out[i] = Score(p, criteria, e)
	}
	return Rank(p, criteria, entries, out)
}

// Score returns the result of one entry, unranked: it depends on that
// entry alone, so a round whose sheets changed on a few initiatives
// scores those again and ranks them all (Rank).
func Score(p Params, criteria []string, e Entry) Result {
	r := Result{ID: e.ID, Code: e.Code, SheetCount: len(e.Sheets), Voters: e.Voters, Barred: e.Barred,
		CriterionMeans: make([]float64, len(criteria))}
	totals := make([]float64, 0, len(e.Sheets))
	for _, s := range e.Sheets {
		totals = append(totals, s.Total)
		if Approves(p, s) {
			r.Approvals++
		}
	}
	if len(totals) > 0 {
		sorted := append([]float64(nil), totals...)
		sort.Float64s(sorted)
		r.Min, r.Max = sorted[0], sorted[len(sorted)-1]
		r.Spread = Round2(stdDev(sorted))
		switch {
		case p.Aggregation == Median:
			r.Mean = Round2(median(sorted))
		case p.Aggregation == TrimmedMean && len(sorted) >= 5:
			r.Mean = Round2(mean(sorted[1 : len(sorted)-1]))
		default:
			r.Mean = Round2(mean(sorted))
		}
	}
	var why []Why
	if len(e.Sheets) == 0 {
		why = append(why, Why{Code: WhyNoSheets, Need: 1})
	}
	if len(e.Sheets) > 0 && r.Mean < p.Threshold {
		why = append(why, Why{Code: WhyMean, Value: r.Mean, Need: p.Threshold})
	}
	for c, code := range criteria {
		var sum float64
		for _, s := range e.Sheets {
			if c < len(s.Points) {
				sum += s.Points[c]
			}
		}
		m := 0.0
		if len(e.Sheets) > 0 {
			m = Round2(sum / float64(len(e.Sheets)))
		}
		r.CriterionMeans[c] = m
		if min := p.MinPoints[code]; len(e.Sheets) > 0 && (m < min || min <= 0 && m <= 0) {
			why = append(why, Why{Code: WhyCriterion, Criterion: code, Value: m, Need: min})
		}
	}
	r.Needed = NeededApprovals(p.ApprovalRatio, e.Voters)
	if len(e.Sheets) > 0 && r.Approvals < r.Needed {
		why = append(why, Why{Code: WhyApprovals, Value: float64(r.Approvals), Need: float64(r.Needed)})
	}
	quorum := p.Quorum
	if quorum <= 0 {
		quorum = DefaultQuorum
	}
	r.QuorumNeeded = NeededApprovals(quorum, e.Voters)
	r.Provisional = len(e.Sheets) < r.QuorumNeeded
	limit := p.SpreadLimit
	if limit <= 0 {
		limit = DefaultSpreadLimit
	}
	r.Split = len(e.Sheets) > 0 && (r.Spread > limit || r.Approvals == r.Needed || r.Approvals == r.Needed-1)
	r.Recognized = len(why) == 0
	if r.Recognized {
		r.Tier = TierOf(p.Tiers, criteria, r.Mean, r.CriterionMeans)
	} else {
		r.Why = why
	}
	return r
}

// Rank returns scored, the results of entries in the same order, ranked
// (best first, Order) with their Rank set. scored itself is not changed.
func Rank(p Params, criteria []string, entries []Entry, scored []Result) []Result {
	ranked := make([]Result, len(scored))
	for rank, i := range Order(p, criteria, entries, scored) {
		ranked[rank] = scored[i]
		ranked[rank].Rank = rank + 1
	}
	return ranked
}

// Order returns the places in entries of the results scored (in the same
// order), best first: by mean, then the novelty criterion's mean, the
// earlier submission, the code and the id.
func Order(p Params, criteria []string, entries []Entry, scored []Result) []int {
	out := scored
	noveltyIdx := -1
	for i, c := range criteria {
		if c == p.NoveltyCode {
			noveltyIdx = i
		}
	}
	novelty := func(i int) float64 {
		if noveltyIdx < 0 {
			return 0
		}
		return out[i].CriterionMeans[noveltyIdx]
	}
	order := make([]int, len(entries))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := order[a], order[b]
		if out[x].Mean != out[y].Mean {
			return out[x].Mean > out[y].Mean
		}
		if novelty(x) != novelty(y) {
			return novelty(x) > novelty(y)
		}
		tx, ty := entries[x].SubmittedAt, entries[y].SubmittedAt
		if !tx.Equal(ty) {
			// an initiative never submitted sorts last among equals.
			if tx.IsZero() || ty.IsZero() {
				return ty.IsZero()
			}
			return tx.Before(ty)
		}
		if entries[x].Code != entries[y].Code {
			return entries[x].Code < entries[y].Code
		}
		return entries[x].ID < entries[y].ID
	})
	return order
}

// NeededApprovals is how many approvals out of voters meet ratio: the
// smallest whole number not below ratio × voters (2/3 of 7 is 5; of 6, 4).
func NeededApprovals(ratio float64, voters int) int {
	return int(math.Ceil(ratio*float64(voters) - 1e-9))
}

// Approves reports whether sheet s counts as an approval under p: its
// vote, or with BasisScore its total reaching the threshold.
func Approves(p Params, s Sheet) bool {
	if p.ApprovalBasis == BasisScore {
		return s.Total >= p.Threshold
	}
	return s.Approve
}

// TierOf names the tier of a recognised initiative with the given total
// and criterion means (in the order of criteria): the first of tiers,
// highest first, whose minima it reaches; the last tier when it reaches
// none (a recognised initiative always has one). nil tiers are
// DefaultTiers.
func TierOf(tiers []TierRule, criteria []string, total float64, means []float64) string {
	if len(tiers) == 0 {
		tiers = DefaultTiers
	}
	for _, t := range tiers {
		if total < t.MinTotal {
			continue
		}
		if t.Criterion != "" {
			i := slices.Index(criteria, t.Criterion)
			if i < 0 || i >= len(means) || means[i] < t.MinCriterion {
				continue
			}
		}
		return t.Code
	}
	return tiers[len(tiers)-1].Code
}

// Round2 rounds v to 2 decimals, halves away from zero.
func Round2(v float64) float64 {
	return math.Round(v*100) / 100
}

// median is the middle of sorted (the mean of the two middle values for
// an even count; 0 for none).
func median(sorted []float64) float64 {
	n := len(sorted)
	switch {
	case n == 0:
		return 0
	case n%2 == 1:
		return sorted[n/2]
	default:
		return (sorted[n/2-1] + sorted[n/2]) / 2
	}
}

// stdDev is the population standard deviation of vs (0 for fewer than
// two).
func stdDev(vs []float64) float64 {
	if len(vs) < 2 {
		return 0
	}
	m := mean(vs)
	var s float64
	for _, v := range vs {
		s += (v - m) * (v - m)
	}
	return math.Sqrt(s / float64(len(vs)))
}

// mean is the arithmetic mean of vs (0 for none).
func mean(vs []float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	var s float64
	for _, v := range vs {
		s += v
	}
	return s / float64(len(vs))
}

// RoundTiers are the tiers a round's `tiers` field holds (raw JSON), or
// DefaultTiers when it holds none.
func RoundTiers(raw string) []TierRule {
	var tiers []TierRule
	if err := json.Unmarshal([]byte(raw), &tiers); err != nil || len(tiers) == 0 {
		return DefaultTiers
	}
	return tiers
}

// TierName is the name of the tier code among tiers ("" when none of them
// has that code or it has no name): documents print the round's own names.
func TierName(tiers []TierRule, code string) string {
	for _, t := range tiers {
		if t.Code == code {
			return t.Name
		}
	}
	return ""
}
