package hooks_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// TestServerFieldsAreReadOnly sends every server-set field, on create and on
// update, as the person otherwise allowed to write the record: each answers
// 400 with data.<field>.code = read_only_field and stores nothing.
func TestServerFieldsAreReadOnly(t *testing.T) {
	t.Parallel()
	m := newMxWard(t)
	type target struct {
		collection string
		caller     mxCaller
		createBody string // a body the caller may create, without its closing brace
		update     string // a record the caller may update
		values     map[string]string
	}
	targets := []target{
		{
			collection: "initiatives", caller: mxStaffA,
			createBody: `{"round":"{round}","title":"Sáng kiến thử"`, update: "iDraftA",
			values: map[string]string{
				"code": `"SK-2099-001"`, "owner": `"{staffB}"`, "author_users": `["{staffA}"]`,
				"council": `"{council}"`, "status": `"accepted"`, "submitted_at": `"2025-09-01 00:00:00.000Z"`,
				"late": `true`, "return_reason": `"Bổ sung hồ sơ"`, "result_mean": `99`,
				"result_tier": `"xuat_sac"`, "result_rank": `1`, "nominated": `true`,
				"endorsed_at": `"2025-09-01 00:00:00.000Z"`,
			},
		},
		{
			collection: "scores", caller: mxMember,
			createBody: `{"initiative":"{iCoA}","points":{"novelty":20}`, update: "sM0A",
			values: map[string]string{
				"total": `100`, "status": `"submitted"`, "submitted_at": `"2025-09-01 00:00:00.000Z"`, "reopen_reason": `"Chấm lại"`,
				"voted": `true`,
			},
		},
		{
			collection: "rounds", caller: mxSecretariat,
			createBody: `{"year":2098,"submission_deadline":"2098-09-24 17:00:00.000Z","decision_deadline":"2098-09-29 17:00:00.000Z"`,
			update:     "round",
			values:     map[string]string{"status": `"closed"`},
		},
		{
			collection: "decisions", caller: mxSecretariat,
			createBody: `{"round":"{round}","kind":"council","number":"15/QĐ-UBND"`, update: "decRec",
			values: map[string]string{"initiatives": `["{iAccA}"]`},
		},
	}
	var scenarios []tests.ApiScenario
	for _, tg := range targets {
		base := "/api/collections/" + tg.collection + "/records"
		for field, value := range tg.values {
			scenarios = append(scenarios,
				m.readOnlyScenario(fmt.Sprintf("POST %s - %s should fail", base, field), http.MethodPost, base, "",
					tg.createBody+`,"`+field+`":`+value+`}`, tg.caller, tg.collection, field),
				m.readOnlyScenario(fmt.Sprintf("PATCH %s/{%s} - %s should fail", base, tg.update, field), http.MethodPatch,
					base+"/"+m.ids[tg.update], tg.update, `{"`+field+`":`+value+`}`, tg.caller, tg.collection, field),
			)
		}
	}
	// PocketBase's append/prepend/remove modifiers are the same field.
	for _, key := range []string{"author_users+", "+author_users", "author_users-"} {
		scenarios = append(scenarios, m.readOnlyScenario(
			"PATCH /api/collections/initiatives/records/{iDraftA} - "+key+" should fail", http.MethodPatch,
			"/api/collections/initiatives/records/"+m.ids["iDraftA"], "iDraftA",
			`{"`+key+`":"{staffB}"}`, mxStaffA, "initiatives", "author_users"))
	}
	// a multipart form (the way attachments are sent) is guarded too.
	form := new(bytes.Buffer)
	mp := multipart.NewWriter(form)
	mp.WriteField("title", "Tên mới")
	mp.WriteField("status", "accepted")
	mp.Close()
	multi := m.readOnlyScenario("PATCH /api/collections/initiatives/records/{iDraftA} - status in a multipart form should fail",
		http.MethodPatch, "/api/collections/initiatives/records/"+m.ids["iDraftA"], "iDraftA", "", mxStaffA, "initiatives", "status")
	multi.Body = form
	multi.Headers["Content-Type"] = mp.FormDataContentType()
	scenarios = append(scenarios, multi)
	// the superuser (the dashboard) is not held back.
	scenarios = append(scenarios, tests.ApiScenario{
		Name:   "PATCH /api/collections/initiatives/records/{iDraftA} - superuser may set status",
		Method: http.MethodPatch, URL: "/api/collections/initiatives/records/" + m.ids["iDraftA"],
		Headers:         m.headers(mxSuperuser),
		Body:            strings.NewReader(`{"status":"returned","return_reason":"Bổ sung"}`),
		ExpectedStatus:  200,
		ExpectedContent: []string{`"status":"returned"`},
	})
	m.runScenarios(t, scenarios)
}

// readOnlyScenario is one refused write of a server-set field: 400 with
// read_only_field under data.<field>, and the data left as it was.
func (m *mxWard) readOnlyScenario(name, method, url, update, body string, c mxCaller, collection, field string) tests.ApiScenario {
	return tests.ApiScenario{
		Name: name, Method: method, URL: url,
		Headers:         m.headers(c),
		Body:            strings.NewReader(m.expand(body)),
		ExpectedStatus:  400,
		ExpectedContent: []string{`"data":{"` + field + `":{"code":"read_only_field"`},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			n, err := app.CountRecords(collection)
			if err != nil || n != int64(len(m.all[collection])) {
				t.Errorf("%s records: %d (%v), want %d", collection, n, err, len(m.all[collection]))
			}
			if update == "" {
				return
			}
			r, err := app.FindRecordById(collection, m.ids[update])
			if err != nil || r.GetString("updated") != m.updated[m.ids[update]] {
				t.Errorf("%s changed (%v)", update, err)
			}
		},
	}
}
