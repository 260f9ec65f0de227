package hooks_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// peopleWard is the known ward with three years of initiatives: StaffA's
// recognised two years ago (tốt, later recognised by the city), not
// recognised last year, and this year one recognised with StaffB (60/40)
// and an author without an account (the round's own tier "b"); StaffB's
// own submitted one this year.
type peopleWard struct {
	*testkit.Ward
	Year                 int
	Old, Last, Now, Mine *core.Record
}

// newPeopleWard builds the three years.
func newPeopleWard(t *testing.T) *peopleWard {
	t.Helper()
	w := &peopleWard{Ward: testkit.NewWard(t)}
	w.Year = w.Round.GetInt("year")
	past := func(year int) *core.Record {
		return testkit.Save(t, w.App, "rounds", map[string]any{"year": year, "status": "closed"})
	}
	decide := func(round *core.Record, number string, day time.Time) {
		testkit.Save(t, w.App, "decisions", map[string]any{"round": round.Id, "kind": "recognition", "number": number,
			"signed_on": day, "signer": "Chu Thanh Lương"})
	}
	r2, r1 := past(w.Year-2), past(w.Year-1)
	decide(r2, "90/QĐ-UBND", time.Date(w.Year-2, 9, 28, 3, 0, 0, 0, time.UTC))
	decide(r1, "91/QĐ-UBND", time.Date(w.Year-1, 9, 27, 3, 0, 0, 0, time.UTC))
	decide(w.Round, "92/QĐ-UBND", time.Date(w.Year, 9, 26, 3, 0, 0, 0, time.UTC))
	testkit.Update(t, w.App, w.Round, map[string]any{"tiers": []map[string]any{
		{"code": "a", "name": "Loại A", "min_total": 85}, {"code": "b", "name": "Loại B", "min_total": 50}}})
	w.Old = w.Initiative(t, w.StaffA, "recognized", map[string]any{"round": r2.Id, "code": "SK-" + strconv.Itoa(w.Year-2) + "-001",
		"result_tier": "tot", "result_rank": 1, "scope": "thanh_pho", "scope_decision_number": "15/QĐ-UBND",
		"scope_decision_date": time.Date(w.Year-1, 3, 2, 3, 0, 0, 0, time.UTC)})
	w.Last = w.Initiative(t, w.StaffA, "not_recognized", map[string]any{"round": r1.Id, "code": "SK-" + strconv.Itoa(w.Year-1) + "-004", "result_rank": 3})
	w.Now = w.Initiative(t, w.StaffA, "recognized", map[string]any{"code": "SK-" + strconv.Itoa(w.Year) + "-002",
		"result_tier": "b", "result_rank": 1, "scope": "co_so", "author_users": []string{w.StaffA.Id, w.StaffB.Id},
		"authors": []map[string]any{
			{"name": w.StaffA.GetString("name"), "position": "Chuyên viên", "workplace": "UBND phường", "share": 60, "user": w.StaffA.Id},
			{"name": w.StaffB.GetString("name"), "position": "Viên chức", "workplace": "Trạm Y tế", "share": 30, "user": w.StaffB.Id},
			{"name": "Lê Văn Ngoài", "position": "Kỹ sư", "workplace": "Công ty Cấp nước", "share": 10}}})
	w.Mine = w.Initiative(t, w.StaffB, "submitted", map[string]any{"code": "SK-" + strconv.Itoa(w.Year) + "-003"})
	w.Initiative(t, w.StaffA, "draft", nil) // never listed
	return w
}

// TestRecognizedPeople lists this year's people with a recognised
// initiative: the two accounts and the outside author, each with unit,
// position, share, tier, scope and the ward's decision.
func TestRecognizedPeople(t *testing.T) {
	t.Parallel()
	w := newPeopleWard(t)
	srv := testkit.Serve(t, w.App)
	out := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+strconv.Itoa(w.Year)+"/recognized-people", apitest.As(w.Secretariat)).Want(t, http.StatusOK)

	items := out["items"].([]any)
	if len(items) != 3 {
		t.Fatalf("%d rows: %v", len(items), items)
	}
	want := []struct {
		person, name, unit, position string
		share                        float64
	}{
		{w.StaffA.Id, w.StaffA.GetString("name"), "Văn phòng HĐND và UBND", "Chuyên viên", 60},
		{w.StaffB.Id, w.StaffB.GetString("name"), "Trạm Y tế", "Viên chức", 30},
		{"", "Lê Văn Ngoài", "Công ty Cấp nước", "Kỹ sư", 10},
	}
	for i, wt := range want {
		it := items[i].(map[string]any)
		dec := it["decision"].(map[string]any)
		if it["person"] != wt.person || it["name"] != wt.name || it["unit"] != wt.unit || it["position"] != wt.position ||
			it["share"] != wt.share || it["code"] != w.Now.GetString("code") || it["tier"] != "b" || it["tier_name"] != "Loại B" ||
			it["scope"] != "co_so" || dec["number"] != "92/QĐ-UBND" || dec["date"] != strconv.Itoa(w.Year)+"-09-26" {
			t.Errorf("row %d: %v", i, it)
		}
	}
	// two years ago: StaffA alone, recognised by the city too.
	out = apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+strconv.Itoa(w.Year-2)+"/recognized-people", apitest.As(w.Chairman)).Want(t, http.StatusOK)

	items = out["items"].([]any)
	if len(items) != 1 {
		t.Fatalf("%d rows two years ago: %v", len(items), items)
	}
	if it := items[0].(map[string]any); it["scope"] != "thanh_pho" || it["scope_decision"].(map[string]any)["number"] != "15/QĐ-UBND" ||
		it["tier_name"] != "Xuất sắc" && it["tier_name"] != "Tốt" {
		t.Errorf("two years ago: %v", it)
	}
	// last year: nobody.
	out = apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+strconv.Itoa(w.Year-1)+"/recognized-people", apitest.As(w.Secretariat)).Want(t, http.StatusOK)

	if items := out["items"].([]any); len(items) != 0 {
		t.Errorf("last year: %v", items)
	}
}

