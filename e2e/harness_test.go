package e2e_test

// The browser-test harness: ONE real server and ONE Chromium per `go test`
// process, a tab in an incognito browser context of its own per page a
// test opens (tabs are kept between tests, emptied: see tab).
//
// The server is the real program's hooks, migrations and pages
// (testkit.OpenWard: the known ward on a fresh temporary data folder) behind
// httptest on a loopback port, with the pages' Content-Security-Policy added
// here (testCSP). The browser is Debian's /usr/bin/chromium (SANGKIEN_CHROMIUM
// overrides), headless, in Vietnamese (a second one in English on demand), in the zone America/Los_Angeles so that the pages
// must show Hà Nội dates themselves. Both start at the first NewPage and stop
// in TestMain. SANGKIEN_SKIP_BROWSER=1 skips the browser tests.
//
// A test that changes nothing ward-wide (settings, the shared round, the
// organization, the clock, mail counts, lists every account sees) calls
// t.Parallel(): go test runs -parallel of them at once (GOMAXPROCS by
// default), each with tabs of its own (own incognito contexts) and fresh accounts, after
// the other tests have run one at a time. A parallel test may meet what
// another parallel test is doing, never a serial test's passing change.
//
// Helpers (p := NewPage(t); every helper fails the test on error):
//   Shared(t) *testkit.Ward         the ward the server runs on (seed with Go calls:
//                                  testkit.Save, w.Initiative, testkit.Update …)
//   NewUser(t, roles...)            a fresh account of unit A (unique e-mail, testkit.Password)
//   NewUnit(t), NewUserIn(t, unit, roles...)  a unit of the test's own, an account in it
//   NewPageIn(t, English)           a tab in an English-language Chromium (--lang=en-US,
//                                  Accept-Language en-US); NewPage's browser is Vietnamese (vi-VN)
//   p.Go(path)                      open base+path, wait for body[data-ready="true"]
//   p.Back()                        the back button, then wait for the page
//   p.SignInAs(user)                sign in on /dang-nhap.html, wait for the home page
//   p.SignInAsRole(roles...) user   a fresh account with roles, signed in (NewUser + SignInAs)
//   p.UseSession(user, path)        signed in without the sign-in page (token put in
//                                  localStorage before path's scripts run): faster
//   p.Fill(label, text)             type into the control whose <label> reads label
//   p.Click(text)                   click the button or link whose text is text
//                                  (inside an open dialog first)
//   p.WaitText(text) / p.WaitJS(js) wait (10 s, 40 s with -race) for text / a JS predicate
//   p.Text(css) string              innerText of the first match ('' when none)
//   Eval[T](p, js) T                evaluate an expression
//   p.Allow(urlPart, status)        a request answered status is expected (not a failure)
//   p.Offline() / p.Online()        cut and restore the network of the tab
//   p.CheckNarrow(name)             at 360 px nothing scrolls sideways
//   p.CheckLabels()                 every input, select and textarea has a label
//   p.CheckFocusVisible()           Tab to the next control: its focus ring shows
//   p.Screenshots(name)             name-1280.png and name-360.png into $SANGKIEN_SCREENSHOTS
// Every console error, uncaught exception, CSP violation, failed request and
// HTTP answer >= 400 (unless allowed) fails the test when it ends.

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// testCSP is the pages' Content-Security-Policy (hooks.PageCSP). The real
// header comes from the hooks at merge; the harness sets it only when the
// server has not (so it is never doubled).
const testCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"

// browserFlags are the flags of a quiet, headless, throw-away Chromium.
var browserFlags = []string{
	"headless", "no-sandbox", "disable-gpu", "disable-quic", "no-first-run",
	"disable-background-networking", "disable-component-update", "disable-sync",
	"disable-extensions", "disable-default-apps", "mute-audio", "hide-scrollbars",
}

var (
	startOnce  sync.Once
	startErr   error
	ward       *testkit.Ward
	server     *httptest.Server
	baseURL    string
	browserCtx context.Context
	stopAll    = func() {}
	userSeq    atomic.Int64
)

