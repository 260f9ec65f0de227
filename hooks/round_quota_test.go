package hooks_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"sangkien/internal/apitest"
	"sangkien/internal/clock"
	"sangkien/internal/deadline"
	"sangkien/internal/testkit"
	"sangkien/internal/vocab"
)

// quotaURL is the quota report of the ward's round.
func quotaURL(w *testkit.Ward) func(string) string {
	return func(string) string { return fmt.Sprintf("/api/reform/rounds/%d/quota", w.Round.GetInt("year")) }
}

// quotaLine is one unit's line of the report, as a script reads it.
type quotaLine struct {
	Unit       string `json:"unit"`
	Code       string `json:"code"`
	Deadline   string `json:"deadline_text"`
	Extended   bool   `json:"extended"`
	Required   int    `json:"required"`
	OnTime     int    `json:"submitted_on_time"`
	Late       int    `json:"late"`
	Endorsed   int    `json:"endorsed"`
	Accepted   int    `json:"accepted"`
	Recognized int    `json:"recognized"`
	Nominated  int    `json:"nominated"`
	Counted    int    `json:"counted"`
	Met        bool   `json:"met"`
}

// quotaLines decodes the units of a quota answer by unit code.
func quotaLines(t testing.TB, body map[string]any) map[string]quotaLine {
	t.Helper()
	raw, _ := json.Marshal(body["units"])
	var lines []quotaLine
	if err := json.Unmarshal(raw, &lines); err != nil {
		t.Fatal(err)
	}
	out := map[string]quotaLine{}
	for _, l := range lines {
		out[l.Code] = l
	}
	return out
}

func TestQuotaAccess(t *testing.T) {
	t.Parallel()
	year := deadline.OpenYear(time.Now()) // the seeded round's
	url := func(string) string { return fmt.Sprintf("/api/reform/rounds/%d/quota", year) }
	all := func(t testing.TB, _ *testkit.Ward, body map[string]any) {
		lines := quotaLines(t, body)
		if len(lines) != 6 {
			t.Errorf("%d units, want the 6 active ones", len(lines))
		}
	}
	runCases(t, []actionCase{
		{name: "secretariat sees every unit", method: http.MethodGet, caller: bySecretariat, url: url,
			status: 200, content: []string{`"code":"VP"`, `"code":"TYT"`}, checkBody: all},
		{name: "chairman sees every unit", method: http.MethodGet, caller: byChairman, url: url,
			status: 200, content: []string{`"code":"VP"`, `"code":"TYT"`}, checkBody: all},
		{name: "superuser sees every unit", method: http.MethodGet, caller: bySuperuser, url: url,
			status: 200, content: []string{`"code":"VP"`}, checkBody: all},
		{name: "unit head sees only their unit", method: http.MethodGet, caller: byHeadA, url: url,
			status: 200, content: []string{`"code":"VP"`}, absent: []string{`"code":"TYT"`},
			checkBody: func(t testing.TB, _ *testkit.Ward, body map[string]any) {
				if n := len(quotaLines(t, body)); n != 1 {
					t.Errorf("%d units, want 1", n)
				}
			}},
		{name: "an inactive unit is left out", method: http.MethodGet, caller: bySecretariat, url: url,
			setup: func(t testing.TB, w *testkit.Ward) string {
				testkit.Update(t, w.App, w.UnitB, map[string]any{"active": false})
				return ""
			},
			status: 200, content: []string{`"code":"VP"`}, absent: []string{`"code":"TYT"`}},
		{name: "staff may not", method: http.MethodGet, caller: byStaffA, url: url,
			status: 403, content: []string{code("forbidden")}},
		{name: "a council member may not", method: http.MethodGet, caller: byMember, url: url,
			status: 403, content: []string{code("forbidden")}},
		{name: "anonymous", method: http.MethodGet, url: url,
			status: 401, content: []string{`"status":401`}},
		{name: "unknown year", method: http.MethodGet, caller: bySecretariat,
			url:    func(string) string { return "/api/reform/rounds/1999/quota" },
			status: 404, content: []string{code("not_found")}},
	})
}

