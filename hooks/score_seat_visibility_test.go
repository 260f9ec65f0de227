package hooks_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestSeatWithOfficeRoleSeesAsAMember: an officer (secretariat, chairman)
// who also holds a voting seat on the council scoring an initiative sees
// it as a member does: while their own sheet on it is not submitted —
// before they submit, or once it is reopened — no other member's sheet
// (list, view, expand, the single sheet's document, a member's sheets
// document), no tally (results, the decision preview, the scores and
// decision exports, the minutes and the decision documents; 403
// own_sheets_pending) and no audit entry about another's sheet; all of it
// once their own sheet is in.
func TestSeatWithOfficeRoleSeesAsAMember(t *testing.T) {
	for _, office := range []string{"secretariat", "chairman"} {
		t.Run(office, func(t *testing.T) {
			w := newScoringWard(t)
			officer := w.Secretariat
			if office == "chairman" {
				officer = w.Chairman
			}
			testkit.Update(t, w.App, officer, map[string]any{"roles": append(officer.GetStringSlice("roles"), "council")})
			w.AddMember(t, officer, "member")
			srv := testkit.Serve(t, w.App)
			client := func(r *core.Record) apiClient { return apiClient{t: t, base: srv.URL, token: testkit.Token(t, r)} }

			// the chair submits through the API (an audit entry), another member directly.
			chairSheet := w.Sheet(t, w.Ini, w.Chair, "draft", testkit.Points(25, 15, 25, 15), true)
			client(w.Chair).must(http.StatusOK, http.MethodPost, "/api/reform/scores/"+chairSheet.Id+"/submit", nil)
			w.Sheet(t, w.Ini, w.Members[1], "submitted", testkit.Points(20, 10, 20, 10), false)
			own := w.Sheet(t, w.Ini, officer, "draft", testkit.Points(10, 10, 10, 10), true)
			as := client(officer)
			year := w.roundYear()

			check := func(stage string, pending bool) {
				t.Helper()
				out := as.must(http.StatusOK, http.MethodGet, "/api/collections/scores/records?perPage=50", nil)
				items, _ := out["items"].([]any)
				if want := map[bool]int{true: 1, false: 3}[pending]; len(items) != want {
					t.Errorf("%s: the scores list shows %d sheets, want %d", stage, len(items), want)
				}
				view, _ := as.call(http.MethodGet, "/api/collections/scores/records/"+chairSheet.Id, nil)
				out = as.must(http.StatusOK, http.MethodGet, "/api/collections/initiatives/records/"+w.Ini.Id+"?expand=scores_via_initiative", nil)
				expand, _ := out["expand"].(map[string]any)
				expanded, _ := expand["scores_via_initiative"].([]any)
				sheetDoc, _ := as.call(http.MethodGet, "/api/reform/scores/"+chairSheet.Id+"/sheet.docx", nil)
				out = as.must(http.StatusOK, http.MethodGet, "/api/collections/audit_log/records?filter="+
					url.QueryEscape("record = '"+chairSheet.Id+"'"), nil)
				audit, _ := out["items"].([]any)
				if pending {
					if view != http.StatusNotFound || sheetDoc != http.StatusNotFound {
						t.Errorf("%s: the chair's sheet: view %d, document %d, want 404", stage, view, sheetDoc)
					}
					if len(expanded) > 1 {
						t.Errorf("%s: the initiative's expand shows %d sheets", stage, len(expanded))
					}
					if len(audit) != 0 {
						t.Errorf("%s: %d audit entries about the chair's sheet", stage, len(audit))
					}
				} else {
					if view != http.StatusOK || sheetDoc != http.StatusOK || len(expanded) != 3 || len(audit) == 0 {
						t.Errorf("%s: view %d, document %d, expand %d, audit %d; want all", stage, view, sheetDoc, len(expanded), len(audit))
					}
				}
				for _, path := range []string{
					"/api/reform/rounds/" + year + "/results",
					"/api/reform/rounds/" + year + "/decision-preview",
					"/api/reform/rounds/" + year + "/export.xlsx?report=scores",
					"/api/reform/rounds/" + year + "/export.xlsx?report=decision",
					"/api/reform/rounds/" + year + "/export.xlsx?report=all",
					w.roundURL("minutes.docx"),
					w.roundURL("decision.docx"),
					w.roundURL("sheets.docx?member=" + w.Chair.Id),
				} {
					status, out := as.call(http.MethodGet, path, nil)
					if pending && (status != http.StatusForbidden || errCode(out, "auth") != "own_sheets_pending") {
						t.Errorf("%s: %s: %d %v, want 403 own_sheets_pending", stage, path, status, out)
					}
					if !pending && status != http.StatusOK {
						t.Errorf("%s: %s: %d %v, want 200", stage, path, status, out)
					}
				}
			}
			check("own sheet a draft", true)
			as.must(http.StatusOK, http.MethodPost, "/api/reform/scores/"+own.Id+"/submit", nil)
			check("own sheet submitted", false)
			client(w.Members[0]).must(http.StatusOK, http.MethodPost, "/api/reform/scores/"+own.Id+"/reopen",
				map[string]any{"reason": "Xem lại điểm tiêu chí"})
			check("own sheet reopened", true)
		})
	}
}