// TestMain runs the tests, then stops the shared browser and server and
// removes the ward's template. The program's binary is built from the
// start, beside the tests that run before it is needed, when a test that
// runs it is selected.
func TestMain(m *testing.M) {
	flag.Parse()
	// the server runs in this process under the race detector, and its
	// collector took about a tenth of the process's CPU at Go's default
	// (GOGC=100); at 400 it runs a quarter as often, for a larger heap
	// (memory is not what these tests are short of). GOGC set outside wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	building := selected("TestOperatorCommands") || selected("TestKillNineUnderSubmitLoad")
	if building {
		go buildOnce.Do(build)
	}
	code := m.Run()
	stopAll()
	if building {
		buildOnce.Do(func() {}) // the build has ended
	}
	if programDir != "" {
		os.RemoveAll(programDir)
	}
	testkit.RemoveTemplate()
	os.Exit(code)
}

// selected reports whether -run selects the top-level test name.
func selected(name string) bool {
	pattern := flag.Lookup("test.run").Value.String()
	if pattern == "" {
		return true
	}
	ok, err := regexp.MatchString(strings.Split(pattern, "/")[0], name)
	return err != nil || ok
}

// chromiumPath returns the browser to test with, or "" when there is none.
func chromiumPath() string {
	if p := os.Getenv("SANGKIEN_CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	p, _ := exec.LookPath("chromium")
	return p
}

// withCSP adds testCSP to every answer that has no CSP of its own, and
// serves blankPath.
func withCSP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == blankPath {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Content-Security-Policy", testCSP)
			fmt.Fprint(w, "<!doctype html><title>e2e</title>")
			return
		}
		next.ServeHTTP(&cspWriter{ResponseWriter: w}, r)
	})
}

// cspWriter sets testCSP just before the header is written, unless set.
type cspWriter struct {
	http.ResponseWriter
	done bool
}

func (c *cspWriter) WriteHeader(code int) {
	if !c.done {
		c.done = true
		if c.Header().Get("Content-Security-Policy") == "" {
			c.Header().Set("Content-Security-Policy", testCSP)
		}
	}
	c.ResponseWriter.WriteHeader(code)
}

func (c *cspWriter) Write(b []byte) (int, error) {
	if !c.done {
		c.WriteHeader(http.StatusOK)
	}
	return c.ResponseWriter.Write(b)
}

// Flush keeps realtime (server-sent events) working through the wrapper.
func (c *cspWriter) Flush() {
	if f, ok := c.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the real writer.
func (c *cspWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// startShared starts the server and the browser once per process.
func startShared() error {
	startOnce.Do(func() {
		path := chromiumPath()
		if path == "" {
			startErr = fmt.Errorf("Chromium not found: run `make deps-browser` (Debian's chromium package), " +
				"or set SANGKIEN_SKIP_BROWSER=1 to skip the browser tests")
			return
		}
		w, err := testkit.OpenWard()
		if err != nil {
			startErr = err
			return
		}
		h, err := testkit.NewHandler(w.App)
		if err != nil {
			w.App.Cleanup()
			startErr = err
			return
		}
		ward, server = w, httptest.NewServer(withCSP(h))
		baseURL = server.URL
		// no UserDataDir: chromedp makes a profile folder of its own, and
		// when the browser stops it kills every process still started
		// with that folder (a zygote or the network service can outlive
		// the main process) and removes the folder.
		opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path), chromedp.Env("TZ=America/Los_Angeles", "LANG=vi_VN.UTF-8", "LANGUAGE=vi"),
			chromedp.Flag("lang", defaultLang), chromedp.Flag("accept-lang", "vi-VN,vi")}
		for _, f := range browserFlags {
			opts = append(opts, chromedp.Flag(f, true))
		}
		actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, bcancel := chromedp.NewContext(actx)
		if err := chromedp.Do(bctx); err != nil {
			bcancel()
			acancel()
			startErr = fmt.Errorf("start chromium: %w", err)
			return
		}
		browserCtx = bctx
		stopAll = func() {
			browsersMu.Lock()
			for _, stop := range browserStops {
				stop()
			}
			browsersMu.Unlock()
			bcancel()
			acancel()
			server.Close()
			ward.App.Cleanup()
		}
	})
	return startErr
}

// English is the locale of an office PC set up in English: Chromium's
// language en-US (its date and number inputs read mm/dd/yyyy and a
// decimal point) and Accept-Language en-US. NewPageIn(t, English) opens a
// tab in such a browser, started once on first use.
const English = "en-US"

