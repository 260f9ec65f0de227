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

// TestRankingTieBreaksOneAtATime ranks pairs equal on every rule above the
// one that parts them: an initiative never submitted ranks after one
// submitted (not before, as a zero time would), and equal means, novelty
// and submission time rank by code, not by record id.
func TestRankingTieBreaksOneAtATime(t *testing.T) {
	at := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	same := func() []Sheet { return []Sheet{sheet("m", 20, 20, 20, 20, true)} }
	cases := []struct {
		name    string
		entries []Entry
		first   string
	}{
		{"never submitted ranks last", []Entry{
			{ID: "a", Code: "SK-2026-001", Voters: 1, Sheets: same()},
			{ID: "b", Code: "SK-2026-002", SubmittedAt: at, Voters: 1, Sheets: same()},
		}, "b"},
		{"by code, whatever the ids", []Entry{
			{ID: "a", Code: "SK-2026-002", SubmittedAt: at, Voters: 1, Sheets: same()},
			{ID: "b", Code: "SK-2026-001", SubmittedAt: at, Voters: 1, Sheets: same()},
		}, "b"},
	}
	for _, c := range cases {
		for _, entries := range [][]Entry{c.entries, {c.entries[1], c.entries[0]}} {
			if got := Compute(defaults, rubric, entries); got[0].ID != c.first {
				t.Errorf("%s: first %s, want %s", c.name, got[0].ID, c.first)
			}
		}
	}
}

// TestASheetLackingACriterionCountsNothingForIt: a sheet with fewer points
// than the rubric has criteria (a criterion added after it was scored)
// counts 0 for the missing ones instead of failing.
func TestASheetLackingACriterionCountsNothingForIt(t *testing.T) {
	short := Sheet{Member: "m", Points: []float64{30, 20}, Total: 50, Approve: true}
	got := one(defaults, 1, []Sheet{short, sheet("n", 30, 20, 20, 10, true)})
	if want := []float64{30, 20, 10, 5}; !slices.Equal(got.CriterionMeans, want) {
		t.Errorf("criterion means %v, want %v", got.CriterionMeans, want)
	}
}

// TestNoSheetsIsNoSplit: an initiative no one has scored yet is not shown
// as split, even when its council has a single voter (one vote short of
// the line).
func TestNoSheetsIsNoSplit(t *testing.T) {
	if got := one(defaults, 1, nil); got.Split {
		t.Errorf("no sheets, one voter: split")
	}
}

// TestTwoSheetsHaveASpread: the spread of two totals is their standard
// deviation (half their difference), not 0 as for a single sheet.
func TestTwoSheetsHaveASpread(t *testing.T) {
	if got := one(defaults, 2, sheetsOf(2, 50, 80)); got.Spread != 15 {
		t.Errorf("spread of 50 and 80: %v, want 15", got.Spread)
	}
}

// TestRoundTiersDefaultWhenNone: a round whose tiers field is empty,
// unreadable or an empty list uses the default tiers; its own list
// otherwise. TierName reads a tier's name from the list by its code.
func TestRoundTiersDefaultWhenNone(t *testing.T) {
	for _, raw := range []string{``, `[]`, `{`} {
		if got := RoundTiers(raw); !slices.Equal(got, DefaultTiers) {
			t.Errorf("RoundTiers(%q) = %v, want the default tiers", raw, got)
		}
	}
	own := RoundTiers(`[{"code":"good","name":"Khá","min_total":60}]`)
	if len(own) != 1 || own[0].Name != "Khá" || own[0].MinTotal != 60 {
		t.Errorf("RoundTiers of the round's own list: %v", own)
	}
	if got := TierName(DefaultTiers, TierGood); got != "Tốt" {
		t.Errorf("TierName(good) = %q, want Tốt", got)
	}
	if got := TierName(DefaultTiers, "none"); got != "" {
		t.Errorf("TierName(none) = %q, want empty", got)
	}
}

// TestTierOnACriterionTheRubricLacks: a tier that asks for a minimum on a
// criterion the round does not score is passed over, not met.
func TestTierOnACriterionTheRubricLacks(t *testing.T) {
	tiers := []TierRule{
		{Code: TierExcellent, MinTotal: 90, Criterion: "impact", MinCriterion: 10},
		{Code: TierGood, MinTotal: 70},
	}
	if got := TierOf(tiers, rubric, 95, []float64{30, 20, 25, 20}); got != TierGood {
		t.Errorf("tier %q, want %q", got, TierGood)
	}
}
