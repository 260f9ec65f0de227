package hooks_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"sangkien/internal/readers"
	"sangkien/internal/testkit"
)

// The reader list (and the voters and scored lists) are the server's: no
// client reads them (list, view, expand from a sheet, the audit entry of a
// save), filters or sorts on them, on the initiative or through a sheet's
// or audit entry's initiative (400 filter_not_allowed, so no count answers
// "is this id a reader"), or sets the reader list on create or update (PocketBase drops it from the body; the hooks
// write it).
func TestReaderListIsTheServersAlone(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	h := testkit.Handler(t, w.App)
	accepted := w.Initiative(t, w.StaffA, "accepted", map[string]any{"council": w.Council.Id})
	hidden := []string{readers.Field, readers.Voters, readers.Scored}
	w.Sheet(t, accepted, w.Members[0], "submitted", testkit.Points(20, 15, 20, 10), true)
	draft := w.Initiative(t, w.StaffA, "draft", nil)
	if stored := mustFind(t, w.App, "initiatives", accepted.Id).GetString(readers.Field); !strings.Contains(stored, w.Secretariat.Id) {
		t.Fatalf("the accepted initiative's reader list %q lacks the secretariat", stored)
	}

	secretariat, member, staff := testkit.Token(t, w.Secretariat), testkit.Token(t, w.Members[0]), testkit.Token(t, w.StaffA)
	for _, c := range []struct{ name, path, token string }{
		{"the secretariat's list", "/api/collections/initiatives/records", secretariat},
		{"the owner's view", "/api/collections/initiatives/records/" + draft.Id, staff},
		{"a member's sheets with their initiative", "/api/collections/scores/records?expand=initiative", member},
		{"the audit log", "/api/collections/audit_log/records?perPage=500", secretariat},
	} {
		status, body := mxDo(h, http.MethodGet, c.path, "", map[string]string{"Authorization": c.token})
		for _, f := range hidden {
			if status != http.StatusOK || strings.Contains(string(body), `"`+f+`"`) || strings.Contains(string(body), w.Secretariat.Id+" ") {
				t.Errorf("%s: status %d, the list %s shows: %s", c.name, status, f, body)
			}
		}
	}

	for _, c := range []struct {
		collection string
		q          url.Values
	}{
		{"initiatives", url.Values{"filter": {`readers ~ "` + w.Members[0].Id + `"`}}},
		{"initiatives", url.Values{"sort": {"readers"}}},
		{"initiatives", url.Values{"filter": {`voters ~ "` + w.Members[0].Id + `"`}}},
		{"initiatives", url.Values{"sort": {"-scored"}}},
		{"scores", url.Values{"filter": {`initiative.readers ~ "` + w.Secretariat.Id + `"`}}},
		{"audit_log", url.Values{"filter": {`initiative.scored ~ "` + w.Members[0].Id + `"`}}},
	} {
		field := "filter"
		if c.q.Has("sort") {
			field = "sort"
		}
		status, body := fgGet(t, h, "/api/collections/"+c.collection+"/records?"+c.q.Encode(), secretariat)
		if status != http.StatusBadRequest || refusedCode(body, field) != "filter_not_allowed" {
			t.Errorf("%s %v: status %d, want 400 filter_not_allowed: %v", c.collection, c.q, status, body)
		}
	}

	// staff B puts themself on a draft of theirs, and on a new one
	staffB := testkit.Token(t, w.StaffB)
	own := w.Initiative(t, w.StaffB, "draft", nil)
	headers := map[string]string{"Authorization": staffB, "Content-Type": "application/json"}
	mxDo(h, http.MethodPatch, "/api/collections/initiatives/records/"+own.Id, `{"title":"Đổi tên","readers":"`+w.StaffA.Id+`"}`, headers)
	_, body := mxDo(h, http.MethodPost, "/api/collections/initiatives/records",
		`{"round":"`+w.Round.Id+`","field":"`+w.Fields["a"].Id+`","title":"Sáng kiến","readers":"`+w.StaffA.Id+`"}`, headers)
	var created struct{ ID string }
	if err := json.Unmarshal(body, &created); err != nil || created.ID == "" {
		t.Fatalf("staff B's create: %v %s", err, body)
	}
	for _, id := range []string{own.Id, created.ID} {
		if got := mustFind(t, w.App, "initiatives", id).GetString(readers.Field); got != w.StaffB.Id {
			t.Errorf("staff B's draft %s: reader list %q, want staff B alone", id, got)
		}
	}
	status, _ := fgGet(t, h, "/api/collections/initiatives/records/"+own.Id, staff)
	if status != http.StatusNotFound {
		t.Errorf("staff A reads staff B's draft: status %d, want 404", status)
	}
}

// The staff page's list, `owner = me || author_users ~ me`, is the same
// as with `author_users:each ?= me`: a staff member's own initiatives and
// those naming them as an author, not another's that names someone else.
func TestStaffListByContainsIsOwnAndCoAuthored(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	h := testkit.Handler(t, w.App)
	own := w.Initiative(t, w.StaffA, "draft", nil)
	coAuthored := w.Initiative(t, w.StaffA2, "submitted", map[string]any{"author_users": []string{w.StaffA2.Id, w.StaffA.Id}})
	w.Initiative(t, w.StaffA2, "submitted", map[string]any{"author_users": []string{w.StaffA2.Id}})
	token := testkit.Token(t, w.StaffA)
	ids := func(filter string) []string {
		t.Helper()
		status, body := fgGet(t, h, "/api/collections/initiatives/records?sort=-created&filter="+url.QueryEscape(filter), token)
		if status != http.StatusOK {
			t.Fatalf("%s: status %d: %v", filter, status, body)
		}
		var out []string
		items, _ := body["items"].([]any)
		for _, it := range items {
			out = append(out, it.(map[string]any)["id"].(string))
		}
		slices.Sort(out)
		return out
	}
	byEach := ids(`owner = "` + w.StaffA.Id + `" || author_users:each ?= "` + w.StaffA.Id + `"`)
	byContains := ids(`owner = "` + w.StaffA.Id + `" || author_users ~ "` + w.StaffA.Id + `"`)
	want := []string{own.Id, coAuthored.Id}
	slices.Sort(want)
	if !slices.Equal(byContains, want) || !slices.Equal(byEach, want) {
		t.Errorf("staff A's list: by ~ %v, by :each %v, want %v", byContains, byEach, want)
	}
}
