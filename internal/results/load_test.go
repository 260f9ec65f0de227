package results_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/results"
	"sangkien/internal/testkit"
)

func TestLoad(t *testing.T) {
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	plain := w.Initiative(t, w.StaffA, "accepted", map[string]any{"code": "SK-2026-001", "council": w.Council.Id})
	// a council member co-authored this one: their seat does not vote on it.
	conflicted := w.Initiative(t, w.StaffB, "accepted", map[string]any{"code": "SK-2026-002", "council": w.Council.Id,
		"author_users": []string{w.StaffB.Id, w.Members[0].Id}})
	notYet := w.Initiative(t, w.StaffA2, "endorsed", map[string]any{"code": "SK-2026-003"})

	voters := append([]*core.Record{w.Chair}, w.Members...)
	for _, m := range voters {
		w.Sheet(t, plain, m, "submitted", testkit.Points(25, 15, 25, 15), true) // 80
		w.Sheet(t, conflicted, m, "submitted", testkit.Points(10, 10, 10, 10), m != w.Members[2])
	}
	w.Sheet(t, notYet, w.Chair, "submitted", testkit.Points(30, 20, 30, 20), true)
	// a draft sheet never counts.
	extra := w.Initiative(t, w.StaffA2, "accepted", map[string]any{"code": "SK-2026-004", "council": w.Council.Id})
	w.Sheet(t, extra, w.Chair, "draft", testkit.Points(30, 20, 30, 20), true)

	r, err := results.Load(w.App, w.Round)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Codes(); len(got) != 4 || got[0] != "novelty" || got[3] != "replicability" {
		t.Errorf("criteria %v", got)
	}
	if len(r.Members) != 4 || r.Members[0].Position != "chair" || r.Members[0].Name != "Vũ Văn Hải" {
		t.Errorf("members %+v", r.Members)
	}
	if len(r.Entries) != 3 {
		t.Fatalf("entries %d, want 3 (the endorsed one is not in scoring)", len(r.Entries))
	}
	byID := map[string]results.Entry{}
	for _, e := range r.Entries {
		byID[e.ID] = e
	}
	if e := byID[plain.Id]; e.Voters != 4 || len(e.Sheets) != 4 {
		t.Errorf("plain: voters %d sheets %d, want 4 4", e.Voters, len(e.Sheets))
	}
	if e := byID[conflicted.Id]; e.Voters != 3 || len(e.Sheets) != 3 {
		t.Errorf("conflicted: voters %d sheets %d, want 3 3", e.Voters, len(e.Sheets))
	}
	if r.Units[plain.Id] != w.UnitA.Id || r.Units[conflicted.Id] != w.UnitB.Id || r.Titles[plain.Id] != plain.GetString("title") {
		t.Errorf("units %v titles %v", r.Units, r.Titles)
	}
	if e := byID[extra.Id]; len(e.Sheets) != 0 {
		t.Errorf("draft sheet counted")
	}

	// each entry's sheets come in member order, whatever order SQLite reads them in.
	for _, e := range r.Entries {
		if !slices.IsSortedFunc(e.Sheets, func(a, b results.Sheet) int { return strings.Compare(a.Member, b.Member) }) {
			t.Errorf("%s: sheets not in member order", e.Code)
		}
	}
	if s := byID[plain.Id].Sheets; len(s) > 0 && (s[0].Total != 80 || s[0].Points[0] != 25 || s[0].Points[3] != 15 || !s[0].Approve) {
		t.Errorf("plain: first sheet %+v", s[0])
	}

	res := r.Compute()
	if res[0].ID != plain.Id || res[0].Mean != 80 || !res[0].Recognized || res[0].Tier != results.TierGood {
		t.Errorf("first %+v", res[0])
	}
	// 40 points is under the threshold of 50, and 2 approvals of 3 voters would have passed.
	if res[1].ID != conflicted.Id || res[1].Mean != 40 || res[1].Recognized || res[1].Approvals != 2 {
		t.Errorf("second %+v", res[1])
	}
}

