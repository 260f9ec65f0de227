package hooks_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"

	"golang.org/x/text/unicode/norm"

	"sangkien/hooks"
	"sangkien/internal/apitest"
	"sangkien/internal/fold"
	"sangkien/internal/footprint"
	"sangkien/internal/searchindex"
	"sangkien/internal/similar"
	"sangkien/internal/similar/fixture"
	"sangkien/internal/testkit"
)

// The search benchmark: 50,000 initiatives over ten years, written with
// direct SQL (no hooks), the index built with searchindex.Rebuild (what the
// migration and `sangkien reindex` run), then a fresh process — this test
// binary running TestSearchInFreshProcess, set up as the server is —
// answers searches and similarity checks over HTTP and reports its times
// and resident memory. Run it with `make bench-search`.

const (
	benchSearchDataEnv = "SANGKIEN_BENCH_SEARCH_DATA"
	benchSearchPrefix  = "search-bench: "
	// benchSearchKeepEnv names a folder to keep the generated database in,
	// so that TestSearchInFreshProcess can be run on it alone.
	benchSearchKeepEnv = "SANGKIEN_BENCH_SEARCH_KEEP"
	benchInitiatives   = 50000
	benchYears         = 10
)

// searchBenchReport is what the fresh process reports.
type searchBenchReport struct {
	Searches       int
	SearchP50MS    float64
	SearchP95MS    float64
	SearchMaxMS    float64
	SearchCPUP50MS float64
	SearchCPUP95MS float64
	Checks         int
	CheckP50MS     float64
	CheckP95MS     float64
	CheckMaxMS     float64
	CheckCPUP50MS  float64
	CheckCPUP95MS  float64
	StartMB        float64
	AfterSearchMB  float64
	PeakMB         float64
	MeanHits       float64
	MeanCandidates float64
}

// benchVocabulary is the words the generated initiatives are written with:
// the fixture's texts and the fields' descriptions from the seed.
func benchVocabulary(app core.App) []string {
	var texts []string
	for _, x := range fixture.Texts {
		texts = append(texts, x.Body())
	}
	var descs []string
	_ = app.DB().NewQuery("SELECT description FROM fields").Column(&descs)
	texts = append(texts, descs...)
	var words []string
	for _, t := range texts {
		for _, w := range fold.Words(t) {
			words = append(words, t[w.Start:w.End])
		}
	}
	return words
}

// benchLexicon is a lexicon of made-up Vietnamese words (one or two
// syllables of real onsets, rhymes and tones), so that the generated texts
// share words as real ones do (a few very common, most rare) and not only
// the fixture's few thousand.
type benchLexicon struct {
	words []string
	zipf  *rand.Zipf
}

// newBenchLexicon makes n words, drawn by a Zipf law.
func newBenchLexicon(rng *rand.Rand, n int) *benchLexicon {
	onsets := strings.Fields("b c ch d đ g gh h k kh l m n ng nh p ph qu r s t th tr v x")
	rhymes := strings.Fields("a ai am an ang anh ao au ay e em en eo ê ên êu i ia im in inh iu o oa oai oan oc oi om on ong ô ôi ôm ôn ông ơ ơi ơm ơn u ua uân uê ui um un ung uy ư ưa ưi ưng ươi ương")
	tones := []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
	syllable := func() string {
		return norm.NFC.String(onsets[rng.IntN(len(onsets))] + rhymes[rng.IntN(len(rhymes))] + tones[rng.IntN(len(tones))])
	}
	l := &benchLexicon{words: make([]string, n)}
	for i := range l.words {
		l.words[i] = syllable()
		if rng.IntN(3) > 0 {
			l.words[i] += " " + syllable()
		}
	}
	l.zipf = rand.NewZipf(rng, 1.07, 2, uint64(n-1))
	return l
}

