package demo_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"sangkien/internal/clock"
	"sangkien/internal/demo"
	"sangkien/internal/testkit"
)

// filled returns an app holding the demo ward, filled as of now (the
// moment its template was made), and what Fill reported. The ward is
// filled once per test binary into a template folder that every call
// copies, so a test may change anything.
func filled(t *testing.T) (app *tests.TestApp, acc *demo.Accounts, now time.Time) {
	t.Helper()
	template.once.Do(func() {
		template.now = clock.Now()
		template.dir, template.acc, template.err = fillTemplate(template.now)
	})
	if template.err != nil {
		t.Fatal(template.err)
	}
	app, err := testkit.OpenApp(template.dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	copied := *template.acc
	copied.Logins = slices.Clone(copied.Logins)
	copied.ExtendedUnits = slices.Clone(copied.ExtendedUnits)
	return app, &copied, template.now
}

// template is the demo ward filled once per test binary (filled).
var template struct {
	once sync.Once
	now  time.Time
	dir  string
	acc  *demo.Accounts
	err  error
}

// fillTemplate fills a fresh app as of now and keeps a copy of its data
// folder.
func fillTemplate(now time.Time) (string, *demo.Accounts, error) {
	app, err := testkit.OpenFreshApp()
	if err != nil {
		return "", nil, err
	}
	defer app.Cleanup()
	acc, err := demo.Fill(app, now)
	if err != nil {
		return "", nil, err
	}
	dir, err := os.MkdirTemp("", "sangkien_demo_")
	if err != nil {
		return "", nil, err
	}
	return dir, acc, testkit.Snapshot(app, dir)
}

// TestMain runs the tests, then removes the demo ward's template and the
// migrated one.
func TestMain(m *testing.M) {
	code := m.Run()
	if template.dir != "" {
		os.RemoveAll(template.dir)
	}
	testkit.RemoveTemplate()
	os.Exit(code)
}

// thisRound returns the round of now's year, the one mid-process.
func thisRound(t *testing.T, app core.App, now time.Time) *core.Record {
	t.Helper()
	round, err := app.FindFirstRecordByData("rounds", "year", now.Year())
	if err != nil {
		t.Fatal(err)
	}
	return round
}

// ofRound returns the records of collection whose field refers to a
// record of round's (field "round", or a relation filter such as
// "initiative.round").
func ofRound(t *testing.T, app core.App, collection, field string, round *core.Record) []*core.Record {
	t.Helper()
	rs, err := app.FindRecordsByFilter(collection, field+" = {:r}", "", 0, 0, dbx.Params{"r": round.Id})
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// all returns every record of a collection.
func all(t *testing.T, app core.App, name string) []*core.Record {
	t.Helper()
	rs, err := app.FindAllRecords(name)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestFillPeopleAndCouncil(t *testing.T) {
	app, acc, now := filled(t)
	users := all(t, app, "users")
	if len(users) != 40 || acc.Users != 40 {
		t.Fatalf("users = %d (reported %d), want 40", len(users), acc.Users)
	}
	units := map[string]string{} // id → code
	for _, u := range all(t, app, "units") {
		units[u.Id] = u.GetString("code")
	}
	byRole := map[string]int{}
	heads := map[string]int{} // unit code → heads
	perUnit := map[string]int{}
	for _, u := range users {
		if u.GetString("name") == "" || u.GetString("position") == "" || u.GetString("unit") == "" {
			t.Errorf("incomplete account %s", u.Email())
		}
		perUnit[units[u.GetString("unit")]]++
		for _, r := range u.GetStringSlice("roles") {
			byRole[r]++
		}
		if slices.Contains(u.GetStringSlice("roles"), "unit_head") {
			heads[units[u.GetString("unit")]]++
		}
		if slices.Contains(u.GetStringSlice("roles"), "secretariat") && units[u.GetString("unit")] != "VHXH" {
			t.Errorf("secretariat officer %s outside VHXH", u.Email())
		}
	}
	want := map[string]int{"staff": 39, "unit_head": 6, "secretariat": 2, "council": 7, "chairman": 1}
	for role, n := range want {
		if byRole[role] != n {
			t.Errorf("role %s: %d accounts, want %d", role, byRole[role], n)
		}
	}
	for _, code := range []string{"VP", "KTHTDT", "VHXH", "TTPVHCC", "TTCUDVC", "TYT"} {
		if heads[code] != 1 {
			t.Errorf("unit %s has %d heads", code, heads[code])
		}
		if perUnit[code] < 5 {
			t.Errorf("unit %s has %d staff", code, perUnit[code])
		}
	}

	councils := ofRound(t, app, "councils", "round", thisRound(t, app, now))
	if len(councils) != 1 {
		t.Fatalf("councils = %d", len(councils))
	}
	members := ofRound(t, app, "council_members", "council", councils[0])
	positions := map[string]int{}
	for _, m := range members {
		if m.GetString("council") != councils[0].Id || !m.GetBool("votes") {
			t.Errorf("member %v", m.PublicExport())
		}
		positions[m.GetString("position")]++
	}
	if len(members) != 7 || positions["chair"] != 1 || positions["vice_chair"] != 1 || positions["secretary"] != 1 || positions["member"] != 4 {
		t.Errorf("council seats %v", positions)
	}

	orgs := all(t, app, "organization")
	if len(orgs) != 1 || orgs[0].GetString("ward_name") != "Phường Hoàn Kiếm" ||
		orgs[0].GetString("city_name") != "Thành phố Hà Nội" || orgs[0].GetString("chairman_name") != "Chu Thanh Lương" {
		t.Errorf("organization %v", orgs)
	}
}

func TestFillLoginsWork(t *testing.T) {
	app, acc, _ := filled(t)
	roles := []string{}
	for _, l := range acc.Logins {
		roles = append(roles, l.Role)
		u, err := app.FindAuthRecordByEmail("users", l.Email)
		if err != nil {
			t.Fatalf("%s: %v", l.Email, err)
		}
		if !u.ValidatePassword(acc.Password) || !slices.Contains(u.GetStringSlice("roles"), l.Role) {
			t.Errorf("%s cannot log in as %s", l.Email, l.Role)
		}
	}
	if !slices.Equal(roles, []string{"staff", "unit_head", "secretariat", "council", "chairman"}) {
		t.Errorf("login roles %v", roles)
	}
	su, err := app.FindAuthRecordByEmail(core.CollectionNameSuperusers, acc.Superuser)
	if err != nil || !su.ValidatePassword(acc.Password) {
		t.Errorf("superuser %q: %v", acc.Superuser, err)
	}
}

func TestFillInitiatives(t *testing.T) {
	app, acc, now := filled(t)
	round := thisRound(t, app, now)
	deadline := round.GetDateTime("submission_deadline").Time()
	decision := round.GetDateTime("decision_deadline").Time()
	// in review, as printed: every unit has had its time (the extensions
	// ended), the council scores, the decision is ahead.
	if !deadline.Before(now) || !decision.After(now) || !acc.ExtensionUntil.Before(now) || round.GetString("status") != "review" {
		t.Errorf("round not mid-process at %v: deadline %v, decision %v, extension %v", now, deadline, decision, acc.ExtensionUntil)
	}
	extended := map[string]time.Time{}
	for _, e := range all(t, app, "extensions") {
		extended[e.GetString("unit")] = e.GetDateTime("until").Time()
	}
	if len(extended) != 2 {
		t.Errorf("extensions %v", extended)
	}

	list := ofRound(t, app, "initiatives", "round", round)
	if len(list) != 15 {
		t.Fatalf("initiatives = %d", len(list))
	}
	byStatus := map[string]int{}
	fields, units := map[string]bool{}, map[string]bool{}
	late := 0
	var submitted []*core.Record
	for _, r := range list {
		st := r.GetString("status")
		byStatus[st]++
		fields[r.GetString("field")] = true
		units[r.GetString("unit")] = true
		for _, f := range []string{"title", "summary", "current_state", "solution", "novelty", "benefits", "first_applied", "owner"} {
			if r.GetString(f) == "" {
				t.Errorf("%q: %s empty", r.GetString("title"), f)
			}
		}
		if (st == "returned") != (r.GetString("return_reason") != "") {
			t.Errorf("%q (%s): return reason %q", r.GetString("title"), st, r.GetString("return_reason"))
		}
		if (st == "accepted") != (r.GetString("council") != "") {
			t.Errorf("%q (%s): council %q", r.GetString("title"), st, r.GetString("council"))
		}
		if st == "draft" {
			if r.GetString("code") != "" || !r.GetDateTime("submitted_at").IsZero() {
				t.Errorf("draft %q has code %q", r.GetString("title"), r.GetString("code"))
			}
			continue
		}
		submitted = append(submitted, r)
		at := r.GetDateTime("submitted_at").Time()
		if !at.Before(now) {
			t.Errorf("%q submitted in the future: %v", r.GetString("title"), at)
		}
		// the unit's deadline: authors submit before it (a later submit is
		// refused), and what is late is the unit head's endorsement from
		// its instant on (the unit sending it to the ward).
		unitDeadline := deadline
		if until, ok := extended[r.GetString("unit")]; ok && until.After(deadline) {
			unitDeadline = until
		}
		if !at.Before(unitDeadline) {
			t.Errorf("%q submitted %v, at or after its unit's deadline %v: the server refuses that", r.GetString("title"), at, unitDeadline)
		}
		sent := r.GetDateTime("endorsed_at").Time()
		if st == "endorsed" || st == "accepted" {
			if sent.IsZero() || sent.Before(at) || !sent.Before(now) {
				t.Errorf("%q (%s) submitted %v: endorsed_at %v, want between submission and now", r.GetString("title"), st, at, sent)
			}
		} else if !sent.IsZero() {
			t.Errorf("%q (%s): endorsed_at %v, want none", r.GetString("title"), st, sent)
		}
		if wantLate := !sent.IsZero() && !sent.Before(unitDeadline); r.GetBool("late") != wantLate {
			t.Errorf("%q endorsed %v (unit deadline %v): late = %v", r.GetString("title"), sent, unitDeadline, r.GetBool("late"))
		}
		if r.GetBool("late") {
			late++
		}
	}
	want := map[string]int{"draft": 3, "submitted": 3, "endorsed": 3, "accepted": 3, "returned": 2, "withdrawn": 1}
	if fmt.Sprint(byStatus) != fmt.Sprint(want) {
		t.Errorf("statuses %v, want %v", byStatus, want)
	}
	if late != 2 {
		t.Errorf("late = %d, want 2", late)
	}
	if len(fields) != 8 || len(units) != 6 {
		t.Errorf("initiatives cover %d fields and %d units", len(fields), len(units))
	}

	// codes: gap-free in the order of submission.
	sort.Slice(submitted, func(i, j int) bool {
		return submitted[i].GetDateTime("submitted_at").Time().Before(submitted[j].GetDateTime("submitted_at").Time())
	})
	for i, r := range submitted {
		if want := fmt.Sprintf("SK-%d-%03d", now.Year(), i+1); r.GetString("code") != want {
			t.Errorf("code #%d = %q, want %q", i+1, r.GetString("code"), want)
		}
	}
}

func TestFillAuthors(t *testing.T) {
	app, _, _ := filled(t)
	for _, r := range all(t, app, "initiatives") {
		var authors []struct {
			Name      string  `json:"name"`
			Position  string  `json:"position"`
			Workplace string  `json:"workplace"`
			User      string  `json:"user"`
			Share     float64 `json:"share"`
			BirthDate string  `json:"birth_date"`
		}
		if err := r.UnmarshalJSONField("authors", &authors); err != nil {
			t.Fatal(err)
		}
		sum := 0.0
		ids := []string{}
		for _, a := range authors {
			sum += a.Share
			ids = append(ids, a.User)
			u, err := app.FindRecordById("users", a.User)
			if err != nil || u.GetString("name") != a.Name || a.Position == "" || a.Workplace == "" || a.BirthDate == "" {
				t.Errorf("%q: author %+v (%v)", r.GetString("title"), a, err)
			}
		}
		if sum != 100 {
			t.Errorf("%q: shares sum to %v", r.GetString("title"), sum)
		}
		if !slices.Equal(ids, r.GetStringSlice("author_users")) || ids[0] != r.GetString("owner") {
			t.Errorf("%q: author_users %v, owner %s, authors %v", r.GetString("title"), r.GetStringSlice("author_users"), r.GetString("owner"), ids)
		}
	}
}

func TestFillSheets(t *testing.T) {
	app, acc, now := filled(t)
	max := map[string]float64{}
	for _, c := range all(t, app, "criteria") {
		max[c.GetString("code")] = c.GetFloat("max_points")
	}
	seated := map[string]bool{} // council id + user id
	for _, m := range all(t, app, "council_members") {
		seated[m.GetString("council")+m.GetString("user")] = true
	}
	sheets := ofRound(t, app, "scores", "initiative.round", thisRound(t, app, now))
	if len(sheets) != 15 || acc.Sheets != 15 {
		t.Fatalf("sheets = %d (reported %d), want 15", len(sheets), acc.Sheets)
	}
	byStatus := map[string]int{}
	perInitiative := map[string]int{}
	for _, s := range sheets {
		byStatus[s.GetString("status")]++
		ini, err := app.FindRecordById("initiatives", s.GetString("initiative"))
		if err != nil {
			t.Fatal(err)
		}
		perInitiative[ini.Id]++
		member := s.GetString("member")
		if ini.GetString("status") != "accepted" || !seated[ini.GetString("council")+member] {
			t.Errorf("sheet by %s on %q (%s) of a non-member or not accepted", member, ini.GetString("title"), ini.GetString("status"))
		}
		if slices.Contains(ini.GetStringSlice("author_users"), member) || ini.GetString("owner") == member {
			t.Errorf("author %s scores own %q", member, ini.GetString("title"))
		}
		var points map[string]float64
		if err := s.UnmarshalJSONField("points", &points); err != nil {
			t.Fatal(err)
		}
		if len(points) != len(max) {
			t.Errorf("sheet points %v", points)
		}
		sum := 0.0
		for code, p := range points {
			m, ok := max[code]
			if !ok || p < 0 || p > m || math.Mod(p*2, 1) != 0 {
				t.Errorf("points %s = %v (max %v)", code, p, m)
			}
			sum += p
		}
		if s.GetFloat("total") != sum {
			t.Errorf("total %v, sum %v", s.GetFloat("total"), sum)
		}
		if (s.GetString("status") == "submitted") == s.GetDateTime("submitted_at").IsZero() {
			t.Errorf("sheet %s submitted_at %v", s.GetString("status"), s.GetDateTime("submitted_at"))
		}
	}
	if byStatus["submitted"] != 12 || byStatus["draft"] != 3 || len(perInitiative) != 3 {
		t.Errorf("sheets by status %v, on %d initiatives", byStatus, len(perInitiative))
	}
}

func TestFillRefusesTwice(t *testing.T) {
	app, _, now := filled(t)
	before, _ := app.CountRecords("users")
	_, err := demo.Fill(app, now)
	if !errors.Is(err, demo.ErrNotEmpty) {
		t.Fatalf("second Fill: %v, want ErrNotEmpty", err)
	}
	if after, _ := app.CountRecords("users"); after != before {
		t.Errorf("users %d → %d after a refused Fill", before, after)
	}
	if n, _ := app.CountRecords("initiatives"); n != 15+4 {
		t.Errorf("initiatives = %d after a refused Fill", n)
	}
}

func TestFillIsDeterministic(t *testing.T) {
	summary := func(app core.App) []string {
		out := []string{}
		for _, r := range all(t, app, "initiatives") {
			out = append(out, r.GetString("code")+" "+r.GetString("title")+" "+r.GetDateTime("first_applied").String())
		}
		for _, s := range all(t, app, "scores") {
			out = append(out, fmt.Sprint(s.GetFloat("total"), s.GetString("comment")))
		}
		sort.Strings(out)
		return out
	}
	// the template's fill and a second one on a fresh app, at the same now:
	// one migrated on its own (not a copy of the template's migrated
	// folder), so that its seeded units, fields and round have ids of
	// their own, as two installs do.
	first, _, now := filled(t)
	second, err := testkit.OpenApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(second.Cleanup)
	if _, err := demo.Fill(second, now); err != nil {
		t.Fatal(err)
	}
	if a, b := summary(first), summary(second); !slices.Equal(a, b) {
		t.Errorf("two runs differ:\n%v\n%v", a, b)
	}
}

// TestFillRefusesAWardWithAccounts: a folder where a ward has made its
// own accounts (but no initiative yet) is real data: the demo must not add
// forty accounts with a public password to it. The first start's own
// account (the superuser's twin) is no such data.
func TestFillRefusesAWardWithAccounts(t *testing.T) {
	t.Run("a ward account of its own", func(t *testing.T) {
		app := testkit.NewApp(t)
		t.Cleanup(app.Cleanup)
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			t.Fatal(err)
		}
		u := core.NewRecord(users)
		u.SetEmail("canbo@phuong-that.vn")
		u.SetPassword("mat-khau-that-123")
		u.Set("name", "Cán bộ thật")
		u.Set("roles", []string{"staff"})
		if err := app.Save(u); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Fill(app, clock.Now()); !errors.Is(err, demo.ErrNotEmpty) {
			t.Fatalf("Fill on a ward with accounts: %v, want ErrNotEmpty", err)
		}
		if n, _ := app.CountRecords("users"); n != 1 {
			t.Errorf("users = %d after a refused Fill, want 1", n)
		}
	})
	t.Run("only the first start's accounts", func(t *testing.T) {
		app := testkit.NewApp(t)
		t.Cleanup(app.Cleanup)
		for _, name := range []string{core.CollectionNameSuperusers, "users"} {
			col, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				t.Fatal(err)
			}
			r := core.NewRecord(col)
			r.SetEmail("admin@sangkien.local")
			r.SetPassword("mat-khau-lan-dau")
			if name == "users" {
				r.Set("name", "Quản trị hệ thống")
				r.Set("roles", []string{"staff", "secretariat"})
			}
			if err := app.Save(r); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := demo.Fill(app, clock.Now()); err != nil {
			t.Fatalf("Fill on a folder served once: %v", err)
		}
	})
}

// TestFillOpensNextYear: next year's round is open with the directive's
// dates and this year's rubric, nothing in it; the staff account of the
// demo writes an initiative there and submits it through the API, and the
// unit head's to-do list shows it waiting.
func TestFillOpensNextYear(t *testing.T) {
	app, acc, now := filled(t)
	next, err := app.FindFirstRecordByData("rounds", "year", now.Year()+1)
	if err != nil {
		t.Fatal(err)
	}
	if next.GetString("status") != "open" || acc.NextYear != now.Year()+1 || !next.GetDateTime("submission_deadline").Time().After(now) {
		t.Fatalf("next year's round: %v %v", next.GetString("status"), next.GetDateTime("submission_deadline"))
	}
	if n := len(ofRound(t, app, "criteria", "round", next)); n != len(ofRound(t, app, "criteria", "round", thisRound(t, app, now))) || n == 0 {
		t.Errorf("next year's rubric has %d criteria", n)
	}
	srv := testkit.Serve(t, app)
	login := func(role string) (string, *core.Record) {
		for _, l := range acc.Logins {
			if l.Role == role {
				u, err := app.FindAuthRecordByEmail("users", l.Email)
				if err != nil {
					t.Fatal(err)
				}
				return testkit.Token(t, u), u
			}
		}
		t.Fatalf("no %s login", role)
		return "", nil
	}
	staffTok, staff := login("staff")
	body := fmt.Sprintf(`{"round":%q,"title":"Sổ tay điện tử thủ tục tiêm chủng","field":%q,"summary":"Tóm tắt.","solution":"Giải pháp.",`+
		`"benefits":"Lợi ích.","first_applied":%q,"authors":[{"name":%q,"position":"Điều dưỡng","workplace":"Trạm Y tế","share":100,"user":%q}]}`,
		next.Id, all(t, app, "fields")[0].Id, now.AddDate(0, -1, 0).UTC().Format("2006-01-02 15:04:05.000Z"), staff.GetString("name"), staff.Id)
	st, created := demoCall(t, srv.URL, "POST", "/api/collections/initiatives/records", staffTok, body)
	if st != 200 {
		t.Fatalf("staff writes in next year's round: %d %v", st, created)
	}
	if st, ans := demoCall(t, srv.URL, "POST", "/api/reform/initiatives/"+created["id"].(string)+"/submit", staffTok, ""); st != 200 {
		t.Fatalf("staff submits in next year's round: %d %v", st, ans)
	}
	headTok, _ := login("unit_head")
	st, todo := demoCall(t, srv.URL, "GET", "/api/reform/me/todo", headTok, "")
	if st != 200 || fmt.Sprint(todo["counts"]) == "map[]" {
		t.Errorf("the unit head's to-do after the submission: %d %v", st, todo)
	}
}

// demoCall sends a JSON request and decodes the answer.
func demoCall(t *testing.T, base, method, path, token, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out := map[string]any{}
	_ = json.NewDecoder(res.Body).Decode(&out)
	return res.StatusCode, out
}