// defaultLang is the locale of the shared browser (NewPage).
const defaultLang = "vi-VN"

var (
	browsersMu   sync.Mutex
	browsers     = map[string]context.Context{}
	browserStops []func()
)

// browserFor returns the browser of locale lang, starting it once.
func browserFor(t *testing.T, lang string) context.Context {
	t.Helper()
	if lang == defaultLang {
		return browserCtx
	}
	browsersMu.Lock()
	defer browsersMu.Unlock()
	if ctx, ok := browsers[lang]; ok {
		return ctx
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(chromiumPath()), chromedp.Env("TZ=America/Los_Angeles", "LANG="+strings.ReplaceAll(lang, "-", "_")+".UTF-8", "LANGUAGE="+lang),
		chromedp.Flag("lang", lang), chromedp.Flag("accept-lang", lang+","+strings.Split(lang, "-")[0])}
	for _, f := range browserFlags {
		opts = append(opts, chromedp.Flag(f, true))
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	if err := chromedp.Do(bctx); err != nil {
		bcancel()
		acancel()
		t.Fatalf("start chromium (%s): %v", lang, err)
	}
	browsers[lang] = bctx
	browserStops = append(browserStops, func() { bcancel(); acancel() })
	return bctx
}

// Shared returns the ward the shared server runs on (starting it).
func Shared(t *testing.T) *testkit.Ward {
	t.Helper()
	if os.Getenv("SANGKIEN_SKIP_BROWSER") == "1" {
		t.Skip("SANGKIEN_SKIP_BROWSER=1: browser tests skipped")
	}
	if err := startShared(); err != nil {
		t.Fatal(err)
	}
	return ward
}

// NewUser saves a fresh account of unit A with roles, so that a test's
// changes (a password, a session) touch nobody else's.
func NewUser(t *testing.T, roles ...string) *core.Record {
	t.Helper()
	return NewUserIn(t, Shared(t).UnitA, roles...)
}

// NewUserIn is NewUser in unit.
func NewUserIn(t *testing.T, unit *core.Record, roles ...string) *core.Record {
	t.Helper()
	n := userSeq.Add(1)
	return Shared(t).User(t, fmt.Sprintf("e2e%d@phuong.test", n), fmt.Sprintf("Nguyễn Văn Thử %d", n), unit, roles...)
}

// NewUnit saves an active unit of the test's own (quota 1): what waits for
// its head and what its quota counts are the test's alone. It is made
// inactive when the test ends.
func NewUnit(t *testing.T) *core.Record {
	t.Helper()
	w := Shared(t)
	n := userSeq.Add(1)
	unit := testkit.Save(t, w.App, "units", map[string]any{"name": fmt.Sprintf("Tổ thử %d", n),
		"code": fmt.Sprintf("E2E%d", n), "kind": "department", "quota": 1, "active": true})
	t.Cleanup(func() { testkit.Update(t, w.App, unit, map[string]any{"active": false}) })
	return unit
}

// Page is one test's tab in its own incognito browser context.
type Page struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex
	problems []string
	allowed  []allowance
	offline  bool
	// wentOffline: the test cut the network once, so "no connection"
	// failures are what it asked for.
	wentOffline bool
	// noReuse: the test changed its browser context (downloads) or may
	// have left a session script in the tab, so its tab is closed, not
	// handed to another test.
	noReuse bool
}

// allowance is a request a test expects to fail.
type allowance struct {
	urlPart string
	status  int64
}

// NewPage gives the test a tab of its own in an incognito context with
// nothing of the site stored (no session, no cache) at 1280 × 900; it
// reports what went wrong in the browser when the test ends, and the tab
// goes back to the harness (takeTab, release).
func NewPage(t *testing.T) *Page {
	t.Helper()
	return NewPageIn(t, defaultLang)
}

