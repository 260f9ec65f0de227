package hooks_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"

	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"sangkien/hooks"
	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// The authorization matrix: every collection × list/view/create/update/delete
// × every kind of caller, each cell asserted. Reads share one ward (they
// change nothing); a write that should succeed runs on its own copy of the
// ward, a write that should be refused runs on a shared copy and must leave
// it unchanged (counted and timestamped before and after).

// mxCaller is a column of the matrix.
type mxCaller int

// the matrix columns, in the order of every outcome string below.
const (
	mxAnon mxCaller = iota
	mxStaffA
	mxStaffB
	mxHeadA
	mxSecretariat
	mxMember
	mxChairman
	mxSuperuser
	mxCallers
)

// mxCallerNames name the columns in test names and failure messages.
var mxCallerNames = [mxCallers]string{
	"anonymous", "staff of unit A", "staff of unit B", "head of unit A",
	"secretariat", "council member", "chairman", "superuser",
}

// mxRow is one collection of the matrix. Outcomes are 8 HTTP statuses in
// column order; list sets are record names per column ("*" = every record).
type mxRow struct {
	collection string

	list [mxCallers]string

	view, viewWant string

	createBody, createWant string

	update, updateBody, updateWant string

	delete, deleteWant string
}

// authedAll is a list column set where every signed-in caller sees every record.
var authedAll = [mxCallers]string{"", "*", "*", "*", "*", "*", "*", "*"}

// mxRows is the matrix. {name} in a body is replaced by the fixture's id.
var mxRows = []mxRow{
	{
		collection: "units",
		list:       authedAll,
		view:       "unitA", viewWant: "404 200 200 200 200 200 200 200",
		createBody: `{"name":"Trường Mầm non Hoa Sen","code":"MNHS","kind":"public_service"}`,
		createWant: "400 400 400 400 200 400 400 200",
		update:     "unitA", updateBody: `{"quota":2}`, updateWant: "404 404 404 404 200 404 404 200",
		delete: "unitKT", deleteWant: "403 403 403 403 403 403 403 204",
	},
	{
		collection: "users",
		list:       authedAll,
		view:       "staffA", viewWant: "404 200 200 200 200 200 200 200",
		createBody: `{"email":"moi@phuong.test","password":"matkhau123","passwordConfirm":"matkhau123","name":"Người Mới","roles":["staff"],"unit":"{unitA}"}`,
		createWant: "400 400 400 400 200 400 400 200",
		// a person's name is the secretariat's to set (field_managed).
		update: "staffA", updateBody: `{"name":"Nguyễn Văn Ân"}`, updateWant: "404 403 404 404 200 404 404 200",
		delete: "staffA2", deleteWant: "403 403 403 403 403 403 403 204",
	},
	{
		collection: "fields",
		list:       authedAll,
		view:       "fieldA", viewWant: "404 200 200 200 200 200 200 200",
		createBody: `{"code":"i","name":"Lĩnh vực thử","sort":9}`,
		createWant: "400 400 400 400 200 400 400 200",
		update:     "fieldA", updateBody: `{"name":"Công tác chỉ đạo, điều hành"}`, updateWant: "404 404 404 404 200 404 404 200",
		delete: "fieldH", deleteWant: "403 403 403 403 403 403 403 204",
	},
	{
		collection: "rounds",
		list:       authedAll,
		view:       "round", viewWant: "404 200 200 200 200 200 200 200",
		createBody: `{"year":2098,"submission_deadline":"2098-09-24 17:00:00.000Z","decision_deadline":"2098-09-29 17:00:00.000Z"}`,
		createWant: "400 400 400 400 200 400 400 200",
		update:     "round", updateBody: `{"threshold":60}`, updateWant: "404 404 404 404 200 404 404 200",
		delete: "round2097", deleteWant: "403 403 403 403 403 403 403 204",
	},
	{
		collection: "criteria",
		list:       authedAll,
		view:       "critNovelty", viewWant: "404 200 200 200 200 200 200 200",
		// the rubric of an open round (the main round is in review).
		createBody: `{"round":"{round2099}","code":"feasibility","name":"Tính khả thi","max_points":10,"sort":5}`,
		createWant: "400 400 400 400 200 400 400 200",
		update:     "crit2099a", updateBody: `{"guidance":"Hướng dẫn chấm mới"}`, updateWant: "404 404 404 404 200 404 404 200",
		delete: "crit2099b", deleteWant: "404 404 404 404 204 404 404 204",
	},
	{
		collection: "extensions",
		// a unit sees its own extension; the secretariat and chairman all.
		list: [mxCallers]string{"", "extA", "extB", "extA", "*", "", "*", "*"},
		view: "extA", viewWant: "404 200 404 200 200 404 200 200",
		createBody: `{"round":"{round}","unit":"{unitKT}","until":"2099-01-01 00:00:00.000Z","reason":"Đơn vị đề nghị gia hạn"}`,
		createWant: "400 400 400 400 200 400 400 200",
		update:     "extA", updateBody: `{"reason":"Gia hạn thêm"}`, updateWant: "404 404 404 404 200 404 404 200",
		delete: "extA", deleteWant: "404 404 404 404 204 404 404 204",
	},
	{
		collection: "initiatives",
		list: [mxCallers]string{
			"",
			"iDraftA iSubA iAccA iCoA",      // own + co-authored, never A2's draft
			"iAccB iDraftB iOther",          // own only
			"iSubA iAccA iCoA",              // the unit's non-drafts
			"iSubA iAccA iCoA iAccB iOther", // every non-draft
			"iAccA iCoA iAccB",              // assigned to their council only
			"iSubA iAccA iCoA iAccB iOther", // every non-draft
			"*",
		},
		view: "iSubA", viewWant: "404 200 404 200 200 404 200 200",
		// anyone with the staff role proposes in their own unit; the
		// superuser must name the unit (no caller's unit to default to).
		// proposals go to an open round (the main round is in review).
		createBody: `{"round":"{round2099}","field":"{fieldC}","title":"Sáng kiến thử"}`,
		createWant: "400 200 200 200 200 200 400 400",
		update:     "iDraftA", updateBody: `{"title":"Tên mới của sáng kiến"}`, updateWant: "404 200 404 404 404 404 404 200",
		delete: "iDraftA", deleteWant: "404 204 404 404 404 404 404 204",
	},
	{
		collection: "councils",
		list:       authedAll,
		view:       "council", viewWant: "404 200 200 200 200 200 200 200",
		createBody: `{"round":"{round}","name":"Hội đồng thứ ba"}`,
		createWant: "400 400 400 400 200 400 400 200",
		update:     "council", updateBody: `{"decision_number":"12/QĐ-UBND"}`, updateWant: "404 404 404 404 200 404 404 200",
		// a council can be removed only while its round is open.
		delete: "council2099", deleteWant: "404 404 404 404 204 404 404 204",
	},
	{
		collection: "council_members",
		list:       authedAll,
		view:       "seatM2", viewWant: "404 200 200 200 200 200 200 200",
		// only an account with the council role may be seated.
		createBody: `{"council":"{council2}","user":"{member0}","position":"member","votes":true}`,
		createWant: "400 400 400 400 200 400 400 200",
		update:     "seatM2", updateBody: `{"votes":false}`, updateWant: "404 404 404 404 200 404 404 200",
		delete: "seatM2", deleteWant: "404 404 404 404 204 404 404 204",
	},
	{
		collection: "scores",
		list: [mxCallers]string{
			"",
			"", // author of iAccA: never a sheet
			"", // author of iAccB and iOther
			"",
			"sM1A sM0B sM1B sM1O", // submitted sheets only
			"sM0A sM0B sM1B",      // own; others' only where own is submitted
			"sM1A sM0B sM1B sM1O",
			"*",
		},
		view: "sM1B", viewWant: "404 404 404 404 200 200 200 200",
		// a council member scores an initiative assigned to their council;
		// the superuser names no member, so holds no seat (403).
		createBody: `{"initiative":"{iCoA}","points":{"novelty":20},"approve":true,"comment":"Đạt yêu cầu"}`,
		createWant: "400 400 400 400 400 200 400 403",
		update:     "sM0A", updateBody: `{"comment":"Sửa nhận xét"}`, updateWant: "404 404 404 404 404 200 404 200",
		delete: "sM0A", deleteWant: "404 404 404 404 404 204 404 204",
	},
	{
		collection: "decisions",
		list:       authedAll,
		view:       "decRec", viewWant: "404 200 200 200 200 200 200 200",
		createBody: `{"round":"{round}","kind":"council","number":"15/QĐ-UBND","signer":"Chu Thanh Lương"}`,
		createWant: "400 400 400 400 200 400 400 200",
		update:     "decRec", updateBody: `{"number":"20/QĐ-UBND"}`, updateWant: "404 404 404 404 200 404 200 200",
		delete: "decRec", deleteWant: "403 403 403 403 403 403 403 204",
	},
	{
		collection: "audit_log",
		list:       [mxCallers]string{"", "", "", "", "*", "", "*", "*"},
		view:       "entry", viewWant: "404 404 404 404 200 404 200 200",
		// written by the server only, not even by a superuser through the API.
		createBody: `{"action":"forged"}`,
		createWant: "403 403 403 403 403 403 403 403",
		update:     "entry", updateBody: `{"reason":"sửa nhật ký"}`, updateWant: "403 403 403 403 403 403 403 403",
		delete: "entry", deleteWant: "403 403 403 403 403 403 403 403",
	},
	{
		collection: "organization",
		// public: the login page shows the ward's name.
		list: [mxCallers]string{"*", "*", "*", "*", "*", "*", "*", "*"},
		view: "org", viewWant: "200 200 200 200 200 200 200 200",
		// one record only: even a superuser cannot add a second (400).
		createBody: `{"ward_name":"Phường Khác"}`,
		createWant: "403 403 403 403 403 403 403 400",
		update:     "org", updateBody: `{"ward_name":"Phường Hoàn Kiếm"}`, updateWant: "404 404 404 404 200 404 404 200",
		delete: "org", deleteWant: "403 403 403 403 403 403 403 204",
	},
}

