package testkit

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// Handler returns app's HTTP handler with every route, middleware and
// static page of a real `serve` (the same OnServe trigger tests.ApiScenario
// uses). An app can be served once: PocketBase binds its UI routes again on
// each serve event.
func Handler(t testing.TB, app core.App) http.Handler {
	t.Helper()
	mux, err := NewHandler(app)
	if err != nil {
		t.Fatal(err)
	}
	return mux
}

// NewHandler is Handler for code without a test at hand (a TestMain).
func NewHandler(app core.App) (http.Handler, error) {
	router, err := apis.NewRouter(app)
	if err != nil {
		return nil, err
	}
	var mux http.Handler
	se := &core.ServeEvent{App: app, Router: router}
	err = app.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		var err error
		mux, err = e.Router.BuildMux()
		return err
	})
	return mux, err
}

// Serve starts a real HTTP server on a random loopback port for app, closed
// when the test ends: for tests that send concurrent requests, drive a
// browser, or send a sequence of requests to one app.
func Serve(t testing.TB, app core.App) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(Handler(t, app))
	t.Cleanup(srv.Close)
	return srv
}