// NewPageIn is NewPage in a browser set up for locale lang (English, or
// the shared Vietnamese one): its language, Accept-Language and the
// locale its pages' JavaScript sees (navigator.language, Intl).
func NewPageIn(t *testing.T, lang string) *Page {
	t.Helper()
	Shared(t)
	tb := takeTab(t, lang)
	// the test's own context: its listener and calls end with the test,
	// the tab lives on.
	ctx, cancel := context.WithCancel(tb.ctx)
	p := &Page{t: t, ctx: ctx}
	t.Cleanup(func() { cancel(); p.release(tb, lang) })
	p.do("locale", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: lang}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
			Headers: network.Headers{"Accept-Language": lang + "," + strings.Split(lang, "-")[0] + ";q=0.9"},
		})
		return err
	}))
	if err := chromedp.Listen(ctx, p.record); err != nil {
		t.Fatal(err)
	}
	p.viewport(1280, 900, false)
	t.Cleanup(p.report)
	return p
}

// A tab is a page target in an incognito browser context of its own.
// Opening one costs Chromium about a second of CPU (a renderer process
// started, the context and the page set up), a navigation within the
// site a tenth of that; so a tab is kept when its test ends and handed to
// the next test, emptied first (release): on a blank page of the site
// (the renderer stays), with no cookies, storage, cache or session
// storage of the site left.
type tab struct {
	ctx   context.Context
	close context.CancelFunc
}

var (
	tabsMu   sync.Mutex
	idleTabs = map[string][]*tab{}
)

// blankPath is the harness's own empty page of the site (no script): a
// tab waits on it between tests.
const blankPath = "/__e2e_blank"

// takeTab returns an idle tab of locale lang, or opens one.
func takeTab(t *testing.T, lang string) *tab {
	t.Helper()
	tabsMu.Lock()
	if n := len(idleTabs[lang]); n > 0 {
		tb := idleTabs[lang][n-1]
		idleTabs[lang] = idleTabs[lang][:n-1]
		tabsMu.Unlock()
		return tb
	}
	tabsMu.Unlock()
	ctx, cancel := chromedp.NewContext(browserFor(t, lang), chromedp.WithNewBrowserContext())
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		t.Fatal(err)
	}
	return &tab{ctx, cancel}
}

// release empties the test's tab and keeps it for another test; a tab
// whose test failed, went offline or set noReuse is closed instead.
func (p *Page) release(tb *tab, lang string) {
	if p.t.Failed() || p.wentOffline || p.noReuse {
		tb.close()
		return
	}
	ctx, cancel := context.WithTimeout(tb.ctx, slow*15*time.Second)
	defer cancel()
	err := chromedp.Do(ctx, chromedp.Navigate(baseURL+blankPath), chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{Origin: baseURL, StorageTypes: "all"}); err != nil {
			return err
		}
		if _, err := cdp.Call(ctx, tg, network.ClearBrowserCache, cdp.Empty{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, runtime.Evaluate, runtime.EvaluateParams{Expression: `sessionStorage.clear()`})
		return err
	}))
	if err != nil {
		p.t.Logf("tab not kept: %v", err)
		tb.close()
		return
	}
	tabsMu.Lock()
	idleTabs[lang] = append(idleTabs[lang], tb)
	tabsMu.Unlock()
}

// record keeps what went wrong in the tab (it runs in the event loop: fast).
func (p *Page) record(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
			}
			p.problems = append(p.problems, "console."+string(e.Type)+": "+strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		msg := e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
		p.problems = append(p.problems, "exception: "+msg)
	case *cdplog.EventEntryAdded:
		if p.wentOffline && strings.Contains(e.Entry.Text, "ERR_INTERNET_DISCONNECTED") {
			return
		}
		if e.Entry.Level == cdplog.EntryLevelError && !p.allowedURL(e.Entry.URL, -1) {
			p.problems = append(p.problems, "log ("+string(e.Entry.Source)+"): "+e.Entry.Text+" "+e.Entry.URL)
		}
	case *network.EventResponseReceived:
		if e.Response.Status >= 400 && !p.allowedURL(e.Response.URL, e.Response.Status) {
			p.problems = append(p.problems, fmt.Sprintf("HTTP %d %s", e.Response.Status, e.Response.URL))
		}
	case *network.EventLoadingFailed:
		if e.Canceled || e.ErrorText == "net::ERR_ABORTED" || (p.wentOffline && e.ErrorText == "net::ERR_INTERNET_DISCONNECTED") {
			return
		}
		if e.BlockedReason != "" || e.CorsErrorStatus != nil {
			p.problems = append(p.problems, "blocked request: "+string(e.BlockedReason)+" "+e.ErrorText)
			return
		}
		p.problems = append(p.problems, "failed request: "+e.ErrorText)
	}
}