// mxWard is the matrix's ward: the known ward of testkit plus a record of
// every kind for every caller to see or not, and a snapshot to fork.
type mxWard struct {
	*testkit.Ward
	dir     string              // snapshot of the data folder, for forks
	ids     map[string]string   // fixture name → record id
	names   map[string]string   // record id → fixture name, for messages
	all     map[string][]string // collection → every record id
	updated map[string]string   // record id → its updated timestamp
	tokens  [mxCallers]string
}

// newMxWard builds the matrix's ward once per test.
func newMxWard(t testing.TB) *mxWard {
	t.Helper()
	w := testkit.NewWard(t)
	t.Cleanup(w.App.Cleanup)
	m := &mxWard{Ward: w, ids: map[string]string{}, names: map[string]string{}, all: map[string][]string{}, updated: map[string]string{}}
	app := w.App
	save := func(name, collection string, data map[string]any) *core.Record {
		t.Helper()
		r := testkit.Save(t, app, collection, data)
		m.ids[name] = r.Id
		return r
	}
	find := func(name, collection, filter string, params map[string]any) {
		t.Helper()
		r, err := app.FindFirstRecordByFilter(collection, filter, params)
		if err != nil {
			t.Fatalf("fixture %s: %v", name, err)
		}
		m.ids[name] = r.Id
	}
	for name, r := range map[string]*core.Record{
		"unitA": w.UnitA, "unitB": w.UnitB, "round": w.Round, "council": w.Council,
		"staffA": w.StaffA, "staffA2": w.StaffA2, "staffB": w.StaffB, "fieldA": w.Fields["a"],
		"fieldC": w.Fields["c"], "fieldH": w.Fields["h"], "member0": w.Members[0],
	} {
		m.ids[name] = r.Id
	}
	find("unitKT", "units", "code = 'KTHTDT'", nil)
	find("critNovelty", "criteria", "code = 'novelty'", nil)
	find("critReplicability", "criteria", "code = 'replicability'", nil)
	find("seatM2", "council_members", "user = {:u}", map[string]any{"u": w.Members[2].Id})
	find("org", "organization", "id != ''", nil)

	save("round2099", "rounds", map[string]any{"year": 2099, "submission_deadline": "2099-09-24 17:00:00.000Z",
		"decision_deadline": "2099-09-29 17:00:00.000Z", "status": "open"})
	council2 := save("council2", "councils", map[string]any{"round": w.Round.Id, "name": "Hội đồng thứ hai"})
	save("round2097", "rounds", map[string]any{"year": 2097, "submission_deadline": "2097-09-24 17:00:00.000Z",
		"decision_deadline": "2097-09-29 17:00:00.000Z", "status": "open"})
	save("council2099", "councils", map[string]any{"round": m.ids["round2099"], "name": "Hội đồng năm 2099"})
	save("crit2099a", "criteria", map[string]any{"round": m.ids["round2099"], "code": "novelty", "name": "Tính mới", "max_points": 30})
	save("crit2099b", "criteria", map[string]any{"round": m.ids["round2099"], "code": "replicability", "name": "Khả năng nhân rộng", "max_points": 20})
	save("seatM1c2", "council_members", map[string]any{"council": council2.Id, "user": w.Members[1].Id, "position": "member", "votes": true})
	until := time.Now().AddDate(0, 2, 0)
	save("extA", "extensions", map[string]any{"round": w.Round.Id, "unit": w.UnitA.Id, "until": until, "reason": "Gia hạn"})
	save("extB", "extensions", map[string]any{"round": w.Round.Id, "unit": w.UnitB.Id, "until": until, "reason": "Gia hạn"})

	initiative := func(name string, owner *core.Record, status string, extra map[string]any) {
		m.ids[name] = w.Initiative(t, owner, status, extra).Id
	}
	assigned := map[string]any{"council": w.Council.Id}
	initiative("iDraftA", w.StaffA, "draft", nil)
	initiative("iSubA", w.StaffA, "submitted", nil)
	initiative("iAccA", w.StaffA, "accepted", assigned)
	initiative("iDraftA2", w.StaffA2, "draft", nil)
	initiative("iCoA", w.StaffA2, "accepted", map[string]any{"council": w.Council.Id, "author_users": []string{w.StaffA2.Id, w.StaffA.Id}})
	initiative("iAccB", w.StaffB, "accepted", assigned)
	initiative("iDraftB", w.StaffB, "draft", nil)
	initiative("iOther", w.StaffB, "accepted", map[string]any{"council": council2.Id})

	sheet := func(name, initiative string, member *core.Record, status string) {
		data := map[string]any{"initiative": m.ids[initiative], "member": member.Id, "status": status,
			"points": map[string]float64{"novelty": 20, "applicability": 15, "effectiveness": 20, "replicability": 10},
			"total":  65, "approve": true}
		if status == "submitted" {
			data["submitted_at"] = time.Now()
		}
		save(name, "scores", data)
	}
	sheet("sM0A", "iAccA", w.Members[0], "draft")
	sheet("sM1A", "iAccA", w.Members[1], "submitted")
	sheet("sM0B", "iAccB", w.Members[0], "submitted")
	sheet("sM1B", "iAccB", w.Members[1], "submitted")
	sheet("sM2B", "iAccB", w.Members[2], "draft")
	sheet("sM1O", "iOther", w.Members[1], "submitted")

	save("decRec", "decisions", map[string]any{"round": w.Round.Id, "kind": "recognition", "number": "01/QĐ-UBND",
		"initiatives": []string{m.ids["iAccA"]}})
	if err := hooks.Audit(app, nil, "update", w.UnitA, map[string]any{"quota": 1}, map[string]any{"quota": 3}, ""); err != nil {
		t.Fatal(err)
	}
	find("entry", "audit_log", "record = {:r}", map[string]any{"r": w.UnitA.Id})
	// the main round is being scored: sheets can be written.
	w.Round.Set("status", "review")
	if err := app.Save(w.Round); err != nil {
		t.Fatal(err)
	}

	for name, id := range m.ids {
		m.names[id] = name
	}
	for _, row := range mxRows {
		records, err := app.FindAllRecords(row.collection)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range records {
			m.all[row.collection] = append(m.all[row.collection], r.Id)
			m.updated[r.Id] = r.GetString("updated")
		}
	}
	for c, u := range map[mxCaller]*core.Record{
		mxStaffA: w.StaffA, mxStaffB: w.StaffB, mxHeadA: w.HeadA, mxSecretariat: w.Secretariat,
		mxMember: w.Members[0], mxChairman: w.Chairman, mxSuperuser: w.Superuser,
	} {
		m.tokens[c] = testkit.Token(t, u)
	}

	// snapshot the folder: every write cell starts from this copy.
	if _, err := app.DB().NewQuery("PRAGMA wal_checkpoint(TRUNCATE)").Execute(); err != nil {
		t.Fatal(err)
	}
	if _, err := app.AuxDB().NewQuery("PRAGMA wal_checkpoint(TRUNCATE)").Execute(); err != nil {
		t.Fatal(err)
	}
	m.dir = t.TempDir()
	if err := os.CopyFS(m.dir, os.DirFS(app.DataDir())); err != nil {
		t.Fatal(err)
	}
	return m
}

