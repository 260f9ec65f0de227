package hooks_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/testkit"
)

// scoredWard fills a scoringWard with the sheets of a typical review:
// Ini (SK-2026-001) has four submitted sheets (80, 70, 100, 50; three
// approvals); Ini2 (SK-2026-002), co-authored by Members[0], has three
// voters and two submitted sheets (30, 60; one approval).
func scoredWard(t testing.TB, w *scoringWard) *core.Record {
	t.Helper()
	w.Sheet(t, w.Ini, w.Chair, "submitted", testkit.Points(25, 15, 25, 15), true)
	w.Sheet(t, w.Ini, w.Members[0], "submitted", testkit.Points(20, 15, 20, 15), true)
	w.Sheet(t, w.Ini, w.Members[1], "submitted", testkit.Points(30, 20, 30, 20), true)
	w.Sheet(t, w.Ini, w.Members[2], "submitted", testkit.Points(15, 10, 15, 10), false)
	ini2 := w.Initiative(t, w.StaffB, "accepted", map[string]any{"code": "SK-2026-002", "council": w.Council.Id,
		"author_users": []string{w.StaffB.Id, w.Members[0].Id}})
	w.Sheet(t, ini2, w.Chair, "submitted", testkit.Points(10, 5, 10, 5), false)
	w.Sheet(t, ini2, w.Members[1], "submitted", testkit.Points(20, 10, 20, 10), true)
	w.Sheet(t, ini2, w.Members[2], "draft", testkit.Points(20, 10, 20, 10), true)
	return ini2
}

// resultsAnswer is the decoded answer of the results route.
type resultsAnswer struct {
	Round    map[string]any `json:"round"`
	Criteria []struct {
		Code string  `json:"code"`
		Max  float64 `json:"max"`
	} `json:"criteria"`
	Items []struct {
		ID, Code, Title, Council string
		Sheets, Voters, Missing  int
		Mean, Min, Max           float64
		CriterionMeans           map[string]float64 `json:"criterion_means"`
		Approvals                int
		NeededApprovals          int `json:"needed_approvals"`
		Recognized               bool
		Tier                     string
		Rank                     int
	} `json:"items"`
}

func TestRoundResults(t *testing.T) {
	t.Parallel()
	url := func(w *scoringWard) string {
		return "/api/reform/rounds/" + strconv.Itoa(w.Round.GetInt("year")) + "/results"
	}
	as := func(pick func(w *scoringWard) *core.Record) func(t testing.TB, w *scoringWard) wardRequest {
		return func(t testing.TB, w *scoringWard) wardRequest {
			scoredWard(t, w)
			return wardRequest{http.MethodGet, url(w), pick(w), nil}
		}
	}
	decode := func(t testing.TB, res *http.Response) resultsAnswer {
		t.Helper()
		var a resultsAnswer
		if err := json.NewDecoder(res.Body).Decode(&a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	runWardCases(t, []wardCase{
		{
			name:    "GET /api/reform/rounds/{year}/results - the secretariat sees every initiative ranked",
			setup:   as(func(w *scoringWard) *core.Record { return w.Secretariat }),
			status:  200,
			content: []string{`"aggregation":"mean"`, `"code":"novelty"`},
			after: func(t testing.TB, w *scoringWard, res *http.Response) {
				a := decode(t, res)
				if len(a.Criteria) != 4 || a.Criteria[0].Code != "novelty" || a.Criteria[0].Max != 30 {
					t.Errorf("criteria %+v", a.Criteria)
				}
				if len(a.Items) != 2 {
					t.Fatalf("items %d, want 2", len(a.Items))
				}
				first, second := a.Items[0], a.Items[1]
				if first.Code != "SK-2026-001" || first.Rank != 1 || first.Mean != 75 || first.Min != 50 || first.Max != 100 ||
					first.Sheets != 4 || first.Voters != 4 || first.Missing != 0 || first.Approvals != 3 ||
					first.NeededApprovals != 3 || !first.Recognized || first.Tier != "tot" ||
					first.CriterionMeans["novelty"] != 22.5 || first.Council != w.Council.Id ||
					first.Title != "Số hóa hồ sơ một cửa của Nguyễn Văn An" {
					t.Errorf("first %+v", first)
				}
				// Members[0] co-authored it: three voters, Members[2]'s sheet is a draft.
				if second.Code != "SK-2026-002" || second.Rank != 2 || second.Mean != 45 || second.Sheets != 2 ||
					second.Voters != 3 || second.Missing != 1 || second.Approvals != 1 || second.NeededApprovals != 2 ||
					second.Recognized || second.Tier != "" {
					t.Errorf("second %+v", second)
				}
			},
		},
		{
			name:    "GET /api/reform/rounds/{year}/results - the chairman sees them",
			setup:   as(func(w *scoringWard) *core.Record { return w.Chairman }),
			status:  200,
			content: []string{`"code":"SK-2026-001"`, `"code":"SK-2026-002"`},
		},
		{
			name: "GET /api/reform/rounds/{year}/results - a trimmed-mean round drops the highest and lowest of five",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				scoredWard(t, w)
				testkit.Update(t, w.App, w.Round, map[string]any{"aggregation": "trimmed_mean"})
				fifth := w.User(t, "hd.uyvien4@phuong.test", "Phan Văn Năm", nil, "staff", "council")
				w.AddMember(t, fifth, "member")
				w.Sheet(t, w.Ini, fifth, "submitted", testkit.Points(30, 20, 25, 15), true) // 90
				return wardRequest{http.MethodGet, url(w), w.Secretariat, nil}
			},
			status:  200,
			content: []string{`"aggregation":"trimmed_mean"`},
			after: func(t testing.TB, w *scoringWard, res *http.Response) {
				a := decode(t, res)
				// 80, 70, 100, 50, 90 without 100 and 50: mean 80 (plain mean 78).
				if a.Items[0].Code != "SK-2026-001" || a.Items[0].Mean != 80 || a.Items[0].Sheets != 5 {
					t.Errorf("first %+v", a.Items[0])
				}
			},
		},
		{
			name:    "GET /api/reform/rounds/{year}/results - a council member should fail",
			setup:   as(func(w *scoringWard) *core.Record { return w.Chair }),
			status:  403,
			content: []string{`"auth":{"code":"forbidden"`},
		},
		{
			name:    "GET /api/reform/rounds/{year}/results - an author should fail",
			setup:   as(func(w *scoringWard) *core.Record { return w.StaffA }),
			status:  403,
			content: []string{`"auth":{"code":"forbidden"`},
		},
		{
			name:    "GET /api/reform/rounds/{year}/results - a guest must sign in",
			setup:   as(func(w *scoringWard) *core.Record { return nil }),
			status:  401,
			content: []string{`"status":401`},
		},
		{
			name: "GET /api/reform/rounds/{year}/results - an unknown year is not found",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodGet, "/api/reform/rounds/1999/results", w.Secretariat, nil}
			},
			status:  404,
			content: []string{`"year":{"code":"not_found"`},
		},
	})
}
