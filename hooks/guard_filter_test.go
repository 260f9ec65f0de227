package hooks_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/hooks"
	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// fgCaller is a non-superuser caller of the filter tests.
type fgCaller struct {
	name  string
	token string // "" = anonymous
}

// fgCallers are the callers every filter path is tried with: every kind
// of caller but the superuser (the columns of the authorization matrix).
func fgCallers(t *testing.T, w *testkit.Ward) []fgCaller {
	return []fgCaller{
		{"anonymous", ""},
		{"staff of unit A", testkit.Token(t, w.StaffA)},
		{"staff of unit B", testkit.Token(t, w.StaffB)},
		{"head of unit A", testkit.Token(t, w.HeadA)},
		{"secretariat", testkit.Token(t, w.Secretariat)},
		{"council member", testkit.Token(t, w.Members[0])},
		{"chairman", testkit.Token(t, w.Chairman)},
	}
}

// TestBackRelationFiltersAreRefused: filters that would read rows the
// caller may not see, through a back-relation (an oracle answering yes or
// no by the count), are refused with 400 filter_not_allowed before
// PocketBase compiles them.
func TestBackRelationFiltersAreRefused(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	h := testkit.Handler(t, w.App)
	secret := w.Initiative(t, w.StaffA2, "draft", map[string]any{"title": "Bí mật ABC của đơn vị A"})
	accepted := w.Initiative(t, w.StaffA, "accepted", map[string]any{"council": w.Council.Id})
	w.Sheet(t, accepted, w.Members[1], "draft", testkit.Points(20, 15, 20, 10), true)
	_ = secret
	cases := []struct {
		name, collection, filter string
		token                    string
	}{
		{"staff B guesses the title of unit A's draft", "rounds", "initiatives_via_round.title ~ 'Bí mật%'", testkit.Token(t, w.StaffB)},
		{"staff B guesses it with !~", "rounds", "initiatives_via_round.title !~ 'X%'", testkit.Token(t, w.StaffB)},
		{"a council member reads another member's hidden total", "initiatives", "scores_via_initiative.total <= 78", testkit.Token(t, w.Members[0])},
		{"a council member reads another member's hidden vote", "initiatives", "scores_via_initiative.approve = true", testkit.Token(t, w.Members[0])},
		{"staff read hidden e-mails through their unit", "units", "users_via_unit.email ~ 'staff'", testkit.Token(t, w.StaffB)},
		{"a sort through a back-relation", "initiatives", "", testkit.Token(t, w.Members[0])},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := url.Values{}
			field := "filter"
			if c.filter == "" {
				q.Set("sort", "-scores_via_initiative.total")
				field = "sort"
			} else {
				q.Set("filter", c.filter)
			}
			status, body := apitest.Send(t, h, http.MethodGet, "/api/collections/"+c.collection+"/records?"+q.Encode(), apitest.Token(c.token)).StatusObject(t)
			if status != http.StatusBadRequest || apitest.ErrCode(body, field) != "filter_not_allowed" {
				t.Fatalf("status %d, want 400 filter_not_allowed: %v", status, body)
			}
			msg, _ := body["message"].(string)
			if !strings.Contains(msg, "Không được lọc") {
				t.Errorf("message %q is not the Vietnamese one", msg)
			}
		})
	}
}

// TestFilterGuardResolvesTheCollection: the collection named by its id or
// in another case is guarded as by its name.
func TestFilterGuardResolvesTheCollection(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	h := testkit.Handler(t, w.App)
	rounds, err := w.App.FindCollectionByNameOrId("rounds")
	if err != nil {
		t.Fatal(err)
	}
	tok := testkit.Token(t, w.StaffB)
	q := "?filter=" + url.QueryEscape("initiatives_via_round.title ~ 'a'")
	for _, name := range []string{"rounds", "Rounds", "ROUNDS", rounds.Id} {
		status, body := apitest.Send(t, h, http.MethodGet, "/api/collections/"+name+"/records"+q, apitest.Token(tok)).StatusObject(t)
		if status != http.StatusBadRequest || apitest.ErrCode(body, "filter") != "filter_not_allowed" {
			t.Errorf("%s: status %d, want 400 filter_not_allowed: %v", name, status, body)
		}
		status, body = apitest.Send(t, h, http.MethodGet, "/api/collections/"+name+"/records/"+w.Round.Id+q, apitest.Token(tok)).StatusObject(t)
		if status != http.StatusBadRequest {
			t.Errorf("%s view: status %d, want 400: %v", name, status, body)
		}
	}
}