func TestLoadBarsOwner(t *testing.T) {
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	// a council member drafted it for a colleague: the owner is not a linked
	// author, yet their seat does not vote on it and their sheet is not counted.
	ini := w.Initiative(t, w.Members[1], "accepted", map[string]any{"code": "SK-2026-001", "council": w.Council.Id,
		"author_users": []string{w.StaffA.Id}})
	for _, m := range append([]*core.Record{w.Chair}, w.Members...) {
		w.Sheet(t, ini, m, "submitted", testkit.Points(20, 10, 20, 10), true)
	}
	r, err := results.Load(w.App, w.Round)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Entries) != 1 || r.Entries[0].Voters != 3 || len(r.Entries[0].Sheets) != 3 {
		t.Fatalf("entries %+v, want one with 3 voters and 3 sheets", r.Entries)
	}
	for _, s := range r.Entries[0].Sheets {
		if s.Member == w.Members[1].Id {
			t.Errorf("the owner's sheet was counted")
		}
	}
}

// TestLoadEveryWay checks that the four ways of reading a round's sheets
// (by rowid or through its initiatives; at once or in two halves at the
// same time) give the same round, every sheet once, and no sheet of
// another round, even one written in between the round's own.
func TestLoadEveryWay(t *testing.T) {
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	rounds, err := w.App.FindCollectionByNameOrId("rounds")
	if err != nil {
		t.Fatal(err)
	}
	other := core.NewRecord(rounds)
	other.Load(w.Round.FieldsData())
	other.Id = ""
	other.Set("year", w.Round.GetInt("year")+1)
	if err := w.App.Save(other); err != nil {
		t.Fatal(err)
	}
	foreign := w.Initiative(t, w.StaffB, "accepted", map[string]any{"code": "SK-2027-001", "round": other.Id, "council": w.Council.Id})
	voters := append([]*core.Record{w.Chair}, w.Members...)
	for i := range 9 {
		ini := w.Initiative(t, w.StaffA, "accepted", map[string]any{"code": fmt.Sprintf("SK-2026-%03d", i+1), "council": w.Council.Id})
		for m, v := range voters[:1+i%len(voters)] {
			w.Sheet(t, ini, v, "submitted", testkit.Points(float64(10+i), float64(5+m), 10.5, float64(i%3)), (i+m)%2 == 0)
		}
		if i%4 == 2 {
			// a sheet of another round, between this round's.
			w.Sheet(t, foreign, voters[i/4], "submitted", testkit.Points(1, 1, 1, 1), true)
		}
	}
	defer func(n int, s int64) { *results.SplitFrom, *results.SpanSlack = n, s }(*results.SplitFrom, *results.SpanSlack)
	var first *results.Round
	for _, way := range []struct {
		name  string
		split int
		slack int64
	}{{"by rowid", 1 << 30, 1000}, {"by rowid in halves", 2, 1000}, {"by initiative", 1 << 30, 0}, {"by initiative in halves", 2, 0}} {
		*results.SplitFrom, *results.SpanSlack = way.split, way.slack
		r, err := results.Load(w.App, w.Round)
		if err != nil {
			t.Fatalf("%s: %v", way.name, err)
		}
		sheets := 0
		for _, e := range r.Entries {
			sheets += len(e.Sheets)
			if e.ID == foreign.Id {
				t.Errorf("%s: an initiative of another round", way.name)
			}
		}
		if sheets != 1+2+3+4+1+2+3+4+1 {
			t.Errorf("%s: %d sheets, want 21", way.name, sheets)
		}
		if first == nil {
			first = r
		} else if !reflect.DeepEqual(first, r) {
			t.Errorf("%s:\n%+v\nby rowid:\n%+v", way.name, r.Entries, first.Entries)
		}
	}
}

// TestSealLeavesOutTheVotesOnly: while a secret ballot is sealed, a result
// loses its approvals and what follows from them, and keeps the rest: a
// split by spread (over the round's limit, or the default 15 when the
// round sets none; a spread of exactly the limit is no split) and its
// other reasons.
func TestSealLeavesOutTheVotesOnly(t *testing.T) {
	round := func(limit float64) *results.Round {
		return &results.Round{Status: "review", Voting: "secret",
			Params: results.Params{ApprovalBasis: results.BasisVote, SpreadLimit: limit}}
	}
	cases := []struct {
		name   string
		limit  float64
		spread float64
		split  bool
	}{
		{"under the default limit", 0, 10, false},
		{"exactly the default limit", 0, 15, false},
		{"over the default limit", 0, 15.5, true},
		{"over the round's own limit", 8, 10, true},
	}
	for _, c := range cases {
		res := &results.Result{SheetCount: 1, Voters: 3, Approvals: 2, Recognized: true, Tier: results.TierGood,
			Split: true, Spread: c.spread, Why: []results.Why{{Code: results.WhyMean}, {Code: results.WhyApprovals}}}
		r := round(c.limit)
		if !r.BallotSealed(res) {
			t.Fatalf("%s: not sealed", c.name)
		}
		r.Seal(res)
		if !res.Sealed || res.Approvals != 0 || res.Recognized || res.Tier != "" || res.Split != c.split {
			t.Errorf("%s: sealed %v approvals %d recognized %v tier %q split %v, want sealed, 0, false, \"\", split %v",
				c.name, res.Sealed, res.Approvals, res.Recognized, res.Tier, res.Split, c.split)
		}
		if len(res.Why) != 1 || res.Why[0].Code != results.WhyMean {
			t.Errorf("%s: why %v, want the mean's reason only", c.name, res.Why)
		}
	}
}

