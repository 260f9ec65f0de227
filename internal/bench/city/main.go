// Command city is the city-scale benchmark (make bench-city): the
// demo ward grown to 20,000 initiatives with their score sheets, 2,000
// staff over 60 units and ten audit rows per initiative, served from the
// same data three ways in one run, one server at a time on loopback:
//
//   - program: ./sangkien serve;
//   - bare + rules: a bare PocketBase (internal/bench/barepb) with the program's
//     schema and API rules as stored in the folder, and no hooks;
//   - bare + plain: the same bare binary with the initiatives list and
//     view rules set to `@request.auth.id != ""`.
//
// Each list is asked as its page asks it, by the role that opens it, with
// 16 connections for -dur; draft creates with 32 connections; submits
// (the program only: it is our route) with 64 staff at once. It prints one
// table; the ratios within a run are what to compare across machines.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"sangkien/internal/bench/benchkit"
)

var (
	ward     = benchkit.WardFlags("sangkien-city", "grown", "grow", benchkit.Size{Flag: "n", Default: 20000, Usage: "initiatives to grow to"})
	dur      = flag.Duration("dur", 3*time.Second, "length of each measure")
	bareBin  = flag.String("bare", "./barepb", "the bare PocketBase binary (internal/bench/barepb)")
	only     = flag.String("only", "", "run only the measures whose name contains this")
	servers  = flag.String("servers", "program,bare,plain", "which servers to measure")
	listConn = flag.Int("c", 16, "connections for the lists")
	tooSlow  = flag.Duration("too-slow", 5*time.Second, "a list whose first request takes longer is not loaded")
	probe    = flag.Bool("probe", false, "send each list once per server, print its time (and with -sql the server's SQL log), measure nothing")
	explainF = flag.Bool("explain", false, "print each list's SQL and its EXPLAIN QUERY PLAN (on the grown folder, no server), measure nothing")
	noRun    = flag.Bool("no-run", false, "with -explain: plan the rules only, run nothing")
	sqlLog   = flag.Bool("sql", false, "start the servers in dev mode, which logs every SQL statement with its time")
	scoring  = flag.Bool("scoring", false, "measure instead the results, quota and overview of a round under review grown to -scored initiatives × -seats sheets (its own folder, scoring/)")
	scored   = flag.Int("scored", 10000, "with -scoring: initiatives in the round under review")
	seats    = flag.Int("seats", 15, "with -scoring: voting seats of its council, one submitted sheet each per initiative")
	fieldsF  = flag.Bool("fields", true, "ask each list for the fields its page shows (false: every field, as the pages asked before)")
	profile  = flag.String("profile", "", "with -scoring: time the parts of the results and quota routes in this process, writing a CPU profile to this file, measure nothing")
	pprofDir = flag.String("pprof", "", "write CPU profiles of each server's lists, draft creates and submits (program-list03.pprof for the fourth list of the table, program-create.pprof, plain-submit.pprof, …) to this folder; each server serves them on a loopback port (SANGKIEN_PPROF)")
)

// a measure is one list as a page asks it, by the role that opens it.
// A full list is asked as the JS SDK's getFullList asks it: pages of
// 1,000 with skipTotal=1, the next page while a page is full; the whole
// list is one request of the measure.
type measure struct {
	name, role string
	path       string // under /api/, with the query
	full       bool
}

// fullPage is the JS SDK's getFullList batch.
const fullPage = 1000

// queuePage is a page of the council page's queue (pager.js PAGE_SIZE).
const queuePage = 20

// anyOf is the filter "field = ids[0] || field = ids[1] || …".
func anyOf(field string, ids []string) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("%s = %q", field, id)
	}
	return strings.Join(parts, " || ")
}

