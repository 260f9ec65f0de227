package hooks_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/clock"
	"sangkien/internal/quota"
	"sangkien/internal/testkit"
)

// expectEndorsed fails unless initiative id is endorsed, marked late as
// late says, with endorsed_at at the server's (pinned) time, and counts
// toward unit A's quota exactly when it is not late.
func expectEndorsed(late bool) func(testing.TB, *testkit.Ward, string) {
	return func(t testing.TB, w *testkit.Ward, id string) {
		t.Helper()
		r := expectStatus(t, w.App, id, "endorsed")
		if r.GetBool("late") != late {
			t.Errorf("late = %v, want %v", r.GetBool("late"), late)
		}
		// PocketBase keeps milliseconds: the pinned instant, truncated.
		if got, want := r.GetDateTime("endorsed_at").Time(), clock.Of(w.App).Now().Truncate(time.Millisecond); !got.Equal(want) {
			t.Errorf("endorsed_at = %v, want %v", got, want)
		}
		lines, err := quota.Compute(w.App, w.Round, w.UnitA.Id)
		if err != nil {
			t.Fatal(err)
		}
		want := 1
		if late {
			want = 0
		}
		if lines[0].Counted != want || lines[0].Late != 1-want {
			t.Errorf("quota: counted %d, late %d; want %d, %d", lines[0].Counted, lines[0].Late, want, 1-want)
		}
	}
}

// TestEndorseDeadline: the deadline is the unit's: its head's endorsement
// before it is on time, at its very instant or after is late (still
// taken, kept out of the quota). The author submitted two days before.
func TestEndorseDeadline(t *testing.T) {
	t.Parallel()
	runCases(t, []actionCase{
		{
			name: "one nanosecond before the deadline", caller: byHeadA, url: action("endorse"),
			setup:  deadlineWorld("submitted", -time.Nanosecond, nil, nil),
			status: 200, content: []string{`"status":"endorsed"`, `"late":false`},
			check: expectEndorsed(false),
		},
		{
			name: "at the deadline's instant", caller: byHeadA, url: action("endorse"),
			setup:  deadlineWorld("submitted", 0, nil, nil),
			status: 200, content: []string{`"status":"endorsed"`, `"late":true`},
			check: expectEndorsed(true),
		},
		{
			name: "a day after the deadline", caller: byHeadA, url: action("endorse"),
			setup:  deadlineWorld("submitted", 24*time.Hour, nil, nil),
			status: 200, content: []string{`"late":true`},
			check: expectEndorsed(true),
		},
		{
			name: "within the unit's extension", caller: byHeadA, url: action("endorse"),
			setup:  deadlineWorld("submitted", 5*24*time.Hour-time.Nanosecond, nil, extendA),
			status: 200, content: []string{`"late":false`},
			check: expectEndorsed(false),
		},
		{
			name: "at the extension's end", caller: byHeadA, url: action("endorse"),
			setup:  deadlineWorld("submitted", 5*24*time.Hour, nil, extendA),
			status: 200, content: []string{`"late":true`},
			check: expectEndorsed(true),
		},
		{
			name: "a re-submission starts clean: no endorsement, not late", caller: byStaffA, url: action("submit"),
			setup: func(t testing.TB, w *testkit.Ward) string {
				id := deadlineWorld("returned", -time.Hour, nil, nil)(t, w)
				testkit.Update(t, w.App, mustFind(t, w.App, "initiatives", id), map[string]any{
					"late": true, "endorsed_at": roundDeadline(w).Add(-30 * 24 * time.Hour)})
				return id
			},
			status: 200, content: []string{`"status":"submitted"`, `"late":false`, `"endorsed_at":""`},
		},
		{
			name: "in review, after the deadline", caller: byHeadA, url: action("endorse"),
			setup: func(t testing.TB, w *testkit.Ward) string {
				id := deadlineWorld("submitted", time.Hour, nil, nil)(t, w)
				testkit.Update(t, w.App, w.Round, map[string]any{"status": "review"})
				return id
			},
			status: 200, content: []string{`"late":true`},
			check: expectEndorsed(true),
		},
	})
}

// TestEndorsedLateThroughTheAPI: an author submits in time, the unit head
// endorses after the deadline; the quota route does not count it, the
// secretariat accepts it only with late_ok, and it stays late.
func TestEndorsedLateThroughTheAPI(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	as := func(who func(*testkit.Ward) *core.Record) apitest.Option {
		return apitest.As(who(w))
	}
	d := roundDeadline(w)
	testkit.Update(t, w.App, w.Round, map[string]any{"submission_deadline": d})
	ini := w.Initiative(t, w.StaffA, "draft", map[string]any{"first_applied": clock.Date(w.Round.GetInt("year"), time.January, 15)})
	path := "/api/reform/initiatives/" + ini.Id

	setClock(w.App, d.Add(-time.Hour))
	apitest.Send(t, srv, http.MethodPost, path+"/submit", as(byStaffA)).Want(t, 200)
	setClock(w.App, d.Add(time.Hour))
	out := apitest.Send(t, srv, http.MethodPost, path+"/endorse", as(byHeadA)).Want(t, 200)
	if out["late"] != true || out["endorsed_at"] == "" {
		t.Errorf("endorsed after the deadline: late %v, endorsed_at %v", out["late"], out["endorsed_at"])
	}

	q := apitest.Send(t, srv, http.MethodGet, fmt.Sprintf("/api/reform/rounds/%d/quota", w.Round.GetInt("year")), as(bySecretariat)).Want(t, 200)
	a := quotaLines(t, q)["VP"]
	if a.Counted != 0 || a.Late != 1 || a.OnTime != 0 || a.Endorsed != 1 || a.Met {
		t.Errorf("unit A's quota line %+v: an endorsement after the deadline must not count", a)
	}

	apitest.Send(t, srv, http.MethodPost, path+"/accept", as(bySecretariat)).WantError(t, 400, "deadline", "deadline_passed")
	out = apitest.Send(t, srv, http.MethodPost, path+"/accept", as(bySecretariat), apitest.JSON(map[string]any{"late_ok": true})).Want(t, 200)
	if out["status"] != "accepted" || out["late"] != true {
		t.Errorf("accepted with late_ok: status %v, late %v", out["status"], out["late"])
	}
}
