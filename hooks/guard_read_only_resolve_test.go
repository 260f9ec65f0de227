package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"sangkien/internal/testkit"
)

// TestServerFieldsGuardResolvesTheCollection names the collection the ways
// PocketBase accepts (its id, another letter case): the read-only-field
// guard answers each exactly as for the plain name, voted included.
func TestServerFieldsGuardResolvesTheCollection(t *testing.T) {
	t.Parallel()
	m := newMxWard(t)
	scores, err := m.App.FindCollectionByNameOrId("scores")
	if err != nil {
		t.Fatal(err)
	}
	initiatives, err := m.App.FindCollectionByNameOrId("initiatives")
	if err != nil {
		t.Fatal(err)
	}
	var scenarios []tests.ApiScenario
	for _, name := range []string{scores.Id, "Scores", "SCORES"} {
		base := "/api/collections/" + name + "/records"
		for field, value := range map[string]string{"voted": `true`, "total": `100`, "status": `"submitted"`} {
			scenarios = append(scenarios,
				m.readOnlyScenario("PATCH "+base+"/{sM0A} - "+field+" should fail", http.MethodPatch,
					base+"/"+m.ids["sM0A"], "sM0A", `{"`+field+`":`+value+`}`, mxMember, "scores", field),
				m.readOnlyScenario("POST "+base+" - "+field+" should fail", http.MethodPost, base, "",
					`{"initiative":"{iCoA}","points":{"novelty":20},"`+field+`":`+value+`}`, mxMember, "scores", field),
			)
		}
	}
	for _, name := range []string{initiatives.Id, "Initiatives"} {
		base := "/api/collections/" + name + "/records"
		scenarios = append(scenarios, m.readOnlyScenario("PATCH "+base+"/{iDraftA} - status should fail", http.MethodPatch,
			base+"/"+m.ids["iDraftA"], "iDraftA", `{"status":"accepted"}`, mxStaffA, "initiatives", "status"))
	}
	m.runScenarios(t, scenarios)
}

// TestServerFieldRulesWithoutTheGuard runs the ward with no hooks at all:
// the collections' API rules alone must still refuse the server-set fields
// of a score sheet (voted among them), while the member's own comment
// still saves (so the refusals are the fields', not the request's).
func TestServerFieldRulesWithoutTheGuard(t *testing.T) {
	t.Parallel()
	m := newMxWard(t)
	bare := func(t testing.TB) *tests.TestApp {
		app, err := testkit.NewTestApp(m.dir)
		if err != nil {
			t.Fatal(err)
		}
		// the one model hook a new sheet needs to be valid at all.
		app.OnRecordCreate("scores").BindFunc(func(e *core.RecordEvent) error {
			e.Record.Set("status", "draft")
			return e.Next()
		})
		return app
	}
	base := "/api/collections/scores/records"
	var scenarios []tests.ApiScenario
	for field, value := range map[string]string{
		"voted": `true`, "total": `100`, "status": `"submitted"`, "submitted_at": `"2025-09-01 00:00:00.000Z"`, "reopen_reason": `"x"`,
	} {
		scenarios = append(scenarios,
			tests.ApiScenario{
				Name: "PATCH " + base + "/{sM0A} without hooks - " + field + " should fail", Method: http.MethodPatch,
				URL: base + "/" + m.ids["sM0A"], Headers: m.headers(mxMember),
				Body:           strings.NewReader(`{"` + field + `":` + value + `}`),
				ExpectedStatus: 404, ExpectedContent: []string{`"status":404`},
				AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
					r, err := app.FindRecordById("scores", m.ids["sM0A"])
					if err != nil || r.GetString("updated") != m.updated[m.ids["sM0A"]] {
						t.Errorf("sM0A changed (%v)", err)
					}
				},
			},
			tests.ApiScenario{
				Name: "POST " + base + " without hooks - " + field + " should fail", Method: http.MethodPost,
				URL: base, Headers: m.headers(mxMember),
				Body: strings.NewReader(m.expand(`{"initiative":"{iCoA}","member":"{member0}","points":{"novelty":20},"` +
					field + `":` + value + `}`)),
				ExpectedStatus: 400, ExpectedContent: []string{`"status":400`},
				AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
					if n, _ := app.CountRecords("scores"); n != int64(len(m.all["scores"])) {
						t.Errorf("scores: %d records, want %d", n, len(m.all["scores"]))
					}
				},
			},
		)
	}
	// the controls: the same member's own draft accepts a comment, and a
	// new sheet without server-set fields saves.
	scenarios = append(scenarios, tests.ApiScenario{
		Name: "POST " + base + " without hooks - a plain sheet", Method: http.MethodPost,
		URL: base, Headers: m.headers(mxMember),
		Body:           strings.NewReader(m.expand(`{"initiative":"{iCoA}","member":"{member0}","points":{"novelty":20}}`)),
		ExpectedStatus: 200, ExpectedContent: []string{`"status":"draft"`},
	}, tests.ApiScenario{
		Name: "PATCH " + base + "/{sM0A} without hooks - comment", Method: http.MethodPatch,
		URL: base + "/" + m.ids["sM0A"], Headers: m.headers(mxMember),
		Body:           strings.NewReader(`{"comment":"Nhận xét"}`),
		ExpectedStatus: 200, ExpectedContent: []string{`"comment":"Nhận xét"`},
	})
	for _, s := range scenarios {
		s.TestAppFactory = bare
		s.Test(t)
	}
}
