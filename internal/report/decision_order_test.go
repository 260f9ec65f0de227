package report

import (
	"slices"
	"testing"

	"sangkien/internal/results"
)

// TestKeptInOrder checks the order of the decision and city lists made
// from the rows the consolidated list kept: ranked ones by rank, then
// unscored ones by code and id, as the lists read from SQLite are.
func TestKeptInOrder(t *testing.T) {
	b := &builder{kept: map[string]initiative{}}
	for _, r := range []initiative{
		{ID: "x3", Code: "SK-2026-007", Status: "recognized"},
		{ID: "b2", Code: "SK-2026-002", Status: "recognized", Nominated: true},
		{ID: "a2", Code: "SK-2026-002", Status: "recognized"},
		{ID: "x1", Code: "SK-2026-009", Status: "recognized"},
		{ID: "z0", Code: "SK-2026-001", Status: "recognized"},
		{ID: "n1", Code: "SK-2026-003", Status: "not_recognized", Nominated: true},
	} {
		b.kept[r.ID] = r
	}
	o := &outcome{byID: map[string]*results.Result{"x1": {Rank: 1}, "x3": {Rank: 3}, "n1": {Rank: 2}}}
	ids := func(rows []*initiative) []string {
		var out []string
		for _, r := range rows {
			out = append(out, r.ID)
		}
		return out
	}
	recognized := b.keptInOrder(o, func(r *initiative) bool { return r.Status == "recognized" })
	if got, want := ids(recognized), []string{"x1", "x3", "z0", "a2", "b2"}; !slices.Equal(got, want) {
		t.Errorf("recognized in order %v, want %v", got, want)
	}
	nominated := b.keptInOrder(o, func(r *initiative) bool { return r.Nominated })
	if got, want := ids(nominated), []string{"n1", "b2"}; !slices.Equal(got, want) {
		t.Errorf("nominated in order %v, want %v", got, want)
	}
}
