package hooks_test

import (
	"net/http"
	"net/url"
	"testing"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestFilterGuardReadsTheQueryAsPocketBase: a query string with a broken
// escape (%zz) or a semicolon cannot hide a filter from the guard, which
// reads the query as PocketBase does (URL.Query keeps every pair it could
// read): a back-relation filter behind one junk parameter is refused, and
// a junk parameter beside an allowed filter changes nothing.
func TestFilterGuardReadsTheQueryAsPocketBase(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	h := testkit.Handler(t, w.App)
	w.Initiative(t, w.StaffA2, "draft", map[string]any{"title": "Bí mật ABC của đơn vị A"})
	tok := testkit.Token(t, w.StaffB)
	oracle := url.QueryEscape("initiatives_via_round.title !~ 'Bí mật%'")
	for _, c := range []struct{ name, query, field string }{
		{"a broken escape before the filter", "x=%zz&filter=" + oracle, "filter"},
		{"a broken escape after the filter", "filter=" + oracle + "&x=%zz", "filter"},
		{"a semicolon", "a;b=1&filter=" + oracle, "filter"},
		{"a broken escape before a sort", "x=%zz&sort=-initiatives_via_round.title", "sort"},
		{"a broken escape in the key", "%zz=1&filter=" + oracle, "filter"},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, body := apitest.Send(t, h, http.MethodGet, "/api/collections/rounds/records?"+c.query, apitest.Token(tok)).StatusObject(t)
			if status != http.StatusBadRequest || apitest.ErrCode(body, c.field) != "filter_not_allowed" {
				t.Fatalf("status %d, want 400 filter_not_allowed on %s: %v", status, c.field, body)
			}
		})
	}
	status, body := apitest.Send(t, h, http.MethodGet, "/api/collections/rounds/records?x=%zz&filter="+url.QueryEscape("year > 2000"), apitest.Token(tok)).StatusObject(t)
	if status != http.StatusOK {
		t.Fatalf("an allowed filter beside a junk parameter: status %d: %v", status, body)
	}
}
