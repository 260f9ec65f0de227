package hooks_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

// TestResultsShowTheDenominator: the results say, per initiative, how many
// voting members the 2/3 rule counts, who was barred by a conflict and
// why, so that "1 of 3" can be checked against the council.
func TestResultsShowTheDenominator(t *testing.T) {
	t.Parallel()
	type item struct {
		Code          string
		Voters        int
		VotingMembers int `json:"voting_members"`
		Needed        int `json:"needed_approvals"`
		Barred        []struct {
			Member, Name, Reason string
		}
	}
	var ini2 *core.Record
	runWardCases(t, []wardCase{{
		name: "GET /api/reform/rounds/{year}/results - voters, barred members and why",
		setup: func(t testing.TB, w *scoringWard) wardRequest {
			ini2 = scoredWard(t, w)
			// the owner of Ini sits on the council too: barred from it as well.
			w.AddMember(t, w.StaffA, "member")
			return wardRequest{http.MethodGet, "/api/reform/rounds/" + strconv.Itoa(w.Round.GetInt("year")) + "/results", w.Secretariat, nil}
		},
		status:  200,
		content: []string{`"barred":[`, `"reason":"author"`},
		after: func(t testing.TB, w *scoringWard, res *http.Response) {
			var a struct{ Items []item }
			if err := json.NewDecoder(res.Body).Decode(&a); err != nil {
				t.Fatal(err)
			}
			got := map[string]item{}
			for _, it := range a.Items {
				got[it.Code] = it
			}
			one, two := got["SK-2026-001"], got["SK-2026-002"]
			// five voting seats now; Ini's owner and Ini2's co-author are barred.
			if one.VotingMembers != 5 || one.Voters != 4 || one.Needed != 3 || len(one.Barred) != 1 ||
				one.Barred[0].Member != w.StaffA.Id || one.Barred[0].Name != "Nguyễn Văn An" || one.Barred[0].Reason != "author" {
				t.Errorf("SK-2026-001: %+v, want 4 of 5 voting, Nguyễn Văn An barred as author", one)
			}
			if two.VotingMembers != 5 || two.Voters != 4 || len(two.Barred) != 1 ||
				two.Barred[0].Member != w.Members[0].Id || two.Barred[0].Name != "Bùi Thị Khánh" || two.Barred[0].Reason != "author" {
				t.Errorf("SK-2026-002 (%s): %+v, want 4 of 5 voting, Bùi Thị Khánh barred as author", ini2.Id, two)
			}
		},
	}})
}