// allowedURL reports whether a failure of url (status -1: any) was expected.
func (p *Page) allowedURL(url string, status int64) bool {
	if p.offline && url == "" {
		return true
	}
	for _, a := range p.allowed {
		if url != "" && strings.Contains(url, a.urlPart) && (status == -1 || a.status == status) {
			return true
		}
	}
	return false
}

// report fails the test for each problem the tab had.
func (p *Page) report() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, pr := range p.problems {
		p.t.Errorf("browser: %s", pr)
	}
}

// Allow marks a request whose URL contains urlPart, answered status, as
// expected (a refusal the test provokes).
func (p *Page) Allow(urlPart string, status int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.allowed = append(p.allowed, allowance{urlPart, int64(status)})
}

// do runs actions with a 15 s limit, failing the test on error.
func (p *Page) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, slow*15*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

// Eval evaluates the JavaScript expression js in p and returns its value
// (a promise's value once it settles).
func Eval[T any](p *Page, js string) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, slow*15*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("eval %s: %v", js, err)
	}
	return v
}

// js quotes s as a JavaScript string.
func js(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// Go opens base+path and waits until the page says it is ready.
func (p *Page) Go(path string) {
	p.t.Helper()
	p.do("open "+path, chromedp.Navigate(baseURL+path))
	p.WaitJS(`document.body && document.body.dataset.ready === "true"`)
}

// Back goes back one page in the tab's history (the browser's back
// button) and waits until the page is ready.
func (p *Page) Back() {
	p.t.Helper()
	prev := Eval[string](p, `location.href`)
	Eval[bool](p, `(history.back(), true)`)
	p.WaitJS(`location.href !== ` + js(prev) + ` && document.body && document.body.dataset.ready === "true"`)
}

// WaitJS waits up to 10 s for the predicate js to be true (across a
// navigation the page makes meanwhile).
func (p *Page) WaitJS(predicate string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, slow*10*time.Second)
	defer cancel()
	var err error
	for ctx.Err() == nil {
		// the page itself tests the predicate every 50 ms for up to
		// 1.5 s (6 s with -race) and answers once: one call to the
		// browser instead of one per test. A navigation meanwhile (a
		// redirect, the back button) ends the call with an error and
		// costs one try.
		step, stop := context.WithTimeout(ctx, slow*2*time.Second)
		var last string
		last, err = chromedp.Run(step, chromedp.Evaluate[string](fmt.Sprintf(waitJS, slow*1500, predicate), chromedp.EvalAwaitPromise))
		stop()
		if err == nil && last == "" {
			return
		}
		if err == nil {
			err = errors.New(last)
			continue
		}
		time.Sleep(50 * time.Millisecond)
	}
	body, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	p.t.Fatalf("waiting for %s: %v\npage text:\n%s", predicate, err, body)
}

// waitJS tests a predicate (%[2]s) in the page every 50 ms until it holds
// ("") or %[1]d ms have passed (the last exception's text, or "false").
const waitJS = `new Promise((resolve) => {
	const end = Date.now() + %[1]d;
	const check = () => {
		let last = "false";
		try { if (!!(%[2]s)) return resolve(""); } catch (e) { last = String(e); }
		if (Date.now() > end) return resolve(last);
		setTimeout(check, 50);
	};
	check();
})`

// poll checks cond every 50 ms for up to 10 s (40 s with -race) and
// reports whether it came true: for the server's data or a file, where
// WaitJS is for the page.
func poll(cond func() bool) bool {
	for end := time.Now().Add(slow * 10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if cond() {
			return true
		}
		if time.Now().After(end) {
			return false
		}
	}
}

// WaitText waits up to 10 s for text to show on the page.
func (p *Page) WaitText(text string) {
	p.t.Helper()
	p.WaitJS(`document.body && document.body.innerText.includes(` + js(text) + `)`)
}

// Text returns the innerText of the first element matching css, or ”.
func (p *Page) Text(css string) string {
	p.t.Helper()
	return Eval[string](p, `(document.querySelector(`+js(css)+`) || {innerText: ""}).innerText.trim()`)
}

