package hooks_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// mxRoutes are the council-rules and emulation routes × every caller of
// the matrix, in its column order (anonymous, staff A, staff B, head A,
// secretariat, council member, chairman, superuser). A write runs on its
// own copy of the ward.
var mxRoutes = []struct {
	method, path, body, want string
}{
	{http.MethodGet, "/api/reform/rounds/{year}/recognized-people", "", "401 403 403 403 200 403 200 403"},
	// the secretariat's overview page: the secretariat's alone.
	{http.MethodGet, "/api/reform/rounds/{year}/overview", "", "401 403 403 403 200 403 403 403"},
	// the council page's progress: the secretariat's alone, like the page.
	{http.MethodGet, "/api/reform/rounds/{year}/progress", "", "401 403 403 403 200 403 403 403"},
	// the chairman's page's counts: the officers', who see the same initiatives past draft.
	{http.MethodGet, "/api/reform/rounds/{year}/counts", "", "401 403 403 403 200 403 200 403"},
	{http.MethodGet, "/api/reform/people/{staffA}/initiatives", "", "401 200 403 403 200 403 200 403"},
	{http.MethodGet, "/api/reform/councils/{council}/conflicts", "", "401 403 403 403 200 403 200 403"},
	// a member's queue: the seat holders' alone (the council member holds a seat).
	{http.MethodGet, "/api/reform/councils/{council}/queue", "", "401 403 403 403 403 200 403 403"},
	// iAccA is accepted, not recognised: the secretariat may act, and is told why not.
	{http.MethodPost, "/api/reform/initiatives/{iAccA}/scope", `{"scope":"co_so"}`, "401 403 403 403 400 403 403 403"},
	// staff A is a linked co-author of iCoA (drafted by another).
	{http.MethodPost, "/api/reform/initiatives/{iCoA}/unlink-me", "", "401 200 404 404 404 404 404 403"},
	{http.MethodGet, "/api/reform/rounds/{year}/export.xlsx?report=people", "", "401 403 403 403 200 403 200 403"},
}

// TestAuthorizationMatrixReformRoutes asserts every cell of mxRoutes.
func TestAuthorizationMatrixReformRoutes(t *testing.T) {
	t.Parallel()
	m := newMxWard(t)
	reads := testkit.Handler(t, m.App)
	for _, r := range mxRoutes {
		want := mxStatuses(t, r.want)
		path := strings.ReplaceAll(m.expand(r.path), "{year}", strconv.Itoa(m.Round.GetInt("year")))
		for c := mxCaller(0); c < mxCallers; c++ {
			h := reads
			if r.method != http.MethodGet {
				fork := m.fork(t)
				h = testkit.Handler(t, fork)
				defer fork.Cleanup()
			}
			res := apitest.Send(t, h, r.method, path, apitest.JSON(r.body), apitest.Headers(m.headers(c)))
			if res.Status != want[c] {
				t.Errorf("%s %s as %s: %d, want %d: %.200s", r.method, r.path, mxCallerNames[c], res.Status, want[c], res.Body)
			}
		}
	}
}
