package hooks_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/json/jsontext"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
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
	"sangkien/internal/searchindex"
	"sangkien/internal/testkit"
	"sangkien/internal/vocab"
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
		runCase(t, testkit.NewWard(t), c, nil)
	}
}

// runCasesSharingRefusals is runCases where the cases that must be refused
// (status 400 or more) run one after another on one ward (onOneApp), each
// checking that its request left every table of the ward as it was; the
// others each have their own fresh ward. For tables whose setups only pick
// records of the known ward or add records no other case looks at.
func runCasesSharingRefusals(t *testing.T, cases []actionCase) {
	t.Helper()
	var shared *testkit.Ward
	var served *oneApp
	for _, c := range cases {
		if c.status < http.StatusBadRequest {
			runCase(t, testkit.NewWard(t), c, nil)
			continue
		}
		if shared == nil {
			shared = testkit.NewWard(t)
			served = onOneApp(t, shared.App)
		}
		runCase(t, shared, c, served)
	}
}

// runCase runs c on w as a tests.ApiScenario, on w's app served once for
// every case when served is not nil (onOneApp).
func runCase(t *testing.T, w *testkit.Ward, c actionCase, served *oneApp) {
	t.Helper()
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
	s := tests.ApiScenario{
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
	}
	if served != nil {
		served.run(t, s)
		return
	}
	s.Test(t)
}

// oneApp is a test app served once (an app can be served once: see
// testkit.Handler) for scenarios that share it.
type oneApp struct {
	app *tests.TestApp
	h   http.Handler
}

// onOneApp serves app once for scenarios that share it (oneApp.run).
func onOneApp(t *testing.T, app *tests.TestApp) *oneApp {
	t.Helper()
	return &oneApp{app: app, h: testkit.Handler(t, app)}
}

// run runs scenario s (its app factory and BeforeTestFunc unused) on the
// shared app, as a subtest of its name, with the checks of
// tests.ApiScenario (status, content or an empty body, events, then
// AfterTestFunc), and fails it unless its request left every table of the
// app as it was (wardPrint before and after), so the next scenario finds
// the app as this one found it.
func (o *oneApp) run(t *testing.T, s tests.ApiScenario) {
	t.Helper()
	t.Run(s.Name, func(t *testing.T) {
		if s.BeforeTestFunc != nil {
			t.Fatal("a scenario that changes the app before its request needs an app of its own")
		}
		// the search index of what the setup saved is written in the
		// background: written here first, so it is not taken for the request's.
		if _, err := searchindex.Drain(o.app); err != nil {
			t.Fatal(err)
		}
		before := wardPrint(t, o.app)
		req := httptest.NewRequest(s.Method, s.URL, s.Body)
		req.Header.Set("content-type", "application/json")
		for k, v := range s.Headers {
			req.Header.Set(k, strings.TrimSpace(v))
		}
		o.app.ResetEventCalls()
		rec := httptest.NewRecorder()
		o.h.ServeHTTP(rec, req)
		res := rec.Result()
		if res.StatusCode != s.ExpectedStatus {
			t.Errorf("Expected status code %d, got %d", s.ExpectedStatus, res.StatusCode)
		}
		if len(s.ExpectedContent) == 0 && len(s.NotExpectedContent) == 0 {
			if rec.Body.Len() != 0 {
				t.Errorf("Expected empty body, got \n%v", rec.Body.String())
			}
		} else {
			normalized := rec.Body.String()
			buf := new(bytes.Buffer)
			if err := jsontext.NewEncoder(buf).WriteValue(rec.Body.Bytes()); err == nil {
				normalized = buf.String()
			}
			for _, item := range s.ExpectedContent {
				if !strings.Contains(normalized, item) {
					t.Errorf("Cannot find %v in response body \n%v", item, normalized)
					break
				}
			}
			for _, item := range s.NotExpectedContent {
				if strings.Contains(normalized, item) {
					t.Errorf("Didn't expect %v in response body \n%v", item, normalized)
					break
				}
			}
		}
		remaining := maps.Clone(o.app.EventCalls)
		noOthers := false
		for event, want := range s.ExpectedEvents {
			if event == "*" && want <= 0 {
				noOthers = true
				continue
			}
			if got := remaining[event]; got != want {
				t.Errorf("Expected event %s to be called %d, got %d", event, want, got)
			}
			delete(remaining, event)
		}
		if noOthers && len(remaining) > 0 {
			t.Errorf("Missing expected remaining events:\n%#v", remaining)
		}
		if s.AfterTestFunc != nil {
			s.AfterTestFunc(t, o.app, res)
		}
		now := wardPrint(t, o.app)
		for table, sum := range before {
			if now[table] != sum {
				t.Errorf("the request changed table %s of the shared app", table)
			}
		}
		for table := range now {
			if _, ok := before[table]; !ok {
				t.Errorf("the request made table %s in the shared app", table)
			}
		}
	})
}

// wardPrint returns a digest of every row of every table of app's main
// database, by table: equal digests, equal contents.
func wardPrint(t testing.TB, app core.App) map[string]string {
	t.Helper()
	var tables []string
	if err := app.DB().NewQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").Column(&tables); err != nil {
		t.Fatal(err)
	}
	out := make(map[string]string, len(tables))
	for _, table := range tables {
		rows, err := app.DB().NewQuery("SELECT * FROM {{" + table + "}}").Rows()
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		h := sha256.New()
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				t.Fatal(err)
			}
			fmt.Fprintf(h, "%q\n", vals)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[table] = hex.EncodeToString(h.Sum(nil))
	}
	return out
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
// four times the default's, so it runs a quarter as often (the heap of the apps the
// tests keep open is small beside the machine's memory). A test that
// measures the heap sets the default again while it runs.
const testGCPercent = 400

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

// wardPrint, which lets scenarios share an app, tells a table changed by
// any write, a trigger's included, from the tables left as they were.
func TestWardPrintTellsTheTablesAWriteChanged(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	ini := w.Initiative(t, w.StaffA, vocab.Submitted, nil)
	if _, err := searchindex.Drain(w.App); err != nil {
		t.Fatal(err)
	}
	before := wardPrint(t, w.App)
	if again := wardPrint(t, w.App); !maps.Equal(before, again) {
		t.Fatal("two prints of an unchanged app differ")
	}
	// a status written in SQL: the initiative's row changes, and so do the
	// counts the triggers keep (initiative_counts).
	if _, err := w.App.DB().NewQuery("UPDATE initiatives SET status = {:s} WHERE id = {:id}").
		Bind(dbx.Params{"s": vocab.Returned, "id": ini.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	mid := wardPrint(t, w.App)
	for _, table := range []string{"initiatives", "initiative_counts"} {
		if mid[table] == before[table] {
			t.Errorf("a status changed in SQL left %s's print as it was", table)
		}
	}
	if mid["users"] != before["users"] {
		t.Error("a status changed in SQL changed the users' print")
	}
	if _, err := w.App.DB().NewQuery("UPDATE users SET name = name || '.' WHERE id = {:id}").
		Bind(dbx.Params{"id": w.StaffB.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	if after := wardPrint(t, w.App); after["users"] == mid["users"] {
		t.Error("a changed name left the users' print as it was")
	}
}
