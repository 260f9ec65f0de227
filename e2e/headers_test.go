package e2e_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/ui"

	"sangkien/internal/testkit"
)

// dashboardCSP is the CSP apis.Serve gives the dashboard when the answer
// has none yet (PocketBase v0.40.4 apis/serve.go, defaultCSP).
const dashboardCSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' http://127.0.0.1:* https://tile.openstreetmap.org data: blob:; connect-src 'self' http://127.0.0.1:* https://nominatim.openstreetmap.org; script-src 'self' http://127.0.0.1:*; frame-ancestors 'none'"

// serveWithDashboard serves app with the dashboard route of apis.Serve
// (which testkit.Serve leaves out): the embedded UI, its CSP unless one is
// already set, gzip.
func serveWithDashboard(t *testing.T, app core.App) string {
	t.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	router.GET("/_/{path...}", apis.Static(ui.DistDirFS, false)).BindFunc(func(e *core.RequestEvent) error {
		if e.Response.Header().Get("Content-Security-Policy") == "" {
			e.Response.Header().Set("Content-Security-Policy", dashboardCSP)
		}
		return e.Next()
	}).Bind(apis.Gzip())
	var mux http.Handler
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: router}, func(e *core.ServeEvent) error {
		var err error
		mux, err = e.Router.BuildMux()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL
}

// watchCSP makes p record every CSP violation of the documents it loads
// in window.__csp.
func watchCSP(t *testing.T, p *page) {
	t.Helper()
	err := p.call("Page.addScriptToEvaluateOnNewDocument", map[string]any{"source": `
		window.__csp = [];
		document.addEventListener('securitypolicyviolation', (e) =>
			window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`}, nil)
	if err != nil {
		t.Fatal(err)
	}
}

// cspViolations returns what p recorded.
func cspViolations(t *testing.T, p *page) []string {
	t.Helper()
	var got []string
	if err := p.eval(`window.__csp || []`, &got); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestPagesAndDashboardUnderTheHeaders: the start page, under its strict
// CSP, signs in and lists without a single violation; the PocketBase
// dashboard keeps its own CSP, signs a superuser in and lists the
// collections.
func TestPagesAndDashboardUnderTheHeaders(t *testing.T) {
	path := chromium(t)
	w := testkit.NewWard(t)
	t.Cleanup(w.App.Cleanup)
	w.Initiative(t, w.StaffA, "submitted", nil)
	base := serveWithDashboard(t, w.App)

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	b := startBrowser(t, path)
	p, err := b.newPage(ctx, 1280, 900, false)
	if err != nil {
		t.Fatal(err)
	}
	watchCSP(t, p)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	must(p.navigate(base + "/"))
	must(p.waitFor("the page to start", `document.body.dataset.ready === "true"`))
	must(p.fill("#login-email", w.StaffA.Email()))
	must(p.fill("#login-password", testkit.Password))
	must(p.click("#login-submit"))
	must(p.waitFor("the list", `!document.querySelector("#initiatives").hidden`))
	if v := cspViolations(t, p); len(v) != 0 {
		t.Errorf("start page: CSP violations %v", v)
	}

	must(p.navigate(base + "/_/"))
	must(p.waitFor("the dashboard's login form", `document.querySelector("#login_pass")`))
	must(p.fill("#login_identity", w.Superuser.Email()))
	must(p.fill("#login_pass", testkit.Password))
	must(p.click("form.auth-with-password-form button.next"))
	must(p.waitFor("the collections", `location.hash.startsWith("#/collections") && document.body.innerText.includes("initiatives")`))
	if v := cspViolations(t, p); len(v) != 0 {
		t.Errorf("dashboard: CSP violations %v", v)
	}
}