// TestFilterGuardKeepsWhatThePagesUse: the start page's list, the README's
// script examples and the allowed filters answer as before; a superuser
// (the dashboard) may filter on anything.
func TestFilterGuardKeepsWhatThePagesUse(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	h := testkit.Handler(t, w.App)
	mine := w.Initiative(t, w.StaffA, "submitted", nil)
	w.Initiative(t, w.StaffA, "draft", nil)
	staff := testkit.Token(t, w.StaffA)
	for _, c := range []struct {
		query string
		want  int // items
	}{
		{"sort=-created&expand=unit,field&perPage=500", 2},
		{"filter=(status='submitted')&sort=-created&skipTotal=1", 1},
		{"filter=" + url.QueryEscape("author_users:each ?= '"+w.StaffA.Id+"' && round.year > 2000"), 2},
		{"filter=" + url.QueryEscape("code = '' && title:lower ~ 'số hóa' && created <= @now"), 2},
		{"filter=" + url.QueryEscape("id = '"+mine.Id+"'") + "&sort=round.year,-submitted_at", 1},
	} {
		status, body := apitest.Send(t, h, http.MethodGet, "/api/collections/initiatives/records?"+c.query, apitest.Token(staff)).StatusObject(t)
		items, _ := body["items"].([]any)
		if status != http.StatusOK || len(items) != c.want {
			t.Errorf("%s: status %d, %d items, want 200 with %d: %v", c.query, status, len(items), c.want, body)
		}
	}
	su := testkit.Token(t, w.Superuser)
	q := "?filter=" + url.QueryEscape("initiatives_via_round.title ~ 'Số hóa%'")
	if status, body := apitest.Send(t, h, http.MethodGet, "/api/collections/rounds/records"+q, apitest.Token(su)).StatusObject(t); status != http.StatusOK {
		t.Errorf("superuser: status %d, want 200: %v", status, body)
	}
}

// fgPaths returns, for every collection a client can call, every path
// through a relation: rel.field for each relation field and each field of
// its target, and <other>_via_<field>.field for each back-relation, plus
// each JSON field's sub-key. A new collection or relation is walked
// without anyone listing it.
func fgPaths(t *testing.T, app core.App) map[string][]string {
	t.Helper()
	cols, err := app.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*core.Collection{}
	for _, c := range cols {
		byID[c.Id] = c
	}
	sample := func(c *core.Collection) []string {
		out := []string{"id"}
		for _, f := range c.Fields {
			if f.GetName() != "id" && !f.GetHidden() {
				out = append(out, f.GetName())
				if len(out) == 3 {
					break
				}
			}
		}
		return out
	}
	paths := map[string][]string{}
	for _, c := range cols {
		if c.System && c.Name != "users" {
			continue
		}
		for _, f := range c.Fields {
			switch f := f.(type) {
			case *core.RelationField:
				target := byID[f.CollectionId]
				for _, sub := range sample(target) {
					paths[c.Name] = append(paths[c.Name], f.Name+"."+sub)
				}
				// the back-relation, from the target's side
				if !target.System || target.Name == "users" {
					for _, sub := range sample(c) {
						paths[target.Name] = append(paths[target.Name], c.Name+"_via_"+f.Name+"."+sub)
					}
				}
				if f.MaxSelect > 1 {
					paths[c.Name] = append(paths[c.Name], f.Name+":each")
				}
			case *core.JSONField:
				paths[c.Name] = append(paths[c.Name], f.Name+".x", f.Name+":each")
			}
		}
		paths[c.Name] = append(paths[c.Name], "@collection."+c.Name+".id")
	}
	return paths
}