// TestOfficeWithoutSeatSeesSubmittedSheets: an officer with no voting seat
// on the council still sees the submitted sheets and the tally at once.
func TestOfficeWithoutSeatSeesSubmittedSheets(t *testing.T) {
	w := newScoringWard(t)
	w.Sheet(t, w.Ini, w.Chair, "submitted", testkit.Points(25, 15, 25, 15), true)
	w.Sheet(t, w.Ini, w.Members[1], "draft", testkit.Points(20, 10, 20, 10), false)
	srv := testkit.Serve(t, w.App)
	for _, officer := range []*core.Record{w.Secretariat, w.Chairman} {
		as := apiClient{t: t, base: srv.URL, token: testkit.Token(t, officer)}
		out := as.must(http.StatusOK, http.MethodGet, "/api/collections/scores/records", nil)
		if items, _ := out["items"].([]any); len(items) != 1 {
			t.Errorf("%s sees %d sheets, want the submitted one", officer.GetString("name"), len(items))
		}
		as.must(http.StatusOK, http.MethodGet, "/api/reform/rounds/"+w.roundYear()+"/results", nil)
		as.must(http.StatusOK, http.MethodGet, w.roundURL("minutes.docx"), nil)
	}
}

// TestSeatWithOfficeRoleRealtime: subscribed to the scores, a secretariat
// officer with a voting seat hears of another member's submitted sheet only
// once their own sheet is in.
func TestSeatWithOfficeRoleRealtime(t *testing.T) {
	w := newScoringWard(t)
	officer := w.Secretariat
	testkit.Update(t, w.App, officer, map[string]any{"roles": append(officer.GetStringSlice("roles"), "council")})
	w.AddMember(t, officer, "member")
	first := w.Sheet(t, w.Ini, w.Members[1], "draft", testkit.Points(20, 10, 20, 10), false)
	second := w.Sheet(t, w.Ini, w.Members[2], "draft", testkit.Points(20, 10, 20, 10), false)
	own := w.Sheet(t, w.Ini, officer, "draft", testkit.Points(10, 10, 10, 10), true)
	srv := testkit.Serve(t, w.App)
	client := func(r *core.Record) apiClient { return apiClient{t: t, base: srv.URL, token: testkit.Token(t, r)} }

	res := apitest.Open(t, srv, http.MethodGet, "/api/realtime")
	events := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data:"); ok {
				events <- data
			}
		}
		close(events)
	}()
	var connect struct {
		ClientID string `json:"clientId"`
	}
	select {
	case data := <-events:
		if err := json.Unmarshal([]byte(data), &connect); err != nil || connect.ClientID == "" {
			t.Fatalf("connect event %q: %v", data, err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no connect event")
	}
	if status, out := client(officer).call(http.MethodPost, "/api/realtime",
		map[string]any{"clientId": connect.ClientID, "subscriptions": []string{"scores"}}); status != http.StatusNoContent {
		t.Fatalf("subscribe: %d %v", status, out)
	}
	// heard reports whether an event about sheet arrives within a while.
	heard := func(sheet *core.Record) bool {
		deadline := time.After(2 * time.Second)
		for {
			select {
			case data := <-events:
				if strings.Contains(data, sheet.Id) {
					return true
				}
			case <-deadline:
				return false
			}
		}
	}
	client(w.Members[1]).must(http.StatusOK, http.MethodPost, "/api/reform/scores/"+first.Id+"/submit", nil)
	if heard(first) {
		t.Error("with their own sheet a draft, the officer heard of another member's submitted sheet")
	}
	client(officer).must(http.StatusOK, http.MethodPost, "/api/reform/scores/"+own.Id+"/submit", nil)
	client(w.Members[2]).must(http.StatusOK, http.MethodPost, "/api/reform/scores/"+second.Id+"/submit", nil)
	if !heard(second) {
		t.Error("with their own sheet in, the officer did not hear of another member's submitted sheet")
	}
}

// TestVotingSeatsViewIsNotAPI: the voting_seats view the scores rules read
// is no API of its own: every ward account and guests are refused listing
// and viewing it (403/404) and writing it (a view: 400), a superuser lists
// it; filters naming it
// through a back-relation are refused by the filter guard.
func TestVotingSeatsViewIsNotAPI(t *testing.T) {
	w := newScoringWard(t)
	srv := testkit.Serve(t, w.App)
	seat := w.seat(t, w.Chair)
	for _, who := range []*core.Record{nil, w.StaffA, w.HeadA, w.Secretariat, w.Members[0], w.Chairman} {
		c := apiClient{t: t, base: srv.URL}
		if who != nil {
			c.token = testkit.Token(t, who)
		}
		name := "guest"
		if who != nil {
			name = who.GetString("name")
		}
		for _, r := range []struct{ method, path string }{
			{http.MethodGet, "/api/collections/voting_seats/records"},
			{http.MethodGet, "/api/collections/voting_seats/records/" + seat.Id},
			{http.MethodPost, "/api/collections/voting_seats/records"},
		} {
			status, out := c.call(r.method, r.path, map[string]any{"council": w.Council.Id, "user": w.Chair.Id})
			if items, _ := out["items"].([]any); status < 400 || len(items) > 0 || out["council"] != nil {
				t.Errorf("%s %s %s: %d %v", name, r.method, r.path, status, out)
			}
		}
		if who != nil {
			path := "/api/collections/councils/records?filter=" + url.QueryEscape("voting_seats_via_council.user ?= '"+w.Chair.Id+"'")
			if status, out := c.call(http.MethodGet, path, nil); status != http.StatusBadRequest || errCode(out, "filter") != "filter_not_allowed" {
				t.Errorf("%s filters councils through voting_seats: %d %v", name, status, out)
			}
		}
	}
	su := apiClient{t: t, base: srv.URL, token: testkit.Token(t, w.Superuser)}
	out := su.must(http.StatusOK, http.MethodGet, "/api/collections/voting_seats/records", nil)
	if items, _ := out["items"].([]any); len(items) != 4 {
		t.Errorf("the superuser lists %d voting seats, want the council's 4", len(items))
	}
}