// fork returns a fresh app on a copy of the snapshot, with every hook
// registered; the snapshot's ids and tokens are valid in it.
func (m *mxWard) fork(t testing.TB) *tests.TestApp {
	t.Helper()
	app, err := testkit.OpenApp(m.dir)
	if err != nil {
		t.Fatal(err)
	}
	return app
}

// runScenarios runs scenarios on forks of the snapshot: those that only
// read or must be refused, and change nothing before their request, one
// after another on one fork served once (oneApp.run: each must leave it as
// it was); the others each on a fork of their own.
func (m *mxWard) runScenarios(t *testing.T, scenarios []tests.ApiScenario) {
	t.Helper()
	var shared *oneApp
	for _, s := range scenarios {
		if s.BeforeTestFunc != nil || s.ExpectedStatus < http.StatusBadRequest && s.Method != http.MethodGet {
			s.TestAppFactory = func(t testing.TB) *tests.TestApp { return m.fork(t) }
			s.Test(t)
			continue
		}
		if shared == nil {
			app := m.fork(t)
			t.Cleanup(app.Cleanup)
			shared = onOneApp(t, app)
		}
		shared.run(t, s)
	}
}

// expand replaces every {name} in s with the fixture's record id.
func (m *mxWard) expand(s string) string {
	for name, id := range m.ids {
		s = strings.ReplaceAll(s, "{"+name+"}", id)
	}
	return s
}

