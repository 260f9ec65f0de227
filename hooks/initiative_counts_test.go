package hooks_test

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/demo"
	"sangkien/internal/testkit"
	"sangkien/internal/vocab"
)

// listed is the records API's list of initiatives for who under filter,
// every row of it (the list rule applies).
func listed(t *testing.T, srv any, who *core.Record, filter string) []map[string]any {
	t.Helper()
	q := url.Values{"filter": {filter}, "perPage": {"1000"}, "fields": {"id,status,late,council,owner,author_users"}}
	var list struct {
		TotalItems int `json:"totalItems"`
		Items      []map[string]any
	}
	apitest.Send(t, srv, http.MethodGet, "/api/collections/initiatives/records?"+q.Encode(), apitest.As(who)).DecodeOK(t, &list)
	if list.TotalItems != len(list.Items) {
		t.Fatalf("the list holds %d of %d rows: more than a page", len(list.Items), list.TotalItems)
	}
	return list.Items
}

// countsAsListed fails unless every account's round counts and council
// queues, wherever the routes answer it, are what the records API lists it
// under the list rule: the non-drafts of each round by status, the late
// ones and those with no council; each council's initiatives but the
// member's own, those of them their sheet is submitted on, their own. It
// returns how many answers it compared.
func countsAsListed(t *testing.T, app core.App, srv any, step string) int {
	t.Helper()
	users, err := app.FindAllRecords("users")
	if err != nil {
		t.Fatal(err)
	}
	rounds, _ := app.FindAllRecords("rounds")
	councils, _ := app.FindAllRecords("councils")
	compared := 0
	for _, u := range users {
		who := u.GetString("email")
		for _, round := range rounds {
			reply := apitest.Send(t, srv, http.MethodGet, fmt.Sprintf("/api/reform/rounds/%d/counts", round.GetInt("year")), apitest.As(u))
			if status, _ := reply.StatusBody(); status == http.StatusForbidden {
				continue
			}
			var got struct {
				Total, Late int
				ByStatus    map[string]int `json:"by_status"`
				NoCouncil   map[string]int `json:"no_council"`
			}
			reply.DecodeOK(t, &got)
			byStatus, noCouncil, late := map[string]int{}, map[string]int{}, 0
			for _, it := range listed(t, srv, u, fmt.Sprintf("round = %q && status != %q", round.Id, vocab.Draft)) {
				s := it["status"].(string)
				byStatus[s]++
				if it["council"] == "" {
					noCouncil[s]++
				}
				if it["late"] == true {
					late++
				}
			}
			total := 0
			for _, n := range byStatus {
				total += n
			}
			if !maps.Equal(got.ByStatus, byStatus) || !maps.Equal(got.NoCouncil, noCouncil) || got.Total != total || got.Late != late {
				t.Errorf("%s: %s, round %d: counts %+v, the list shows by status %v, no council %v, total %d, late %d",
					step, who, round.GetInt("year"), got, byStatus, noCouncil, total, late)
			}
			compared++
		}
		for _, c := range councils {
			reply := apitest.Send(t, srv, http.MethodGet, "/api/reform/councils/"+c.Id+"/queue", apitest.As(u))
			if status, _ := reply.StatusBody(); status == http.StatusForbidden {
				continue
			}
			var got struct{ Total, Done, Own int }
			reply.DecodeOK(t, &got)
			sheets, err := app.FindRecordsByFilter("scores", "member = {:m} && status = {:s}", "", 0, 0,
				map[string]any{"m": u.Id, "s": vocab.SheetSubmitted})
			if err != nil {
				t.Fatal(err)
			}
			in := map[string]bool{}
			for _, s := range sheets {
				in[s.GetString("initiative")] = true
			}
			total, done, own := 0, 0, 0
			for _, it := range listed(t, srv, u, fmt.Sprintf("council = %q", c.Id)) {
				authors, _ := it["author_users"].([]any)
				if it["owner"] == u.Id || slices.Contains(authors, any(u.Id)) {
					own++
					continue
				}
				total++
				if in[it["id"].(string)] {
					done++
				}
			}
			if got.Total != total || got.Done != done || got.Own != own {
				t.Errorf("%s: %s, council %s: queue %+v, the list shows total %d, done %d, own %d", step, who, c.GetString("name"), got, total, done, own)
			}
			compared++
		}
	}
	return compared
}

