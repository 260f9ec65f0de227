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
	t.Parallel()
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
			client := apitest.As

			// the chair submits through the API (an audit entry), another member directly.
			chairSheet := w.Sheet(t, w.Ini, w.Chair, "draft", testkit.Points(25, 15, 25, 15), true)
			apitest.Send(t, srv, http.MethodPost, "/api/reform/scores/"+chairSheet.Id+"/submit", client(w.Chair)).Want(t, http.StatusOK)
			w.Sheet(t, w.Ini, w.Members[1], "submitted", testkit.Points(20, 10, 20, 10), false)
			own := w.Sheet(t, w.Ini, officer, "draft", testkit.Points(10, 10, 10, 10), true)
			as := client(officer)
			year := w.roundYear()

			check := func(stage string, pending bool) {
				t.Helper()
				out := apitest.Send(t, srv, http.MethodGet, "/api/collections/scores/records?perPage=50", as).Want(t, http.StatusOK)
				items, _ := out["items"].([]any)
				if want := map[bool]int{true: 1, false: 3}[pending]; len(items) != want {
					t.Errorf("%s: the scores list shows %d sheets, want %d", stage, len(items), want)
				}
				view := apitest.Send(t, srv, http.MethodGet, "/api/collections/scores/records/"+chairSheet.Id, as).Status
				out = apitest.Send(t, srv, http.MethodGet, "/api/collections/initiatives/records/"+w.Ini.Id+"?expand=scores_via_initiative", as).Want(t, http.StatusOK)
				expand, _ := out["expand"].(map[string]any)
				expanded, _ := expand["scores_via_initiative"].([]any)
				sheetDoc := apitest.Send(t, srv, http.MethodGet, "/api/reform/scores/"+chairSheet.Id+"/sheet.docx", as).Status
				out = apitest.Send(t, srv, http.MethodGet, "/api/collections/audit_log/records?filter="+
					url.QueryEscape("record = '"+chairSheet.Id+"'"), as).Want(t, http.StatusOK)

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
					status, out := apitest.Send(t, srv, http.MethodGet, path, as).StatusJSON()
					if pending && (status != http.StatusForbidden || apitest.ErrCode(out, "auth") != "own_sheets_pending") {
						t.Errorf("%s: %s: %d %v, want 403 own_sheets_pending", stage, path, status, out)
					}
					if !pending && status != http.StatusOK {
						t.Errorf("%s: %s: %d %v, want 200", stage, path, status, out)
					}
				}
			}
			check("own sheet a draft", true)
			apitest.Send(t, srv, http.MethodPost, "/api/reform/scores/"+own.Id+"/submit", as).Want(t, http.StatusOK)
			check("own sheet submitted", false)
			apitest.Send(t, srv, http.MethodPost, "/api/reform/scores/"+own.Id+"/reopen", client(w.Members[0]), apitest.JSON(
				map[string]any{"reason": "Xem lại điểm tiêu chí"})).Want(t, http.StatusOK)

			check("own sheet reopened", true)
		})
	}
}

// TestOfficeWithoutSeatSeesSubmittedSheets: an officer with no voting seat
// on the council still sees the submitted sheets and the tally at once.
func TestOfficeWithoutSeatSeesSubmittedSheets(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	w.Sheet(t, w.Ini, w.Chair, "submitted", testkit.Points(25, 15, 25, 15), true)
	w.Sheet(t, w.Ini, w.Members[1], "draft", testkit.Points(20, 10, 20, 10), false)
	srv := testkit.Serve(t, w.App)
	for _, officer := range []*core.Record{w.Secretariat, w.Chairman} {
		as := apitest.As(officer)
		out := apitest.Send(t, srv, http.MethodGet, "/api/collections/scores/records", as).Want(t, http.StatusOK)
		if items, _ := out["items"].([]any); len(items) != 1 {
			t.Errorf("%s sees %d sheets, want the submitted one", officer.GetString("name"), len(items))
		}
		apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+w.roundYear()+"/results", as).Want(t, http.StatusOK)
		apitest.Send(t, srv, http.MethodGet, w.roundURL("minutes.docx"), as).Want(t, http.StatusOK)
	}
}