func lists(c *city) []measure {
	q := func(kv ...string) string {
		v := url.Values{}
		for i := 0; i < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v.Encode()
	}
	me := func(role string) string { return c.TokenUser[role] }
	// each as its page asks it (pb_public/js): the page's file is named
	return []measure{
		// pages/home.js: its route, the first 200 with the total
		{"staff: own and co-authored, newest first (200 + total)", "staff", "reform/me/initiatives", false},
		// pages/unit.js: the first page of each of its two tables
		{"unit head: unit + round, waiting, by submission (20 + total)", "unit_head",
			"collections/initiatives/records?" + q("page", "1", "perPage", "20", "sort", "submitted_at",
				"filter", fmt.Sprintf("unit = %q && round = %q && status = \"submitted\"", c.Unit, c.Round),
				"fields", "id,code,title,authors,submitted_at,status,late"), false},
		{"unit head: unit + round, the others, newest first (20 + total)", "unit_head",
			"collections/initiatives/records?" + q("page", "1", "perPage", "20", "sort", "-submitted_at",
				"filter", fmt.Sprintf("unit = %q && round = %q && status != \"draft\" && status != \"submitted\"", c.Unit, c.Round),
				"fields", "id,code,title,authors,submitted_at,status,late"), false},
		// pages/council-queue.js: the queue's counts and next (its route),
		// then one page of the queue (its unit and field ids), then my
		// sheets on that page; once a page load, the ward's units and
		// fields that name the rows (js/ward-lists.js)
		{"council member: the queue's counts and next (its route)", "council",
			"reform/councils/" + c.Council + "/queue", false},
		{"council member: a page of the council's queue, by code (20)", "council",
			"collections/initiatives/records?" + q("page", "1", "perPage", strconv.Itoa(queuePage), "skipTotal", "1",
				"sort", "code,created",
				"filter", fmt.Sprintf("council = %q && owner != %q && author_users !~ %q", c.Council, me("council"), me("council")),
				"fields", "id,code,title,unit,field"), false},
		{"council member: own sheets on that page (20)", "council",
			"collections/scores/records?" + q("page", "1", "perPage", strconv.Itoa(queuePage), "skipTotal", "1",
				"filter", fmt.Sprintf("member = %q && (%s)", me("council"), anyOf("initiative", c.QueuePage)),
				"fields", "id,initiative,status,total"), false},
		{"council member: the ward's units (once a page load)", "council",
			"collections/units/records?" + q("fields", "id,name"), true},
		{"council member: the ward's fields (once a page load)", "council",
			"collections/fields/records?" + q("fields", "id,code,name"), true},
		// pages/chairman.js: the round's counts by status and late (its route)
		{"chairman: the round's counts (its route)", "chairman",
			"reform/rounds/" + c.RoundYear + "/counts", false},
		// pages/office-council.js: the accepted ones to assign, a page of 20
		// without its total (their unit ids), and beside it the round's
		// counts (its route), which give the total; once a page load, the
		// ward's units that name the rows (js/ward-lists.js)
		{"secretariat: the round's accepted, by code (20, skipTotal)", "secretariat",
			"collections/initiatives/records?" + q("page", "1", "perPage", "20", "sort", "code", "skipTotal", "1",
				"filter", fmt.Sprintf("round = %q && status = \"accepted\"", c.Round),
				"fields", "id,code,title,council,unit"), false},
		{"secretariat: the round's counts, the accepted's total (its route)", "secretariat",
			"reform/rounds/" + c.RoundYear + "/counts", false},
		{"secretariat: the ward's units (once a page load)", "secretariat",
			"collections/units/records?" + q("fields", "id,name"), true},
		// office-progress.js: the council page's progress (its route)
		{"secretariat: the council page's progress (its route)", "secretariat",
			"reform/rounds/" + c.RoundYear + "/progress", false},
		// pages/office-accounts.js: the first page (the unit ids); once a
		// page load, the units by name, for its choices and to name the rows
		{"secretariat: accounts by name (20 + total)", "secretariat",
			"collections/users/records?" + q("page", "1", "perPage", "20", "sort", "name"), false},
		{"secretariat: the accounts page's units, by name (once a page load)", "secretariat",
			"collections/units/records?" + q("sort", "name"), true},
		// pages/council-score.js: the submitted sheets beside mine
		{"secretariat: one initiative's submitted sheets, expand member", "secretariat",
			"collections/scores/records?" + q("expand", "member",
				"filter", fmt.Sprintf("initiative = %q && status = \"submitted\"", c.Scored)), true},
		// REST for scripts: no page asks it; a script pages with skipTotal
		// (the total's cost beside it)
		{"secretariat: audit log, newest first (REST, 50, skipTotal)", "secretariat",
			"collections/audit_log/records?" + q("page", "1", "perPage", "50", "sort", "-created", "skipTotal", "1"), false},
		{"secretariat: audit log, newest first (REST, 50 + total)", "secretariat",
			"collections/audit_log/records?" + q("page", "1", "perPage", "50", "sort", "-created"), false},
		// pages/office-audit.js: a page of 20, uncounted; a deep page
		// (offset 1,980) and each filter of its form
		{"secretariat: audit page (its route), newest first (20)", "secretariat", "reform/audit?" + q("page", "1", "perPage", "20"), false},
		{"secretariat: audit page (its route), page 100 by its number (20)", "secretariat", "reform/audit?" + q("page", "100", "perPage", "20"), false},
		{"secretariat: audit page (its route), page 100 from page 99's next (20)", "secretariat", "reform/audit?" + q("page", "100", "perPage", "20", "after", c.AuditCursor), false},
		{"secretariat: audit page (its route) by person (20)", "secretariat", "reform/audit?" + q("page", "1", "perPage", "20", "actor", c.AuditActor), false},
		{"secretariat: audit page (its route) by collection (20)", "secretariat", "reform/audit?" + q("page", "1", "perPage", "20", "collection", "initiatives"), false},
		{"secretariat: audit page (its route) by an action none did (20)", "secretariat", "reform/audit?" + q("page", "1", "perPage", "20", "action", "decide"), false},
	}
}

