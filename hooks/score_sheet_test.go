package hooks_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

const scoresURL = "/api/collections/scores/records"

func TestScoreSheetWrite(t *testing.T) {
	t.Parallel()
	create := func(w *scoringWard, body map[string]any) map[string]any {
		if _, ok := body["initiative"]; !ok {
			body["initiative"] = w.Ini.Id
		}
		return body
	}
	onlySheet := func(t testing.TB, w *scoringWard) map[string]any {
		t.Helper()
		rs, err := w.App.FindAllRecords("scores")
		if err != nil || len(rs) != 1 {
			t.Fatalf("sheets %d, %v; want 1", len(rs), err)
		}
		return rs[0].PublicExport()
	}
	noSheet := func(t testing.TB, w *scoringWard, _ *http.Response) {
		if n := w.count(t, "scores", "id != ''", nil); n != 0 {
			t.Errorf("sheets = %d, want 0", n)
		}
	}
	runWardCases(t, []wardCase{
		{
			name: "POST scores - a member's draft is saved, theirs, with the total computed",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], create(w, map[string]any{
					"points": map[string]any{"novelty": 20.5, "applicability": 15}, "comment": "Cần bổ sung số liệu."})}
			},
			status:  200,
			content: []string{`"total":35.5`, `"status":"draft"`, `"voted":false`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				s := onlySheet(t, w)
				if s["member"] != w.Members[1].Id {
					t.Errorf("member = %v", s["member"])
				}
				if got := auditActions(t, w.App, s["id"].(string)); len(got) != 1 || got[0] != "create" {
					t.Errorf("audit %v, want [create]", got)
				}
			},
		},
		{
			name: "POST scores - an approve sent, even false, is the member's vote",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], create(w, map[string]any{"approve": false})}
			},
			status:  200,
			content: []string{`"voted":true`, `"approve":false`, `"total":0`},
		},
		{
			name: "POST scores - while the round is open should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.setRound(t, "open")
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], create(w, map[string]any{})}
			},
			status:  400,
			content: []string{`"round":{"code":"round_not_in_review"`},
			after:   noSheet,
		},
		{
			name: "POST scores - once the round is decided should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.setRound(t, "decided")
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], create(w, map[string]any{})}
			},
			status:  400,
			content: []string{`"round":{"code":"round_not_in_review"`},
			after:   noSheet,
		},
		{
			name: "POST scores - a council-role account with no seat should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				u := w.User(t, "hd.khac@phuong.test", "Lý Thị Khác", nil, "staff", "council")
				return wardRequest{http.MethodPost, scoresURL, u, create(w, map[string]any{})}
			},
			status:  403,
			content: []string{`"initiative":{"code":"not_council_member"`},
			after:   noSheet,
		},
		{
			name: "POST scores - a seat without a vote should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				testkit.Update(t, w.App, w.seat(t, w.Members[1]), map[string]any{"votes": false})
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], create(w, map[string]any{})}
			},
			status:  403,
			content: []string{`"initiative":{"code":"not_council_member"`},
		},
		{
			name: "POST scores - an initiative given to another council should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				c := w.completeCouncil(t)
				ini := w.Initiative(t, w.StaffB, "accepted", map[string]any{"council": c.Id})
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], map[string]any{"initiative": ini.Id}}
			},
			status:  403,
			content: []string{`"initiative":{"code":"not_council_member"`},
		},
		{
			name: "POST scores - a co-author on the council should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				ini := w.Initiative(t, w.StaffB, "accepted", map[string]any{"council": w.Council.Id,
					"author_users": []string{w.StaffB.Id, w.Members[1].Id}})
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], map[string]any{"initiative": ini.Id}}
			},
			status:  403,
			content: []string{`"initiative":{"code":"conflict_of_interest"`},
			after:   noSheet,
		},
		{
			name: "POST scores - the owner who drafted it should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				ini := w.Initiative(t, w.Members[1], "accepted", map[string]any{"council": w.Council.Id,
					"author_users": []string{w.StaffA.Id}})
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], map[string]any{"initiative": ini.Id}}
			},
			status:  403,
			content: []string{`"initiative":{"code":"conflict_of_interest"`},
		},
		{
			name: "POST scores - points above the criterion's maximum should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], create(w, map[string]any{
					"points": map[string]any{"novelty": 31}})}
			},
			status:  400,
			content: []string{`"points":{"code":"score_out_of_range"`, `Tính mới, tính sáng tạo`, `từ 0 đến 30`},
			after:   noSheet,
		},
		{
			name: "POST scores - points off the half-point steps should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], create(w, map[string]any{
					"points": map[string]any{"applicability": 10.3}})}
			},
			status:  400,
			content: []string{`"points":{"code":"score_out_of_range"`, `từ 0 đến 20`},
		},
		{
			name: "POST scores - negative points should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], create(w, map[string]any{
					"points": map[string]any{"replicability": -0.5}})}
			},
			status:  400,
			content: []string{`"points":{"code":"score_out_of_range"`},
		},
		{
			name: "POST scores - points as text should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], create(w, map[string]any{
					"points": map[string]any{"novelty": "20"}})}
			},
			status:  400,
			content: []string{`"points":{"code":"invalid_number"`},
		},
		{
			name: "POST scores - points not keyed by criterion should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], create(w, map[string]any{
					"points": []any{20, 15}})}
			},
			status:  400,
			content: []string{`"points":{"code":"invalid_points"`},
		},
		{
			name: "POST scores - a criterion not in the round's rubric should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], create(w, map[string]any{
					"points": map[string]any{"novelty": 20, "beauty": 5}})}
			},
			status:  400,
			content: []string{`"points":{"code":"unknown_criterion"`, `beauty`},
		},
		{
			name: "POST scores - a second sheet of the same member on the initiative should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.Sheet(t, w.Ini, w.Members[1], "draft", testkit.Points(10, 10, 10, 10), true)
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], create(w, map[string]any{})}
			},
			status:  400,
			content: []string{`"initiative":{"code":"duplicate_sheet"`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				onlySheet(t, w)
			},
		},
		{
			name: "POST scores - sending the total should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], create(w, map[string]any{"total": 100})}
			},
			status:  400,
			content: []string{`"total":{"code":"read_only_field"`},
		},
		{
			name: "POST scores - sending the vote flag should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], create(w, map[string]any{"voted": true})}
			},
			status:  400,
			content: []string{`"voted":{"code":"read_only_field"`},
		},
		{
			name: "POST scores - a sheet in another member's name should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], create(w, map[string]any{"member": w.Members[2].Id})}
			},
			status:  400,
			content: []string{`"data":{}`},
			after:   noSheet,
		},
		{
			name: "POST scores - staff without the council role should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, scoresURL, w.StaffB, create(w, map[string]any{})}
			},
			status:  400,
			content: []string{`"data":{}`},
			after:   noSheet,
		},
		{
			name: "PATCH scores/{id} - a draft's points change and the total follows",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				s := w.Sheet(t, w.Ini, w.Members[1], "draft", testkit.Points(10, 10, 10, 10), true)
				return wardRequest{http.MethodPatch, scoresURL + "/" + s.Id, w.Members[1], map[string]any{
					"points": testkit.Points(25, 15.5, 20, 10)}}
			},
			status:  200,
			content: []string{`"total":70.5`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				s := onlySheet(t, w)
				if got := auditActions(t, w.App, s["id"].(string)); len(got) != 1 || got[0] != "update" {
					t.Errorf("audit %v, want [update]", got)
				}
			},
		},
		{
			name: "PATCH scores/{id} - points out of range should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				s := w.Sheet(t, w.Ini, w.Members[1], "draft", testkit.Points(10, 10, 10, 10), true)
				return wardRequest{http.MethodPatch, scoresURL + "/" + s.Id, w.Members[1], map[string]any{
					"points": testkit.Points(10, 21, 10, 10)}}
			},
			status:  400,
			content: []string{`"points":{"code":"score_out_of_range"`, `Khả năng áp dụng`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				if s := onlySheet(t, w); s["total"] != 40.0 {
					t.Errorf("total = %v, want 40 unchanged", s["total"])
				}
			},
		},
		{
			name: "PATCH scores/{id} - a submitted sheet is locked",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				s := w.Sheet(t, w.Ini, w.Members[1], "submitted", testkit.Points(10, 10, 10, 10), true)
				return wardRequest{http.MethodPatch, scoresURL + "/" + s.Id, w.Members[1], map[string]any{"comment": "sửa"}}
			},
			status:  404,
			content: []string{`"status":404`},
		},
		{
			name: "PATCH scores/{id} - another member's draft is not theirs to change",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				s := w.Sheet(t, w.Ini, w.Members[1], "draft", testkit.Points(10, 10, 10, 10), true)
				return wardRequest{http.MethodPatch, scoresURL + "/" + s.Id, w.Members[2], map[string]any{"comment": "sửa"}}
			},
			status:  404,
			content: []string{`"status":404`},
		},
		{
			name: "PATCH scores/{id} - once the round is decided should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				s := w.Sheet(t, w.Ini, w.Members[1], "draft", testkit.Points(10, 10, 10, 10), true)
				w.setRound(t, "decided")
				return wardRequest{http.MethodPatch, scoresURL + "/" + s.Id, w.Members[1], map[string]any{"comment": "sửa"}}
			},
			status:  400,
			content: []string{`"round":{"code":"round_not_in_review"`},
		},
		{
			name: "DELETE scores/{id} - a member discards a draft in review",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				s := w.Sheet(t, w.Ini, w.Members[1], "draft", testkit.Points(10, 10, 10, 10), true)
				return wardRequest{http.MethodDelete, scoresURL + "/" + s.Id, w.Members[1], nil}
			},
			status: 204,
			after:  noSheet,
		},
		{
			name: "DELETE scores/{id} - after the decision every sheet is kept",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				s := w.Sheet(t, w.Ini, w.Members[1], "draft", testkit.Points(10, 10, 10, 10), true)
				w.setRound(t, "decided")
				return wardRequest{http.MethodDelete, scoresURL + "/" + s.Id, w.Members[1], nil}
			},
			status:  400,
			content: []string{`"round":{"code":"round_not_in_review"`},
		},
	})
}