// benchText writes about n words: one run in four taken from the
// vocabulary's own order (3–8 consecutive words of real administrative
// Vietnamese), the rest drawn from the lexicon.
func benchText(rng *rand.Rand, vocab []string, lex *benchLexicon, n int) string {
	var b strings.Builder
	for written := 0; written < n; {
		run := 3 + rng.IntN(6)
		if rng.IntN(4) == 0 {
			at := rng.IntN(len(vocab) - run)
			for _, w := range vocab[at : at+run] {
				b.WriteString(w)
				b.WriteByte(' ')
			}
		} else {
			for range run {
				b.WriteString(lex.words[lex.zipf.Uint64()])
				b.WriteByte(' ')
			}
		}
		written += run
		if rng.IntN(4) == 0 {
			b.WriteString(". ")
		}
	}
	return b.String()
}

// reword changes about one word in ten of text.
func reword(rng *rand.Rand, vocab []string, text string) string {
	ws := strings.Fields(text)
	for i := range ws {
		if rng.IntN(10) == 0 {
			ws[i] = vocab[rng.IntN(len(vocab))]
		}
	}
	return strings.Join(ws, " ")
}

// fillBench writes the benchmark's initiatives into app with direct SQL,
// one in twenty a reworded copy of an earlier one; it returns the ids.
func fillBench(b *testing.B, w *testkit.Ward) []string {
	app := w.App
	rng := rand.New(rand.NewPCG(17, 2026))
	vocab := benchVocabulary(app)
	lex := newBenchLexicon(rng, 30000)
	current := w.Round.GetInt("year")
	rounds := []string{}
	for y := current - benchYears + 1; y < current; y++ {
		day := time.Date(y, 9, 25, 0, 0, 0, 0, time.UTC)
		r := testkit.Save(b, app, "rounds", map[string]any{"year": y, "status": "closed",
			"submission_deadline": day, "decision_deadline": day.AddDate(0, 0, 5)})
		rounds = append(rounds, r.Id)
	}
	rounds = append(rounds, w.Round.Id)
	var units, fields []string
	_ = app.DB().NewQuery("SELECT id FROM units").Column(&units)
	_ = app.DB().NewQuery("SELECT id FROM fields").Column(&fields)
	owners := []*core.Record{w.StaffA, w.StaffA2, w.StaffB, w.HeadA, w.HeadB, w.Chair}
	statuses := []string{"recognized", "not_recognized", "recognized", "not_recognized", "withdrawn", "returned"}
	type row struct{ title, summary, solution, novelty string }
	made := make([]row, 0, benchInitiatives)
	ids := make([]string, 0, benchInitiatives)
	err := app.RunInTransaction(func(tx core.App) error {
		for i := range benchInitiatives {
			year := i * benchYears / benchInitiatives
			var r row
			if i > 100 && i%20 == 0 {
				src := made[rng.IntN(len(made))]
				r = row{reword(rng, vocab, src.title), reword(rng, vocab, src.summary), reword(rng, vocab, src.solution), reword(rng, vocab, src.novelty)}
			} else {
				r = row{benchText(rng, vocab, lex, 12), benchText(rng, vocab, lex, 40), benchText(rng, vocab, lex, 150), benchText(rng, vocab, lex, 40)}
			}
			made = append(made, r)
			owner := owners[rng.IntN(len(owners))]
			status := statuses[rng.IntN(len(statuses))]
			council := ""
			if year == benchYears-1 {
				status = []string{"draft", "submitted", "endorsed", "accepted"}[rng.IntN(4)]
				if status == "accepted" {
					council = w.Council.Id
				}
			}
			authors, _ := json.Marshal([]map[string]any{{"name": owner.GetString("name"), "share": 100, "user": owner.Id}})
			users, _ := json.Marshal([]string{owner.Id})
			id := security.RandomStringWithAlphabet(15, "abcdefghijklmnopqrstuvwxyz0123456789")
			// written in the order of the years, about ten minutes apart.
			stamp := time.Date(current-benchYears+1, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 10 * time.Minute).
				Format("2006-01-02 15:04:05.000Z")
			unit := owner.GetString("unit")
			if rng.IntN(3) == 0 {
				unit = units[rng.IntN(len(units))]
			}
			_, err := tx.DB().Insert("initiatives", dbx.Params{
				"id": id, "code": fmt.Sprintf("SK-%d-%05d", current-benchYears+1+year, i), "round": rounds[year],
				"unit": unit, "field": fields[rng.IntN(len(fields))], "title": r.title, "summary": r.summary,
				"solution": r.solution, "novelty": r.novelty, "authors": string(authors), "author_users": string(users),
				"owner": owner.Id, "status": status, "council": council,
				"created": stamp, "updated": stamp,
			}).Execute()
			if err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return ids
}

// dbSizeMB checkpoints app's database and returns its file's size in MB.
func dbSizeMB(b *testing.B, app core.App) float64 {
	if _, err := app.DB().NewQuery("PRAGMA wal_checkpoint(TRUNCATE)").Execute(); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(app.DataDir(), "data.db"))
	if err != nil {
		b.Fatal(err)
	}
	return float64(st.Size()) / (1 << 20)
}

// BenchmarkSearch50k generates the initiatives, builds the index, and has
// a fresh process measure search and similarity checks.
func BenchmarkSearch50k(b *testing.B) {
	w := testkit.NewWard(b)
	defer w.App.Cleanup()
	began := time.Now()
	fillBench(b, w)
	b.Logf("generated %d initiatives in %s", benchInitiatives, time.Since(began).Round(time.Millisecond))
	if _, err := w.App.DB().NewQuery("INSERT INTO initiatives_fts (initiatives_fts) VALUES ('delete-all'); DELETE FROM initiative_lsh; DELETE FROM initiative_index").Execute(); err != nil {
		b.Fatal(err)
	}
	if _, err := w.App.DB().NewQuery("VACUUM").Execute(); err != nil {
		b.Fatal(err)
	}
	before := dbSizeMB(b, w.App)
	began = time.Now()
	n, err := searchindex.Rebuild(w.App)
	if err != nil || n != benchInitiatives+0 && n < benchInitiatives {
		b.Fatalf("rebuild: %d, %v", n, err)
	}
	build := time.Since(began)
	after := dbSizeMB(b, w.App)
	dir := filepath.Join(w.App.DataDir(), "fresh")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	if _, err := w.App.DB().NewQuery("VACUUM INTO {:file}").Bind(dbx.Params{"file": filepath.Join(dir, "data.db")}).Execute(); err != nil {
		b.Fatal(err)
	}
	for _, f := range []string{"auxiliary.db"} {
		src := filepath.Join(w.App.DataDir(), f)
		if data, err := os.ReadFile(src); err == nil {
			_ = os.WriteFile(filepath.Join(dir, f), data, 0o644)
		}
	}
	if keep := os.Getenv(benchSearchKeepEnv); keep != "" {
		_ = os.MkdirAll(keep, 0o755)
		_ = os.Remove(filepath.Join(keep, "data.db"))
		if _, err := w.App.DB().NewQuery("VACUUM INTO {:file}").Bind(dbx.Params{"file": filepath.Join(keep, "data.db")}).Execute(); err != nil {
			b.Fatal(err)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSearchInFreshProcess$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), benchSearchDataEnv+"="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("fresh process: %v\n%s", err, out)
	}
	var r searchBenchReport
	for line := range strings.Lines(string(out)) {
		if js, ok := strings.CutPrefix(strings.TrimSpace(line), benchSearchPrefix); ok {
			if err := json.Unmarshal([]byte(js), &r); err != nil {
				b.Fatal(err)
			}
		}
	}
	if r.Searches == 0 {
		b.Fatalf("fresh process said nothing:\n%s", out)
	}
	b.ReportMetric(float64(n), "initiatives")
	b.ReportMetric(build.Seconds(), "build-s")
	b.ReportMetric(after-before, "index-MB")
	b.ReportMetric(r.SearchP95MS, "search-p95-ms")
	b.ReportMetric(r.CheckP95MS, "check-p95-ms")
	b.ReportMetric(r.SearchCPUP95MS, "search-cpu-p95-ms")
	b.ReportMetric(r.CheckCPUP95MS, "check-cpu-p95-ms")
	b.ReportMetric(r.PeakMB, "peak-RSS-MB")
	b.Logf("index: %d initiatives in %s; database %.1f MB without the index, %.1f MB with it (index %.1f MB)",
		n, build.Round(time.Millisecond), before, after, after-before)
	b.Logf("search (%d requests over HTTP, a mean of %.0f hits): p50 %.1f ms, p95 %.1f ms, max %.1f ms; CPU time p50 %.1f ms, p95 %.1f ms",
		r.Searches, r.MeanHits, r.SearchP50MS, r.SearchP95MS, r.SearchMaxMS, r.SearchCPUP50MS, r.SearchCPUP95MS)
	b.Logf("similarity check (%d, recomputed and stored; a mean of %.0f initiatives share a band key, at most %d compared): p50 %.1f ms, p95 %.1f ms, max %.1f ms; CPU time p50 %.1f ms, p95 %.1f ms",
		r.Checks, r.MeanCandidates, searchindex.Candidates, r.CheckP50MS, r.CheckP95MS, r.CheckMaxMS, r.CheckCPUP50MS, r.CheckCPUP95MS)
	b.Logf("server memory (resident): %.0f MB at start, %.0f MB after the searches, %.0f MB at its highest",
		r.StartMB, r.AfterSearchMB, r.PeakMB)
}

// percentile returns the p-th percentile of ms (sorted in place).
func percentile(ms []float64, p float64) float64 {
	slices.Sort(ms)
	if len(ms) == 0 {
		return 0
	}
	return ms[min(len(ms)-1, int(float64(len(ms))*p))]
}

// TestSearchInFreshProcess is the fresh process's side: skipped unless
// SANGKIEN_BENCH_SEARCH_DATA names a data folder.
func TestSearchInFreshProcess(t *testing.T) {
	dir := os.Getenv(benchSearchDataEnv)
	if dir == "" {
		t.Skip("run by the search benchmark in a process of its own")
	}
	footprint.LimitMemory()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, DBConnect: footprint.DBConnect})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	defer app.ResetBootstrapState()
	if err := hooks.Register(app, os.DirFS(filepath.Join(testkit.Root, "pb_public"))); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(testkit.Handler(t, app))
	defer srv.Close()
	start := benchStatusMB("VmRSS:")
	callers := map[string]string{}
	for _, role := range []string{"secretariat", "staff", "council", "chairman"} {
		u, err := app.FindFirstRecordByFilter("users", "roles ~ {:r}", dbx.Params{"r": role})
		if err != nil {
			t.Fatal(err)
		}
		tok, _ := u.NewAuthToken()
		callers[role] = tok
	}
	// queries: 1–3 words of the texts, without diacritics as staff type them, and codes.
	rng := rand.New(rand.NewPCG(3, 5))
	vocab := benchVocabulary(app)
	var queries []string
	for range 300 {
		at := rng.IntN(len(vocab) - 3)
		queries = append(queries, fold.Fold(strings.Join(vocab[at:at+1+rng.IntN(3)], " ")))
	}
	var codes []string
	_ = app.DB().NewQuery("SELECT code FROM initiatives ORDER BY random() LIMIT 50").Column(&codes)
	for _, c := range codes {
		queries = append(queries, strings.ReplaceAll(c, "-", ""))
	}
	roles := []string{"secretariat", "staff", "council", "chairman"}
	get := func(path, token string, out any) {
		res := apitest.Send(t, srv, http.MethodGet, path, apitest.Token(token))
		if res.Status != http.StatusOK {
			t.Fatalf("%s: %d", path, res.Status)
		}
		if out != nil {
			_ = json.Unmarshal(res.Body, out)
		}
	}
	var searchMS, searchCPU []float64
	hits := 0
	for i, q := range queries {
		var page struct {
			TotalItems int `json:"totalItems"`
		}
		began, cpu := time.Now(), benchCPU()
		get("/api/reform/search?q="+url.QueryEscape(q), callers[roles[i%len(roles)]], &page)
		searchMS = append(searchMS, float64(time.Since(began).Microseconds())/1000)
		searchCPU = append(searchCPU, benchCPU()-cpu)
		if os.Getenv("SANGKIEN_BENCH_SEARCH_VERBOSE") != "" {
			t.Logf("%-10s %-30q %6d hits %8.1f ms", roles[i%len(roles)], q, page.TotalItems, searchMS[len(searchMS)-1])
		}
		hits += page.TotalItems
	}
	t.Logf("%d searches done", len(searchMS))
	afterSearch := benchStatusMB("VmRSS:")
	// similarity checks: what a submission adds (compare, keep, answer), through the recompute route.
	var ids []string
	_ = app.DB().NewQuery("SELECT id FROM initiatives WHERE status != 'draft' ORDER BY random() LIMIT 100").Column(&ids)
	var checkMS, checkCPU []float64
	candidates := 0
	for _, id := range ids {
		began, cpu := time.Now(), benchCPU()
		status := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+id+"/similar", apitest.Token(callers["secretariat"])).Status
		checkMS = append(checkMS, float64(time.Since(began).Microseconds())/1000)
		checkCPU = append(checkCPU, benchCPU()-cpu)
		if status != http.StatusOK {
			t.Fatalf("similar %s: %d", id, status)
		}
		// how many initiatives share a band key with it (of which the
		// check compares at most searchindex.Candidates).
		var raw []byte
		_ = app.DB().NewQuery("SELECT sig FROM initiative_index WHERE initiative = {:id}").Bind(dbx.Params{"id": id}).Row(&raw)
		sig, _ := similar.FromBytes(raw)
		keys := make([]string, 0, similar.Bands)
		for _, k := range sig.BandKeys() {
			keys = append(keys, strconv.FormatInt(k, 10))
		}
		var n int
		if len(keys) > 0 {
			_ = app.DB().NewQuery("SELECT COUNT(DISTINCT doc) - 1 FROM initiative_lsh WHERE key IN (" + strings.Join(keys, ",") + ")").Row(&n)
		}
		candidates += n
	}
	r := searchBenchReport{
		Searches: len(searchMS), SearchP50MS: percentile(searchMS, 0.5), SearchP95MS: percentile(searchMS, 0.95),
		SearchMaxMS: percentile(searchMS, 1), SearchCPUP50MS: percentile(searchCPU, 0.5), SearchCPUP95MS: percentile(searchCPU, 0.95),
		CheckCPUP50MS: percentile(checkCPU, 0.5), CheckCPUP95MS: percentile(checkCPU, 0.95), Checks: len(checkMS), CheckP50MS: percentile(checkMS, 0.5),
		CheckP95MS: percentile(checkMS, 0.95), CheckMaxMS: percentile(checkMS, 1),
		StartMB: start, AfterSearchMB: afterSearch, PeakMB: benchStatusMB("VmHWM:"),
		MeanHits: float64(hits) / float64(len(queries)), MeanCandidates: float64(candidates) / float64(max(len(ids), 1)),
	}
	out, _ := json.Marshal(r)
	os.Stdout.WriteString("\n" + benchSearchPrefix + string(out) + "\n")
}

// benchCPU is the CPU time this process has used, user and system, in ms:
// around one request at a time, what that request cost whatever else the
// machine runs.
func benchCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
}

// benchStatusMB is the figure named key (VmRSS:, VmHWM:) of
// /proc/self/status, in MB, or 0 where there is none.
func benchStatusMB(key string) float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(status)) {
		if kb, ok := strings.CutPrefix(line, key); ok {
			n, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(kb), " kB"), 64)
			if err != nil {
				return 0
			}
			return n / 1024
		}
	}
	return 0
}