// headers returns caller c's Authorization header (none when anonymous).
func (m *mxWard) headers(c mxCaller) map[string]string {
	if c == mxAnon {
		return nil
	}
	return map[string]string{"Authorization": m.tokens[c]}
}

// mxStatuses parses a row's outcome string: one status per caller.
func mxStatuses(t *testing.T, s string) [mxCallers]int {
	t.Helper()
	var out [mxCallers]int
	f := strings.Fields(s)
	if len(f) != int(mxCallers) {
		t.Fatalf("outcome %q: want %d statuses", s, mxCallers)
	}
	for i, v := range f {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = n
	}
	return out
}

// mxContent is what a response with status must contain: the record for a
// 200, nothing for a 204, PocketBase's error shape otherwise.
func mxContent(status int, id string) []string {
	switch {
	case status == http.StatusNoContent:
		return nil
	case status == http.StatusOK && id != "":
		return []string{`"id":"` + id + `"`}
	case status == http.StatusOK:
		return []string{`"id":`}
	default:
		return []string{`"status":` + strconv.Itoa(status)}
	}
}

// mxCheckBody fails t unless body fits status: the record for a 200,
// nothing for a 204, PocketBase's error shape with that status otherwise.
func mxCheckBody(t testing.TB, status int, id string, body []byte) {
	t.Helper()
	if status == http.StatusNoContent {
		if len(body) != 0 {
			t.Errorf("204 with a body: %s", body)
		}
		return
	}
	var got map[string]any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	if status == http.StatusOK {
		if gotID, _ := got["id"].(string); gotID == "" || id != "" && gotID != id {
			t.Errorf("want record %s, got %s", id, body)
		}
		return
	}
	if _, ok := got["data"]; !ok || got["status"] != float64(status) {
		t.Errorf("want error %d, got %s", status, body)
	}
}

// TestAuthorizationMatrix asserts every cell of the matrix.
func TestAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	m := newMxWard(t)
	reads := testkit.Handler(t, m.App)
	// refused writes share one copy; each must leave it as it was.
	shared := m.fork(t)
	t.Cleanup(shared.Cleanup)
	refused := testkit.Handler(t, shared)
	for _, row := range mxRows {
		t.Run(row.collection, func(t *testing.T) {
			for c := range mxCallers {
				m.listCell(t, reads, row, c)
			}
			views := mxStatuses(t, row.viewWant)
			for c := range mxCallers {
				m.viewCell(t, reads, row, c, views[c])
			}
			for _, op := range []string{"create", "update", "delete"} {
				want := mxStatuses(t, map[string]string{"create": row.createWant, "update": row.updateWant, "delete": row.deleteWant}[op])
				for c := range mxCallers {
					m.writeCell(t, shared, refused, row, op, c, want[c])
				}
			}
		})
	}
}

// listCell asserts which records caller c gets listing row's collection:
// exactly the expected ids, no more, no fewer.
func (m *mxWard) listCell(t *testing.T, h http.Handler, row mxRow, c mxCaller) {
	t.Run(fmt.Sprintf("GET /api/collections/%s/records - %s", row.collection, mxCallerNames[c]), func(t *testing.T) {
		want := map[string]bool{}
		if spec := row.list[c]; spec == "*" {
			for _, id := range m.all[row.collection] {
				want[id] = true
			}
		} else {
			for _, name := range strings.Fields(spec) {
				id, ok := m.ids[name]
				if !ok {
					t.Fatalf("no fixture %q", name)
				}
				want[id] = true
			}
		}
		status, body := apitest.Send(t, h, http.MethodGet, "/api/collections/"+row.collection+"/records?perPage=500&fields=id", apitest.Headers(m.headers(c))).StatusBody()
		if status != http.StatusOK {
			t.Fatalf("status %d: %s", status, body)
		}
		var page struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			t.Fatalf("%v: %s", err, body)
		}
		got := map[string]bool{}
		for _, it := range page.Items {
			got[it.ID] = true
			if !want[it.ID] {
				t.Errorf("listed %s, which %s must not see", m.label(it.ID), mxCallerNames[c])
			}
		}
		for id := range want {
			if !got[id] {
				t.Errorf("missing %s, which %s must see", m.label(id), mxCallerNames[c])
			}
		}
	})
}

// viewCell asserts the status of caller c viewing row's view record.
func (m *mxWard) viewCell(t *testing.T, h http.Handler, row mxRow, c mxCaller, want int) {
	t.Run(fmt.Sprintf("GET /api/collections/%s/records/{%s} - %s", row.collection, row.view, mxCallerNames[c]), func(t *testing.T) {
		id := m.ids[row.view]
		status, body := apitest.Send(t, h, http.MethodGet, "/api/collections/"+row.collection+"/records/"+id, apitest.Headers(m.headers(c))).StatusBody()
		if status != want {
			t.Fatalf("status %d, want %d: %s", status, want, body)
		}
		mxCheckBody(t, want, id, body)
	})
}

