package hooks_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"sangkien/hooks"
	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// newCouncil saves a second, empty council in the ward's round directly.
func (w *scoringWard) newCouncil(t testing.TB, name string) *core.Record {
	t.Helper()
	return testkit.Save(t, w.App, "councils", map[string]any{"round": w.Round.Id, "name": name})
}

func TestCouncilMembers(t *testing.T) {
	t.Parallel()
	const seats = "/api/collections/council_members/records"
	newcomer := func(t testing.TB, w *scoringWard) *core.Record {
		return w.User(t, "hd.moi@phuong.test", "Trịnh Văn Mới", nil, "staff", "council")
	}
	chairs := func(t testing.TB, w *scoringWard) int {
		return w.count(t, "council_members", "council = {:c} && position = 'chair'", map[string]any{"c": w.Council.Id})
	}
	runWardCases(t, []wardCase{
		{
			name: "POST council_members - a second chair should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.setRound(t, "open")
				return wardRequest{http.MethodPost, seats, w.Secretariat,
					map[string]any{"council": w.Council.Id, "user": newcomer(t, w).Id, "position": "chair", "votes": true}}
			},
			status:  400,
			content: []string{`"position":{"code":"one_chair"`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				if n := chairs(t, w); n != 1 {
					t.Errorf("chairs = %d, want 1", n)
				}
			},
		},
		{
			name: "PATCH council_members/{id} - making a member chair beside the chair should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.setRound(t, "open")
				return wardRequest{http.MethodPatch, seats + "/" + w.seat(t, w.Members[1]).Id, w.Secretariat,
					map[string]any{"position": "chair"}}
			},
			status:  400,
			content: []string{`"position":{"code":"one_chair"`},
		},
		{
			name: "PATCH council_members/{id} - the chair's own seat may change",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.setRound(t, "open")
				return wardRequest{http.MethodPatch, seats + "/" + w.seat(t, w.Chair).Id, w.Secretariat,
					map[string]any{"position": "chair", "votes": false}}
			},
			status:  200,
			content: []string{`"position":"chair"`, `"votes":false`},
		},
		{
			name: "PATCH council_members/{id} - the chair handing over to a member once the chair stepped down",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.setRound(t, "open")
				testkit.Update(t, w.App, w.seat(t, w.Chair), map[string]any{"position": "member"})
				return wardRequest{http.MethodPatch, seats + "/" + w.seat(t, w.Members[1]).Id, w.Secretariat,
					map[string]any{"position": "chair"}}
			},
			status:  200,
			content: []string{`"position":"chair"`},
		},
		{
			name: "POST council_members - a person without the council role should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.setRound(t, "open")
				return wardRequest{http.MethodPost, seats, w.Secretariat,
					map[string]any{"council": w.Council.Id, "user": w.StaffA2.Id, "position": "member", "votes": true}}
			},
			status:  400,
			content: []string{`"user":{"code":"not_council_role"`, `Trần Thị Bình`},
		},
		{
			name: "POST council_members - staff may not seat anyone",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.setRound(t, "open")
				return wardRequest{http.MethodPost, seats, w.StaffA,
					map[string]any{"council": w.Council.Id, "user": newcomer(t, w).Id, "position": "member", "votes": true}}
			},
			status:  400,
			content: []string{`"data":{}`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				if n := w.count(t, "council_members", "council = {:c}", map[string]any{"c": w.Council.Id}); n != 4 {
					t.Errorf("seats = %d, want 4", n)
				}
			},
		},
		{
			name: "POST council_members - once the round is decided should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.setRound(t, "decided")
				return wardRequest{http.MethodPost, seats, w.Secretariat,
					map[string]any{"council": w.Council.Id, "user": newcomer(t, w).Id, "position": "member", "votes": true}}
			},
			status:  400,
			content: []string{`"council":{"code":"council_locked"`},
		},
		{
			name: "POST council_members - in review a member joins a complete council",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, seats, w.Secretariat,
					map[string]any{"council": w.Council.Id, "user": newcomer(t, w).Id, "position": "member", "votes": true}}
			},
			status:  200,
			content: []string{`"position":"member"`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				if got := auditActions(t, w.App, w.seat(t, w.Members[0]).Id); len(got) != 0 {
					t.Errorf("unrelated seat audited: %v", got)
				}
			},
		},
		{
			name: "POST council_members - in review a council being formed is filled seat by seat",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				second := w.newCouncil(t, "Hội đồng thứ hai")
				return wardRequest{http.MethodPost, seats, w.Secretariat,
					map[string]any{"council": second.Id, "user": newcomer(t, w).Id, "position": "chair", "votes": true}}
			},
			status:  200,
			content: []string{`"position":"chair"`},
		},
		{
			name: "DELETE council_members/{id} - in review, leaving two voters should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				testkit.Update(t, w.App, w.seat(t, w.Members[2]), map[string]any{"votes": false})
				return wardRequest{http.MethodDelete, seats + "/" + w.seat(t, w.Members[1]).Id, w.Secretariat, nil}
			},
			status:  400,
			content: []string{`"council":{"code":"council_incomplete"`, `"voters":2`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				w.seat(t, w.Members[1]) // still seated: the delete was rolled back
				if got := auditActions(t, w.App, w.seat(t, w.Members[1]).Id); len(got) != 0 {
					t.Errorf("refused delete audited: %v", got)
				}
			},
		},
		{
			name: "DELETE council_members/{id} - in review, leaving three voters is allowed",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodDelete, seats + "/" + w.seat(t, w.Members[1]).Id, w.Secretariat, nil}
			},
			status: 204,
		},
		{
			name: "DELETE council_members/{id} - while open, a council may be incomplete",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.setRound(t, "open")
				testkit.Update(t, w.App, w.seat(t, w.Members[2]), map[string]any{"votes": false})
				return wardRequest{http.MethodDelete, seats + "/" + w.seat(t, w.Members[1]).Id, w.Secretariat, nil}
			},
			status: 204,
		},
		{
			name: "DELETE council_members/{id} - once the round is decided should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.setRound(t, "decided")
				return wardRequest{http.MethodDelete, seats + "/" + w.seat(t, w.Members[1]).Id, w.Secretariat, nil}
			},
			status:  400,
			content: []string{`"council":{"code":"council_locked"`},
		},
		{
			name: "PATCH council_members/{id} - in review, taking the vote below three should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				testkit.Update(t, w.App, w.seat(t, w.Members[2]), map[string]any{"votes": false})
				return wardRequest{http.MethodPatch, seats + "/" + w.seat(t, w.Members[1]).Id, w.Secretariat,
					map[string]any{"votes": false}}
			},
			status:  400,
			content: []string{`"council":{"code":"council_incomplete"`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				if !w.seat(t, w.Members[1]).GetBool("votes") {
					t.Errorf("the refused change was saved")
				}
			},
		},
		{
			name: "POST councils - for a decided round should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.setRound(t, "decided")
				return wardRequest{http.MethodPost, "/api/collections/councils/records", w.Secretariat,
					map[string]any{"round": w.Round.Id, "name": "Hội đồng bổ sung"}}
			},
			status:  400,
			content: []string{`"council":{"code":"council_locked"`},
		},
		{
			name: "DELETE councils/{id} - in review should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodDelete, "/api/collections/councils/records/" + w.Council.Id, w.Secretariat, nil}
			},
			status:  400,
			content: []string{`"council":{"code":"council_locked"`},
		},
		{
			name: "DELETE councils/{id} - while open is allowed",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				w.setRound(t, "open")
				return wardRequest{http.MethodDelete, "/api/collections/councils/records/" + w.Council.Id, w.Secretariat, nil}
			},
			status: 204,
		},
	})
}

