package demo_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/testkit"
)

// TestFillPastRound: last year's round is decided, with a recognition
// decision listing exactly its recognised initiatives, each initiative
// recognised or not with its mean, rank and (when recognised) tier; with
// this year's, the demo shows every status of an initiative.
func TestFillPastRound(t *testing.T) {
	app, acc, now := filled(t)
	past, err := app.FindFirstRecordByData("rounds", "year", now.Year()-1)
	if err != nil {
		t.Fatal(err)
	}
	if past.GetString("status") != "decided" || acc.PastYear != now.Year()-1 {
		t.Errorf("past round %d %s (reported %d)", past.GetInt("year"), past.GetString("status"), acc.PastYear)
	}
	list := ofRound(t, app, "initiatives", "round", past)
	var recognized, tiers []string
	byStatus := map[string]int{}
	for _, r := range list {
		st := r.GetString("status")
		byStatus[st]++
		if r.GetFloat("result_mean") <= 0 || r.GetInt("result_rank") < 1 || (st == "recognized") != (r.GetString("result_tier") != "") {
			t.Errorf("%q %s: mean %v rank %d tier %q", r.GetString("title"), st, r.GetFloat("result_mean"), r.GetInt("result_rank"), r.GetString("result_tier"))
		}
		// sent by its unit in time: endorsed after submission, before the
		// round's deadline, not late.
		sub, sent := r.GetDateTime("submitted_at").Time(), r.GetDateTime("endorsed_at").Time()
		if sent.IsZero() || sent.Before(sub) || !sent.Before(past.GetDateTime("submission_deadline").Time()) || r.GetBool("late") {
			t.Errorf("%q submitted %v, endorsed %v, late %v: want endorsed after submission, before the deadline", r.GetString("title"), sub, sent, r.GetBool("late"))
		}
		if st == "recognized" {
			recognized = append(recognized, r.Id)
			tiers = append(tiers, r.GetString("result_tier"))
		}
	}
	if byStatus["recognized"] != 3 || byStatus["not_recognized"] != 1 || len(list) != 4 ||
		acc.PastRecognized != 3 || acc.PastNotRecognized != 1 {
		t.Errorf("past statuses %v (reported %d, %d)", byStatus, acc.PastRecognized, acc.PastNotRecognized)
	}
	slices.Sort(tiers)
	if !slices.Equal(tiers, []string{"dat", "tot", "xuat_sac"}) {
		t.Errorf("tiers %v, want one of each (the README says so)", tiers)
	}
	decisions, err := app.FindRecordsByFilter("decisions", "round = {:r} && kind = 'recognition'", "", 0, 0, dbx.Params{"r": past.Id})
	if err != nil || len(decisions) != 1 {
		t.Fatalf("recognition decisions %v %v", decisions, err)
	}
	listed := decisions[0].GetStringSlice("initiatives")
	slices.Sort(listed)
	slices.Sort(recognized)
	if !slices.Equal(listed, recognized) {
		t.Errorf("decision lists %v, recognised %v", listed, recognized)
	}

	seen := map[string]bool{}
	for _, r := range all(t, app, "initiatives") {
		seen[r.GetString("status")] = true
	}
	for _, st := range []string{"draft", "submitted", "endorsed", "accepted", "recognized", "not_recognized", "returned", "withdrawn"} {
		if !seen[st] {
			t.Errorf("no initiative is %s", st)
		}
	}
}

// TestDemoAccountsCanDoWhatIsPrinted signs in, through the real API, with
// the printed accounts: the council's chair finishes and submits her sheet
// (the round is in review), the Trạm Y tế head endorses the submission
// waiting for her, the staff member reads last year's recognised
// initiative she co-authored, and the secretariat reads the results.
func TestDemoAccountsCanDoWhatIsPrinted(t *testing.T) {
	app, acc, now := filled(t)
	srv := testkit.Serve(t, app)
	login := func(role string) (string, *core.Record) {
		for _, l := range acc.Logins {
			if l.Role == role {
				u, err := app.FindAuthRecordByEmail("users", l.Email)
				if err != nil {
					t.Fatal(err)
				}
				return testkit.Token(t, u), u
			}
		}
		t.Fatalf("no %s login", role)
		return "", nil
	}
	round := thisRound(t, app, now)

	token, chair := login("council")
	drafts, err := app.FindRecordsByFilter("scores", "member = {:m} && status = 'draft' && initiative.round = {:r}", "", 0, 0,
		dbx.Params{"m": chair.Id, "r": round.Id})
	if err != nil || len(drafts) == 0 {
		t.Fatalf("the council chair has no sheet to finish: %v", err)
	}
	if status, body := send(t, srv, http.MethodPost, "/api/reform/scores/"+drafts[0].Id+"/submit", token, `{"approve":true}`); status != http.StatusOK {
		t.Errorf("chair submits her sheet: %d %s", status, body)
	}

	token, head := login("unit_head")
	waiting, err := app.FindRecordsByFilter("initiatives", "unit = {:u} && status = 'submitted' && round = {:r}", "", 0, 0,
		dbx.Params{"u": head.GetString("unit"), "r": round.Id})
	if err != nil || len(waiting) != 1 {
		t.Fatalf("submissions waiting for %s: %d (%v)", head.Email(), len(waiting), err)
	}
	if status, body := send(t, srv, http.MethodPost, "/api/reform/initiatives/"+waiting[0].Id+"/endorse", token, ""); status != http.StatusOK {
		t.Errorf("head endorses: %d %s", status, body)
	}

	token, _ = login("staff")
	status, body := send(t, srv, http.MethodGet, "/api/collections/initiatives/records?filter="+
		"(status='recognized')", token, "")
	if status != http.StatusOK || !strings.Contains(body, `"status":"recognized"`) {
		t.Errorf("staff reads her recognised initiative: %d %s", status, body)
	}

	token, _ = login("secretariat")
	if status, body := send(t, srv, http.MethodGet, "/api/reform/rounds/"+round.GetString("year")+"/results", token, ""); status != http.StatusOK {
		t.Errorf("secretariat reads the results: %d %s", status, body)
	}
	status, body = send(t, srv, http.MethodGet, "/api/reform/rounds/"+strconv.Itoa(round.GetInt("year")-1)+"/results", token, "")
	if status != http.StatusOK || !strings.Contains(body, `"recognized":true`) {
		t.Errorf("secretariat reads last year's results: %d %s", status, body)
	}
}

// send makes one request to srv and returns the status and the body.
func send(t *testing.T, srv *httptest.Server, method, path, token, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", token)
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(raw)
}
