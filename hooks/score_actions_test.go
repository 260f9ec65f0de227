package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/testkit"
)

func TestSubmitSheet(t *testing.T) {
	t.Parallel()
	submit := func(s *core.Record) string { return "/api/reform/scores/" + s.Id + "/submit" }
	// draft saves a draft sheet of Members[1] with the given points; voted
	// says whether the vote was cast.
	draft := func(t testing.TB, w *scoringWard, p map[string]float64, voted bool) *core.Record {
		s := w.Sheet(t, w.Ini, w.Members[1], "draft", p, true)
		testkit.Update(t, w.App, s, map[string]any{"voted": voted})
		return s
	}
	stillDraft := func(t testing.TB, w *scoringWard, _ *http.Response) {
		rs, _ := w.App.FindAllRecords("scores")
		for _, s := range rs {
			if s.GetString("member") == w.Members[1].Id && s.GetString("status") != "draft" {
				t.Errorf("sheet status %q, want draft", s.GetString("status"))
			}
		}
	}
	runWardCases(t, []wardCase{
		{
			name: "POST /api/reform/scores/{id}/submit - a complete, voted draft is locked",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, submit(draft(t, w, testkit.Points(25, 15, 25, 15), true)), w.Members[1], nil}
			},
			status:  200,
			content: []string{`"status":"submitted"`, `"total":80`, `"approve":true`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				s, _ := w.App.FindFirstRecordByData("scores", "member", w.Members[1].Id)
				if s.GetDateTime("submitted_at").IsZero() {
					t.Error("submitted_at not set")
				}
				got := auditActions(t, w.App, s.Id)
				if len(got) != 1 || got[0] != "submit" {
					t.Errorf("audit %v, want [submit]", got)
				}
			},
		},
		{
			name: "POST /api/reform/scores/{id}/submit - the vote may come with the submission",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, submit(draft(t, w, testkit.Points(10, 10, 10, 10), false)), w.Members[1],
					map[string]any{"approve": false}}
			},
			status:  200,
			content: []string{`"status":"submitted"`, `"approve":false`, `"voted":true`},
		},
		{
			name: "POST /api/reform/scores/{id}/submit - missing criteria and vote should fail, listed",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, submit(draft(t, w, map[string]float64{"novelty": 20, "effectiveness": 0}, false)),
					w.Members[1], nil}
			},
			status: 400,
			content: []string{`"points":{"code":"score_incomplete"`,
				`"params":{"missing":["applicability","replicability","approve"]}`,
				`Khả năng áp dụng, Khả năng nhân rộng, Biểu quyết đề nghị công nhận`},
			after: stillDraft,
		},
		{
			name: "POST /api/reform/scores/{id}/submit - a vote not cast should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, submit(draft(t, w, testkit.Points(25, 15, 25, 15), false)), w.Members[1], nil}
			},
			status:  400,
			content: []string{`"params":{"missing":["approve"]}`},
			after:   stillDraft,
		},
		{
			name: "POST /api/reform/scores/{id}/submit - another member's sheet should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, submit(draft(t, w, testkit.Points(25, 15, 25, 15), true)), w.Members[2], nil}
			},
			status:  403,
			content: []string{`"auth":{"code":"forbidden"`},
			after:   stillDraft,
		},
		{
			name: "POST /api/reform/scores/{id}/submit - a submitted sheet should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				s := w.Sheet(t, w.Ini, w.Members[1], "submitted", testkit.Points(25, 15, 25, 15), true)
				return wardRequest{http.MethodPost, submit(s), w.Members[1], nil}
			},
			status:  400,
			content: []string{`"status":{"code":"invalid_transition"`},
		},
		{
			name: "POST /api/reform/scores/{id}/submit - after the decision should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				s := draft(t, w, testkit.Points(25, 15, 25, 15), true)
				w.setRound(t, "decided")
				return wardRequest{http.MethodPost, submit(s), w.Members[1], nil}
			},
			status:  400,
			content: []string{`"round":{"code":"round_not_in_review"`},
			after:   stillDraft,
		},
		{
			name: "POST /api/reform/scores/{id}/submit - a member who lost the seat should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				s := draft(t, w, testkit.Points(25, 15, 25, 15), true)
				if err := w.App.Delete(w.seat(t, w.Members[1])); err != nil {
					t.Fatal(err)
				}
				return wardRequest{http.MethodPost, submit(s), w.Members[1], nil}
			},
			status:  403,
			content: []string{`"initiative":{"code":"not_council_member"`},
		},
		{
			name: "POST /api/reform/scores/{id}/submit - an unknown sheet is not found",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, "/api/reform/scores/khongtontai1234/submit", w.Members[1], nil}
			},
			status:  404,
			content: []string{`"id":{"code":"not_found"`},
		},
	})
}

