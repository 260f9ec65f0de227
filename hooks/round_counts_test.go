package hooks_test

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestRoundCountsAreTheNonDraftsTheOfficersListShows puts in the round one
// initiative of every status, one of them late, a draft the chairman
// co-authors (his list shows it) and another's draft, then asks each
// officer the counts and the initiatives list as the records API filters
// it by the list rule: the counts are that list's rows but drafts, and
// the same for the chairman and the secretariat.
func TestRoundCountsAreTheNonDraftsTheOfficersListShows(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	w.Initiative(t, w.StaffA, "draft", map[string]any{"author_users": []string{w.StaffA.Id, w.Chairman.Id}})
	w.Initiative(t, w.StaffB, "draft", nil)
	w.Initiative(t, w.StaffA, "submitted", map[string]any{"code": "SK-1"})
	w.Initiative(t, w.StaffA2, "submitted", map[string]any{"code": "SK-2", "late": true})
	for i, status := range []string{"endorsed", "accepted", "recognized", "not_recognized", "returned", "withdrawn"} {
		w.Initiative(t, w.StaffB, status, map[string]any{"code": fmt.Sprintf("SK-%d", i+3)})
	}
	srv := testkit.Serve(t, w.App)
	year := w.Round.GetInt("year")
	want := map[string]int{"submitted": 2, "endorsed": 1, "accepted": 1, "recognized": 1, "not_recognized": 1, "returned": 1, "withdrawn": 1}
	for _, who := range []struct {
		name    string
		account *core.Record
		drafts  int // the drafts the list rule shows them
	}{{"chairman", w.Chairman, 1}, {"secretariat", w.Secretariat, 0}} {
		account := who.account
		var counts struct {
			Total, Late int
			ByStatus    map[string]int `json:"by_status"`
		}
		apitest.Send(t, srv, http.MethodGet, fmt.Sprintf("/api/reform/rounds/%d/counts", year), apitest.As(account)).DecodeOK(t, &counts)
		var list struct {
			Items []struct {
				Status string
				Late   bool
			}
		}
		q := url.Values{"filter": {fmt.Sprintf("round = %q", w.Round.Id)}, "perPage": {"500"}, "fields": {"status,late"}}
		apitest.Send(t, srv, http.MethodGet, "/api/collections/initiatives/records?"+q.Encode(), apitest.As(account)).DecodeOK(t, &list)
		listed, late, drafts := map[string]int{}, 0, 0
		for _, it := range list.Items {
			if it.Status == "draft" {
				drafts++
				continue
			}
			listed[it.Status]++
			if it.Late {
				late++
			}
		}
		if drafts != who.drafts {
			t.Errorf("%s: the list shows %d drafts, want %d", who.name, drafts, who.drafts)
		}
		if !maps.Equal(counts.ByStatus, listed) || !maps.Equal(counts.ByStatus, want) {
			t.Errorf("%s: by status %v, the list shows %v, want %v", who.name, counts.ByStatus, listed, want)
		}
		if counts.Total != 8 || counts.Late != 1 || late != 1 {
			t.Errorf("%s: total %d late %d (the list's late %d), want 8 and 1", who.name, counts.Total, counts.Late, late)
		}
	}
}

// TestRoundCountsOfAnUnknownYearAreNotFound asks the counts of a year
// with no round: 404 not_found on year.
func TestRoundCountsOfAnUnknownYearAreNotFound(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	apitest.Send(t, testkit.Handler(t, w.App), http.MethodGet, "/api/reform/rounds/1999/counts", apitest.As(w.Chairman)).
		WantError(t, http.StatusNotFound, "year", "not_found")
}

// TestRoundCountsOfAnOverseerReadTheKeptCountsAlone captures the SQL the
// chairman's counts run and asks SQLite its plan: the round's counts by
// status are read from the kept counts (initiative_counts, by its key
// round, status, council) in their order, grouped without a sort, and no
// initiative is read.
func TestRoundCountsOfAnOverseerReadTheKeptCountsAlone(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	w.Initiative(t, w.StaffA, "submitted", map[string]any{"code": "SK-1"})
	srv := testkit.Serve(t, w.App)
	db := w.App.ConcurrentDB().(*dbx.DB)
	var mu sync.Mutex
	var counted string
	db.QueryLogFunc = func(_ context.Context, _ time.Duration, sql string, _ *sql.Rows, _ error) {
		if strings.Contains(sql, "SUM(late)") {
			mu.Lock()
			counted = sql
			mu.Unlock()
		}
	}
	apitest.Send(t, srv, http.MethodGet, fmt.Sprintf("/api/reform/rounds/%d/counts", w.Round.GetInt("year")), apitest.As(w.Chairman)).Want(t, http.StatusOK)
	mu.Lock()
	query := counted // unlocked before the EXPLAIN below, which is logged too
	mu.Unlock()
	if query == "" {
		t.Fatal("the counts' query was not seen")
	}
	var plan []string
	rows, err := db.NewQuery("EXPLAIN QUERY PLAN " + query).Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if text := strings.Join(plan, "; "); text != "SEARCH initiative_counts USING PRIMARY KEY (round=?)" {
		t.Errorf("plan %q, want the round's kept counts read by their key alone, no sort, no initiative", text)
	}
}