// TestSeatWithOfficeRoleRealtime: subscribed to the scores, a secretariat
// officer with a voting seat hears of another member's submitted sheet only
// once their own sheet is in.
func TestSeatWithOfficeRoleRealtime(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	officer := w.Secretariat
	testkit.Update(t, w.App, officer, map[string]any{"roles": append(officer.GetStringSlice("roles"), "council")})
	w.AddMember(t, officer, "member")
	first := w.Sheet(t, w.Ini, w.Members[1], "draft", testkit.Points(20, 10, 20, 10), false)
	second := w.Sheet(t, w.Ini, w.Members[2], "draft", testkit.Points(20, 10, 20, 10), false)
	own := w.Sheet(t, w.Ini, officer, "draft", testkit.Points(10, 10, 10, 10), true)
	srv := testkit.Serve(t, w.App)
	client := apitest.As

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
	if status, out := apitest.Send(t, srv, http.MethodPost, "/api/realtime", client(officer), apitest.JSON(
		map[string]any{"clientId": connect.ClientID, "subscriptions": []string{"scores"}})).StatusJSON(); status != http.StatusNoContent {
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
	apitest.Send(t, srv, http.MethodPost, "/api/reform/scores/"+first.Id+"/submit", client(w.Members[1])).Want(t, http.StatusOK)
	if heard(first) {
		t.Error("with their own sheet a draft, the officer heard of another member's submitted sheet")
	}
	apitest.Send(t, srv, http.MethodPost, "/api/reform/scores/"+own.Id+"/submit", client(officer)).Want(t, http.StatusOK)
	apitest.Send(t, srv, http.MethodPost, "/api/reform/scores/"+second.Id+"/submit", client(w.Members[2])).Want(t, http.StatusOK)
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
	t.Parallel()
	w := newScoringWard(t)
	srv := testkit.Serve(t, w.App)
	seat := w.seat(t, w.Chair)
	for _, who := range []*core.Record{nil, w.StaffA, w.HeadA, w.Secretariat, w.Members[0], w.Chairman} {
		c := apitest.As(who)
		name := "guest"
		if who != nil {
			name = who.GetString("name")
		}
		for _, r := range []struct{ method, path string }{
			{http.MethodGet, "/api/collections/voting_seats/records"},
			{http.MethodGet, "/api/collections/voting_seats/records/" + seat.Id},
			{http.MethodPost, "/api/collections/voting_seats/records"},
		} {
			status, out := apitest.Send(t, srv, r.method, r.path, c, apitest.JSON(map[string]any{"council": w.Council.Id, "user": w.Chair.Id})).StatusJSON()
			if items, _ := out["items"].([]any); status < 400 || len(items) > 0 || out["council"] != nil {
				t.Errorf("%s %s %s: %d %v", name, r.method, r.path, status, out)
			}
		}
		if who != nil {
			path := "/api/collections/councils/records?filter=" + url.QueryEscape("voting_seats_via_council.user ?= '"+w.Chair.Id+"'")
			if status, out := apitest.Send(t, srv, http.MethodGet, path, c).StatusJSON(); status != http.StatusBadRequest || apitest.ErrCode(out, "filter") != "filter_not_allowed" {
				t.Errorf("%s filters councils through voting_seats: %d %v", name, status, out)
			}
		}
	}
	su := apitest.As(w.Superuser)
	out := apitest.Send(t, srv, http.MethodGet, "/api/collections/voting_seats/records", su).Want(t, http.StatusOK)
	if items, _ := out["items"].([]any); len(items) != 4 {
		t.Errorf("the superuser lists %d voting seats, want the council's 4", len(items))
	}
}