func TestReopenSheet(t *testing.T) {
	t.Parallel()
	reopen := func(s *core.Record) string { return "/api/reform/scores/" + s.Id + "/reopen" }
	submitted := func(t testing.TB, w *scoringWard) *core.Record {
		return w.Sheet(t, w.Ini, w.Members[1], "submitted", testkit.Points(25, 15, 25, 15), true)
	}
	reason := map[string]any{"reason": "Thành viên ghi nhầm điểm tiêu chí 2."}
	reopened := func(t testing.TB, w *scoringWard, _ *http.Response) {
		s, _ := w.App.FindFirstRecordByData("scores", "member", w.Members[1].Id)
		if s.GetString("status") != "draft" || s.GetString("reopen_reason") != reason["reason"] {
			t.Errorf("sheet %v", s.PublicExport())
		}
		entries, err := w.App.FindRecordsByFilter("audit_log", "record = {:id} && action = 'reopen'", "", 0, 0,
			map[string]any{"id": s.Id})
		if err != nil || len(entries) != 1 || entries[0].GetString("reason") != reason["reason"] {
			t.Errorf("reopen audit entries %d, %v", len(entries), err)
		}
	}
	stillSubmitted := func(t testing.TB, w *scoringWard, _ *http.Response) {
		s, _ := w.App.FindFirstRecordByData("scores", "member", w.Members[1].Id)
		if s.GetString("status") != "submitted" {
			t.Errorf("status %q, want submitted", s.GetString("status"))
		}
	}
	runWardCases(t, []wardCase{
		{
			name: "POST /api/reform/scores/{id}/reopen - the council's secretary reopens with a reason",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				// Members[0] holds the secretary's seat of the ward's council.
				return wardRequest{http.MethodPost, reopen(submitted(t, w)), w.Members[0], reason}
			},
			status:  200,
			content: []string{`"status":"draft"`, `"reopen_reason":"Thành viên ghi nhầm điểm tiêu chí 2."`},
			after:   reopened,
		},
		{
			name: "POST /api/reform/scores/{id}/reopen - the secretariat reopens with a reason",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, reopen(submitted(t, w)), w.Secretariat, reason}
			},
			status:  200,
			content: []string{`"status":"draft"`},
			after:   reopened,
		},
		{
			name: "POST /api/reform/scores/{id}/reopen - a plain member should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, reopen(submitted(t, w)), w.Members[2], reason}
			},
			status:  403,
			content: []string{`"auth":{"code":"forbidden"`},
			after:   stillSubmitted,
		},
		{
			name: "POST /api/reform/scores/{id}/reopen - the sheet's own member should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, reopen(submitted(t, w)), w.Members[1], reason}
			},
			status:  403,
			content: []string{`"auth":{"code":"own_sheet"`},
			after:   stillSubmitted,
		},
		{
			name: "POST /api/reform/scores/{id}/reopen - another council's secretary should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				c := w.completeCouncil(t)
				sec := w.User(t, "hd2.thuky@phuong.test", "Thư ký khác", nil, "staff", "council")
				testkit.Save(t, w.App, "council_members", map[string]any{"council": c.Id, "user": sec.Id, "position": "secretary"})
				return wardRequest{http.MethodPost, reopen(submitted(t, w)), sec, reason}
			},
			status:  403,
			content: []string{`"auth":{"code":"forbidden"`},
		},
		{
			name: "POST /api/reform/scores/{id}/reopen - without a reason should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, reopen(submitted(t, w)), w.Secretariat, map[string]any{"reason": "  "}}
			},
			status:  400,
			content: []string{`"reason":{"code":"reason_required"`},
			after:   stillSubmitted,
		},
		{
			name: "POST /api/reform/scores/{id}/reopen - a draft should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				s := w.Sheet(t, w.Ini, w.Members[1], "draft", testkit.Points(25, 15, 25, 15), true)
				return wardRequest{http.MethodPost, reopen(s), w.Secretariat, reason}
			},
			status:  400,
			content: []string{`"status":{"code":"invalid_transition"`},
		},
		{
			name: "POST /api/reform/scores/{id}/reopen - after the decision should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				s := submitted(t, w)
				w.setRound(t, "decided")
				return wardRequest{http.MethodPost, reopen(s), w.Secretariat, reason}
			},
			status:  400,
			content: []string{`"round":{"code":"round_not_in_review"`},
			after:   stillSubmitted,
		},
	})
}