// TestFilterOracleOnEveryRelationPath walks the schema: every relation,
// back-relation and JSON path of every collection, in a filter and in a
// sort, from every kind of caller but the superuser, is refused with 400
// filter_not_allowed, except the paths the allowlist names (checked for
// safety by TestFilterAllowlistIsSafe).
func TestFilterOracleOnEveryRelationPath(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	h := testkit.Handler(t, w.App)
	callers := fgCallers(t, w)
	walked := 0
	for collection, paths := range fgPaths(t, w.App) {
		for _, path := range paths {
			if hooks.FilterAllowed(collection, path) {
				continue
			}
			for _, param := range []string{"filter", "sort"} {
				value := path + " != 'zz'"
				if param == "sort" {
					value = "-" + path
				}
				u := "/api/collections/" + collection + "/records?" + param + "=" + url.QueryEscape(value)
				for _, c := range callers {
					walked++
					status, body := apitest.Send(t, h, http.MethodGet, u, apitest.Token(c.token)).StatusObject(t)
					if status != http.StatusBadRequest || apitest.ErrCode(body, param) != "filter_not_allowed" {
						t.Errorf("%s, %s %s=%s: status %d, want 400 filter_not_allowed: %v",
							c.name, collection, param, value, status, body)
					}
				}
			}
		}
	}
	t.Logf("%d requests", walked)
	if walked < 400 {
		t.Errorf("only %d requests: is the schema walk still finding the relations?", walked)
	}
}

// TestFilterAllowlistIsSafe checks every entry of the allowlist against
// the schema: a field of its collection, never hidden; a multi-valued
// field only as any-of; a relation path only single-valued, into a
// collection that every signed-in account may list in full.
func TestFilterAllowlistIsSafe(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	authed := `@request.auth.id != "" && @request.auth.collectionName = "users"`
	for collection, names := range hooks.FilterAllowlist() {
		col, err := w.App.FindCollectionByNameOrId(collection)
		if err != nil {
			t.Errorf("allowlist names collection %q: %v", collection, err)
			continue
		}
		for name, anyOf := range names {
			first, rest, dotted := strings.Cut(name, ".")
			f := col.Fields.GetByName(first)
			if f == nil || f.GetHidden() || strings.Contains(name, "_via_") || strings.HasPrefix(name, "@") {
				t.Errorf("%s: %q is not a visible field", collection, name)
				continue
			}
			if multi := isMultiValued(f); multi != anyOf {
				t.Errorf("%s.%s: multi-valued %v, but any-of %v", collection, name, multi, anyOf)
			}
			if !dotted {
				continue
			}
			rel, ok := f.(*core.RelationField)
			if !ok || rel.MaxSelect > 1 || strings.Contains(rest, ".") {
				t.Errorf("%s.%s: only a single relation, one level deep, may be followed", collection, name)
				continue
			}
			target, err := w.App.FindCollectionByNameOrId(rel.CollectionId)
			if err != nil || target.ListRule == nil || (*target.ListRule != authed && *target.ListRule != "") {
				t.Errorf("%s.%s: its target is not listed in full by every signed-in account", collection, name)
				continue
			}
			if tf := target.Fields.GetByName(rest); tf == nil || tf.GetHidden() || isMultiValued(tf) {
				t.Errorf("%s.%s: %q is not a visible single-valued field of %s", collection, name, rest, target.Name)
			}
		}
	}
}

// isMultiValued reports whether f holds several values (or a JSON tree).
func isMultiValued(f core.Field) bool {
	switch f := f.(type) {
	case *core.RelationField:
		return f.MaxSelect > 1
	case *core.SelectField:
		return f.MaxSelect > 1
	case *core.FileField:
		return f.MaxSelect > 1
	case *core.JSONField:
		return true
	}
	return false
}

