package results

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"
)

var rubric = []string{"novelty", "applicability", "effectiveness", "replicability"}

// sheet builds a sheet from the four default criteria's points.
func sheet(member string, n, a, e, r float64, approve bool) Sheet {
	return Sheet{Member: member, Points: []float64{n, a, e, r},
		Total: n + a + e + r, Approve: approve}
}

var defaults = Params{Threshold: 50, ApprovalRatio: 2.0 / 3.0, Aggregation: Mean, NoveltyCode: "novelty"}

func TestNeededApprovals(t *testing.T) {
	cases := []struct {
		ratio  float64
		voters int
		want   int
	}{
		{2.0 / 3.0, 3, 2}, {2.0 / 3.0, 6, 4}, {2.0 / 3.0, 7, 5}, {2.0 / 3.0, 9, 6}, {0.5, 4, 2}, {1, 5, 5}, {2.0 / 3.0, 0, 0},
	}
	for _, c := range cases {
		if got := NeededApprovals(c.ratio, c.voters); got != c.want {
			t.Errorf("NeededApprovals(%v, %d) = %d, want %d", c.ratio, c.voters, got, c.want)
		}
	}
}

func TestComputeRecognitionAndTiers(t *testing.T) {
	day := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	entries := []Entry{
		{ID: "low", Code: "SK-2026-001", SubmittedAt: day, Voters: 3, Sheets: []Sheet{
			sheet("m1", 10, 10, 10, 10, true), sheet("m2", 12, 10, 10, 10, true), sheet("m3", 10, 10, 10, 10, true)}}, // 40.67
		{ID: "good", Code: "SK-2026-002", SubmittedAt: day, Voters: 3, Sheets: []Sheet{
			sheet("m1", 25, 15, 25, 15, true), sheet("m2", 20, 15, 20, 15, true), sheet("m3", 22.5, 15, 20, 15, false)}}, // 74.17
		{ID: "top", Code: "SK-2026-003", SubmittedAt: day, Voters: 3, Sheets: []Sheet{
			sheet("m1", 30, 20, 30, 20, true), sheet("m2", 28, 20, 30, 18, true), sheet("m3", 29, 19, 28, 20, true)}}, // 97.33
		{ID: "fewvotes", Code: "SK-2026-004", SubmittedAt: day, Voters: 3, Sheets: []Sheet{
			sheet("m1", 20, 15, 20, 15, true), sheet("m2", 20, 15, 20, 15, false), sheet("m3", 20, 15, 20, 15, false)}}, // 70, 1 approval
		{ID: "zerocrit", Code: "SK-2026-005", SubmittedAt: day, Voters: 3, Sheets: []Sheet{
			sheet("m1", 30, 20, 30, 0, true), sheet("m2", 30, 20, 30, 0, true), sheet("m3", 30, 20, 30, 0, true)}}, // 80, replicability 0
		{ID: "nosheets", Code: "SK-2026-006", SubmittedAt: day, Voters: 3},
	}
	got := Compute(defaults, rubric, entries)
	want := []struct {
		id         string
		mean       float64
		recognized bool
		tier       string
		rank       int
	}{
		{"top", 97.33, true, TierExcellent, 1},
		{"zerocrit", 80, false, "", 2},
		{"good", 74.17, true, TierGood, 3},
		{"fewvotes", 70, false, "", 4},
		{"low", 40.67, false, "", 5},
		{"nosheets", 0, false, "", 6},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d results, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.ID != w.id || g.Mean != w.mean || g.Recognized != w.recognized || g.Tier != w.tier || g.Rank != w.rank {
			t.Errorf("row %d = {%s %v %v %q %d}, want %+v", i, g.ID, g.Mean, g.Recognized, g.Tier, g.Rank, w)
		}
	}
	if g := got[2]; g.Min != 70 || g.Max != 80 || g.Approvals != 2 || g.SheetCount != 3 || g.CriterionMeans[0] != 22.5 {
		t.Errorf("good: min %v max %v approvals %d sheets %d novelty %v", g.Min, g.Max, g.Approvals, g.SheetCount, g.CriterionMeans[0])
	}
}