// mark finds an element with the JS function find (returning an element
// or null), gives it a data-e2e attribute and returns its selector.
func (p *Page) mark(what, find string) string {
	p.t.Helper()
	id := fmt.Sprintf("e%d", userSeq.Add(1))
	ok := Eval[bool](p, `(() => { const el = (`+find+`)(); if (!el) return false; el.setAttribute("data-e2e", `+js(id)+`); return true; })()`)
	if !ok {
		body := Eval[string](p, `document.body.innerText`)
		p.t.Fatalf("no %s on the page:\n%s", what, body)
	}
	return `[data-e2e="` + id + `"]`
}

// Fill types text into the control whose label reads label (after
// clearing it), in the open dialog if there is one.
func (p *Page) Fill(label, text string) {
	p.t.Helper()
	sel := p.mark("field labelled "+label, `() => {
		const root = document.querySelector("dialog[open]") || document;
		const l = [...root.querySelectorAll("label")].find((l) => l.textContent.trim() === `+js(label)+`);
		if (l && l.control) l.control.value = "";
		return l ? l.control : null; }`)
	p.do("fill "+label, chromedp.SendKeys(chromedp.CSS(sel), text))
}

// Click clicks the button (else the link) whose text is text, in the open
// dialog if there is one.
func (p *Page) Click(text string) {
	p.t.Helper()
	sel := p.mark("button "+text, `() => {
		const root = document.querySelector("dialog[open]") || document;
		const match = (b) => (b.textContent || b.value || "").trim() === `+js(text)+` && b.getClientRects().length > 0;
		return [...root.querySelectorAll("button, input[type=submit], [role=button]")].find(match)
			|| [...root.querySelectorAll("a")].find(match) || null; }`)
	p.do("click "+text, chromedp.Click(chromedp.CSS(sel)))
}

// SignInAs signs user in through the sign-in page and waits for home.
func (p *Page) SignInAs(user *core.Record) {
	p.t.Helper()
	p.Go("/dang-nhap.html")
	p.Fill(i18n.T("page.email"), user.Email())
	p.Fill(i18n.T("page.password"), testkit.Password)
	p.Click(i18n.T("page.login"))
	p.WaitJS(`location.pathname === "/" && document.body.dataset.ready === "true"`)
}

// SignInAsRole signs a fresh account with roles in (NewUser, SignInAs)
// and returns it.
func (p *Page) SignInAsRole(roles ...string) *core.Record {
	p.t.Helper()
	u := NewUser(p.t, roles...)
	p.SignInAs(u)
	return u
}

// UseSession signs user in without the sign-in page, then opens path:
// faster, for tests about other pages. The token goes where the SDK keeps
// it (localStorage) from a script the tab runs before the page's own, so
// path is the only page loaded; the script is gone once path is open.
func (p *Page) UseSession(user *core.Record, path string) {
	p.t.Helper()
	auth, err := json.Marshal(map[string]any{"token": testkit.Token(p.t, user), "record": user})
	if err != nil {
		p.t.Fatal(err)
	}
	src := `if (location.origin === ` + js(baseURL) + `) localStorage.setItem("pocketbase_auth", ` + js(string(auth)) + `);`
	var id page.ScriptIdentifier
	p.do("session", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		res, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		id = res.Identifier
		return err
	}))
	p.Go(path)
	// a page that goes on at once (dang-nhap.html?next=… signed in) may be
	// moving to a new renderer when the script is taken off, and Chromium
	// then answers "Script not found" for a script the new renderer gets
	// a moment later: ask again; should it still be unknown, the tab is not
	// handed to another test.
	for try := 1; ; try++ {
		ctx, cancel := context.WithTimeout(p.ctx, slow*15*time.Second)
		err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, page.RemoveScriptToEvaluateOnNewDocument, page.RemoveScriptToEvaluateOnNewDocumentParams{Identifier: id})
			return err
		}))
		cancel()
		if err == nil {
			return
		}
		if !strings.Contains(err.Error(), "Script not found") {
			p.t.Fatalf("session script off: %v", err)
		}
		if try == 5 {
			p.t.Logf("session script off: %v (the tab is closed when the test ends)", err)
			p.noReuse = true
			return
		}
		time.Sleep(slow * 100 * time.Millisecond)
	}
}