// TestRealtimeFilterIsGuarded: a realtime subscription's filter is an
// oracle too (whether an event arrives); it is refused the same way, a
// plain one is accepted.
func TestRealtimeFilterIsGuarded(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	tok := testkit.Token(t, w.Members[0])
	clientID, stop := realtimeConnect(t, srv.URL)
	defer stop()
	for _, c := range []struct {
		sub  string
		want int
	}{
		{`initiatives/*?options=` + url.QueryEscape(`{"query":{"filter":"scores_via_initiative.total <= 78"}}`), 400},
		{`Initiatives/*?options=` + url.QueryEscape(`{"query":{"filter":"status = 'accepted' || scores_via_initiative.approve = true"}}`), 400},
		{`initiatives/*?options=` + url.QueryEscape(`{"query":{"filter":"status = 'accepted'"}}`), 204},
		{`initiatives/*`, 204},
	} {
		body := fmt.Sprintf(`{"clientId":%q,"subscriptions":[%q]}`, clientID, c.sub)
		status, got := apitest.Send(t, srv, http.MethodPost, "/api/realtime", apitest.Token(tok), apitest.JSON(body)).StatusJSON()
		if status != c.want || (c.want == 400 && apitest.ErrCode(got, "filter") != "filter_not_allowed") {
			t.Errorf("%s: status %d, want %d: %v", c.sub, status, c.want, got)
		}
	}
}

// realtimeConnect opens PocketBase's realtime stream and returns the
// client id it announces, and a function that closes the stream.
func realtimeConnect(t *testing.T, base string) (string, func()) {
	t.Helper()
	res := apitest.Open(t, base, http.MethodGet, "/api/realtime")
	buf := make([]byte, 4096)
	got := ""
	for !strings.Contains(got, `"clientId":"`) || !strings.Contains(got[strings.Index(got, `"clientId":"`)+12:], `"`) {
		n, err := res.Body.Read(buf)
		if err != nil {
			t.Fatalf("realtime: %v after %q", err, got)
		}
		got += string(buf[:n])
	}
	rest := got[strings.Index(got, `"clientId":"`)+12:]
	return rest[:strings.Index(rest, `"`)], func() { res.Body.Close() }
}

// TestExpandIsNoOracle: expand (unlike filter) applies the related
// collection's view rule, back-relations included, so it shows a council
// member no sheet they may not see; it needs no guard.
func TestExpandIsNoOracle(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	h := testkit.Handler(t, w.App)
	ini := w.Initiative(t, w.StaffA, "accepted", map[string]any{"council": w.Council.Id})
	w.Sheet(t, ini, w.Members[1], "draft", testkit.Points(20, 15, 20, 10), true)
	w.Sheet(t, ini, w.Members[2], "submitted", testkit.Points(25, 15, 20, 10), true)
	for _, u := range []string{
		"/api/collections/initiatives/records/" + ini.Id + "?expand=scores_via_initiative",
		"/api/collections/initiatives/records?expand=scores_via_initiative,council.council_members_via_council",
	} {
		status, body := apitest.Send(t, h, http.MethodGet, u, apitest.As(w.Members[0])).StatusObject(t)
		if status != http.StatusOK {
			t.Fatalf("%s: status %d: %v", u, status, body)
		}
		raw, _ := json.Marshal(body)
		if strings.Contains(string(raw), `"total"`) || strings.Contains(string(raw), `"scores_via_initiative"`) {
			t.Errorf("%s: a sheet the member may not see was expanded: %s", u, raw)
		}
		if strings.HasSuffix(u, "council_members_via_council") && !strings.Contains(string(raw), `"council_members_via_council"`) {
			t.Errorf("%s: the visible seats were not expanded: %s", u, raw)
		}
	}
}
