package hooks_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/hooks"
	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// auditAnswer is the answer of GET /api/reform/audit.
type auditAnswer struct {
	TotalItems int    `json:"totalItems"`
	Record     string `json:"record"`
	Items      []struct {
		When     string `json:"when"`
		Actor    string `json:"actor"`
		Sentence string `json:"sentence"`
		Reason   string `json:"reason"`
		Changes  []struct {
			Field  string `json:"field"`
			Before string `json:"before"`
			After  string `json:"after"`
		} `json:"changes"`
	} `json:"items"`
}

// readAudit decodes an answer of the audit route.
func readAudit(t *testing.T, out map[string]any) auditAnswer {
	t.Helper()
	var a auditAnswer
	b, _ := json.Marshal(out)
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// localTime is how the audit page writes an instant.
var localTime = regexp.MustCompile(`^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$`)

func TestAuditReadsAsSentences(t *testing.T) {
	t.Parallel()
	m := newMailWard(t)
	w := m.Ward
	year := strconv.Itoa(w.Round.GetInt("year"))
	ini := w.Initiative(t, w.StaffA, "endorsed", map[string]any{
		"code": "SK-" + year + "-007", "title": "Rà soát, đề xuất đơn giản hóa thủ tục hành chính nội bộ trong hệ thống hành chính nhà nước",
		"endorsed_at": time.Now().Add(-time.Hour),
	})
	m.act(t, 200, "POST", "/api/reform/initiatives/"+ini.Id+"/accept", w.Secretariat, "")
	m.act(t, 200, "PATCH", "/api/collections/rounds/records/"+w.Round.Id, w.Secretariat,
		`{"approval_ratio":0.75,"threshold":55}`)
	other := w.Initiative(t, w.StaffB, "endorsed", map[string]any{"code": "SK-" + year + "-008", "endorsed_at": time.Now().Add(-time.Hour)})
	m.act(t, 200, "POST", "/api/reform/initiatives/"+other.Id+"/return", w.Secretariat, `{"reason":"Thiếu số liệu minh chứng"}`)
	// a draft's history is its writer's: not listed to the secretariat.
	m.act(t, 200, "POST", "/api/collections/initiatives/records", w.StaffA,
		`{"round":"`+w.Round.Id+`","field":"`+w.Fields["c"].Id+`","title":"Bản nháp riêng"}`)

	raw := m.act(t, 200, "GET", "/api/reform/audit", w.Secretariat, "")
	a := readAudit(t, raw)
	if a.TotalItems != 4 || len(a.Items) != 4 {
		t.Fatalf("%d entries, want 4 (the draft's hidden): %+v", a.TotalItems, a.Items)
	}
	sentences := []string{}
	for _, it := range a.Items {
		sentences = append(sentences, it.Sentence)
		if !localTime.MatchString(it.When) {
			t.Errorf("when %q is not dd/mm/yyyy HH:mm", it.When)
		}
	}
	want := []string{
		"Đỗ Thị Giang trả lại SK-" + year + "-008 «Số hóa hồ sơ một cửa của Lê Văn Cường» để chỉnh sửa",
		"Đỗ Thị Giang sửa đợt sáng kiến năm " + year,
		"Hệ thống giao SK-" + year + "-007 «Rà soát, đề xuất đơn giản hóa thủ tục hành chính nội bộ…» cho Hội đồng",
		"Đỗ Thị Giang tiếp nhận SK-" + year + "-007 «Rà soát, đề xuất đơn giản hóa thủ tục hành chính nội bộ…»",
	}
	// the acceptance and its automatic assignment share an instant.
	slices.Sort(sentences)
	slices.Sort(want)
	if strings.Join(sentences, "\n") != strings.Join(want, "\n") {
		t.Errorf("sentences:\n%s\nwant:\n%s", strings.Join(sentences, "\n"), strings.Join(want, "\n"))
	}
	if a.Items[0].Reason != "Thiếu số liệu minh chứng" {
		t.Errorf("reason %q", a.Items[0].Reason)
	}
	changes := map[string]string{}
	for _, it := range a.Items {
		for _, c := range it.Changes {
			changes[c.Field] = c.Before + " → " + c.After
		}
	}
	for field, change := range map[string]string{
		"Tỷ lệ tán thành tối thiểu":   "2/3 → 3/4",
		"Điểm tối thiểu để công nhận": "50 → 55",
		"Trạng thái": "Đơn vị đã đề xuất → Đã tiếp nhận",
		"Hội đồng":   "(trống) → " + w.Council.GetString("name"),
	} {
		if changes[field] != change {
			t.Errorf("%s: %q, want %q", field, changes[field], change)
		}
	}

	// nothing a person cannot read: ids, ISO instants, true/false, English names.
	body := toJSON(raw)
	for _, id := range []string{ini.Id, other.Id, w.Round.Id, w.Secretariat.Id, w.Council.Id, w.StaffA.Id} {
		if strings.Contains(body, id) {
			t.Errorf("the answer holds the id %s: %s", id, body)
		}
	}
	for _, bad := range []string{"true", "false", "status", "approval_ratio", "council\"", "T00:", "Z\"", ".000"} {
		if strings.Contains(strings.ReplaceAll(body, `"changes"`, ""), bad) {
			t.Errorf("the answer says %q: %s", bad, body)
		}
	}

	// by an initiative's code; the code comes back for the filter's field.
	a = readAudit(t, m.act(t, 200, "GET", "/api/reform/audit?record=sk-"+year+"-007", w.Secretariat, ""))
	if a.TotalItems != 2 || a.Record != "SK-"+year+"-007" { // accepted and assigned
		t.Errorf("by code: %d entries, record %q", a.TotalItems, a.Record)
	}
	a = readAudit(t, m.act(t, 200, "GET", "/api/reform/audit?action=return&from="+time.Now().Format("2006-01-02"), w.Chairman, ""))
	if a.TotalItems != 1 {
		t.Errorf("the chairman, returns of today: %d entries", a.TotalItems)
	}
	a = readAudit(t, m.act(t, 200, "GET", "/api/reform/audit?to=01/01/2000", w.Secretariat, ""))
	if a.TotalItems != 0 {
		t.Errorf("before 2000: %d entries", a.TotalItems)
	}
	for _, who := range []*core.Record{w.StaffA, w.HeadA, w.Members[0]} {
		m.act(t, 403, "GET", "/api/reform/audit", who, "")
	}
	m.act(t, 401, "GET", "/api/reform/audit", nil, "")
}

func TestAuditLabelsEveryField(t *testing.T) {
	t.Parallel()
	if err := i18n.Load(os.DirFS(filepath.Join(testkit.Root, "pb_public"))); err != nil {
		t.Fatal(err)
	}
	w := testkit.NewWard(t)
	for _, name := range hooks.AuditedCollections() {
		col, err := w.App.FindCollectionByNameOrId(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range col.Fields {
			switch f.GetName() {
			case "id", "created", "updated":
				continue
			}
			if f.GetHidden() {
				continue
			}
			if key := "audit.field." + name + "." + f.GetName(); !i18n.Has(key) {
				t.Errorf("%s is not in the catalog", key)
			}
		}
	}
}

// auditVerbs finds the actions the hooks write to the audit log.
var auditVerbs = regexp.MustCompile(`Audit\([\w.]+, [\w.]+, "([a-z_-]+)"|verb: "([a-z_-]+)"|roundStatusHandler\("([a-z_-]+)"|action :?= "([a-z_-]+)"`)

func TestAuditSaysEveryAction(t *testing.T) {
	t.Parallel()
	if err := i18n.Load(os.DirFS(filepath.Join(testkit.Root, "pb_public"))); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(testkit.Root, "hooks", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range auditVerbs.FindAllStringSubmatch(string(src), -1) {
			for _, v := range m[1:] {
				if v != "" {
					seen[v] = true
				}
			}
		}
	}
	if len(seen) < 15 {
		t.Fatalf("found only %d actions: is the pattern still right? %v", len(seen), seen)
	}
	for v := range seen {
		for _, key := range []string{"audit.sentence." + v, "office.audit_act." + v} {
			if !i18n.Has(key) {
				t.Errorf("action %q: %s is not in the catalog", v, key)
			}
		}
	}
}

func TestAuditFormatsValues(t *testing.T) {
	t.Parallel()
	m := newMailWard(t)
	w := m.Ward
	ini := w.Initiative(t, w.StaffA, "draft", nil)
	m.act(t, 200, "PATCH", "/api/collections/initiatives/records/"+ini.Id, w.StaffA, `{
		"benefit_value": 12500000, "first_applied": "2026-03-14 17:00:00.000Z",
		"authors": [
			{"name": "Nguyễn Văn An", "position": "Chuyên viên", "workplace": "UBND phường", "share": 60, "user": "`+w.StaffA.Id+`"},
			{"name": "Phạm Văn Ngoài", "position": "Giáo viên", "workplace": "Trường Tiểu học", "share": 40}
		]}`)
	m.act(t, 200, "PATCH", "/api/collections/units/records/"+w.UnitB.Id, w.Secretariat, `{"active": false}`)
	a := readAudit(t, m.act(t, 200, "GET", "/api/reform/audit", w.Superuser, ""))
	changes := map[string]string{}
	for _, it := range a.Items {
		for _, c := range it.Changes {
			changes[c.Field] = c.After
		}
	}
	for field, want := range map[string]string{
		"Số tiền làm lợi (đồng)": "12.500.000",
		"Ngày áp dụng lần đầu":   "15/03/2026",
		"Tác giả":                "Nguyễn Văn An (60%); Phạm Văn Ngoài (40%)",
		"Đang hoạt động":         "Không",
	} {
		if changes[field] != want {
			t.Errorf("%s: %q, want %q (all: %v)", field, changes[field], want, changes)
		}
	}
	if a.Items[len(a.Items)-1].Sentence != "Nguyễn Văn An sửa bản nháp «Số hóa hồ sơ một cửa của Nguyễn Văn An»" {
		t.Errorf("the draft's edit reads %q", a.Items[len(a.Items)-1].Sentence)
	}
}

// auditEntry is an audit log entry written straight into the table: an
// update of unit A by actor at a fixed time (the log's order and cursors
// read the stored time, not the clock), a draft's or not.
type auditEntry struct {
	id, actor, at string
	draft         bool
}

// insertUnitAudit writes entries into w's audit log in one statement.
func insertUnitAudit(t *testing.T, w *testkit.Ward, entries []auditEntry) {
	t.Helper()
	values := make([]string, len(entries))
	params := dbx.Params{"unit": w.UnitA.Id}
	for i, e := range entries {
		k := strconv.Itoa(i)
		values[i] = "({:id" + k + "}, 'update', 'units', {:unit}, {:actor" + k + "}, {:at" + k + "}, {:at" + k + "}, {:draft" + k + "})"
		params["id"+k], params["actor"+k], params["at"+k], params["draft"+k] = e.id, e.actor, e.at, e.draft
	}
	if _, err := w.App.DB().NewQuery("INSERT INTO audit_log (id, action, collection, record, actor, created, updated, draft) VALUES " +
		strings.Join(values, ",")).Bind(params).Execute(); err != nil {
		t.Fatal(err)
	}
}

// The log is read a page at a time, uncounted: page 2 holds the entries
// after page 1's, newest first; "more" says a next page holds some and the
// last page's totalItems is the total; a page past the end is empty; the
// filters page the same way; an entry the reader may not list (a draft's,
// another's) is on no page, whatever the cursor ("after", the previous
// page's "next": the next page read from there); perPage above 50 gives 50.
func TestAuditPagesOneAtATime(t *testing.T) {
	t.Parallel()
	m := newMailWard(t)
	w := m.Ward
	const n = 45
	values := make([]auditEntry, n)
	for i := range values {
		draft, actor := false, w.Secretariat.Id
		if i%2 == 1 {
			actor = w.Chairman.Id
		}
		if i == 30 { // a draft's edit by its writer: hers alone
			draft, actor = true, w.StaffA.Id
		}
		values[i] = auditEntry{fmt.Sprintf("a%014d", i), actor, fmt.Sprintf("2026-01-01 00:%02d:00.000Z", i), draft}
	}
	insertUnitAudit(t, w, values)
	ids := func(raw map[string]any) []string {
		var out []string
		for _, it := range raw["items"].([]any) {
			out = append(out, it.(map[string]any)["id"].(string))
		}
		return out
	}
	want := func(from, to int, skip func(int) bool) []string { // entries from..to, newest first
		var out []string
		for i := to; i >= from; i-- {
			if !skip(i) {
				out = append(out, fmt.Sprintf("a%014d", i))
			}
		}
		return out
	}
	draft := func(i int) bool { return i == 30 }
	for _, c := range []struct {
		path  string
		items []string
		more  bool
		total int
	}{
		{"/api/reform/audit", want(24, 44, draft), true, 20},
		{"/api/reform/audit?page=2", want(4, 23, draft), true, 40},
		{"/api/reform/audit?page=3", want(0, 3, draft), false, 44},
		{"/api/reform/audit?page=4", nil, false, 0},
		{"/api/reform/audit?page=1&perPage=500", want(0, 44, draft)[:44], false, 44},
		{"/api/reform/audit?page=2&perPage=10", want(0, 44, draft)[10:20], true, 20},
		{"/api/reform/audit?page=2&perPage=10&actor=" + w.Chairman.Id, want(0, 44, func(i int) bool { return i%2 == 0 || draft(i) })[10:20], true, 20},
		{"/api/reform/audit?page=3&perPage=10&actor=" + w.Chairman.Id, want(0, 44, func(i int) bool { return i%2 == 0 || draft(i) })[20:], false, 22},
		{"/api/reform/audit?page=9999999999999", nil, false, 0},
	} {
		raw := m.act(t, 200, "GET", c.path, w.Secretariat, "")
		if got := ids(raw); !slices.Equal(got, c.items) || (raw["more"] == true) != c.more || int(raw["totalItems"].(float64)) != c.total {
			t.Errorf("%s: %v more %v totalItems %v; want %v, %v, %d", c.path, got, raw["more"], raw["totalItems"], c.items, c.more, c.total)
		}
	}
	// the next page from the previous one's "next", as the page asks it: the
	// same entries as by its number; a cursor is a place in time, not a
	// right (one at the draft's entry lists what the rule keeps after it); one
	// that does not parse, or on page 1, is none.
	next := func(path string) string {
		s, _ := m.act(t, 200, "GET", path, w.Secretariat, "")["next"].(string)
		if s == "" {
			t.Fatalf("%s: no next", path)
		}
		return url.QueryEscape(s)
	}
	first, chair := next("/api/reform/audit"), next("/api/reform/audit?perPage=10&actor="+w.Chairman.Id)
	if last := m.act(t, 200, "GET", "/api/reform/audit?page=3", w.Secretariat, ""); last["next"] != nil {
		t.Errorf("the last page has a next: %v", last["next"])
	}
	for _, c := range []struct {
		path  string
		items []string
		more  bool
		total int
	}{
		{"/api/reform/audit?page=2&after=" + first, want(4, 23, draft), true, 40},
		{"/api/reform/audit?page=3&perPage=10&after=" + first, want(0, 23, draft)[:10], true, 30},
		{"/api/reform/audit?page=2&perPage=10&actor=" + w.Chairman.Id + "&after=" + chair, want(0, 44, func(i int) bool { return i%2 == 0 || draft(i) })[10:20], true, 20},
		{"/api/reform/audit?page=2&after=" + url.QueryEscape("2026-01-01 00:30:00.000Z~99999999"), want(10, 30, draft), true, 40},
		{"/api/reform/audit?page=2&after=x", want(4, 23, draft), true, 40},
		{"/api/reform/audit?page=1&after=" + first, want(24, 44, draft), true, 20},
	} {
		raw := m.act(t, 200, "GET", c.path, w.Secretariat, "")
		if got := ids(raw); !slices.Equal(got, c.items) || (raw["more"] == true) != c.more || int(raw["totalItems"].(float64)) != c.total {
			t.Errorf("%s: %v more %v totalItems %v; want %v, %v, %d", c.path, got, raw["more"], raw["totalItems"], c.items, c.more, c.total)
		}
	}
	// a cursor names only what its page shows: the last entry's time and
	// id. A rowid there would tell an officer, by the gap between two
	// pages' cursors, how many entries the rule hides from them (here the
	// draft's edit between entries 29 and 31).
	for _, path := range []string{"/api/reform/audit?perPage=14", "/api/reform/audit?perPage=13"} {
		raw := m.act(t, 200, "GET", path, w.Secretariat, "")
		shown := ids(raw)
		if cursor, _ := raw["next"].(string); !strings.HasSuffix(cursor, "~"+shown[len(shown)-1]) {
			t.Errorf("%s: next %q names more than the last entry shown, %s", path, cursor, shown[len(shown)-1])
		}
	}
	// the draft's writer is no officer: the route is not hers; superusers read every entry.
	m.act(t, 403, "GET", "/api/reform/audit?page=2", w.StaffA, "")
	raw := m.act(t, 200, "GET", "/api/reform/audit?page=3", w.Superuser, "")
	if got := ids(raw); !slices.Equal(got, want(0, 4, func(int) bool { return false })) {
		t.Errorf("the superuser's page 3: %v", got)
	}
}

// Entries of one time are paged by the cursor as by the page number: each
// once, none skipped, whichever page boundary falls among them; a cursor
// whose entry is not there (forged, or naming an entry of another time)
// starts past every entry of its time and answers 200, not an error.
func TestAuditCursorPagesEntriesOfOneTime(t *testing.T) {
	t.Parallel()
	m := newMailWard(t)
	w := m.Ward
	const n = 7
	values := make([]auditEntry, n)
	for i := range values {
		values[i] = auditEntry{fmt.Sprintf("t%014d", i), w.Secretariat.Id, "2026-02-01 08:00:00.000Z", false}
	}
	insertUnitAudit(t, w, values)
	base := "/api/reform/audit?perPage=3&from=2026-02-01&to=2026-02-01"
	var got []string
	after := ""
	for page := 1; page <= n; page++ {
		path := fmt.Sprintf("%s&page=%d", base, page)
		if after != "" {
			path += "&after=" + url.QueryEscape(after)
		}
		raw := m.act(t, 200, "GET", path, w.Secretariat, "")
		for _, it := range raw["items"].([]any) {
			got = append(got, it.(map[string]any)["id"].(string))
		}
		after, _ = raw["next"].(string)
		if after == "" {
			break
		}
	}
	var want []string
	for i := n - 1; i >= 0; i-- {
		want = append(want, fmt.Sprintf("t%014d", i))
	}
	if !slices.Equal(got, want) {
		t.Errorf("paged by cursor: %v; want each entry once, newest first: %v", got, want)
	}
	for _, forged := range []string{"2026-02-01 08:00:00.000Z~nosuchentry0000", "2026-02-01 08:00:00.000Z~" + w.UnitA.Id} {
		raw := m.act(t, 200, "GET", base+"&page=2&after="+url.QueryEscape(forged), w.Secretariat, "")
		if items := raw["items"].([]any); len(items) != 0 {
			t.Errorf("after %q: %d entries of that time listed again", forged, len(items))
		}
	}
}
