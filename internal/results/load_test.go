package results_test

import (
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
	if e := byID[extra.Id]; len(e.Sheets) != 0 {
		t.Errorf("draft sheet counted")
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
