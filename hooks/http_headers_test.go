package hooks_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/hooks"
	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// serveLikeServe serves app as `sangkien serve` does, with the CORS
// middleware apis.Serve binds before the OnServe hooks (allowing every
// origin, PocketBase's default), which testkit.Handler leaves out.
func serveLikeServe(t *testing.T, app core.App) *httptest.Server {
	t.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	router.Bind(apis.CORS(apis.CORSConfig{AllowOrigins: []string{"*"}, AllowMethods: apis.DefaultCORSConfig.AllowMethods}))
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
	return srv
}

// TestSecurityHeaders: the pages carry the CSP and every answer the
// framing, referrer and sniffing headers.
func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := serveLikeServe(t, w.App)
	for _, path := range []string{"/", "/js/start.js", "/css/app.css", "/i18n/vi.json", "/api/collections/organization/records", "/api/khong-co"} {
		res := apitest.Send(t, srv, http.MethodGet, path)
		for k, want := range map[string]string{
			"X-Frame-Options": "DENY", "Referrer-Policy": "same-origin", "X-Content-Type-Options": "nosniff",
		} {
			if got := res.Header.Get(k); got != want {
				t.Errorf("%s: %s %q, want %q", path, k, got, want)
			}
		}
		csp := res.Header.Get("Content-Security-Policy")
		if page := !strings.HasPrefix(path, "/api/"); page && csp != hooks.PageCSP {
			t.Errorf("%s: CSP %q, want %q", path, csp, hooks.PageCSP)
		}
	}
	if !strings.Contains(hooks.PageCSP, "frame-ancestors 'none'") || strings.Contains(hooks.PageCSP, "unsafe-inline") {
		t.Errorf("CSP %q", hooks.PageCSP)
	}
}

// TestCORSSameOriginByDefault: a foreign page's preflight and request get
// no Access-Control-Allow-Origin (PocketBase's default answered "*");
// an origin listed in SANGKIEN_ORIGINS gets its own back.
func TestCORSSameOriginByDefault(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	hooks.SetEnv(w.App, hooks.OriginsEnv, "https://mot-cua.phuong.vn, https://cong.phuong.vn/")
	srv := serveLikeServe(t, w.App)
	preflight := func(origin string) apitest.Reply {
		res := apitest.Send(t, srv, http.MethodOptions, "/api/collections/users/auth-with-password", apitest.Headers(map[string]string{
			"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type",
		}))
		return res
	}
	for _, origin := range []string{"https://evil.example", "http://mot-cua.phuong.vn", "https://mot-cua.phuong.vn.evil.example", "null"} {
		if got := preflight(origin).Header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("preflight from %s: Access-Control-Allow-Origin %q, want none", origin, got)
		}
		res := apitest.Send(t, srv, http.MethodGet, "/api/collections/organization/records", apitest.Headers(map[string]string{"Origin": origin}))
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("GET from %s: Access-Control-Allow-Origin %q, want none", origin, got)
		}
	}
	for _, origin := range []string{"https://mot-cua.phuong.vn", "https://cong.phuong.vn"} {
		res := preflight(origin)
		if got := res.Header.Get("Access-Control-Allow-Origin"); got != origin {
			t.Errorf("preflight from %s: Access-Control-Allow-Origin %q", origin, got)
		}
		if !strings.Contains(res.Header.Get("Access-Control-Allow-Methods"), "POST") {
			t.Errorf("preflight from %s: methods %q", origin, res.Header.Get("Access-Control-Allow-Methods"))
		}
	}
	// the ward's own page (same origin) works without any CORS header.
	res := apitest.Send(t, srv, http.MethodGet, "/api/collections/organization/records", apitest.Headers(map[string]string{"Origin": srv.URL}))
	body := res.Body
	if res.Status != http.StatusOK || !strings.Contains(string(body), "ward_name") {
		t.Errorf("same origin: status %d: %s", res.Status, body)
	}
}

// TestGzip: pages and JSON come gzipped to a client that accepts it; an
// answer under 1 KB (the organization's record) and a protected file come
// as they are, byte for byte.
func TestGzip(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	ini := w.Initiative(t, w.StaffA, "draft", nil)
	file := attach(t, w.App, ini, "attachments", "ho-so.pdf")
	srv := serveLikeServe(t, w.App)
	gz := map[string]string{"Accept-Encoding": "gzip"}
	for path, want := range map[string]string{"/": "<!doctype html>", "/i18n/vi.json": "app.name", "/api/collections/users/records": "totalItems"} {
		res := apitest.Send(t, srv, http.MethodGet, path, apitest.Headers(gz), apitest.As(w.Secretariat))
		body := res.Body
		if res.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: Content-Encoding %q, want gzip", path, res.Header.Get("Content-Encoding"))
			continue
		}
		zr, err := gzip.NewReader(strings.NewReader(string(body)))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		plain, _ := io.ReadAll(zr)
		if !strings.Contains(string(plain), want) {
			t.Errorf("%s: unzipped body lacks %q", path, want)
		}
	}
	small := apitest.Send(t, srv, http.MethodGet, "/api/collections/organization/records", apitest.Headers(gz))
	if small.Header.Get("Content-Encoding") != "" || len(small.Body) >= 1024 || !strings.Contains(string(small.Body), "ward_name") {
		t.Errorf("small JSON: Content-Encoding %q, %d bytes: %.200s", small.Header.Get("Content-Encoding"), len(small.Body), small.Body)
	}
	token := fileToken(t, srv.URL, testkit.Token(t, w.StaffA))
	res := apitest.Send(t, srv, http.MethodGet, "/api/files/initiatives/"+ini.Id+"/"+file+"?token="+token, apitest.Headers(gz))
	body := res.Body
	if res.Status != http.StatusOK || res.Header.Get("Content-Encoding") != "" || string(body) != minimalPDF+"ho-so.pdf" {
		t.Errorf("file: status %d, Content-Encoding %q, %d bytes", res.Status, res.Header.Get("Content-Encoding"), len(body))
	}
}

// TestInitiativeFormIsOnePageAtTwoAddresses: /sang-kien/sua.html (with its
// id) answers the very page /sang-kien/moi.html is, with the pages' headers.
func TestInitiativeFormIsOnePageAtTwoAddresses(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	body := apitest.Send(t, srv, http.MethodGet, "/sang-kien/moi.html").Body
	want := string(body)
	if !strings.Contains(want, `<form id="form"`) || !strings.Contains(want, `<header data-layout>`) {
		t.Fatalf("/sang-kien/moi.html is not the framed form:\n%.300s", want)
	}
	for _, path := range []string{"/sang-kien/moi.html", "/sang-kien/sua.html?id=abc123", "/sang-kien/sua.html"} {
		res := apitest.Send(t, srv, http.MethodGet, path)
		got := res.Body
		if res.Status != http.StatusOK || string(got) != want {
			t.Errorf("%s: %d, %d bytes; want 200 and moi.html's %d bytes", path, res.Status, len(got), len(want))
		}
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("%s: Content-Type %q", path, ct)
		}
		if csp := res.Header.Get("Content-Security-Policy"); csp != hooks.PageCSP {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
	}
}
