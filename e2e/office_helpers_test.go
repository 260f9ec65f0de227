package e2e_test

// Helpers of the secretariat pages' tests (office_*_test.go). Every test
// works on a round of its own (a year no other test uses), so that moving
// it to review or deciding it leaves the shared ward's round alone; the
// pages open it with ?year=. The round is closed when the test ends.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/testkit"
)

var officeYear atomic.Int64

// officeRound is a test's own round: a fresh year with the shared
// round's rubric, open, its submission deadline at deadline.
type officeRound struct {
	w       *testkit.Ward
	Round   *core.Record
	Year    int
	seq     int
	council *core.Record
}

// newOfficeRound saves an open round of a new year whose units' deadline
// is deadline, with a copy of the shared round's criteria.
func newOfficeRound(t *testing.T, deadline time.Time) *officeRound {
	t.Helper()
	w := Shared(t)
	year := 2040 + 2*int(officeYear.Add(1)) // even years: year+1 is free for "open next year"
	r := testkit.Save(t, w.App, "rounds", map[string]any{
		"year": year, "status": "open", "submission_deadline": deadline.UTC(),
		"decision_deadline": deadline.AddDate(0, 0, 5).UTC(), "threshold": 50, "approval_ratio": 2.0 / 3, "aggregation": "mean",
	})
	criteria, err := w.App.FindRecordsByFilter("criteria", "round = {:r}", "sort", 0, 0, dbx.Params{"r": w.Round.Id})
	if err != nil || len(criteria) == 0 {
		t.Fatalf("criteria of the shared round: %v", err)
	}
	for _, c := range criteria {
		testkit.Save(t, w.App, "criteria", map[string]any{
			"round": r.Id, "code": c.GetString("code"), "name": c.GetString("name"),
			"guidance": c.GetString("guidance"), "max_points": c.GetFloat("max_points"), "sort": c.GetInt("sort"),
		})
	}
	// the shared ward's pages pick the newest open round: the test's round
	// (and the next year's one a test opens) are closed when it ends.
	t.Cleanup(func() {
		for _, y := range []int{year, year + 1} {
			if rr, err := w.App.FindFirstRecordByFilter("rounds", "year = {:y}", dbx.Params{"y": y}); err == nil {
				rr.Set("status", "closed")
				if err := w.App.Save(rr); err != nil {
					t.Errorf("close round %d: %v", y, err)
				}
			}
		}
	})
	return &officeRound{w: w, Round: r, Year: year}
}

// path is page with this round's ?year=.
func (o *officeRound) path(page string) string {
	return fmt.Sprintf("%s?year=%d", page, o.Year)
}

// initiative saves an initiative of owner in this round, status, with a
// code; extra sets more fields.
func (o *officeRound) initiative(t *testing.T, owner *core.Record, status, title string, extra map[string]any) *core.Record {
	t.Helper()
	o.seq++
	data := map[string]any{"round": o.Round.Id, "title": title, "code": fmt.Sprintf("SK-%d-%03d", o.Year, o.seq)}
	if status != "draft" && status != "submitted" {
		data["endorsed_at"] = time.Now().Add(-48 * time.Hour)
	}
	for k, v := range extra {
		data[k] = v
	}
	return o.w.Initiative(t, owner, status, data)
}

// seatCouncil saves a council of this round with the fixture's chair and
// three members (all voting) and returns it.
func (o *officeRound) seatCouncil(t *testing.T) *core.Record {
	t.Helper()
	w := o.w
	c := testkit.Save(t, w.App, "councils", map[string]any{"round": o.Round.Id, "name": fmt.Sprintf("Hội đồng năm %d", o.Year)})
	testkit.Save(t, w.App, "council_members", map[string]any{"council": c.Id, "user": w.Chair.Id, "position": "chair", "votes": true})
	for i, m := range w.Members {
		pos := "member"
		if i == 0 {
			pos = "secretary"
		}
		testkit.Save(t, w.App, "council_members", map[string]any{"council": c.Id, "user": m.Id, "position": pos, "votes": true})
	}
	o.council = c
	return c
}

// officer is a fresh secretariat account.
func officer(t *testing.T) *core.Record {
	t.Helper()
	return NewUser(t, "staff", "secretariat")
}

// apiCall sends method path with body as user to the shared server and
// returns the status and decoded answer.
func apiCall(t *testing.T, user *core.Record, method, path string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, baseURL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if user != nil {
		req.Header.Set("Authorization", testkit.Token(t, user))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out := map[string]any{}
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}

// reload returns r as stored now.
func reload(t *testing.T, r *core.Record) *core.Record {
	t.Helper()
	fresh, err := Shared(t).App.FindRecordById(r.Collection().Name, r.Id)
	if err != nil {
		t.Fatal(err)
	}
	return fresh
}

// itoa is strconv.Itoa.
func itoa(n int) string { return strconv.Itoa(n) }