func TestScoreSheetVisibility(t *testing.T) {
	t.Parallel()
	// on the ward's initiative: the chair and Members[1] have submitted,
	// Members[0] holds a draft, Members[2] has not started.
	setup := func(t testing.TB, w *scoringWard) {
		w.Sheet(t, w.Ini, w.Chair, "submitted", testkit.Points(25, 15, 25, 15), true)
		w.Sheet(t, w.Ini, w.Members[0], "draft", testkit.Points(20, 10, 20, 10), true)
		w.Sheet(t, w.Ini, w.Members[1], "submitted", testkit.Points(15, 15, 15, 15), false)
	}
	type pick func(w *scoringWard) *core.Record
	list := func(viewer pick) func(t testing.TB, w *scoringWard) wardRequest {
		return func(t testing.TB, w *scoringWard) wardRequest {
			setup(t, w)
			return wardRequest{http.MethodGet, scoresURL + "?perPage=50", viewer(w), nil}
		}
	}
	view := func(member, viewer pick) func(t testing.TB, w *scoringWard) wardRequest {
		return func(t testing.TB, w *scoringWard) wardRequest {
			setup(t, w)
			s, err := w.App.FindFirstRecordByFilter("scores", "member = {:m}", map[string]any{"m": member(w).Id})
			if err != nil {
				t.Fatal(err)
			}
			return wardRequest{http.MethodGet, scoresURL + "/" + s.Id, viewer(w), nil}
		}
	}
	chair := func(w *scoringWard) *core.Record { return w.Chair }
	drafter := func(w *scoringWard) *core.Record { return w.Members[0] }
	submitter := func(w *scoringWard) *core.Record { return w.Members[1] }
	author := func(w *scoringWard) *core.Record { return w.StaffA }
	runWardCases(t, []wardCase{
		{
			name:    "GET scores - a member who submitted sees their sheet and the others' submitted ones",
			setup:   list(chair),
			status:  200,
			content: []string{`"totalItems":2`, `"total":80`, `"total":60`},
		},
		{
			name:    "GET scores - a member with a draft sees only their own",
			setup:   list(drafter),
			status:  200,
			content: []string{`"totalItems":1`, `"total":60`},
		},
		{
			name:    "GET scores - a member who has not started sees none",
			setup:   list(func(w *scoringWard) *core.Record { return w.Members[2] }),
			status:  200,
			content: []string{`"totalItems":0`},
		},
		{
			name:    "GET scores - the secretariat sees the submitted sheets, not the drafts",
			setup:   list(func(w *scoringWard) *core.Record { return w.Secretariat }),
			status:  200,
			content: []string{`"totalItems":2`},
		},
		{
			name:    "GET scores - the chairman sees the submitted sheets",
			setup:   list(func(w *scoringWard) *core.Record { return w.Chairman }),
			status:  200,
			content: []string{`"totalItems":2`},
		},
		{
			name:    "GET scores - the author sees no sheet",
			setup:   list(author),
			status:  200,
			content: []string{`"totalItems":0`},
		},
		{
			name: "GET scores - a sheet submitted on one initiative shows nothing of another",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				setup(t, w)
				other := w.Initiative(t, w.StaffB, "accepted", map[string]any{"council": w.Council.Id})
				w.Sheet(t, other, w.Members[0], "submitted", testkit.Points(5, 5, 5, 5), false)
				// Members[0]: a draft on Ini, a submitted sheet on the other one.
				return wardRequest{http.MethodGet, scoresURL + "?perPage=50", w.Members[0], nil}
			},
			status:  200,
			content: []string{`"totalItems":2`, `"total":60`, `"total":20`},
		},
		{
			name:    "GET scores/{id} - a member who submitted opens another's submitted sheet",
			setup:   view(submitter, chair),
			status:  200,
			content: []string{`"total":60`},
		},
		{
			name:    "GET scores/{id} - a member still drafting cannot open another's sheet",
			setup:   view(chair, drafter),
			status:  404,
			content: []string{`"status":404`},
		},
		{
			name:    "GET scores/{id} - the author cannot open a sheet on their initiative",
			setup:   view(chair, author),
			status:  404,
			content: []string{`"status":404`},
		},
		{
			name:    "GET scores/{id} - the secretariat cannot open a draft",
			setup:   view(drafter, func(w *scoringWard) *core.Record { return w.Secretariat }),
			status:  404,
			content: []string{`"status":404`},
		},
	})
}

func TestScoreSheetConcurrentCreate(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	member := apitest.As(w.Members[1])
	const n = 16
	var wg sync.WaitGroup
	start := make(chan struct{})
	statuses := make([]int, n)
	codes := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			status, out := apitest.Send(t, srv, http.MethodPost, scoresURL, member, apitest.JSON(map[string]any{
				"initiative": w.Ini.Id, "points": map[string]any{"novelty": 20}})).StatusJSON()

			statuses[i], codes[i] = status, apitest.ErrCode(out, "initiative")
		}()
	}
	close(start)
	wg.Wait()
	created := 0
	for i := range n {
		switch {
		case statuses[i] == 200:
			created++
		case statuses[i] == 400 && codes[i] == "duplicate_sheet":
		default:
			t.Errorf("request %d: status %d code %q, want 200 or 400 duplicate_sheet", i, statuses[i], codes[i])
		}
	}
	if created != 1 {
		t.Errorf("%d requests created a sheet, want exactly 1", created)
	}
	if got := w.count(t, "scores", "member = {:m}", map[string]any{"m": w.Members[1].Id}); got != 1 {
		t.Errorf("sheets stored = %d, want 1", got)
	}
}
