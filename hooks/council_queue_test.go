package hooks_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/hooks"
	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestCouncilQueueCountsAndNextFollowTheSheets: the queue route counts the
// council's initiatives but the member's own (owned or co-authored; one
// with no linked author is in the queue), the own ones apart, the done
// ones as sheets are submitted; next is the started sheet first, else the
// first not scored in code order, and none once all are done. Its total is
// the REST list's for the page's filter, the same initiatives.
func TestCouncilQueueCountsAndNextFollowTheSheets(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t) // SK-2026-001 by staff A on the council, round in review
	srv := testkit.Serve(t, w.App)
	me := w.Members[0]
	on := func(code string, owner *core.Record, authors ...string) *core.Record {
		return w.Initiative(t, owner, "accepted", map[string]any{"code": code, "council": w.Council.Id, "author_users": authors})
	}
	noAuthor := on("SK-2026-002", w.StaffB)
	on("SK-2026-003", w.StaffB, w.StaffB.Id, me.Id) // co-authored by the member
	on("SK-2026-004", me, me.Id)                    // the member's own
	last := on("SK-2026-005", w.StaffA2, w.StaffA2.Id)
	council2 := testkit.Save(t, w.App, "councils", map[string]any{"round": w.Round.Id, "name": "Hội đồng thứ hai"})
	w.Initiative(t, w.StaffB, "accepted", map[string]any{"code": "SK-2026-006", "council": council2.Id})

	path := "/api/reform/councils/" + w.Council.Id + "/queue"
	type next struct{ ID, Code, Title string }
	var got struct {
		Total, Done, Own int
		Next             *next
	}
	ask := func() {
		t.Helper()
		got.Next = nil
		apitest.Send(t, srv, http.MethodGet, path, apitest.As(me)).DecodeOK(t, &got)
	}
	ask()
	if got.Total != 3 || got.Done != 0 || got.Own != 2 || got.Next == nil || got.Next.ID != w.Ini.Id || got.Next.Code != "SK-2026-001" {
		t.Fatalf("before any sheet: %+v next %+v, want 3 to score, 2 own, next SK-2026-001", got, got.Next)
	}
	// the page lists the same three with the same filter, under the rule.
	q := url.Values{"filter": {strings.NewReplacer("{:c}", `"`+w.Council.Id+`"`, "{:me}", `"`+me.Id+`"`).Replace(hooks.QueueFilter)},
		"sort": {"code"}, "fields": {"code"}}
	list := apitest.Send(t, srv, http.MethodGet, "/api/collections/initiatives/records?"+q.Encode(), apitest.As(me)).Want(t, http.StatusOK)
	var codes []string
	for _, it := range list["items"].([]any) {
		codes = append(codes, it.(map[string]any)["code"].(string))
	}
	if list["totalItems"] != float64(got.Total) || strings.Join(codes, " ") != "SK-2026-001 SK-2026-002 SK-2026-005" {
		t.Errorf("the page's list: %v of %v, want the route's %d: SK-2026-001 SK-2026-002 SK-2026-005", codes, list["totalItems"], got.Total)
	}

	// one submitted, a later one started: the started one is next.
	w.Sheet(t, w.Ini, me, "submitted", testkit.Points(20, 15, 20, 10), true)
	started := w.Sheet(t, last, me, "draft", map[string]float64{"novelty": 12}, false)
	ask()
	if got.Total != 3 || got.Done != 1 || got.Next == nil || got.Next.ID != last.Id {
		t.Fatalf("one done, one started: %+v next %+v, want 1/3 and next SK-2026-005", got, got.Next)
	}
	// another member's sheet counts for them, not for me.
	w.Sheet(t, noAuthor, w.Members[1], "submitted", testkit.Points(20, 15, 20, 10), true)
	testkit.Update(t, w.App, started, map[string]any{"status": "submitted", "points": testkit.Points(20, 15, 20, 10), "approve": true})
	ask()
	if got.Done != 2 || got.Next == nil || got.Next.ID != noAuthor.Id {
		t.Fatalf("two done: %+v next %+v, want 2/3 and next SK-2026-002", got, got.Next)
	}
	w.Sheet(t, noAuthor, me, "submitted", testkit.Points(20, 15, 20, 10), true)
	ask()
	if got.Done != 3 || got.Total != 3 || got.Next != nil {
		t.Errorf("all done: %+v next %+v, want 3/3 and no next", got, got.Next)
	}
}

// TestCouncilQueueIsTheSeatHoldersAlone: only an account seated on the
// council reads its queue; anyone else signed in gets 403 (officers
// included: they have the progress page), nobody signed in 401, an
// unknown council 404.
func TestCouncilQueueIsTheSeatHoldersAlone(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	srv := testkit.Serve(t, w.App)
	council2 := testkit.Save(t, w.App, "councils", map[string]any{"round": w.Round.Id, "name": "Hội đồng thứ hai"})
	elsewhere := w.User(t, "hd2@phuong.test", "Thành viên hội đồng khác", nil, "staff", "council")
	testkit.Save(t, w.App, "council_members", map[string]any{"council": council2.Id, "user": elsewhere.Id, "position": "member", "votes": true})
	path := "/api/reform/councils/" + w.Council.Id + "/queue"

	apitest.Send(t, srv, http.MethodGet, path).WantError(t, http.StatusUnauthorized, "auth", "unauthorized")
	for _, who := range []*core.Record{w.StaffA, w.HeadA, w.Secretariat, w.Chairman, elsewhere} {
		if got := apitest.Send(t, srv, http.MethodGet, path, apitest.As(who)); got.Status != http.StatusForbidden {
			t.Errorf("%s: %d, want 403", who.Email(), got.Status)
		}
	}
	apitest.Send(t, srv, http.MethodGet, path, apitest.As(w.Superuser)).WantError(t, http.StatusForbidden, "auth", "forbidden")
	for _, who := range []*core.Record{w.Chair, w.Members[2]} {
		apitest.Send(t, srv, http.MethodGet, path, apitest.As(who)).Want(t, http.StatusOK)
	}
	apitest.Send(t, srv, http.MethodGet, "/api/reform/councils/nokhongtontai00/queue", apitest.As(w.Members[0])).
		WantError(t, http.StatusNotFound, "id", "not_found")
}
