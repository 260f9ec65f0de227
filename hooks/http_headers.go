package hooks

import (
	"compress/gzip"
	"io/fs"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// PageCSP is the Content-Security-Policy of the staff pages (pb_public):
// scripts, styles, fonts and API calls from this origin only, no inline
// script or style, never framed, forms posted only here.
const PageCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; " +
	"form-action 'self'; object-src 'none'"

// OriginsEnv names the environment variable listing, comma-separated, the
// other origins (scheme://host[:port]) whose pages may call the API from a
// browser. Unset: same origin only.
const OriginsEnv = "SANGKIEN_ORIGINS"

// securityHeaders sets the headers of every answer but the PocketBase
// dashboard's (/_/, which brings its own CSP): the pages' CSP, no framing,
// the referrer kept to this origin, no content-type sniffing. It runs
// after PocketBase's own security headers, so that its X-Frame-Options
// (SAMEORIGIN) becomes DENY.
func securityHeaders() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       "sangkienSecurityHeaders",
		Priority: apis.DefaultSecurityHeadersMiddlewarePriority + 1,
		Func: func(e *core.RequestEvent) error {
			if p := e.Request.URL.Path; p == "/_" || strings.HasPrefix(p, "/_/") {
				return e.Next()
			}
			h := e.Response.Header()
			h.Set("X-Frame-Options", "DENY")
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", "same-origin")
			if !strings.HasPrefix(e.Request.URL.Path, "/api/") {
				h.Set("Content-Security-Policy", PageCSP)
			}
			return e.Next()
		},
	}
}

// cors replaces PocketBase's CORS middleware (which allows every origin,
// "*", unless `serve --origins` says otherwise) by one that allows only
// the origins listed in app's SANGKIEN_ORIGINS. Same-origin requests need
// no CORS header; a foreign page's preflight gets none and the browser stops.
func cors(app core.App) *hook.Handler[*core.RequestEvent] {
	allowed := map[string]bool{}
	for _, o := range strings.Split(envOf(app).Getenv(OriginsEnv), ",") {
		if o = strings.TrimRight(strings.TrimSpace(o), "/"); o != "" && o != "*" {
			allowed[o] = true
		}
	}
	return apis.CORS(apis.CORSConfig{
		AllowOriginFunc: func(origin string) (bool, error) { return allowed[origin], nil },
		AllowMethods:    apis.DefaultCORSConfig.AllowMethods,
	})
}

// gzipMinLength is the size under which an answer goes as it is: it fits
// in one packet anyway, and no compressor (about 1 MB of state, dropped
// from its pool at each collection) is taken for it.
const gzipMinLength = 1024

// compress gzips answers of gzipMinLength bytes or more for clients that
// accept it: the pages, the string catalog and the JSON. Not files
// (/api/files: ranges, already compressed documents), not the realtime
// stream, not the Excel exports (a zip already). The fastest level: a
// seventh of the default level's CPU on a small JSON answer, for a
// little more size (the string catalog: 39.7 KB instead of 32.8 KB).
func compress() *hook.Handler[*core.RequestEvent] {
	gz := apis.GzipWithConfig(apis.GzipConfig{Level: gzip.BestSpeed, MinLength: gzipMinLength})
	return &hook.Handler[*core.RequestEvent]{
		Id:       "sangkienGzip",
		Priority: apis.DefaultBodyLimitMiddlewarePriority + 20,
		Func: func(e *core.RequestEvent) error {
			p := e.Request.URL.Path
			if strings.HasPrefix(p, "/api/files/") || strings.HasPrefix(p, "/api/realtime") ||
				strings.HasPrefix(p, "/api/backups") || strings.HasSuffix(p, ".xlsx") ||
				p == "/_" || strings.HasPrefix(p, "/_/") {
				return e.Next()
			}
			return gz.Func(e)
		},
	}
}

// samePage answers with the page at name of public, for a second address
// of one page.
func samePage(public fs.FS, name string) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		http.ServeFileFS(e.Response, e.Request, public, name)
		return nil
	}
}