// viewport sets the tab's size (mobile: a phone's viewport).
func (p *Page) viewport(width, height int64, mobile bool) {
	p.t.Helper()
	p.do("viewport", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: width, Height: height, DeviceScaleFactor: 1, Mobile: mobile,
		})
		return err
	}))
}

// CheckNarrow fails the test when, at 360 px, the page scrolls sideways;
// it names the elements that stick out.
func (p *Page) CheckNarrow(name string) {
	p.t.Helper()
	p.viewport(360, 740, true)
	defer p.viewport(1280, 900, false)
	p.WaitJS(`innerWidth === 360`)
	wide := Eval[string](p, `(() => {
		if (document.scrollingElement.scrollWidth <= innerWidth) return "";
		return [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5)
			.slice(0, 5).map((e) => e.tagName + "." + e.className + "#" + e.id).join(", ") || "?"; })()`)
	if wide != "" {
		p.t.Errorf("%s: at 360 px the page scrolls sideways; too wide: %s", name, wide)
	}
}

// CheckLabels fails the test for every input, select and textarea
// without a label (a <label>, aria-label or aria-labelledby).
func (p *Page) CheckLabels() {
	p.t.Helper()
	missing := Eval[[]string](p, `[...document.querySelectorAll("input:not([type=hidden]), select, textarea")]
		.filter((e) => e.labels.length === 0 && !e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby"))
		.map((e) => e.outerHTML.slice(0, 120))`)
	for _, m := range missing {
		p.t.Errorf("control without a label: %s", m)
	}
}

// CheckFocusVisible presses Tab and fails the test unless the control that
// gets the focus shows a focus ring (an outline of at least 2 px). It
// returns the focused element's text or name.
func (p *Page) CheckFocusVisible() string {
	p.t.Helper()
	p.do("tab", chromedp.KeyEvent("\t"))
	got := Eval[map[string]string](p, `(() => { const e = document.activeElement, s = getComputedStyle(e);
		return {tag: e.tagName, text: (e.textContent || e.name || "").trim(), style: s.outlineStyle, width: s.outlineWidth}; })()`)
	if got["tag"] == "BODY" || got["style"] == "none" || got["width"] == "0px" || got["width"] == "1px" {
		p.t.Errorf("focus not visible: %v", got)
	}
	return got["text"]
}

// Screenshots writes name-1280.png and name-360.png into the folder
// SANGKIEN_SCREENSHOTS names (nothing when unset).
func (p *Page) Screenshots(name string) {
	p.t.Helper()
	dir := os.Getenv("SANGKIEN_SCREENSHOTS")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.t.Fatal(err)
	}
	shot := func(file string) {
		ctx, cancel := context.WithTimeout(p.ctx, slow*15*time.Second)
		defer cancel()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			p.t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, file), png, 0o644); err != nil {
			p.t.Fatal(err)
		}
	}
	shot(name + "-1280.png")
	p.viewport(360, 740, true)
	p.WaitJS(`innerWidth === 360`)
	shot(name + "-360.png")
	p.viewport(1280, 900, false)
}

// network sets the tab's network on or off.
func (p *Page) network(offline bool) {
	p.t.Helper()
	p.mu.Lock()
	p.offline = offline
	p.wentOffline = p.wentOffline || offline
	p.mu.Unlock()
	p.do("network", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Offline: offline, DownloadThroughput: -1, UploadThroughput: -1}},
		}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, network.OverrideNetworkState, network.OverrideNetworkStateParams{
			Offline: offline, DownloadThroughput: -1, UploadThroughput: -1,
		})
		return err
	}))
}

// Offline cuts the tab's network (requests fail as with no connection).
func (p *Page) Offline() { p.t.Helper(); p.network(true) }

// Online restores the tab's network.
func (p *Page) Online() { p.t.Helper(); p.network(false) }