// writeCell asserts the status of caller c's create, update or delete on
// row's collection, and that the data changed exactly when it should. An
// allowed write runs on a fresh copy of the ward, a refused one on shared.
func (m *mxWard) writeCell(t *testing.T, shared *tests.TestApp, refused http.Handler, row mxRow, op string, c mxCaller, want int) {
	base := "/api/collections/" + row.collection + "/records"
	var method, url, body, target string
	switch op {
	case "create":
		method, url, body = http.MethodPost, base, m.expand(row.createBody)
	case "update":
		target = m.ids[row.update]
		method, url, body = http.MethodPatch, base+"/"+target, m.expand(row.updateBody)
	case "delete":
		target = m.ids[row.delete]
		method, url = http.MethodDelete, base+"/"+target
	}
	name := row.collection
	if target != "" {
		name += "/{" + m.names[target] + "}"
	}
	t.Run(fmt.Sprintf("%s /api/collections/%s - %s", method, name, mxCallerNames[c]), func(t *testing.T) {
		allowed := want < 300
		app, h := shared, refused
		if allowed {
			app = m.fork(t)
			defer app.Cleanup()
			h = testkit.Handler(t, app)
		}
		status, resp := apitest.Send(t, h, method, url, apitest.JSON(body), apitest.Headers(m.headers(c))).StatusBody()
		if status != want {
			t.Fatalf("status %d, want %d: %s", status, want, resp)
		}
		mxCheckBody(t, want, target, resp)

		n, err := app.CountRecords(row.collection)
		if err != nil {
			t.Fatal(err)
		}
		wantN := int64(len(m.all[row.collection]))
		if allowed && op == "create" {
			wantN++
		} else if allowed && op == "delete" {
			wantN--
		}
		if n != wantN {
			t.Errorf("%s records: %d, want %d", row.collection, n, wantN)
		}
		if op == "update" {
			r, err := app.FindRecordById(row.collection, target)
			if err != nil {
				t.Fatal(err)
			}
			if changed := r.GetString("updated") != m.updated[target]; changed != allowed {
				t.Errorf("record changed: %v, want %v", changed, allowed)
			}
		}
	})
}

// label names a record id for failure messages.
func (m *mxWard) label(id string) string {
	if name, ok := m.names[id]; ok {
		return name
	}
	return id
}