func TestQuotaCounts(t *testing.T) {
	t.Parallel()
	var url func(string) string
	runCases(t, []actionCase{{
		name: "every stage counted as the directive says", method: http.MethodGet, caller: bySecretariat,
		url: func(string) string { return url("") },
		setup: func(t testing.TB, w *testkit.Ward) string {
			url = quotaURL(w)
			// "trước ngày 25/9": 25/9 00:00, whose last day is 24/9.
			testkit.Update(t, w.App, w.Round, map[string]any{"submission_deadline": roundDeadline(w)})
			d := w.Round.GetDateTime("submission_deadline").Time()
			testkit.Update(t, w.App, w.UnitA, map[string]any{"quota": 2})
			onTime := map[string]any{"submitted_at": d.Add(-time.Hour)}
			for _, st := range vocab.Statuses.Words {
				if st != vocab.Recognized {
					w.Initiative(t, w.StaffA, st, onTime)
				}
			}
			w.Initiative(t, w.StaffA, "recognized", map[string]any{"nominated": true, "submitted_at": d.Add(-time.Hour)})
			// late: marked, or submitted at or after the deadline.
			w.Initiative(t, w.StaffA2, "endorsed", map[string]any{"late": true, "submitted_at": d.Add(-time.Hour)})
			w.Initiative(t, w.StaffA2, "accepted", map[string]any{"submitted_at": d})
			// unit B: an extension, one submission after the round's deadline
			// but within it, one endorsed within it.
			extend(t, w, w.UnitB, d.AddDate(0, 0, 3))
			w.Initiative(t, w.StaffB, "submitted", map[string]any{"submitted_at": d.Add(time.Hour)})
			w.Initiative(t, w.StaffB, "endorsed", map[string]any{"submitted_at": d.Add(2 * time.Hour)})
			w.Initiative(t, w.StaffB, "endorsed", map[string]any{"submitted_at": d.AddDate(0, 0, 4)})
			return ""
		},
		status: 200, content: []string{`"units":[`},
		checkBody: func(t testing.TB, w *testkit.Ward, body map[string]any) {
			lines := quotaLines(t, body)
			a, b := lines["VP"], lines["TYT"]
			wantA := quotaLine{Unit: w.UnitA.Id, Code: "VP", Deadline: a.Deadline, Required: 2,
				OnTime: 5, Late: 2, Endorsed: 6, Accepted: 4, Recognized: 1, Nominated: 1, Counted: 4, Met: true}
			if a != wantA {
				t.Errorf("VP\n got %+v\nwant %+v", a, wantA)
			}
			wantB := quotaLine{Unit: w.UnitB.Id, Code: "TYT", Deadline: b.Deadline, Extended: true, Required: 1,
				OnTime: 2, Late: 1, Endorsed: 2, Counted: 1, Met: true}
			if b != wantB {
				t.Errorf("TYT\n got %+v\nwant %+v", b, wantB)
			}
			d := w.Round.GetDateTime("submission_deadline").Time()
			// shown as the last day one can act, and the instant.
			lastDay := func(d time.Time) string {
				return "hết ngày " + clock.FormatDate(d.AddDate(0, 0, -1)) + " (tức trước " + clock.FormatDateTime(d) + ", giờ Việt Nam)"
			}
			if a.Deadline != lastDay(d) || b.Deadline != lastDay(d.AddDate(0, 0, 3)) {
				t.Errorf("deadlines %s, %s", a.Deadline, b.Deadline)
			}
			for _, u := range body["units"].([]any) {
				if l := u.(map[string]any); l["code"] == "VP" && l["deadline"] != w.Round.GetDateTime("submission_deadline").String() {
					t.Errorf("VP deadline %v, want %s", l["deadline"], w.Round.GetDateTime("submission_deadline").String())
				}
			}
			if vh := lines["VHXH"]; vh.Required != 1 || vh.Met || vh.OnTime != 0 {
				t.Errorf("VHXH %+v", vh)
			}
		},
	}})
}

// TestQuotaWhileSubmissionsRace submits and endorses 100 initiatives of
// two units at once while the report is read over and over: every report
// is a consistent moment (counts only grow, endorsed never exceeds
// submitted) and the last one is exact.
func TestQuotaWhileSubmissionsRace(t *testing.T) {
	t.Parallel()
	const perUnit = 50
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	type job struct{ id, owner, head string }
	var jobs []job
	for i := 0; i < perUnit; i++ {
		a := w.Initiative(t, w.StaffA, "draft", nil)
		b := w.Initiative(t, w.StaffB, "draft", nil)
		jobs = append(jobs,
			job{a.Id, testkit.Token(t, w.StaffA), testkit.Token(t, w.HeadA)},
			job{b.Id, testkit.Token(t, w.StaffB), testkit.Token(t, w.HeadB)})
	}
	sec := testkit.Token(t, w.Secretariat)
	path := fmt.Sprintf("/api/reform/rounds/%d/quota", w.Round.GetInt("year"))
	read := func() map[string]quotaLine {
		status, body := apitest.Send(t, srv, http.MethodGet, path, apitest.Token(sec)).StatusJSON()
		if status != 200 {
			t.Errorf("quota: %d %v", status, body)
			return nil
		}
		return quotaLines(t, body)
	}

	var done atomic.Bool
	var reads atomic.Int64
	var seen []int // VP's submitted count in each report, to show the race was seen mid-way
	readerErr := make(chan string, 1)
	go func() {
		last := map[string]quotaLine{}
		for !done.Load() {
			lines := read()
			reads.Add(1)
			seen = append(seen, lines["VP"].OnTime)
			for _, u := range []string{"VP", "TYT"} {
				l := lines[u]
				if l.OnTime < last[u].OnTime || l.Endorsed < last[u].Endorsed || l.Endorsed > l.OnTime ||
					l.OnTime > perUnit || l.Counted != l.Endorsed || l.Late != 0 {
					select {
					case readerErr <- fmt.Sprintf("%s: %+v after %+v", u, l, last[u]):
					default:
					}
				}
				last[u] = l
			}
		}
		close(readerErr)
	}()

	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if s, b := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+j.id+"/submit", apitest.Token(j.owner), apitest.JSON("")).StatusJSON(); s != 200 {
				t.Errorf("submit: %d %v", s, b)
				return
			}
			if s, b := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+j.id+"/endorse", apitest.Token(j.head), apitest.JSON("")).StatusJSON(); s != 200 {
				t.Errorf("endorse: %d %v", s, b)
			}
		}()
	}
	wg.Wait()
	done.Store(true)
	for msg := range readerErr {
		t.Error("inconsistent report:", msg)
	}
	lines := read()
	for _, u := range []string{"VP", "TYT"} {
		l := lines[u]
		if l.OnTime != perUnit || l.Endorsed != perUnit || l.Counted != perUnit || !l.Met || l.Late != 0 {
			t.Errorf("%s final: %+v", u, l)
		}
	}
	t.Logf("%d reports read while racing; VP submitted: %v", reads.Load(), seen)
}
