package e2e_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"
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

// TestDashboardUnderTheHeaders: with the program's security headers on
// every answer, the PocketBase dashboard keeps its own CSP, signs a
// superuser in and lists the collections without a CSP violation (the
// harness fails the test on any console error or violation).
func TestDashboardUnderTheHeaders(t *testing.T) {
	t.Parallel()
	p := NewPage(t)
	w := testkit.NewWard(t)
	t.Cleanup(w.App.Cleanup)
	base := serveWithDashboard(t, w.App)

	p.do("open the dashboard", chromedp.Navigate(base+"/_/"))
	p.WaitJS(`document.querySelector("#login_pass")`)
	p.do("sign in", chromedp.SendKeys(chromedp.CSS("#login_identity"), w.Superuser.Email()),
		chromedp.SendKeys(chromedp.CSS("#login_pass"), testkit.Password),
		chromedp.Click(chromedp.CSS("form.auth-with-password-form button.next")))
	p.WaitJS(`location.hash.startsWith("#/collections") && document.body.innerText.includes("initiatives")`)
	if csp := Eval[string](p, `fetch("/_/").then((r) => r.headers.get("content-security-policy") || "")`); csp != dashboardCSP {
		t.Errorf("dashboard CSP = %q, want PocketBase's own", csp)
	}
}