// withoutFields is m asking for every field.
func withoutFields(m measure) measure {
	path, query, ok := strings.Cut(m.path, "?")
	if !ok {
		return m
	}
	v, _ := url.ParseQuery(query)
	v.Del("fields")
	m.path = path + "?" + v.Encode()
	return m
}

// ask sends measure m once to api with token: a full list page after
// page. It returns the rows read (the total when the answer has one).
func ask(client *http.Client, api, token string, m measure) (int, error) {
	if !m.full {
		// the total when the answer has one (totalItems, or a route's
		// total), else the rows of the page (skipTotal=1)
		var first struct {
			TotalItems, Total int
			Items             []struct{}
		}
		err := call(client, "GET", api+m.path, token, nil, &first)
		switch {
		case first.Total > 0:
			return first.Total, err
		case first.TotalItems < 0:
			return len(first.Items), err
		}
		return first.TotalItems, err
	}
	rows := 0
	for page := 1; ; page++ {
		var got struct{ Items []struct{} }
		u := fmt.Sprintf("%s%s&page=%d&perPage=%d&skipTotal=1", api, m.path, page, fullPage)
		if err := call(client, "GET", u, token, nil, &got); err != nil {
			return rows, err
		}
		rows += len(got.Items)
		if len(got.Items) < fullPage {
			return rows, nil
		}
	}
}

// a server is one of the three ways of serving the data.
type server struct {
	key, title, bin, dir string
	*benchkit.Server
	pprof string // where it serves its profiles (-pprof)
}

// start serves the server's folder (with -sql in dev mode, which logs
// every statement; with -pprof serving its profiles at a loopback port of
// its own, SANGKIEN_PPROF in the environment it inherits).
func (s *server) start() (err error) {
	if *pprofDir != "" {
		if s.pprof, err = freePort(); err != nil {
			return err
		}
		os.Setenv("SANGKIEN_PPROF", s.pprof)
		defer os.Unsetenv("SANGKIEN_PPROF")
	}
	s.Server, err = benchkit.Serve(s.bin, s.dir, fmt.Sprintf("--dev=%v", *sqlLog))
	return err
}

// stop ends the server at once: a list still at work is not waited for.
func (s *server) stop() {
	if s.Server != nil {
		s.Kill()
	}
}

