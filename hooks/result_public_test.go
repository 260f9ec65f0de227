package hooks_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// publicFixture is a ward with last year's round decided (one recognised
// initiative holding confidential text, birth dates, shares and a sheet
// with a comment; one not recognised; one accepted) and this year's round
// in review holding an initiative marked recognized, which must not show
// because its round has no decision.
type publicFixture struct {
	w                          *testkit.Ward
	srv                        string
	pastYear, thisYear         int
	recognized, notRecognized  *core.Record
	accepted, draft, reviewing *core.Record
}

// secrets are texts of the fixture that the public may never read.
var publicSecrets = []string{"BI-MAT-CONFIDENTIAL", "1980-05-17", "PHIEU-CHAM-COMMENT", "GIAI-PHAP-CHI-TIET",
	"Sáng kiến không được công nhận", "Sáng kiến mới tiếp nhận", "Bản nháp của năm trước", "Sáng kiến đợt đang chấm",
	`"share"`, `"approve"`, `"total"`, `"result_mean"`, `"birth_date"`, `"confidential"`, `"points"`}

// newPublicFixture builds the fixture and serves it over real HTTP.
func newPublicFixture(t *testing.T) *publicFixture {
	w := testkit.NewWard(t)
	t.Cleanup(w.App.Cleanup)
	f := &publicFixture{w: w, thisYear: w.Round.GetInt("year")}
	f.pastYear = f.thisYear - 1
	past := testkit.Save(t, w.App, "rounds", map[string]any{"year": f.pastYear, "status": "decided",
		"submission_deadline": "2020-09-24 17:00:00.000Z", "decision_deadline": "2020-09-29 17:00:00.000Z"})
	testkit.Update(t, w.App, w.Round, map[string]any{"status": "review"})
	in := func(round *core.Record, owner *core.Record, status, title string, extra map[string]any) *core.Record {
		data := map[string]any{"round": round.Id, "title": title, "council": w.Council.Id}
		for k, v := range extra {
			data[k] = v
		}
		return w.Initiative(t, owner, status, data)
	}
	f.recognized = in(past, w.StaffA, "recognized", "Một cửa không giấy tờ", map[string]any{
		"code": "SK-2000-001", "summary": "Tiếp nhận hồ sơ trực tuyến.", "solution": "GIAI-PHAP-CHI-TIET",
		"confidential": "BI-MAT-CONFIDENTIAL", "result_tier": "tot", "result_mean": 77.5, "result_rank": 1,
		"field": w.Fields["g"].Id,
		"authors": []map[string]any{
			{"name": "Nguyễn Văn An", "birth_date": "1980-05-17", "position": "Chuyên viên", "workplace": "UBND", "share": 60, "user": w.StaffA.Id},
			{"name": "Trần Thị Bình", "birth_date": "1985-01-02", "position": "Chuyên viên", "workplace": "UBND", "share": 40},
		}})
	w.Sheet(t, f.recognized, w.Members[0], "submitted", testkit.Points(25, 15, 25, 15), true)
	testkit.Update(t, w.App, sheetOf(t, w.App, f.recognized, w.Members[0]), map[string]any{"comment": "PHIEU-CHAM-COMMENT"})
	f.notRecognized = in(past, w.StaffB, "not_recognized", "Sáng kiến không được công nhận", nil)
	f.accepted = in(past, w.StaffA2, "accepted", "Sáng kiến mới tiếp nhận", nil)
	f.draft = in(past, w.StaffA2, "draft", "Bản nháp của năm trước", nil)
	f.reviewing = in(w.Round, w.StaffB, "recognized", "Sáng kiến đợt đang chấm", nil)
	f.srv = testkit.Serve(t, w.App).URL
	return f
}

