package hooks_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestCouncilConflictsShownAtOnce: the council page's list of barred
// members shows a member who co-authors an initiative of the council the
// moment the seat is given (not when they try to score), with the effect
// on the vote: four voters need 3 approvals, three need 2.
func TestCouncilConflictsShownAtOnce(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	srv := testkit.Serve(t, w.App)
	sec := apitest.As(w.Secretariat)
	path := "/api/reform/councils/" + w.Council.Id + "/conflicts"
	if items := apitest.Send(t, srv, http.MethodGet, path, sec).Want(t, http.StatusOK)["items"].([]any); len(items) != 0 {
		t.Fatalf("conflicts before any: %v", items)
	}
	// a co-author linked while they had no seat, then given one.
	testkit.Update(t, w.App, w.StaffA2, map[string]any{"roles": []string{"staff", "council"}})
	testkit.Update(t, w.App, w.Ini, map[string]any{"author_users": []string{w.StaffA.Id, w.StaffA2.Id}})
	apitest.Send(t, srv, http.MethodPost, "/api/collections/council_members/records", sec, apitest.JSON(
		map[string]any{"council": w.Council.Id, "user": w.StaffA2.Id, "position": "expert", "votes": true})).Want(t, http.StatusOK)

	items := apitest.Send(t, srv, http.MethodGet, path, sec).Want(t, http.StatusOK)["items"].([]any)
	if len(items) != 1 {
		t.Fatalf("conflicts %v", items)
	}
	c := items[0].(map[string]any)
	if c["member"] != w.StaffA2.Id || c["initiative"] != w.Ini.Id || c["position"] != "expert" ||
		c["voters_before"] != 5.0 || c["voters_after"] != 4.0 || c["needed_before"] != 4.0 || c["needed_after"] != 3.0 {
		t.Errorf("conflict %v", c)
	}
	// the other way round: a seated member linked as co-author of another
	// initiative of the council shows at once too.
	ini2 := w.Initiative(t, w.StaffB, "accepted", map[string]any{"code": "SK-2026-002", "council": w.Council.Id,
		"author_users": []string{w.StaffB.Id, w.Members[0].Id}})
	items = apitest.Send(t, srv, http.MethodGet, path, sec).Want(t, http.StatusOK)["items"].([]any)
	found := false
	for _, it := range items {
		m := it.(map[string]any)
		found = found || m["member"] == w.Members[0].Id && m["initiative"] == ini2.Id
	}
	if !found {
		t.Errorf("the seated co-author is not shown: %v", items)
	}
	// who may read it.
	for _, who := range []struct {
		name   string
		status int
		token  string
	}{{"chairman", 200, testkit.Token(t, w.Chairman)}, {"staff", 403, testkit.Token(t, w.StaffB)},
		{"council member", 403, testkit.Token(t, w.Members[1])}, {"unit head", 403, testkit.Token(t, w.HeadA)}, {"anonymous", 401, ""}} {
		if status := apitest.Send(t, srv, http.MethodGet, path, (apitest.Token(who.token))).Status; status != who.status {
			t.Errorf("%s: status %d, want %d", who.name, status, who.status)
		}
	}
}