// CheckPhone looks at the page as a phone shows it (390 × 844): the header
// takes at most 170 px, nothing scrolls sideways, and no two pieces of
// text overlap (a table's cards included: a label never runs into its
// value). It names what is wrong.
func (p *Page) CheckPhone(name string) {
	p.t.Helper()
	p.viewport(390, 844, true)
	defer p.viewport(1280, 900, false)
	p.WaitJS(`innerWidth === 390`)
	got := Eval[map[string]any](p, phoneJS)
	if h, _ := got["header"].(float64); testing.Verbose() {
		p.t.Logf("%s: at 390 × 844 the header is %.0f px, the page %.0f px high", name, h, got["height"])
	}
	if h, _ := got["header"].(float64); h > 170 {
		p.t.Errorf("%s: at 390 px the header is %.0f px high (at most 170)", name, h)
	}
	if w, _ := got["wide"].(string); w != "" {
		p.t.Errorf("%s: at 390 px the page scrolls sideways; too wide: %s", name, w)
	}
	if o, _ := got["overlaps"].([]any); len(o) > 0 {
		p.t.Errorf("%s: at 390 px text overlaps: %v", name, o)
	}
}

// phoneJS measures the header, the sideways scroll and overlapping text.
const phoneJS = `(() => {
	const header = document.querySelector("header");
	const out = {header: header ? header.getBoundingClientRect().height : 0, height: document.scrollingElement.scrollHeight, wide: "", overlaps: []};
	if (document.scrollingElement.scrollWidth > innerWidth) {
		out.wide = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5)
			.slice(0, 5).map((e) => e.tagName + "." + e.className + "#" + e.id).join(", ") || "?";
	}
	const shown = (e) => { for (let x = e; x; x = x.parentElement) { const s = getComputedStyle(x);
		if (s.display === "none" || s.visibility === "hidden" || s.opacity === "0") return false; } return true; };
	const rects = [];
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		if (!n.textContent.trim() || !shown(n.parentElement) || n.parentElement.closest("dialog:not([open]), script, style, noscript, .skip")) continue;
		// a closed <details> lays out what it hides: only its summary shows.
		const closed = n.parentElement.closest("details:not([open])");
		if (closed && !n.parentElement.closest("summary")) continue;
		const r = document.createRange();
		r.selectNodeContents(n);
		for (const b of r.getClientRects()) if (b.width > 1 && b.height > 1) rects.push({b, n});
	}
	const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;
	for (let i = 0; i < rects.length && out.overlaps.length < 5; i++) {
		for (let j = i + 1; j < rects.length; j++) {
			if (rects[i].n !== rects[j].n && hit(rects[i].b, rects[j].b)) {
				out.overlaps.push(JSON.stringify(rects[i].n.textContent.trim().slice(0, 30)) + " × " + JSON.stringify(rects[j].n.textContent.trim().slice(0, 30)));
				break;
			}
		}
	}
	// a table's card: the label (td::before) holds its grid column; the value stays right of it.
	for (const td of document.querySelectorAll("td[data-label]")) {
		const s = getComputedStyle(td);
		if (s.display !== "grid" || !shown(td) || !td.dataset.label) continue;
		const col = parseFloat(s.gridTemplateColumns.split(" ")[0]);
		const left = td.getBoundingClientRect().left + parseFloat(s.paddingLeft) + col;
		// the label itself must fit its column (the widest piece it cannot break).
		const ps = getComputedStyle(td, "::before");
		const ctx = (window.__measure ||= document.createElement("canvas").getContext("2d"));
		ctx.font = ps.fontWeight + " " + ps.fontSize + " " + ps.fontFamily;
		const pieces = ps.whiteSpace === "nowrap" || ps.whiteSpace === "pre" ? [td.dataset.label] :
			ps.overflowWrap === "anywhere" || ps.wordBreak === "break-all" ? [] : td.dataset.label.split(/\s+/);
		if (pieces.some((w) => ctx.measureText(w).width > col + 1) && out.overlaps.length < 5) {
			out.overlaps.push("label " + JSON.stringify(td.dataset.label) + " wider than its column");
			continue;
		}
		const r = document.createRange();
		r.selectNodeContents(td);
		for (const b of r.getClientRects()) {
			if (b.width > 1 && b.left < left - 1 && out.overlaps.length < 5) {
				out.overlaps.push("label " + JSON.stringify(td.dataset.label) + " × " + JSON.stringify(td.textContent.trim().slice(0, 30)));
				break;
			}
		}
	}
	return out;
})()`