// The round counts and the council queue a caller the list rule admits to
// every row counted reads from the kept counts, anyone else counts under
// the rule: on the demo ward (every role; a council scoring, sheets in
// and started) every account's answers are what its REST list shows,
// before and after a status change, a council given and taken back, a
// sheet submitted, withdrawn and deleted, an initiative deleted, and the
// roles council and chairman taken away.
func TestKeptCountsAreWhatTheListRuleShowsEveryAccount(t *testing.T) {
	t.Parallel()
	app := testkit.NewApp(t)
	t.Cleanup(app.Cleanup)
	if _, err := demo.Fill(app, time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	srv := testkit.Serve(t, app)
	if n := countsAsListed(t, app, srv, "the demo ward"); n < 3 {
		t.Fatalf("the demo ward: %d answers compared: the comparison proves little", n)
	}
	council, err := app.FindFirstRecordByFilter("councils", "id != ''")
	if err != nil {
		t.Fatal(err)
	}
	first := func(collection, filter string, params map[string]any) *core.Record {
		t.Helper()
		r, err := app.FindFirstRecordByFilter(collection, filter, params)
		if err != nil {
			t.Fatalf("no %s where %s: %v", collection, filter, err)
		}
		return r
	}
	step := func(name string, change func()) {
		t.Helper()
		change()
		countsAsListed(t, app, srv, name)
	}
	round := council.GetString("round")
	step("a status change", func() {
		testkit.Update(t, app, first("initiatives", "round = {:r} && status = {:s}", map[string]any{"r": round, "s": vocab.Submitted}),
			map[string]any{"status": vocab.Endorsed, "late": true})
	})
	step("a council given", func() {
		testkit.Update(t, app, first("initiatives", "round = {:r} && status = {:s} && council = ''", map[string]any{"r": round, "s": vocab.Endorsed}),
			map[string]any{"status": vocab.Accepted, "council": council.Id})
	})
	step("a council taken back", func() {
		testkit.Update(t, app, first("initiatives", "council = {:c} && scored != ''", map[string]any{"c": council.Id}), map[string]any{"council": ""})
	})
	step("a sheet submitted", func() {
		testkit.Update(t, app, first("scores", "status = {:s} && initiative.council = {:c}", map[string]any{"s": vocab.SheetDraft, "c": council.Id}),
			map[string]any{"status": vocab.SheetSubmitted})
	})
	step("a sheet withdrawn", func() {
		testkit.Update(t, app, first("scores", "status = {:s} && initiative.council = {:c}", map[string]any{"s": vocab.SheetSubmitted, "c": council.Id}),
			map[string]any{"status": vocab.SheetDraft})
	})
	step("a sheet deleted", func() {
		if err := app.Delete(first("scores", "status = {:s} && initiative.council = {:c}", map[string]any{"s": vocab.SheetSubmitted, "c": council.Id})); err != nil {
			t.Fatal(err)
		}
	})
	step("an initiative deleted", func() {
		if err := app.Delete(first("initiatives", "council = {:c} && scored != ''", map[string]any{"c": council.Id})); err != nil {
			t.Fatal(err)
		}
	})
	member := first("council_members", "council = {:c}", map[string]any{"c": council.Id}).GetString("user")
	step("the role council taken away", func() {
		u := first("users", "id = {:id}", map[string]any{"id": member})
		testkit.Update(t, app, u, map[string]any{"roles": slices.DeleteFunc(u.GetStringSlice("roles"), func(r string) bool { return r == vocab.RoleCouncil })})
	})
	step("the role chairman taken away", func() {
		u := first("users", "roles ~ {:r}", map[string]any{"r": `"` + vocab.RoleChairman + `"`})
		testkit.Update(t, app, u, map[string]any{"roles": []string{vocab.RoleStaff}})
	})
}

// The kept counts are no collection: neither a superuser nor an officer
// lists them over REST (404), and no filter reaches them through
// @collection (400), so what a person may see stays the list rule's.
func TestKeptCountsAreNotReachedOverREST(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	w.Initiative(t, w.StaffA, "submitted", map[string]any{"code": "SK-1"})
	srv := testkit.Serve(t, w.App)
	for _, table := range []string{"initiative_counts", "council_sheet_counts"} {
		for _, who := range []*core.Record{w.Superuser, w.Chairman} {
			status, _ := apitest.Send(t, srv, http.MethodGet, "/api/collections/"+table+"/records", apitest.As(who)).StatusBody()
			if status != http.StatusNotFound {
				t.Errorf("%s listed by %s: %d, want 404", table, who.Collection().Name, status)
			}
		}
		q := url.Values{"filter": {"@collection." + table + ".n > 0"}}
		status, _ := apitest.Send(t, srv, http.MethodGet, "/api/collections/initiatives/records?"+q.Encode(), apitest.As(w.Chairman)).StatusBody()
		if status != http.StatusBadRequest {
			t.Errorf("a filter through @collection.%s: %d, want 400", table, status)
		}
	}
}