// TestCoAuthorRefusesTheLink: a person linked as co-author sees the
// initiative and may remove the link to their account; their name stays,
// they are no longer barred; the owner cannot, a stranger gets 404.
func TestCoAuthorRefusesTheLink(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	ini2 := w.Initiative(t, w.StaffB, "accepted", map[string]any{"code": "SK-2026-002", "council": w.Council.Id,
		"author_users": []string{w.StaffB.Id, w.Members[0].Id},
		"authors": []map[string]any{{"name": w.StaffB.GetString("name"), "share": 70, "user": w.StaffB.Id},
			{"name": w.Members[0].GetString("name"), "share": 30, "user": w.Members[0].Id}}})
	srv := testkit.Serve(t, w.App)
	path := "/api/reform/initiatives/" + ini2.Id + "/unlink-me"
	member := apitest.As(w.Members[0])
	apitest.Send(t, srv, http.MethodGet, "/api/collections/initiatives/records/"+ini2.Id, member).Want(t, http.StatusOK)
	apitest.Send(t, srv, http.MethodPost, path, apitest.As(w.StaffB)).WantError(t, http.StatusBadRequest, "id", "owner_link")
	apitest.Send(t, srv, http.MethodPost, path, apitest.As(w.StaffA)).WantError(t, http.StatusNotFound, "id", "not_found")
	apitest.Send(t, srv, http.MethodPost, path, member).Want(t, http.StatusOK)
	got := reload(t, w.App, ini2)
	if slices.Contains(got.GetStringSlice("author_users"), w.Members[0].Id) || !slices.Contains(got.GetStringSlice("author_users"), w.StaffB.Id) {
		t.Errorf("author_users %v", got.GetStringSlice("author_users"))
	}
	authors := got.GetString("authors")
	if !strings.Contains(authors, w.Members[0].GetString("name")) || strings.Contains(authors, w.Members[0].Id) {
		t.Errorf("authors %s", authors)
	}
	if acts := auditActions(t, w.App, ini2.Id); len(acts) == 0 || acts[len(acts)-1] != "unlink" {
		t.Errorf("audit %v", acts)
	}
	items := apitest.Send(t, srv, http.MethodGet, "/api/reform/councils/"+w.Council.Id+"/conflicts", apitest.As(w.Secretariat)).Want(t, http.StatusOK)["items"].([]any)
	if len(items) != 0 {
		t.Errorf("still barred: %v", items)
	}
	apitest.Send(t, srv, http.MethodPost, path, member).WantError(t, http.StatusNotFound, "id", "not_found")
}

// TestExpertAndUnionSeats: the secretariat seats an expert and a trade
// union representative through the API; both vote (the denominator
// counts them), the establishment decision and the minutes name their
// seats, and the scores table heads their columns with them.
func TestExpertAndUnionSeats(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	srv := testkit.Serve(t, w.App)
	sec := apitest.As(w.Secretariat)
	for user, seat := range map[*core.Record]string{w.StaffA2: "expert", w.StaffB: "union_rep"} {
		testkit.Update(t, w.App, user, map[string]any{"roles": []string{"staff", "council"}})
		apitest.Send(t, srv, http.MethodPost, "/api/collections/council_members/records", sec, apitest.JSON(
			map[string]any{"council": w.Council.Id, "user": user.Id, "position": seat, "votes": true})).Want(t, http.StatusOK)

	}
	year := w.roundYear()
	res := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/results", sec).Want(t, http.StatusOK)
	if it := res["items"].([]any)[0].(map[string]any); it["voters"] != 6.0 {
		t.Errorf("voters %v, want the four seats, the expert and the union representative", it["voters"])
	}
	for _, path := range []string{"/api/reform/councils/" + w.Council.Id + "/establishment.docx", "/api/reform/rounds/" + year + "/documents/minutes.docx"} {
		status, raw := apitest.Send(t, srv, http.MethodGet, path, apitest.As(w.Secretariat)).StatusBody()
		doc := docxText(t, raw)
		for _, want := range []string{w.StaffA2.GetString("name"), "Ủy viên chuyên gia", w.StaffB.GetString("name"), "Ủy viên đại diện Công đoàn"} {
			if status != http.StatusOK || !strings.Contains(doc, want) {
				t.Errorf("%s (%d) lacks %q", path, status, want)
			}
		}
	}
	raw := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/export.xlsx?report=scores", apitest.As(w.Secretariat)).Body
	cells := strings.Join(xlsxCells(t, raw), "|")
	for _, want := range []string{"(Chuyên gia)", "(Đại diện CĐ)"} {
		if !strings.Contains(cells, want) {
			t.Errorf("the members' table lacks %q", want)
		}
	}
}