// TestLoadSeatsInCouncilOrder: the seats come council by council (the one
// made first first; councils made in the same instant by id), each
// council's chair, vice-chair, secretary, then members by name; an
// initiative's barred members come by name.
func TestLoadSeatsInCouncilOrder(t *testing.T) {
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	an := w.User(t, "an@phuong.test", "Lê Văn An", w.UnitA, "staff", "council")
	zed := w.User(t, "zed@phuong.test", "Zed Phó", w.UnitA, "staff", "council")
	binh := w.User(t, "binh@phuong.test", "Trần Văn Bình", w.UnitA, "staff", "council")
	cuc := w.User(t, "cuc@phuong.test", "Phan Thị Cúc", w.UnitA, "staff", "council")
	w.AddMember(t, an, "member")
	w.AddMember(t, zed, "vice_chair")
	second := testkit.Save(t, w.App, "councils", map[string]any{"round": w.Round.Id, "name": "Hội đồng thứ hai"})
	testkit.Save(t, w.App, "council_members", map[string]any{"council": second.Id, "user": binh.Id, "position": "chair", "votes": true})
	testkit.Save(t, w.App, "council_members", map[string]any{"council": second.Id, "user": cuc.Id, "position": "member", "votes": true})
	// four of the first council's voters wrote this one (read from a map:
	// unsorted, they would come in any of 24 orders).
	w.Initiative(t, w.StaffA, "accepted", map[string]any{"code": "SK-2026-001", "council": w.Council.Id,
		"author_users": []string{w.StaffA.Id, zed.Id, w.Members[2].Id, w.Chair.Id, an.Id}})

	first := []string{"Vũ Văn Hải", "Zed Phó", "Bùi Thị Khánh", "Lê Văn An", "Ngô Thị Mai", "Đặng Văn Long"}
	names := func() []string {
		r, err := results.Load(w.App, w.Round)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range r.Members {
			out = append(out, m.Name)
		}
		var barred []string
		for _, e := range r.Entries {
			for _, b := range e.Barred {
				barred = append(barred, b.Name)
			}
		}
		if want := []string{"Lê Văn An", "Ngô Thị Mai", "Vũ Văn Hải", "Zed Phó"}; !slices.Equal(barred, want) {
			t.Errorf("barred %q, want %q", barred, want)
		}
		return out
	}
	other := []string{"Trần Văn Bình", "Phan Thị Cúc"}
	if got, want := names(), append(slices.Clone(first), other...); !slices.Equal(got, want) {
		t.Errorf("seats %q, want %q", got, want)
	}
	// made in the same instant: by the councils' ids.
	if _, err := w.App.DB().NewQuery("UPDATE councils SET created = {:at}").Bind(map[string]any{"at": "2026-01-01 00:00:00.000Z"}).Execute(); err != nil {
		t.Fatal(err)
	}
	want := append(slices.Clone(first), other...)
	if second.Id < w.Council.Id {
		want = append(slices.Clone(other), first...)
	}
	if got := names(); !slices.Equal(got, want) {
		t.Errorf("councils made together: seats %q, want %q", got, want)
	}
}