func TestComputeTrimmedMean(t *testing.T) {
	sheets := []Sheet{
		sheet("m1", 30, 20, 30, 20, true), // 100, dropped
		sheet("m2", 15, 10, 15, 10, true), // 50
		sheet("m3", 15, 10, 15, 10, true), // 50
		sheet("m4", 15, 10, 15, 10, true), // 50
		sheet("m5", 0, 0, 0, 0, false),    // 0, dropped
	}
	p := defaults
	p.Aggregation = TrimmedMean
	got := Compute(p, rubric, []Entry{{ID: "x", Voters: 5, Sheets: sheets}})[0]
	if got.Mean != 50 || got.Min != 0 || got.Max != 100 {
		t.Errorf("trimmed: mean %v min %v max %v, want 50 0 100", got.Mean, got.Min, got.Max)
	}
	if plain := Compute(defaults, rubric, []Entry{{ID: "x", Voters: 5, Sheets: sheets}})[0]; plain.Mean != 50 {
		t.Errorf("plain mean %v, want 50", plain.Mean)
	}
	// fewer than five sheets are never trimmed.
	four := Compute(p, rubric, []Entry{{ID: "y", Voters: 5, Sheets: sheets[:4]}})[0]
	if four.Mean != 62.5 {
		t.Errorf("four sheets trimmed mean %v, want 62.5", four.Mean)
	}
}

func TestComputeTieBreaks(t *testing.T) {
	early := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	late := early.Add(time.Hour)
	entries := []Entry{
		{ID: "late", Code: "SK-2026-003", SubmittedAt: late, Voters: 1, Sheets: []Sheet{sheet("m", 20, 20, 20, 20, true)}},
		{ID: "novel", Code: "SK-2026-002", SubmittedAt: late, Voters: 1, Sheets: []Sheet{sheet("m", 30, 20, 20, 10, true)}},
		{ID: "early", Code: "SK-2026-001", SubmittedAt: early, Voters: 1, Sheets: []Sheet{sheet("m", 20, 20, 20, 20, true)}},
	}
	got := Compute(defaults, rubric, entries)
	order := []string{got[0].ID, got[1].ID, got[2].ID}
	if order[0] != "novel" || order[1] != "early" || order[2] != "late" {
		t.Errorf("order %v, want [novel early late]", order)
	}
	// the same sheets in another order give the same ranking.
	again := Compute(defaults, rubric, []Entry{entries[2], entries[0], entries[1]})
	for i := range got {
		if got[i].ID != again[i].ID || got[i].Rank != again[i].Rank {
			t.Fatalf("ranking depends on input order: %v vs %v", got, again)
		}
	}
}

// TestComputeIgnoresSheetOrder checks that the order of the entries and
// of each entry's sheets changes nothing in the results: sheets give
// points in half-point steps, whose sums are exact in any order, and
// totals are sorted before they are averaged.
func TestComputeIgnoresSheetOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	half := func(max int) float64 { return float64(rng.IntN(2*max+1)) / 2 }
	day := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	var entries []Entry
	for i := range 400 {
		e := Entry{ID: fmt.Sprintf("i%03d", i), Code: fmt.Sprintf("SK-2026-%03d", i), Voters: 15,
			SubmittedAt: day.Add(time.Duration(rng.IntN(5)) * time.Hour)}
		for m := range rng.IntN(16) {
			e.Sheets = append(e.Sheets, sheet(fmt.Sprintf("m%02d", m), half(30), half(20), half(30), half(20), rng.IntN(3) > 0))
		}
		entries = append(entries, e)
	}
	for _, p := range []Params{defaults, {Threshold: 50, ApprovalRatio: 2.0 / 3.0, Aggregation: TrimmedMean, NoveltyCode: "novelty"}} {
		want := Compute(p, rubric, entries)
		for range 5 {
			shuffled := make([]Entry, len(entries))
			for i, j := range rng.Perm(len(entries)) {
				e := entries[j]
				e.Sheets = slices.Clone(e.Sheets)
				rng.Shuffle(len(e.Sheets), func(a, b int) { e.Sheets[a], e.Sheets[b] = e.Sheets[b], e.Sheets[a] })
				shuffled[i] = e
			}
			if got := Compute(p, rubric, shuffled); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: results depend on the order of entries and sheets", p.Aggregation)
			}
		}
	}
}

func TestRound2(t *testing.T) {
	for in, want := range map[float64]float64{74.16666: 74.17, 40.666: 40.67, 50: 50, 0.005: 0.01} {
		if got := Round2(in); got != want {
			t.Errorf("Round2(%v) = %v, want %v", in, got, want)
		}
	}
}
