package hooks_test

import (
	"net/http"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/clock"
	"sangkien/internal/testkit"
)

// decidedWard is scoredWard with every sheet in: Members[2] submits a
// 60-point sheet against Ini2, which so has mean 50 but one approval of the
// two needed; Ini is recognised (mean 75, tier tốt).
func decidedWard(t testing.TB, w *scoringWard) *core.Record {
	t.Helper()
	ini2 := scoredWard(t, w)
	s, err := w.App.FindFirstRecordByFilter("scores", "initiative = {:i} && member = {:m}",
		map[string]any{"i": ini2.Id, "m": w.Members[2].Id})
	if err != nil {
		t.Fatal(err)
	}
	testkit.Update(t, w.App, s, map[string]any{"status": "submitted", "approve": false})
	return ini2
}

// decideURL is the decide route of w's round.
func decideURL(w *scoringWard) string {
	return "/api/reform/rounds/" + strconv.Itoa(w.Round.GetInt("year")) + "/decide"
}

// decisionBody is a complete decide body.
func decisionBody(extra map[string]any) map[string]any {
	b := map[string]any{"number": "125/QĐ-UBND", "signed_on": "29/09/2026", "signer": "Chu Thanh Lương",
		"summary": "Công nhận sáng kiến cải cách hành chính cấp phường năm 2026."}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

func TestDecide(t *testing.T) {
	t.Parallel()
	undecided := func(t testing.TB, w *scoringWard, _ *http.Response) {
		if s := reload(t, w.App, w.Round).GetString("status"); s != "review" {
			t.Errorf("round %s, want review", s)
		}
		if n := w.count(t, "decisions", "kind = 'recognition'", nil); n != 0 {
			t.Errorf("%d recognition decisions, want 0", n)
		}
		if s := reload(t, w.App, w.Ini).GetString("status"); s != "accepted" {
			t.Errorf("initiative %s, want accepted", s)
		}
	}
	var ini2 *core.Record
	runWardCases(t, []wardCase{
		{
			name: "POST /api/reform/rounds/{year}/decide - the chairman records the decision",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				ini2 = decidedWard(t, w)
				return wardRequest{http.MethodPost, decideURL(w), w.Chairman, decisionBody(nil)}
			},
			status:  200,
			content: []string{`"kind":"recognition"`, `"number":"125/QĐ-UBND"`, `"signed_on":"2026-09-28 17:00:00.000Z"`, `"warnings":[]`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				if s := reload(t, w.App, w.Round).GetString("status"); s != "decided" {
					t.Errorf("round %s, want decided", s)
				}
				d, err := w.App.FindFirstRecordByData("decisions", "kind", "recognition")
				if err != nil {
					t.Fatal(err)
				}
				if got := d.GetStringSlice("initiatives"); len(got) != 1 || got[0] != w.Ini.Id {
					t.Errorf("decision lists %v, want only Ini", got)
				}
				ini := reload(t, w.App, w.Ini)
				if ini.GetString("status") != "recognized" || ini.GetFloat("result_mean") != 75 ||
					ini.GetString("result_tier") != "tot" || ini.GetInt("result_rank") != 1 {
					t.Errorf("Ini %v", ini.PublicExport())
				}
				other := reload(t, w.App, ini2)
				if other.GetString("status") != "not_recognized" || other.GetFloat("result_mean") != 50 ||
					other.GetString("result_tier") != "" || other.GetInt("result_rank") != 2 {
					t.Errorf("Ini2 %v", other.PublicExport())
				}
				entries, err := w.App.FindRecordsByFilter("audit_log", "actor = {:a}", "@rowid", 0, 0,
					map[string]any{"a": w.Chairman.Id})
				if err != nil {
					t.Fatal(err)
				}
				var story []string
				for _, e := range entries {
					story = append(story, e.GetString("action")+" "+e.GetString("collection"))
				}
				want := []string{"create decisions", "recognize initiatives", "not_recognize initiatives", "decide rounds"}
				if !slices.Equal(story, want) {
					t.Errorf("audit %v, want %v", story, want)
				}
			},
		},
		{
			name: "POST /api/reform/rounds/{year}/decide - the secretariat may record it",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				decidedWard(t, w)
				return wardRequest{http.MethodPost, decideURL(w), w.Secretariat, decisionBody(nil)}
			},
			status:  200,
			content: []string{`"kind":"recognition"`},
		},
		{
			name: "POST /api/reform/rounds/{year}/decide - with sheets missing should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				scoredWard(t, w)
				return wardRequest{http.MethodPost, decideURL(w), w.Chairman, decisionBody(nil)}
			},
			status: 400,
			content: []string{`"reason":{"code":"sheets_missing"`, `"initiatives":["SK-2026-002"]`, `"sheets":1`,
				`Còn 1 phiếu chấm chưa nộp`},
			after: undecided,
		},
		{
			name: "POST /api/reform/rounds/{year}/decide - with sheets missing and a reason it goes through",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				ini2 = scoredWard(t, w)
				return wardRequest{http.MethodPost, decideURL(w), w.Chairman,
					decisionBody(map[string]any{"reason": "Thành viên Ngô Thị Mai đi công tác dài ngày."})}
			},
			status:  200,
			content: []string{`"kind":"recognition"`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				entries, err := w.App.FindRecordsByFilter("audit_log", "action = 'decide'", "", 0, 0)
				if err != nil || len(entries) != 1 || entries[0].GetString("reason") != "Thành viên Ngô Thị Mai đi công tác dài ngày." {
					t.Errorf("decide entries %d, %v", len(entries), err)
				}
				if s := reload(t, w.App, ini2).GetString("status"); s != "not_recognized" {
					t.Errorf("Ini2 %s, want not_recognized", s)
				}
			},
		},
		{
			name: "POST /api/reform/rounds/{year}/decide - an accepted initiative with no council is missing its sheets",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				decidedWard(t, w)
				w.completeCouncil(t) // two councils: no automatic assignment
				w.Initiative(t, w.StaffA2, "accepted", map[string]any{"code": "SK-2026-003"})
				return wardRequest{http.MethodPost, decideURL(w), w.Chairman, decisionBody(nil)}
			},
			status:  400,
			content: []string{`"reason":{"code":"sheets_missing"`, `"initiatives":["SK-2026-003"]`},
			after:   undecided,
		},
		{
			name: "POST /api/reform/rounds/{year}/decide - after the decision deadline it warns",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				decidedWard(t, w)
				deadline := w.Round.GetDateTime("decision_deadline").Time()
				clock.Of(w.App).Set(deadline.Add(26 * time.Hour))
				return wardRequest{http.MethodPost, decideURL(w), w.Chairman, decisionBody(nil)}
			},
			status: 200,
			content: []string{`"warnings":[{"code":"decision_deadline_passed"`,
				`Quyết định được ghi nhận sau thời hạn ban hành (hết ngày `},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				if s := reload(t, w.App, w.Round).GetString("status"); s != "decided" {
					t.Errorf("round %s, want decided: the warning does not refuse", s)
				}
			},
		},
		{
			name: "POST /api/reform/rounds/{year}/decide - at the decision deadline's instant it warns",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				decidedWard(t, w)
				clock.Of(w.App).Set(w.Round.GetDateTime("decision_deadline").Time())
				return wardRequest{http.MethodPost, decideURL(w), w.Chairman, decisionBody(nil)}
			},
			status:  200,
			content: []string{`"warnings":[{"code":"decision_deadline_passed"`},
		},
		{
			name: "POST /api/reform/rounds/{year}/decide - one second before the decision deadline, no warning",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				decidedWard(t, w)
				clock.Of(w.App).Set(w.Round.GetDateTime("decision_deadline").Time().Add(-time.Second))
				return wardRequest{http.MethodPost, decideURL(w), w.Chairman, decisionBody(nil)}
			},
			status:  200,
			content: []string{`"warnings":[]`},
		},
		{
			name: "POST /api/reform/rounds/{year}/decide - a round still open should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				decidedWard(t, w)
				w.setRound(t, "open")
				return wardRequest{http.MethodPost, decideURL(w), w.Chairman, decisionBody(nil)}
			},
			status:  400,
			content: []string{`"status":{"code":"invalid_transition"`},
		},
		{
			name: "POST /api/reform/rounds/{year}/decide - a round already decided should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				decidedWard(t, w)
				w.setRound(t, "decided")
				return wardRequest{http.MethodPost, decideURL(w), w.Chairman, decisionBody(nil)}
			},
			status:  400,
			content: []string{`"status":{"code":"invalid_transition"`},
		},
		{
			name: "POST /api/reform/rounds/{year}/decide - staff should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				decidedWard(t, w)
				return wardRequest{http.MethodPost, decideURL(w), w.StaffA, decisionBody(nil)}
			},
			status:  403,
			content: []string{`"auth":{"code":"forbidden"`},
			after:   undecided,
		},
		{
			name: "POST /api/reform/rounds/{year}/decide - the council's chair should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				decidedWard(t, w)
				return wardRequest{http.MethodPost, decideURL(w), w.Chair, decisionBody(nil)}
			},
			status:  403,
			content: []string{`"auth":{"code":"forbidden"`},
		},
		{
			name: "POST /api/reform/rounds/{year}/decide - without a number should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				decidedWard(t, w)
				return wardRequest{http.MethodPost, decideURL(w), w.Chairman, decisionBody(map[string]any{"number": " "})}
			},
			status:  400,
			content: []string{`"number":{"code":"required"`, `Số quyết định`},
			after:   undecided,
		},
		{
			name: "POST /api/reform/rounds/{year}/decide - a date that is not one should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				decidedWard(t, w)
				return wardRequest{http.MethodPost, decideURL(w), w.Chairman, decisionBody(map[string]any{"signed_on": "31/02/2026"})}
			},
			status:  400,
			content: []string{`"signed_on":{"code":"invalid_date"`},
		},
		{
			name: "POST /api/reform/rounds/{year}/decide - a body that is not JSON should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				decidedWard(t, w)
				return wardRequest{http.MethodPost, decideURL(w), w.Chairman, []any{"125/QĐ-UBND"}}
			},
			status:  400,
			content: []string{`"body":{"code":"invalid_body"`},
		},
	})
}