func TestRefreshReadsTheNamedInitiativesSheetsAsLoadDoes(t *testing.T) {
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	a := w.Initiative(t, w.StaffA, "accepted", map[string]any{"code": "SK-2026-001", "council": w.Council.Id})
	// Members[0] co-wrote b: their sheet on it never counts.
	b := w.Initiative(t, w.StaffB, "accepted", map[string]any{"code": "SK-2026-002", "council": w.Council.Id,
		"author_users": []string{w.StaffB.Id, w.Members[0].Id}})
	notScored := w.Initiative(t, w.StaffA2, "endorsed", map[string]any{"code": "SK-2026-003"})
	sheets := map[string]*core.Record{}
	for _, m := range append([]*core.Record{w.Chair}, w.Members...) {
		sheets["a"+m.Id] = w.Sheet(t, a, m, "submitted", testkit.Points(25, 15, 25, 15), true)
		sheets["b"+m.Id] = w.Sheet(t, b, m, "draft", testkit.Points(10, 10, 10, 10), false)
	}
	before, err := results.Load(w.App, w.Round)
	if err != nil {
		t.Fatal(err)
	}
	kept := fmt.Sprint(before.Entries)

	// b's sheets submitted (the co-author's too), one of a's reopened.
	for _, m := range append([]*core.Record{w.Chair}, w.Members...) {
		testkit.Update(t, w.App, sheets["b"+m.Id], map[string]any{"status": "submitted"})
	}
	testkit.Update(t, w.App, sheets["a"+w.Members[1].Id], map[string]any{"status": "draft"})
	w.Sheet(t, notScored, w.Chair, "submitted", testkit.Points(30, 20, 30, 20), true)

	fresh, at, err := before.Refresh(w.App, []string{b.Id, a.Id, notScored.Id, a.Id})
	if err != nil {
		t.Fatal(err)
	}
	if len(at) != 2 {
		t.Errorf("refreshed entries %v, want a's and b's (the endorsed one is not in scoring)", at)
	}
	loaded, err := results.Load(w.App, w.Round)
	if err != nil {
		t.Fatal(err)
	}
	byID := func(r *results.Round) map[string]results.Entry {
		out := map[string]results.Entry{}
		for _, e := range r.Entries {
			out[e.ID] = e
		}
		return out
	}
	if got, want := byID(fresh), byID(loaded); !reflect.DeepEqual(got, want) {
		t.Errorf("refreshed entries differ from loaded ones:\n%v\n%v", got, want)
	}
	if e := byID(fresh)[b.Id]; len(e.Sheets) != 3 || e.Voters != 3 {
		t.Errorf("b: %d sheets of %d voters, want 3 of 3 (its co-author's left out)", len(e.Sheets), e.Voters)
	}
	if e := byID(fresh)[a.Id]; len(e.Sheets) != 3 {
		t.Errorf("a: %d sheets, want 3 (one reopened)", len(e.Sheets))
	}
	if got := fmt.Sprint(before.Entries); got != kept {
		t.Errorf("Refresh changed the round it was given:\n%s\n%s", got, kept)
	}
	if !reflect.DeepEqual(results.Compute(fresh.Params, fresh.Codes(), fresh.Entries), loaded.Compute()) {
		t.Errorf("the refreshed round's results differ from the loaded one's")
	}
}

func TestComputeIsEveryEntryScoredThenRanked(t *testing.T) {
	p := results.Params{Threshold: 50, ApprovalRatio: 2.0 / 3.0, NoveltyCode: "novelty"}
	codes := []string{"novelty", "other"}
	sheet := func(member string, n, o float64, yes bool) results.Sheet {
		return results.Sheet{Member: member, Points: []float64{n, o}, Total: n + o, Approve: yes}
	}
	entries := []results.Entry{
		{ID: "x", Code: "SK-1", Voters: 3, Sheets: []results.Sheet{sheet("m1", 30, 30, true), sheet("m2", 40, 20, true)}},
		{ID: "y", Code: "SK-2", Voters: 3, Sheets: []results.Sheet{sheet("m1", 40, 20, true), sheet("m2", 30, 30, true)}},
		{ID: "z", Code: "SK-3", Voters: 3, Sheets: []results.Sheet{sheet("m1", 50, 40, true)}},
	}
	scored := make([]results.Result, len(entries))
	for i, e := range entries {
		scored[i] = results.Score(p, codes, e)
	}
	kept := fmt.Sprint(scored)
	ranked := results.Rank(p, codes, entries, scored)
	if !reflect.DeepEqual(ranked, results.Compute(p, codes, entries)) {
		t.Errorf("Rank of Score differs from Compute:\n%+v\n%+v", ranked, results.Compute(p, codes, entries))
	}
	// z has the best mean; x and y tie on the mean and on novelty (35 each).
	if got := []string{ranked[0].ID, ranked[1].ID, ranked[2].ID}; !reflect.DeepEqual(got, []string{"z", "x", "y"}) || ranked[0].Rank != 1 || ranked[2].Rank != 3 {
		t.Errorf("ranked %v", got)
	}
	if fmt.Sprint(scored) != kept {
		t.Errorf("Rank changed the results it was given")
	}
}