func TestCouncilReady(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		setup func(t testing.TB, w *scoringWard)
		ready bool
	}{
		{"the ward's council: a chair and four voters", func(testing.TB, *scoringWard) {}, true},
		{"three voters is enough", func(t testing.TB, w *scoringWard) {
			testkit.Update(t, w.App, w.seat(t, w.Members[2]), map[string]any{"votes": false})
		}, true},
		{"two voters is not", func(t testing.TB, w *scoringWard) {
			testkit.Update(t, w.App, w.seat(t, w.Members[2]), map[string]any{"votes": false})
			testkit.Update(t, w.App, w.seat(t, w.Members[1]), map[string]any{"votes": false})
		}, false},
		{"no chair is not", func(t testing.TB, w *scoringWard) {
			testkit.Update(t, w.App, w.seat(t, w.Chair), map[string]any{"position": "vice_chair"})
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newScoringWard(t)
			defer w.App.Cleanup()
			c.setup(t, w)
			err := hooks.CouncilReady(w.App, w.Council.Id)
			if c.ready {
				if err != nil {
					t.Fatalf("CouncilReady = %v, want nil", err)
				}
				return
			}
			var apiErr *router.ApiError
			if !errors.As(err, &apiErr) || apiErr.Status != 400 {
				t.Fatalf("CouncilReady = %v, want a 400 API error", err)
			}
			item, _ := apiErr.Data["council"].(map[string]any)
			if item["code"] != "council_incomplete" {
				t.Errorf("data = %v, want council.code council_incomplete", apiErr.Data)
			}
		})
	}
}

func TestOneChairOnEverySave(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	defer w.App.Cleanup()
	// a direct save (the dashboard, a script in Go) is held to one chair too.
	seat := w.seat(t, w.Members[0])
	seat.Set("position", "chair")
	var apiErr *router.ApiError
	if err := w.App.Save(seat); !errors.As(err, &apiErr) || apitest.ErrCode(map[string]any{"data": apiErr.Data}, "position") != "one_chair" {
		t.Fatalf("save = %v, want one_chair", err)
	}
}