// TestAuthorizationDetails covers the rules' conditions that one cell per
// caller cannot show: other councils, other units, states and own fields.
func TestAuthorizationDetails(t *testing.T) {
	t.Parallel()
	m := newMxWard(t)
	tok := func(c mxCaller) map[string]string { return m.headers(c) }
	set := func(name, collection string, data map[string]any) func(testing.TB, *tests.TestApp, *core.ServeEvent) {
		return func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
			r, err := app.FindRecordById(collection, m.ids[name])
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range data {
				r.Set(k, v)
			}
			if err := app.Save(r); err != nil {
				t.Fatal(err)
			}
		}
	}
	scenarios := []tests.ApiScenario{
		{
			Name:   "POST /api/collections/scores/records - member on an initiative of another council should fail",
			Method: http.MethodPost, URL: "/api/collections/scores/records", Headers: tok(mxMember),
			Body:           strings.NewReader(m.expand(`{"initiative":"{iOther}","points":{"novelty":20}}`)),
			ExpectedStatus: 403, ExpectedContent: []string{`"code":"not_council_member"`},
		},
		{
			Name:   "POST /api/collections/scores/records - member on a draft not assigned to any council should fail",
			Method: http.MethodPost, URL: "/api/collections/scores/records", Headers: tok(mxMember),
			Body:           strings.NewReader(m.expand(`{"initiative":"{iDraftA}","points":{"novelty":20}}`)),
			ExpectedStatus: 403, ExpectedContent: []string{`"code":"not_council_member"`},
		},
		{
			Name:   "POST /api/collections/scores/records - member filing a sheet in another member's name should fail",
			Method: http.MethodPost, URL: "/api/collections/scores/records", Headers: tok(mxMember),
			Body:           strings.NewReader(m.expand(`{"initiative":"{iCoA}","member":"` + m.Members[2].Id + `","points":{"novelty":20}}`)),
			ExpectedStatus: 400, ExpectedContent: []string{`"status":400`},
		},
		{
			Name:   "GET /api/collections/scores/records - secretariat co-author does not see the sheets of their initiative",
			Method: http.MethodGet, URL: "/api/collections/scores/records?perPage=500&fields=id", Headers: tok(mxSecretariat),
			BeforeTestFunc:     set("iAccB", "initiatives", map[string]any{"author_users": []string{m.ids["staffB"], m.Secretariat.Id}}),
			ExpectedStatus:     200,
			ExpectedContent:    []string{`"totalItems":2`, m.ids["sM1A"], m.ids["sM1O"]},
			NotExpectedContent: []string{m.ids["sM0B"], m.ids["sM1B"]},
		},
		{
			Name:   "GET /api/collections/scores/records - secretariat sees the sheets of an initiative with no linked authors",
			Method: http.MethodGet, URL: "/api/collections/scores/records?perPage=500&fields=id", Headers: tok(mxSecretariat),
			BeforeTestFunc:  set("iAccB", "initiatives", map[string]any{"author_users": []string{}, "owner": ""}),
			ExpectedStatus:  200,
			ExpectedContent: []string{`"totalItems":4`, m.ids["sM1A"], m.ids["sM1O"], m.ids["sM0B"], m.ids["sM1B"]},
		},
		{
			Name:   "GET /api/collections/scores/records/{sM1B} - chairman who drafted the initiative should fail",
			Method: http.MethodGet, URL: "/api/collections/scores/records/" + m.ids["sM1B"], Headers: tok(mxChairman),
			BeforeTestFunc: set("iAccB", "initiatives", map[string]any{"owner": m.Chairman.Id}),
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`},
		},
		{
			Name:   "POST /api/collections/initiatives/records - staff of A filing in unit B should fail",
			Method: http.MethodPost, URL: "/api/collections/initiatives/records", Headers: tok(mxStaffA),
			Body:           strings.NewReader(m.expand(`{"round":"{round}","unit":"{unitB}","title":"Sáng kiến thử"}`)),
			ExpectedStatus: 400, ExpectedContent: []string{`"status":400`},
		},
		{
			Name:   "POST /api/collections/initiatives/records - round no longer open should fail",
			Method: http.MethodPost, URL: "/api/collections/initiatives/records", Headers: tok(mxStaffA),
			Body:           strings.NewReader(m.expand(`{"round":"{round}","title":"Sáng kiến thử"}`)),
			BeforeTestFunc: set("round", "rounds", map[string]any{"status": "review"}),
			ExpectedStatus: 400, ExpectedContent: []string{`"status":400`},
		},
		{
			Name:   "PATCH /api/collections/initiatives/records/{iSubA} - owner after submitting should fail",
			Method: http.MethodPatch, URL: "/api/collections/initiatives/records/" + m.ids["iSubA"], Headers: tok(mxStaffA),
			Body:           strings.NewReader(`{"title":"Sửa sau khi nộp"}`),
			ExpectedStatus: 400, ExpectedContent: []string{`"code":"locked"`},
		},
		{
			Name:   "PATCH /api/collections/initiatives/records/{iDraftA} - returned initiative is editable again",
			Method: http.MethodPatch, URL: "/api/collections/initiatives/records/" + m.ids["iDraftA"], Headers: tok(mxStaffA),
			Body:           strings.NewReader(`{"title":"Sửa theo yêu cầu"}`),
			BeforeTestFunc: set("iDraftA", "initiatives", map[string]any{"status": "returned"}),
			ExpectedStatus: 200, ExpectedContent: []string{`"title":"Sửa theo yêu cầu"`},
		},
		{
			Name:   "PATCH /api/collections/initiatives/records/{iDraftA} - moving it to another unit should fail",
			Method: http.MethodPatch, URL: "/api/collections/initiatives/records/" + m.ids["iDraftA"], Headers: tok(mxStaffA),
			Body:           strings.NewReader(m.expand(`{"unit":"{unitB}"}`)),
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`},
		},
		{
			Name:   "PATCH /api/collections/initiatives/records/{iDraftA} - moving it to another round should fail",
			Method: http.MethodPatch, URL: "/api/collections/initiatives/records/" + m.ids["iDraftA"], Headers: tok(mxStaffA),
			Body:           strings.NewReader(m.expand(`{"round":"{round2099}"}`)),
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`},
		},
		{
			Name:   "DELETE /api/collections/initiatives/records/{iSubA} - owner after submitting should fail",
			Method: http.MethodDelete, URL: "/api/collections/initiatives/records/" + m.ids["iSubA"], Headers: tok(mxStaffA),
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`},
		},
		{
			Name:   "PATCH /api/collections/users/records/{staffA} - giving oneself a role should fail",
			Method: http.MethodPatch, URL: "/api/collections/users/records/" + m.ids["staffA"], Headers: tok(mxStaffA),
			Body:           strings.NewReader(`{"roles":["staff","secretariat"]}`),
			ExpectedStatus: 403, ExpectedContent: []string{`"roles":{"code":"field_managed"`},
		},
		{
			Name:   "PATCH /api/collections/users/records/{staffA} - moving oneself to another unit should fail",
			Method: http.MethodPatch, URL: "/api/collections/users/records/" + m.ids["staffA"], Headers: tok(mxStaffA),
			Body:           strings.NewReader(m.expand(`{"unit":"{unitB}"}`)),
			ExpectedStatus: 403, ExpectedContent: []string{`"unit":{"code":"field_managed"`},
		},
		{
			Name:   "POST /api/collections/decisions/records - secretariat recording a recognition decision should fail",
			Method: http.MethodPost, URL: "/api/collections/decisions/records", Headers: tok(mxSecretariat),
			Body:           strings.NewReader(m.expand(`{"round":"{round}","kind":"recognition","number":"30/QĐ-UBND"}`)),
			ExpectedStatus: 400, ExpectedContent: []string{`"status":400`},
		},
		{
			Name:   "PATCH /api/collections/decisions/records/{decRec} - changing its kind should fail",
			Method: http.MethodPatch, URL: "/api/collections/decisions/records/" + m.ids["decRec"], Headers: tok(mxChairman),
			Body:           strings.NewReader(`{"kind":"council"}`),
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`},
		},
		{
			Name:   "POST /api/collections/criteria/records - rubric of a round in review should fail",
			Method: http.MethodPost, URL: "/api/collections/criteria/records", Headers: tok(mxSecretariat),
			Body:           strings.NewReader(m.expand(`{"round":"{round}","code":"feasibility","name":"Tính khả thi","max_points":10}`)),
			BeforeTestFunc: set("round", "rounds", map[string]any{"status": "review"}),
			ExpectedStatus: 400, ExpectedContent: []string{`"status":400`},
		},
		{
			Name:   "PATCH /api/collections/criteria/records/{critNovelty} - rubric of a round in review should fail",
			Method: http.MethodPatch, URL: "/api/collections/criteria/records/" + m.ids["critNovelty"], Headers: tok(mxSecretariat),
			Body:           strings.NewReader(`{"max_points":40}`),
			BeforeTestFunc: set("round", "rounds", map[string]any{"status": "review"}),
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`},
		},
		{
			Name:   "PATCH /api/collections/scores/records/{sM0B} - member editing a submitted sheet should fail",
			Method: http.MethodPatch, URL: "/api/collections/scores/records/" + m.ids["sM0B"], Headers: tok(mxMember),
			Body:           strings.NewReader(`{"comment":"Sửa sau khi nộp"}`),
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`},
		},
		{
			Name:   "PATCH /api/collections/council_members/records/{seatM2} - moving a seat to another council should fail",
			Method: http.MethodPatch, URL: "/api/collections/council_members/records/" + m.ids["seatM2"], Headers: tok(mxSecretariat),
			Body:           strings.NewReader(m.expand(`{"council":"{council2}"}`)),
			ExpectedStatus: 404, ExpectedContent: []string{`"status":404`},
		},
		{
			Name: "GET /api/reform/me/todo - anonymous should fail", Method: http.MethodGet, URL: "/api/reform/me/todo",
			ExpectedStatus: 401, ExpectedContent: []string{`"status":401`},
		},
		{
			Name: "GET /api/reform/me/todo - staff of B sees nothing of unit A", Method: http.MethodGet, URL: "/api/reform/me/todo",
			Headers: tok(mxStaffB), ExpectedStatus: 200, ExpectedContent: []string{`"rounds":[`},
			NotExpectedContent: []string{m.ids["iDraftA"], m.ids["iSubA"], `"unit_head":[`, `"secretariat":[`},
		},
		{
			Name: "GET /api/reform/me/todo - head of A does not see drafts", Method: http.MethodGet, URL: "/api/reform/me/todo",
			Headers: tok(mxHeadA), ExpectedStatus: 200, ExpectedContent: []string{m.ids["iSubA"]},
			NotExpectedContent: []string{m.ids["iDraftA"]},
		},
		{
			Name: "GET /api/reform/me/initiatives - anonymous should fail", Method: http.MethodGet, URL: "/api/reform/me/initiatives",
			ExpectedStatus: 401, ExpectedContent: []string{`"status":401`},
		},
		{
			Name: "GET /api/reform/me/initiatives - superuser should fail", Method: http.MethodGet, URL: "/api/reform/me/initiatives",
			Headers: tok(mxSuperuser), ExpectedStatus: 403, ExpectedContent: []string{`"code":"forbidden"`},
		},
		{
			Name: "GET /api/reform/me/initiatives - staff of A lists own and co-authored", Method: http.MethodGet, URL: "/api/reform/me/initiatives",
			Headers: tok(mxStaffA), ExpectedStatus: 200,
			ExpectedContent:    []string{m.ids["iDraftA"], m.ids["iSubA"], m.ids["iAccA"], m.ids["iCoA"], `"totalItems":4`},
			NotExpectedContent: []string{m.ids["iDraftA2"], m.ids["iAccB"], m.ids["iDraftB"], m.ids["iOther"]},
		},
		{
			Name: "GET /api/reform/me/initiatives - staff of B lists nothing of unit A", Method: http.MethodGet, URL: "/api/reform/me/initiatives",
			Headers: tok(mxStaffB), ExpectedStatus: 200, ExpectedContent: []string{m.ids["iAccB"], m.ids["iDraftB"], m.ids["iOther"], `"totalItems":3`},
			NotExpectedContent: []string{m.ids["iDraftA"], m.ids["iSubA"], m.ids["iCoA"]},
		},
		{
			Name: "GET /api/reform/me/initiatives - secretariat lists none of the staff's", Method: http.MethodGet,
			URL: "/api/reform/me/initiatives", Headers: tok(mxSecretariat), ExpectedStatus: 200, ExpectedContent: []string{`"items":[]`, `"totalItems":0`},
		},
		{
			Name: "GET /api/reform/me/initiatives - head of A lists none of the staff's", Method: http.MethodGet,
			URL: "/api/reform/me/initiatives", Headers: tok(mxHeadA), ExpectedStatus: 200, ExpectedContent: []string{`"items":[]`, `"totalItems":0`},
		},
		{
			Name: "GET /api/reform/me/initiatives - council member lists none of the council's", Method: http.MethodGet,
			URL: "/api/reform/me/initiatives", Headers: tok(mxMember), ExpectedStatus: 200, ExpectedContent: []string{`"items":[]`, `"totalItems":0`},
		},
		{
			Name: "GET /api/reform/initiatives/{iSubA}/changes - staff of B should fail", Method: http.MethodGet,
			URL: "/api/reform/initiatives/" + m.ids["iSubA"] + "/changes", Headers: tok(mxStaffB),
			ExpectedStatus: 404, ExpectedContent: []string{`"code":"not_found"`},
		},
		{
			Name: "GET /api/reform/initiatives/{iDraftA}/changes - head of A may not read a draft", Method: http.MethodGet,
			URL: "/api/reform/initiatives/" + m.ids["iDraftA"] + "/changes", Headers: tok(mxHeadA),
			ExpectedStatus: 404, ExpectedContent: []string{`"code":"not_found"`},
		},
		{
			Name: "GET /api/reform/initiatives/{iSubA}/changes - head of A reads it", Method: http.MethodGet,
			URL: "/api/reform/initiatives/" + m.ids["iSubA"] + "/changes", Headers: tok(mxHeadA),
			ExpectedStatus: 200, ExpectedContent: []string{`"changes":[]`},
		},
		{
			Name: "POST /api/reform/rounds/{year}/reopen - chairman should fail", Method: http.MethodPost,
			URL: "/api/reform/rounds/" + strconv.Itoa(m.Round.GetInt("year")) + "/reopen", Headers: tok(mxChairman),
			ExpectedStatus: 403, ExpectedContent: []string{`"code":"forbidden"`},
		},
		{
			Name: "POST /api/reform/rounds/{year}/reopen - council member should fail", Method: http.MethodPost,
			URL: "/api/reform/rounds/" + strconv.Itoa(m.Round.GetInt("year")) + "/reopen", Headers: tok(mxMember),
			ExpectedStatus: 403, ExpectedContent: []string{`"code":"forbidden"`},
		},
		{
			Name: "DELETE /api/reform/rounds/2097 - unit head should fail", Method: http.MethodDelete,
			URL: "/api/reform/rounds/2097", Headers: tok(mxHeadA),
			ExpectedStatus: 403, ExpectedContent: []string{`"code":"forbidden"`},
		},
		{
			Name: "DELETE /api/reform/rounds/2097 - anonymous should fail", Method: http.MethodDelete,
			URL: "/api/reform/rounds/2097", ExpectedStatus: 401, ExpectedContent: []string{`"status":401`},
		},
		{
			Name: "DELETE /api/reform/rounds/2099 - a round holding a council should fail", Method: http.MethodDelete,
			URL: "/api/reform/rounds/2099", Headers: tok(mxSecretariat),
			ExpectedStatus: 400, ExpectedContent: []string{`"code":"round_not_empty"`},
		},
		{
			Name:   "PATCH /api/collections/users/records/{staffA} - the secretariat turning off someone's notices should fail",
			Method: http.MethodPatch, URL: "/api/collections/users/records/" + m.ids["staffA"], Headers: tok(mxSecretariat),
			Body:           strings.NewReader(`{"mail_off":true}`),
			ExpectedStatus: 403, ExpectedContent: []string{`"mail_off":{"code":"field_own"`},
		},
		{
			Name:   "PATCH /api/collections/users/records/{staffA} - a person turns off their own notices",
			Method: http.MethodPatch, URL: "/api/collections/users/records/" + m.ids["staffA"], Headers: tok(mxStaffA),
			Body:           strings.NewReader(`{"mail_off":true}`),
			ExpectedStatus: 200, ExpectedContent: []string{`"mail_off":true`},
		},
		{
			Name:   "PATCH /api/collections/rounds/records/{round2099} - setting launched_at should fail",
			Method: http.MethodPatch, URL: "/api/collections/rounds/records/" + m.ids["round2099"], Headers: tok(mxSecretariat),
			Body:           strings.NewReader(`{"launched_at":"2099-01-01 00:00:00.000Z"}`),
			ExpectedStatus: 400, ExpectedContent: []string{`"code":"read_only_field"`},
		},
		{
			Name:   "GET /api/reform/rounds/2099/launch - anonymous should fail",
			Method: http.MethodGet, URL: "/api/reform/rounds/2099/launch",
			ExpectedStatus: 401, ExpectedContent: []string{`"status":401`},
		},
		{
			Name:   "GET /api/reform/rounds/2099/launch - the secretariat previews the launch",
			Method: http.MethodGet, URL: "/api/reform/rounds/2099/launch", Headers: tok(mxSecretariat),
			ExpectedStatus: 200, ExpectedContent: []string{`"subject":"Phát động phong trào thi đua`, `"launched":""`},
		},
		{
			Name:   "GET /api/reform/audit - staff should fail",
			Method: http.MethodGet, URL: "/api/reform/audit", Headers: tok(mxStaffA),
			ExpectedStatus: 403, ExpectedContent: []string{`"code":"forbidden"`},
		},
		{
			Name:   "GET /api/reform/audit - the chairman reads the audit log",
			Method: http.MethodGet, URL: "/api/reform/audit", Headers: tok(mxChairman),
			ExpectedStatus: 200, ExpectedContent: []string{`"items":[{`},
		},
	}
	for _, c := range []mxCaller{mxStaffA, mxHeadA, mxMember, mxChairman} {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			scenarios = append(scenarios, tests.ApiScenario{
				Name:   method + " /api/reform/rounds/2099/launch - " + mxCallerNames[c] + " should fail",
				Method: method, URL: "/api/reform/rounds/2099/launch", Headers: tok(c),
				ExpectedStatus: 403, ExpectedContent: []string{`"code":"forbidden"`},
			})
		}
	}
	m.runScenarios(t, scenarios)
}

// TestAuthorizationMatrixSearchRoutes: search and the similar list, every
// caller. Search finds, per caller, exactly the initiatives of the
// initiatives row's list column (every fixture initiative's title is
// "Số hóa hồ sơ một cửa của …").
func TestAuthorizationMatrixSearchRoutes(t *testing.T) {
	t.Parallel()
	m := newMxWard(t)
	h := testkit.Handler(t, m.App)
	var listRow mxRow
	for _, row := range mxRows {
		if row.collection == "initiatives" {
			listRow = row
		}
	}
	for c := range mxCallers {
		t.Run("GET /api/reform/search - "+mxCallerNames[c], func(t *testing.T) {
			status, body := apitest.Send(t, h, http.MethodGet, "/api/reform/search?perPage=50&q=so+hoa+ho+so", apitest.Headers(m.headers(c))).StatusBody()
			if c == mxAnon {
				if status != http.StatusUnauthorized {
					t.Fatalf("status %d, want 401", status)
				}
				return
			}
			if status != http.StatusOK {
				t.Fatalf("status %d: %s", status, body)
			}
			var page struct {
				TotalItems int `json:"totalItems"`
				Items      []struct {
					ID string `json:"id"`
				} `json:"items"`
			}
			if err := json.Unmarshal(body, &page); err != nil {
				t.Fatal(err)
			}
			want := map[string]bool{}
			if listRow.list[c] == "*" {
				for _, id := range m.all["initiatives"] {
					want[id] = true
				}
			} else {
				for _, name := range strings.Fields(listRow.list[c]) {
					want[m.ids[name]] = true
				}
			}
			if page.TotalItems != len(want) || len(page.Items) != len(want) {
				t.Errorf("found %d (total %d), the list allows %d", len(page.Items), page.TotalItems, len(want))
			}
			for _, it := range page.Items {
				if !want[it.ID] {
					t.Errorf("found %s, which %s must not see", m.label(it.ID), mxCallerNames[c])
				}
			}
		})
	}
	routes := []struct {
		method, url, want string
	}{
		{http.MethodGet, "/api/reform/initiatives/{iAccA}/similar", "401 200 404 403 200 200 200 200"},
		{http.MethodPost, "/api/reform/initiatives/{iAccA}/similar", "401 403 404 403 200 403 403 200"},
		{http.MethodGet, "/api/reform/initiatives/{iDraftA}/similar", "401 200 404 404 404 404 404 200"},
		{http.MethodGet, "/api/reform/public/search?q=so+hoa", "200 200 200 200 200 200 200 200"},
	}
	for _, r := range routes {
		want := mxStatuses(t, r.want)
		for c := range mxCallers {
			t.Run(r.method+" "+r.url+" - "+mxCallerNames[c], func(t *testing.T) {
				status, body := apitest.Send(t, h, r.method, m.expand(r.url), apitest.JSON(""), apitest.Headers(m.headers(c))).StatusBody()
				if status != want[c] {
					t.Errorf("status %d, want %d: %s", status, want[c], body)
				}
			})
		}
	}
}
