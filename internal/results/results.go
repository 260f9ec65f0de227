// Package results turns council score sheets into the outcome of a round,
// exactly as docs/domain.md, Scoring, says: the mean (or trimmed mean) of the
// submitted sheets' totals, per-criterion means, min, max, approvals,
// recognition, tier and rank. It is pure: the same sheets give the same
// results, whatever order they come in.
package results

import (
	"math"
	"sort"
	"time"

	"sangkien/internal/vocab"
)

// Aggregation names how sheet totals are averaged.
const (
	Mean        = vocab.AggregationMean        // plain mean of all submitted sheets
	TrimmedMean = vocab.AggregationTrimmedMean // drop one highest and one lowest when there are ≥ 5 sheets
)

// Tiers of a recognised initiative.
const (
	TierExcellent = vocab.TierExcellent // ≥ 90: xuất sắc
	TierGood      = vocab.TierGood      // ≥ 70: tốt
	TierPass      = vocab.TierPass      // otherwise: đạt
)

// Params are a round's rules for the outcome.
type Params struct {
	Threshold     float64 // minimum mean to be recognised (default 50)
	ApprovalRatio float64 // share of voters who must approve (default 2/3)
	Aggregation   string  // Mean or TrimmedMean
	// NoveltyCode is the criterion whose mean breaks ties ("novelty").
	NoveltyCode string
}

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
	Recognized     bool
	Tier           string // "" unless recognised
	Rank           int    // 1 is best; every initiative gets a distinct rank
}

// Compute returns the results of entries, ranked (best first), for the
// criteria codes given. An entry with no sheet has mean 0 and is not
// recognised.
func Compute(p Params, criteria []string, entries []Entry) []Result {
	noveltyIdx := -1
	for i, c := range criteria {
		if c == p.NoveltyCode {
			noveltyIdx = i
		}
	}
	out := make([]Result, len(entries))
	novelty := make([]float64, len(entries))
	for i, e := range entries {
		r := Result{ID: e.ID, Code: e.Code, SheetCount: len(e.Sheets), Voters: e.Voters, Barred: e.Barred,
			CriterionMeans: make([]float64, len(criteria))}
		totals := make([]float64, 0, len(e.Sheets))
		for _, s := range e.Sheets {
			totals = append(totals, s.Total)
			if s.Approve {
				r.Approvals++
			}
		}
		if len(totals) > 0 {
			sorted := append([]float64(nil), totals...)
			sort.Float64s(sorted)
			r.Min, r.Max = sorted[0], sorted[len(sorted)-1]
			if p.Aggregation == TrimmedMean && len(sorted) >= 5 {
				sorted = sorted[1 : len(sorted)-1]
			}
			r.Mean = Round2(mean(sorted))
		}
		zeroCriterion := false
		for c := range criteria {
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
			if m == 0 {
				zeroCriterion = true
			}
		}
		if noveltyIdx >= 0 {
			novelty[i] = r.CriterionMeans[noveltyIdx]
		}
		r.Recognized = len(e.Sheets) > 0 && r.Mean >= p.Threshold && !zeroCriterion &&
			r.Approvals >= NeededApprovals(p.ApprovalRatio, e.Voters)
		if r.Recognized {
			r.Tier = Tier(r.Mean)
		}
		out[i] = r
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
		if novelty[x] != novelty[y] {
			return novelty[x] > novelty[y]
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
	ranked := make([]Result, len(out))
	for rank, i := range order {
		out[i].Rank = rank + 1
		ranked[rank] = out[i]
	}
	return ranked
}

// NeededApprovals is how many approvals out of voters meet ratio: the
// smallest whole number not below ratio × voters (2/3 of 7 is 5; of 6, 4).
func NeededApprovals(ratio float64, voters int) int {
	return int(math.Ceil(ratio*float64(voters) - 1e-9))
}

// Tier names the tier of a recognised initiative with the given mean.
func Tier(mean float64) string {
	switch {
	case mean >= 90:
		return TierExcellent
	case mean >= 70:
		return TierGood
	default:
		return TierPass
	}
}

// Round2 rounds v to 2 decimals, halves away from zero.
func Round2(v float64) float64 {
	return math.Round(v*100) / 100
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