func main() {
	flag.Parse()
	log.SetFlags(0)
	if *scoring {
		scoringBench()
		return
	}
	t0 := time.Now()
	master, err := ward.Master("master", strconv.Itoa(*ward.Size), func(dir string) error {
		if err := grow(dir, *ward.Size); err != nil {
			return err
		}
		log.Printf("grew the demo ward to %d initiatives in %s", *ward.Size, time.Since(t0).Round(time.Second))
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	c, err := describe(master)
	if err != nil {
		log.Fatal(err)
	}

	if *explainF {
		if err := explain(master, c, lists(c)); err != nil {
			log.Fatal(err)
		}
		return
	}
	all := []*server{
		{key: "program", title: "program", bin: *ward.Program},
		{key: "bare", title: "bare + program's rules", bin: *bareBin},
		{key: "plain", title: "bare + plain rule", bin: *bareBin},
	}
	var run []*server
	for _, s := range all {
		if !strings.Contains(*servers, s.key) {
			continue
		}
		s.dir = filepath.Join(*ward.Dir, s.key)
		if err := benchkit.Copy(master, s.dir); err != nil {
			log.Fatal(err)
		}
		if s.key == "plain" {
			if err := plainRules(s.dir); err != nil {
				log.Fatal(err)
			}
		}
		run = append(run, s)
	}

	ms := lists(c)
	if !*fieldsF {
		for i := range ms {
			ms[i] = withoutFields(ms[i])
		}
	}
	type row struct {
		name  string
		cells map[string]result
		total map[string]int
	}
	var rows []*row
	for _, m := range ms {
		rows = append(rows, &row{name: m.name, cells: map[string]result{}, total: map[string]int{}})
	}
	create := &row{name: "draft create as staff, 32 connections", cells: map[string]result{}}
	submit := &row{name: "submit, 64 staff at once (bare: PATCH of the same fields)", cells: map[string]result{}}
	roles := &row{name: roleRow, cells: map[string]result{}}

	// a server is never left running: not on a failure, not on ^C.
	stopAll := func() {
		for _, s := range run {
			s.stop()
		}
	}
	benchkit.OnInterrupt(stopAll)
	once := &http.Client{Timeout: *tooSlow + time.Second}
	for _, s := range run {
		if err := s.start(); err != nil {
			stopAll()
			log.Fatal(err)
		}
		for k, m := range ms {
			if *only != "" && !strings.Contains(m.name, *only) {
				continue
			}
			if s.key != "program" && strings.HasPrefix(m.path, "reform/") {
				// the program's own routes: bare PocketBase has none
				rows[k].cells[s.key] = result{note: "— (no such route)"}
				continue
			}
			token, api := c.Tokens[m.role], s.Base+"/api/"
			t0 := time.Now()
			n, err := ask(once, api, token, m)
			if err != nil {
				log.Printf("%s, %s: %v", s.key, m.name, err)
			}
			log.Printf("%s, %s: one request %s, %d rows", s.key, m.name, time.Since(t0).Round(time.Millisecond), n)
			rows[k].total[s.key] = n
			if *probe {
				continue
			}
			if took := time.Since(t0); took > *tooSlow {
				// the server is still at it: start it again rather than
				// share the machine with it during the next measure
				s.stop()
				if err := s.start(); err != nil {
					stopAll()
					log.Fatal(err)
				}
				// a list this slow would only queue requests for the whole run
				rows[k].cells[s.key] = result{failed: 1, firstFailure: fmt.Sprintf("one request took %s", took.Round(time.Millisecond))}
				continue
			}
			measure := func() result {
				return load(*listConn, *dur, func(cl *http.Client, _, _ int) error {
					_, err := ask(cl, api, token, m)
					return err
				})
			}
			if *pprofDir != "" {
				list := measure
				measure = func() result {
					return whileProfiling(s.pprof, *dur, filepath.Join(*pprofDir, fmt.Sprintf("%s-list%02d.pprof", s.key, k)), list)
				}
			}
			rows[k].cells[s.key] = withCPU(s.Cmd.Process.Pid, measure)
		}
		if s.key == "program" && !*probe && (*only == "" || strings.Contains(roleRow, *only)) {
			note, err := roleChanges(s.Base+"/api/", c)
			if err != nil {
				note = "failed: " + err.Error()
			}
			roles.cells[s.key] = result{note: note}
		}
		if *probe {
			s.stop()
			if *sqlLog {
				fmt.Println(s.Out.String())
			}
			continue
		}
		// the program's create rule refuses the status the bare server
		// needs in the body: bare + the program's rules cannot create.
		if s.key != "bare" && (*only == "" || strings.Contains("create submit", *only)) {
			api := s.Base + "/api/"
			var mu sync.Mutex
			drafts := map[int][]string{} // staff index → draft ids
			profiled := func(name string, measure func() result) func() result {
				if *pprofDir == "" {
					return measure
				}
				return func() result {
					return whileProfiling(s.pprof, *dur, filepath.Join(*pprofDir, s.key+"-"+name+".pprof"), measure)
				}
			}
			create.cells[s.key] = withCPU(s.Cmd.Process.Pid, profiled("create", func() result {
				return load(32, *dur, func(cl *http.Client, w, i int) error {
					who := w + 32*(i%2)
					var rec struct{ ID string }
					body := map[string]any{
						"round": c.OpenRound, "field": c.Field, "title": fmt.Sprintf("Sáng kiến thử %d-%d", w, i),
						"summary": "Tóm tắt.", "solution": "Giải pháp.", "benefits": "Lợi ích.",
						"first_applied": "2026-01-15 00:00:00.000Z",
						"authors":       []map[string]any{{"name": "Cán bộ Thử", "position": "Chuyên viên", "workplace": "UBND phường", "share": 100}},
					}
					if s.key != "program" {
						// what the program's hooks set: bare PocketBase needs it in the body
						body["status"], body["unit"], body["owner"] = "draft", c.StaffUnit[who], c.StaffID[who]
					}
					err := call(cl, "POST", api+"collections/initiatives/records", c.Staff[who], body, &rec)
					if err == nil {
						mu.Lock()
						drafts[who] = append(drafts[who], rec.ID)
						mu.Unlock()
					}
					return err
				})
			}))
			if s.key == "program" {
				submit.cells[s.key] = withCPU(s.Cmd.Process.Pid, profiled("submit", func() result {
					return load(64, *dur, func(cl *http.Client, w, i int) error {
						if i >= len(drafts[w]) {
							return errDone
						}
						return call(cl, "POST", api+"reform/initiatives/"+drafts[w][i]+"/submit", c.Staff[w], map[string]any{}, nil)
					})
				}))
			} else {
				// the submit's floor: PocketBase's own update of the same
				// row to what a submit writes (status, code, time, shares),
				// with no check and no audit row.
				submit.cells[s.key] = withCPU(s.Cmd.Process.Pid, profiled("submit", func() result {
					return load(64, *dur, func(cl *http.Client, w, i int) error {
						if i >= len(drafts[w]) {
							return errDone
						}
						body := map[string]any{
							"status": "submitted", "code": fmt.Sprintf("SK-BARE-%02d-%05d", w, i),
							"submitted_at": time.Now().UTC().Format("2006-01-02 15:04:05.000Z"),
							"authors":      []map[string]any{{"name": "Cán bộ Thử", "position": "Chuyên viên", "workplace": "UBND phường", "share": 100}},
						}
						return call(cl, "PATCH", api+"collections/initiatives/records/"+drafts[w][i], c.Staff[w], body, nil)
					})
				}))
			}
		}
		s.stop()
	}

	// the table
	fmt.Printf("\nbench-city %s — %d initiatives, %d sheets, %d audit rows, %d accounts, %d units; %s per measure, %d connections for lists\nuptime: %s\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), c.Initiatives, c.Sheets, c.Audit, c.Users, c.Units, *dur, *listConn, benchkit.Uptime())
	fmt.Print("\n| measure | rows |")
	for _, s := range run {
		fmt.Printf(" %s |", s.title)
	}
	fmt.Print(" program ÷ bare + plain |\n|---|---|")
	for range run {
		fmt.Print("---|")
	}
	fmt.Print("---|\n")
	for _, r := range append(rows, create, submit, roles) {
		totals := []string{}
		for _, s := range run {
			if n, ok := r.total[s.key]; ok {
				totals = append(totals, fmt.Sprint(n))
			}
		}
		fmt.Printf("| %s | %s |", r.name, strings.Join(dedupe(totals), " / "))
		for _, s := range run {
			fmt.Printf(" %s |", r.cells[s.key])
			if f := r.cells[s.key].firstFailure; f != "" {
				defer log.Printf("%s, %s: first failure: %s", s.key, r.name, f)
			}
		}
		ratio := "—"
		if p, b := r.cells["program"], r.cells["plain"]; p.perSecond > 0 && b.perSecond > 0 {
			ratio = fmt.Sprintf("%.2f×", p.perSecond/b.perSecond)
		}
		fmt.Printf(" %s |\n", ratio)
	}
	for _, s := range all {
		os.RemoveAll(s.dir)
	}
}

// dedupe drops repeated neighbours ("40 / 40 / 40" is "40").
func dedupe(s []string) []string {
	var out []string
	for _, x := range s {
		if len(out) == 0 || out[len(out)-1] != x {
			out = append(out, x)
		}
	}
	return out
}