func TestDecideThenAuthorSeesOutcome(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	defer w.App.Cleanup()
	decidedWard(t, w)
	srv := testkit.Serve(t, w.App)
	author := apitest.As(w.StaffA)
	iniURL := "/api/collections/initiatives/records/" + w.Ini.Id

	before := apitest.Send(t, srv, http.MethodGet, iniURL, author).Want(t, 200)
	if before["result_tier"] != "" || before["result_mean"] != 0.0 {
		t.Fatalf("before the decision the author sees %v %v", before["result_mean"], before["result_tier"])
	}
	chairman := apitest.As(w.Chairman)
	apitest.Send(t, srv, http.MethodPost, decideURL(w), chairman, apitest.JSON(decisionBody(nil))).Want(t, 200)

	after := apitest.Send(t, srv, http.MethodGet, iniURL, author).Want(t, 200)
	if after["status"] != "recognized" || after["result_mean"] != 75.0 || after["result_tier"] != "tot" || after["result_rank"] != 1.0 {
		t.Errorf("the author sees %v", after)
	}
	// the outcome, never the individual sheets or the tally.
	if list := apitest.Send(t, srv, http.MethodGet, scoresURL, author).Want(t, 200); list["totalItems"] != 0.0 {
		t.Errorf("the author sees %v sheets", list["totalItems"])
	}
	apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+strconv.Itoa(w.Round.GetInt("year"))+"/results", author).WantError(t, 403, "auth", "forbidden")

}
