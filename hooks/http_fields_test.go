package hooks_test

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// A list or view that names its fields answers those fields alone, with
// the values the whole record has; nested names and modifiers keep
// PocketBase's meaning; a hidden field stays out even when asked for.
func TestAListAskedForItsFieldsAnswersThoseAlone(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	h := testkit.Handler(t, w.App)
	ini := w.Initiative(t, w.StaffA, "submitted", map[string]any{"summary": "Một bản tóm tắt khá dài của sáng kiến."})
	token := testkit.Token(t, w.StaffA)
	list := "/api/collections/initiatives/records?filter=" + strings.ReplaceAll(`id="`+ini.Id+`"`, `"`, "%22")
	item := func(query string) map[string]any {
		t.Helper()
		out := apitest.Send(t, h, http.MethodGet, list+query, apitest.Token(token)).Want(t, http.StatusOK)
		items, _ := out["items"].([]any)
		if len(items) != 1 {
			t.Fatalf("%s: %d items, want 1: %v", query, len(items), out)
		}
		if total, _ := out["totalItems"].(float64); total != 1 {
			t.Fatalf("%s: totalItems %v, want 1", query, out["totalItems"])
		}
		return items[0].(map[string]any)
	}
	whole := item("&expand=unit")
	wantKeys := func(query string, got map[string]any, keys ...string) {
		t.Helper()
		if have := slices.Sorted(maps.Keys(got)); !slices.Equal(have, keys) {
			t.Errorf("%s: keys %v, want %v", query, have, keys)
		}
		for _, k := range keys {
			if k != "expand" && !strings.Contains(query, ":excerpt") && got[k] != whole[k] {
				t.Errorf("%s: %s = %v, the whole record has %v", query, k, got[k], whole[k])
			}
		}
	}

	q := "&fields=id,code,title,status,created"
	wantKeys(q, item(q), "code", "created", "id", "status", "title")
	q = "&fields=id,readers,summary"
	wantKeys(q, item(q), "id", "summary")
	q = "&fields=id,expand&expand=unit"
	got := item(q)
	wantKeys(q, got, "expand", "id")
	unit, _ := got["expand"].(map[string]any)["unit"].(map[string]any)
	if unit["name"] != w.UnitA.GetString("name") || unit["id"] != w.UnitA.Id {
		t.Errorf("%s: expand.unit = %v, want unit A whole", q, unit)
	}
	q = "&fields=id,expand.unit.name&expand=unit"
	got = item(q)
	wantKeys(q, got, "expand", "id")
	if u := got["expand"].(map[string]any)["unit"].(map[string]any); len(u) != 1 || u["name"] != w.UnitA.GetString("name") {
		t.Errorf("%s: expand.unit = %v, want its name alone", q, u)
	}
	q = "&fields=id,summary:excerpt(8,true)"
	got = item(q)
	wantKeys(q, got, "id", "summary")
	if s, _ := got["summary"].(string); !strings.HasSuffix(s, "...") || len([]rune(s)) > 12 {
		t.Errorf("%s: summary %q, want its first 8 characters and an ellipsis", q, s)
	}
	q = "&fields=*,expand.unit.name&expand=unit"
	if got = item(q); len(got) != len(whole) || got["summary"] != whole["summary"] {
		t.Errorf("%s: %d keys (summary %v), want the whole record's %d", q, len(got), got["summary"], len(whole))
	}

	view := apitest.Send(t, h, http.MethodGet, "/api/collections/initiatives/records/"+ini.Id+"?fields=id,title", apitest.Token(token)).Want(t, http.StatusOK)
	wantKeys("view ?fields=id,title", view, "id", "title")
}
