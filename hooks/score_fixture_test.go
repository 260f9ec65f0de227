package hooks_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"sangkien/internal/testkit"
)

// scoringWard is the known ward with its round in review and one accepted
// initiative of StaffA (Ini) given to the ward's council: the state in
// which the council scores.
type scoringWard struct {
	*testkit.Ward
	Ini *core.Record
}

// newScoringWard returns a fresh scoringWard.
func newScoringWard(t testing.TB) *scoringWard {
	t.Helper()
	w := &scoringWard{Ward: testkit.NewWard(t)}
	w.Ini = w.Initiative(t, w.StaffA, "accepted", map[string]any{"code": "SK-2026-001", "council": w.Council.Id})
	w.setRound(t, "review")
	return w
}

// factory returns the TestAppFactory of a scenario on w.
func (w *scoringWard) factory() func(testing.TB) *tests.TestApp {
	return func(testing.TB) *tests.TestApp { return w.App }
}

// setRound moves the round to status directly (the review/close actions
// are another helper's).
func (w *scoringWard) setRound(t testing.TB, status string) {
	t.Helper()
	testkit.Update(t, w.App, w.Round, map[string]any{"status": status})
}

// voters are the council's four voting seats: the chair, then the others.
func (w *scoringWard) voters() []*core.Record {
	return append([]*core.Record{w.Chair}, w.Members...)
}

// reload reads r again from app.
func reload(t testing.TB, app core.App, r *core.Record) *core.Record {
	t.Helper()
	return mustFind(t, app, r.Collection().Name, r.Id)
}

// bearer returns the Authorization header of account r.
func bearer(t testing.TB, r *core.Record) map[string]string {
	return map[string]string{"Authorization": testkit.Token(t, r)}
}

// jsonBody encodes v as a request body.
func jsonBody(t testing.TB, v any) *strings.Reader {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return strings.NewReader(string(raw))
}

// auditActions returns the audit log's (action, collection, record) lines
// for record id, oldest first.
func auditActions(t testing.TB, app core.App, id string) []string {
	t.Helper()
	entries, err := app.FindRecordsByFilter("audit_log", "record = {:id}", "@rowid", 0, 0, map[string]any{"id": id})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.GetString("action")
	}
	return out
}

// wardRequest is one request of a wardCase: method, URL, who sends it (nil for a
// guest) and the JSON body (nil for none).
type wardRequest struct {
	method, url string
	as          *core.Record
	body        any
}

// wardCase is one tests.ApiScenario on a fresh scoringWard: setup puts the
// ward in the state the case needs and names the request.
type wardCase struct {
	name    string
	setup   func(t testing.TB, w *scoringWard) wardRequest
	status  int
	content []string
	events  map[string]int
	after   func(t testing.TB, w *scoringWard, res *http.Response)
}

// runWardCases runs each case as a tests.ApiScenario on its own fresh ward.
func runWardCases(t *testing.T, cases []wardCase) {
	for _, c := range cases {
		w := newScoringWard(t)
		s := wardScenario(t, w, c, c.setup(t, w))
		s.Test(t)
	}
}

// wardScenario is case c's request cl on w as a tests.ApiScenario.
func wardScenario(t testing.TB, w *scoringWard, c wardCase, cl wardRequest) tests.ApiScenario {
	s := tests.ApiScenario{
		Name: c.name, Method: cl.method, URL: cl.url,
		ExpectedStatus: c.status, ExpectedContent: c.content, ExpectedEvents: c.events,
		TestAppFactory: w.factory(),
	}
	if cl.as != nil {
		s.Headers = bearer(t, cl.as)
	}
	if cl.body != nil {
		s.Body = jsonBody(t, cl.body)
	}
	if c.after != nil {
		after := c.after
		s.AfterTestFunc = func(t testing.TB, _ *tests.TestApp, res *http.Response) { after(t, w, res) }
	}
	return s
}

// seat returns user's seat on the ward's council.
func (w *scoringWard) seat(t testing.TB, user *core.Record) *core.Record {
	t.Helper()
	s, err := w.App.FindFirstRecordByFilter("council_members", "council = {:c} && user = {:u}",
		map[string]any{"c": w.Council.Id, "u": user.Id})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// count returns how many records of collection match filter.
func (w *scoringWard) count(t testing.TB, collection, filter string, params map[string]any) int {
	t.Helper()
	rs, err := w.App.FindRecordsByFilter(collection, filter, "", 0, 0, params)
	if err != nil {
		t.Fatal(err)
	}
	return len(rs)
}