// TestPersonHistory lists StaffA's initiatives over the three years,
// newest first, with outcome, tier and scope; never a draft.
func TestPersonHistory(t *testing.T) {
	t.Parallel()
	w := newPeopleWard(t)
	srv := testkit.Serve(t, w.App)
	for _, reader := range []*core.Record{w.StaffA, w.Secretariat, w.Chairman} {
		out := apitest.Send(t, srv, http.MethodGet, "/api/reform/people/"+w.StaffA.Id+"/initiatives", apitest.As(reader)).Want(t, http.StatusOK)

		items := out["items"].([]any)
		if len(items) != 3 {
			t.Fatalf("%d rows: %v", len(items), items)
		}
		want := []struct {
			year          int
			code, status  string
			tier, scope   string
			share         float64
			scopeDecision string
		}{
			{w.Year, w.Now.GetString("code"), "recognized", "b", "co_so", 60, ""},
			{w.Year - 1, w.Last.GetString("code"), "not_recognized", "", "", 100, ""},
			{w.Year - 2, w.Old.GetString("code"), "recognized", "tot", "thanh_pho", 100, "15/QĐ-UBND"},
		}
		for i, wt := range want {
			it := items[i].(map[string]any)
			if it["year"] != float64(wt.year) || it["code"] != wt.code || it["status"] != wt.status || it["tier"] != wt.tier ||
				it["scope"] != wt.scope || it["share"] != wt.share || it["scope_decision"].(map[string]any)["number"] != wt.scopeDecision {
				t.Errorf("row %d: %v", i, it)
			}
		}
	}
	// StaffB: the co-authored one and their own submitted one.
	out := apitest.Send(t, srv, http.MethodGet, "/api/reform/people/"+w.StaffB.Id+"/initiatives", apitest.As(w.StaffB)).Want(t, http.StatusOK)

	if items := out["items"].([]any); len(items) != 2 {
		t.Errorf("StaffB: %v", items)
	}
}