// sheetOf returns member's sheet on ini.
func sheetOf(t *testing.T, app core.App, ini, member *core.Record) *core.Record {
	t.Helper()
	r, err := app.FindFirstRecordByFilter("scores", "initiative = {:i} && member = {:m}", map[string]any{"i": ini.Id, "m": member.Id})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestPublicRecognizedAnonymous: without sign-in, the recognised
// initiatives of a decided round come with exactly their code, title,
// unit, field, summary, tier and authors' names; nothing confidential, no
// sheet, no vote, no birth date or share; drafts, accepted and not
// recognised ones never; a round without a decision shows nothing.
func TestPublicRecognizedAnonymous(t *testing.T) {
	t.Parallel()
	f := newPublicFixture(t)
	for _, path := range []string{"/api/reform/public/recognized", "/api/reform/public/recognized?year=" + strconv.Itoa(f.pastYear)} {
		status, body := apitest.Send(t, f.srv, http.MethodGet, path).StatusBody()
		if status != 200 {
			t.Fatalf("%s: %d %s", path, status, body)
		}
		var out struct {
			Years []int            `json:"years"`
			Year  int              `json:"year"`
			Items []map[string]any `json:"items"`
		}
		if err := json.Unmarshal([]byte(body), &out); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(out.Years, []int{f.pastYear}) || out.Year != f.pastYear {
			t.Errorf("%s: years %v year %d, want [%d]", path, out.Years, out.Year, f.pastYear)
		}
		if len(out.Items) != 1 {
			t.Fatalf("%s: %d items: %s", path, len(out.Items), body)
		}
		it := out.Items[0]
		var keys []string
		for k := range it {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if want := []string{"authors", "code", "field", "field_code", "summary", "tier", "tier_name", "title", "unit"}; !slices.Equal(keys, want) {
			t.Errorf("fields %v, want %v", keys, want)
		}
		if it["title"] != "Một cửa không giấy tờ" || it["code"] != "SK-2000-001" || it["tier"] != "tot" || it["tier_name"] != "Tốt" ||
			it["unit"] != f.w.UnitA.GetString("name") || it["field_code"] != "g" || it["summary"] != "Tiếp nhận hồ sơ trực tuyến." {
			t.Errorf("item %v", it)
		}
		if names, _ := json.Marshal(it["authors"]); string(names) != `["Nguyễn Văn An","Trần Thị Bình"]` {
			t.Errorf("authors %s", names)
		}
		for _, s := range publicSecrets {
			if strings.Contains(string(body), s) {
				t.Errorf("%s: the public reads %q: %s", path, s, body)
			}
		}
	}
	// a round's own tiers: the public reads its name for the tier.
	past, err := f.w.App.FindFirstRecordByFilter("rounds", "year = {:y}", map[string]any{"y": f.pastYear})
	if err != nil {
		t.Fatal(err)
	}
	testkit.Update(t, f.w.App, past, map[string]any{"tiers": []map[string]any{{"code": "xuat_sac", "name": "Loại A", "min_total": 85},
		{"code": "tot", "name": "Loại B", "min_total": 50}}})
	if body := apitest.Send(t, f.srv, http.MethodGet, "/api/reform/public/recognized").Body; !strings.Contains(string(body), `"tier_name":"Loại B"`) {
		t.Errorf("the round's own tier name is not given: %s", body)
	}
}

// TestPublicRecognizedYears: a year without a decision (the round in
// review, or no round) lists nothing; a year that is not a number is 400
// invalid_number; a signed-in caller gets the same public answer.
func TestPublicRecognizedYears(t *testing.T) {
	t.Parallel()
	f := newPublicFixture(t)
	for _, c := range []struct {
		path, token string
		status      int
		want        string
	}{
		{"/api/reform/public/recognized?year=" + strconv.Itoa(f.thisYear), "", 200, `"items":[]`},
		{"/api/reform/public/recognized?year=1999", "", 200, `"items":[]`},
		{"/api/reform/public/recognized?year=abc", "", 400, `"invalid_number"`},
		{"/api/reform/public/recognized", testkit.Token(t, f.w.Secretariat), 200, `"Một cửa không giấy tờ"`},
	} {
		status, body := apitest.Send(t, f.srv, http.MethodGet, c.path, apitest.Token(c.token)).StatusBody()
		if status != c.status || !strings.Contains(string(body), c.want) {
			t.Errorf("%s: %d %s, want %d with %s", c.path, status, body, c.status, c.want)
		}
		for _, s := range publicSecrets {
			if strings.Contains(string(body), s) {
				t.Errorf("%s: reads %q", c.path, s)
			}
		}
	}
	// once the round in review is decided and closed, its year is listed.
	testkit.Update(t, f.w.App, f.w.Round, map[string]any{"status": "closed"})
	body := string(apitest.Send(t, f.srv, http.MethodGet, "/api/reform/public/recognized?year="+strconv.Itoa(f.thisYear)).Body)
	if !strings.Contains(body, "Sáng kiến đợt đang chấm") || !strings.Contains(body, `"years":[`+strconv.Itoa(f.thisYear)+`,`+strconv.Itoa(f.pastYear)+`]`) {
		t.Errorf("closed round: %s", body)
	}
}
