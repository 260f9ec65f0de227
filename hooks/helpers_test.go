package hooks_test

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"sangkien/hooks"
	"sangkien/internal/clock"
	"sangkien/internal/testkit"
)

// actionCase is one request of a table test on the /api/reform routes,
// built on a fresh ward: who calls (nil: nobody signed in), what world
// setup makes (returning the id that goes in the URL), the expected status
// and content, and a check of the stored state afterwards.
type actionCase struct {
	name    string
	method  string // POST unless set
	caller  func(w *testkit.Ward) *core.Record
	setup   func(t testing.TB, w *testkit.Ward) string
	url     func(id string) string
	body    string
	bodyOf  func(w *testkit.Ward) string // the body, when it names the ward's ids
	status  int
	content []string
	absent  []string
	events  map[string]int // ExpectedEvents
	check   func(t testing.TB, w *testkit.Ward, id string)
	// checkBody looks at the decoded JSON answer.
	checkBody func(t testing.TB, w *testkit.Ward, body map[string]any)
}

// runCases runs each case as a tests.ApiScenario on its own fresh ward.
func runCases(t *testing.T, cases []actionCase) {
	t.Helper()
	for _, c := range cases {
		w := testkit.NewWard(t)
		id := ""
		if c.setup != nil {
			id = c.setup(t, w)
		}
		headers := map[string]string{}
		if c.caller != nil {
			headers["Authorization"] = testkit.Token(t, c.caller(w))
		}
		method := c.method
		if method == "" {
			method = http.MethodPost
		}
		var body io.Reader
		if c.bodyOf != nil {
			c.body = c.bodyOf(w)
		}
		if c.body != "" {
			body = strings.NewReader(c.body)
		}
		url := c.url(id)
		(&tests.ApiScenario{
			Name:               method + " " + c.url("{id}") + " - " + c.name,
			Method:             method,
			URL:                url,
			Headers:            headers,
			Body:               body,
			ExpectedStatus:     c.status,
			ExpectedContent:    c.content,
			NotExpectedContent: c.absent,
			ExpectedEvents:     c.events,
			TestAppFactory:     func(testing.TB) *tests.TestApp { return w.App },
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				if c.check != nil {
					c.check(t, w, id)
				}
				if c.checkBody != nil {
					out := map[string]any{}
					if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
						t.Fatal(err)
					}
					c.checkBody(t, w, out)
				}
			},
		}).Test(t)
	}
}

// action is the URL of an initiative action.
func action(verb string) func(id string) string {
	return func(id string) string { return "/api/reform/initiatives/" + id + "/" + verb }
}

// callers of the known ward, for actionCase.caller and initiativeIn.
var (
	byStaffA      = func(w *testkit.Ward) *core.Record { return w.StaffA }
	byStaffA2     = func(w *testkit.Ward) *core.Record { return w.StaffA2 }
	byStaffB      = func(w *testkit.Ward) *core.Record { return w.StaffB }
	byHeadA       = func(w *testkit.Ward) *core.Record { return w.HeadA }
	byHeadB       = func(w *testkit.Ward) *core.Record { return w.HeadB }
	bySecretariat = func(w *testkit.Ward) *core.Record { return w.Secretariat }
	byChairman    = func(w *testkit.Ward) *core.Record { return w.Chairman }
	byMember      = func(w *testkit.Ward) *core.Record { return w.Members[1] }
	bySuperuser   = func(w *testkit.Ward) *core.Record { return w.Superuser }
)

// code is the ExpectedContent fragment of an error code in data.
func code(c string) string { return `"code":"` + c + `"` }

// initiativeIn returns a setup that saves an initiative of owner (picked from
// the ward) in status, with extra fields.
func initiativeIn(owner func(w *testkit.Ward) *core.Record, status string, extra map[string]any) func(testing.TB, *testkit.Ward) string {
	return func(t testing.TB, w *testkit.Ward) string {
		return w.Initiative(t, owner(w), status, extra).Id
	}
}

// mustFind reloads a record.
func mustFind(t testing.TB, app core.App, col, id string) *core.Record {
	t.Helper()
	r, err := app.FindRecordById(col, id)
	if err != nil {
		t.Fatalf("find %s %s: %v", col, id, err)
	}
	return r
}

// auditEntries returns the audit_log entries of record id with action.
func auditEntries(t testing.TB, app core.App, id, action string) []*core.Record {
	t.Helper()
	entries, err := app.FindRecordsByFilter("audit_log", "record = {:id} && action = {:a}", "created", 0, 0,
		dbx.Params{"id": id, "a": action})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// expectStatus fails the test unless record id of initiatives has status.
func expectStatus(t testing.TB, app core.App, id, status string) *core.Record {
	t.Helper()
	r := mustFind(t, app, "initiatives", id)
	if got := r.GetString("status"); got != status {
		t.Errorf("status = %q, want %q", got, status)
	}
	return r
}

// extend gives unit an extension of the ward's round until until.
func extend(t testing.TB, w *testkit.Ward, unit *core.Record, until time.Time) *core.Record {
	t.Helper()
	return testkit.Save(t, w.App, "extensions", map[string]any{"round": w.Round.Id, "unit": unit.Id,
		"until": until, "reason": "Đơn vị đang kiện toàn nhân sự"})
}

// setClock stops app's clock at at.
func setClock(app core.App, at time.Time) {
	clock.Of(app).Set(at)
}

// testGCPercent is the garbage collector's target while the tests run:
// twice the default's, so it runs half as often (the heap of the apps the
// tests keep open is small beside the machine's memory). A test that
// measures the heap sets the default again while it runs.
const testGCPercent = 200

// TestMain runs the package's tests with the server in New York, twelve
// hours from the ward: a rule that read a date in the server's zone instead
// of Asia/Ho_Chi_Minh would fail somewhere. time.Local is set once, before
// any test starts, and never changed again. The garbage collector runs at
// testGCPercent. At the end it removes the template folders the tests
// built (the ward's, the migrated first-run folder, the demo's).
func TestMain(m *testing.M) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.FixedZone("EST", -5*3600)
	}
	time.Local = ny
	debug.SetGCPercent(testGCPercent)
	code := m.Run()
	testkit.RemoveTemplate()
	hooks.RemoveMigratedFolder()
	removeDemoFolder()
	os.Exit(code)
}