// TestPeopleRoutesWhoMay: the lists are the emulation office's (the
// secretariat) and the chairman's; a person reads their own history only;
// the scope is the secretariat's to record.
func TestPeopleRoutesWhoMay(t *testing.T) {
	t.Parallel()
	w := newPeopleWard(t)
	srv := testkit.Serve(t, w.App)
	year := strconv.Itoa(w.Year)
	cases := []struct {
		who          string
		as           *core.Record
		method, path string
		body         any
		status       int
	}{
		{"anonymous", nil, http.MethodGet, "/api/reform/rounds/" + year + "/recognized-people", nil, 401},
		{"staff", w.StaffA, http.MethodGet, "/api/reform/rounds/" + year + "/recognized-people", nil, 403},
		{"unit head", w.HeadA, http.MethodGet, "/api/reform/rounds/" + year + "/recognized-people", nil, 403},
		{"council member", w.Members[0], http.MethodGet, "/api/reform/rounds/" + year + "/recognized-people", nil, 403},
		{"secretariat, unknown year", w.Secretariat, http.MethodGet, "/api/reform/rounds/1999/recognized-people", nil, 404},
		{"anonymous", nil, http.MethodGet, "/api/reform/people/" + w.StaffA.Id + "/initiatives", nil, 401},
		{"another staff member", w.StaffB, http.MethodGet, "/api/reform/people/" + w.StaffA.Id + "/initiatives", nil, 403},
		{"unit head of the person's unit", w.HeadA, http.MethodGet, "/api/reform/people/" + w.StaffA.Id + "/initiatives", nil, 403},
		{"staff, an unknown account", w.StaffB, http.MethodGet, "/api/reform/people/nosuchaccount00/initiatives", nil, 403},
		{"secretariat, an unknown account", w.Secretariat, http.MethodGet, "/api/reform/people/nosuchaccount00/initiatives", nil, 404},
		{"staff author sets the scope", w.StaffA, http.MethodPost, "/api/reform/initiatives/" + w.Now.Id + "/scope", map[string]any{"scope": "thanh_pho", "number": "1/QĐ", "signed_on": "2020-01-02"}, 403},
		{"chairman sets the scope", w.Chairman, http.MethodPost, "/api/reform/initiatives/" + w.Now.Id + "/scope", map[string]any{"scope": "co_so"}, 403},
		{"secretariat, a city scope without its decision", w.Secretariat, http.MethodPost, "/api/reform/initiatives/" + w.Now.Id + "/scope", map[string]any{"scope": "thanh_pho"}, 400},
		{"secretariat, an unknown scope", w.Secretariat, http.MethodPost, "/api/reform/initiatives/" + w.Now.Id + "/scope", map[string]any{"scope": "tinh"}, 400},
		{"secretariat, an initiative not recognised", w.Secretariat, http.MethodPost, "/api/reform/initiatives/" + w.Last.Id + "/scope", map[string]any{"scope": "co_so"}, 400},
		{"staff writes the scope through the CRUD API", w.StaffB, http.MethodPatch, "/api/collections/initiatives/records/" + w.Mine.Id, map[string]any{"scope": "toan_quoc"}, 400},
	}
	for _, c := range cases {
		cl := apitest.As(c.as)
		if status, out := apitest.Send(t, srv, c.method, c.path, cl, apitest.JSON(c.body)).StatusJSON(); status != c.status {
			t.Errorf("%s %s as %s: status %d, want %d: %v", c.method, c.path, c.who, status, c.status, out)
		}
	}
	if ini := reload(t, w.App, w.Now); ini.GetString("scope") != "co_so" {
		t.Errorf("a refused request changed the scope: %q", ini.GetString("scope"))
	}
	// the secretariat records the city's recognition: stored and audited.
	cl := apitest.As(w.Secretariat)
	day := time.Now().AddDate(0, 0, -1).Format("2006-01-02")
	apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+w.Now.Id+"/scope", cl, apitest.JSON(map[string]any{"scope": "thanh_pho", "number": "7/QĐ-UBND", "signed_on": day})).Want(t, http.StatusOK)
	ini := reload(t, w.App, w.Now)
	if ini.GetString("scope") != "thanh_pho" || ini.GetString("scope_decision_number") != "7/QĐ-UBND" || ini.GetDateTime("scope_decision_date").IsZero() {
		t.Errorf("stored %v", ini.PublicExport())
	}
	if acts := auditActions(t, w.App, w.Now.Id); len(acts) == 0 || acts[len(acts)-1] != "scope" {
		t.Errorf("audit %v", acts)
	}
}

// TestRecognizedPeopleExcel: the same list as an Excel sheet in the
// Nghị định 30 layout, signed by the head of Phòng Văn hóa – Xã hội, for
// the secretariat and the chairman only.
func TestRecognizedPeopleExcel(t *testing.T) {
	t.Parallel()
	w := newPeopleWard(t)
	srv := testkit.Serve(t, w.App)
	path := "/api/reform/rounds/" + strconv.Itoa(w.Year) + "/export.xlsx?report=people"
	status, raw := apitest.Send(t, srv, http.MethodGet, path, apitest.As(w.Secretariat)).StatusBody()
	if status != http.StatusOK {
		t.Fatalf("status %d: %s", status, raw)
	}
	cells := "|" + strings.Join(xlsxCells(t, raw), "|") + "|"
	for _, want := range []string{"DANH SÁCH CÁ NHÂN CÓ SÁNG KIẾN ĐƯỢC CÔNG NHẬN NĂM " + strconv.Itoa(w.Year),
		"|" + w.StaffA.GetString("name") + "|Văn phòng HĐND và UBND|Chuyên viên|" + w.Now.GetString("code") + "|",
		"|Lê Văn Ngoài|Công ty Cấp nước|Kỹ sư|", "|60%|Loại B|Cơ sở|Quyết định số 92/QĐ-UBND ngày 26/09/" + strconv.Itoa(w.Year) + "|",
		"|3 người, 3 lượt|", "TRƯỞNG PHÒNG", "NGƯỜI LẬP BIỂU"} {
		if !strings.Contains(cells, want) {
			t.Errorf("the sheet lacks %q: %s", want, cells)
		}
	}
	for _, who := range []*core.Record{w.HeadA, w.StaffA, w.Members[0]} {
		if status := apitest.Send(t, srv, http.MethodGet, path, apitest.As(who)).Status; status != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", who.GetString("name"), status)
		}
	}
	if status := apitest.Send(t, srv, http.MethodGet, path, apitest.As(w.Chairman)).Status; status != http.StatusOK {
		t.Errorf("chairman: status %d", status)
	}
}
