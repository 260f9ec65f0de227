package hooks_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// progressOf asks srv the council's progress of w's round as who and
// returns it as "submitted/expected" per member name and "submitted/voters"
// per initiative code, with the totals.
func progressOf(t *testing.T, srv *httptest.Server, w *testkit.Ward, who *core.Record) (members, initiatives map[string]string, total string) {
	t.Helper()
	ans := apitest.Send(t, srv, http.MethodGet, fmt.Sprintf("/api/reform/rounds/%d/progress", w.Round.GetInt("year")), apitest.As(who)).Want(t, http.StatusOK)
	members, initiatives = map[string]string{}, map[string]string{}
	for _, x := range ans["members"].([]any) {
		m := x.(map[string]any)
		if m["seat"] == "" || m["user"] == "" || m["council"] != w.Council.Id {
			t.Errorf("member %v: want its seat, user and council", m)
		}
		members[m["name"].(string)] = fmt.Sprintf("%v/%v", m["submitted"], m["expected"])
	}
	for _, x := range ans["initiatives"].([]any) {
		i := x.(map[string]any)
		if i["id"] == "" || i["title"] == "" || i["council"] != w.Council.Id {
			t.Errorf("initiative %v: want its id, title and council", i)
		}
		initiatives[i["code"].(string)] = fmt.Sprintf("%v/%v", i["submitted"], i["voters"])
	}
	return members, initiatives, fmt.Sprintf("%v/%v", ans["submitted"], ans["expected"])
}

// TestProgressCountsEachSeatsAndInitiativesSubmittedSheets: a member is not
// expected to score an initiative they own or co-wrote, a draft sheet is
// not counted, an initiative given to the council then sent back is not to
// be scored; the totals are the seats' sums.
func TestProgressCountsEachSeatsAndInitiativesSubmittedSheets(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	owner, coAuthor := w.Members[1], w.Members[2]
	// owned, its authors others: the owner still does not score it.
	own := w.Initiative(t, owner, "accepted", map[string]any{"code": "SK-2026-002", "council": w.Council.Id,
		"author_users": []string{w.StaffA.Id}})
	w.Initiative(t, w.StaffB, "accepted", map[string]any{"code": "SK-2026-003", "council": w.Council.Id,
		"author_users": []string{w.StaffB.Id, coAuthor.Id}})
	w.Initiative(t, w.StaffB, "returned", map[string]any{"code": "SK-2026-004", "council": w.Council.Id})
	w.Sheet(t, w.Ini, w.Members[0], "submitted", testkit.Points(3, 3, 3, 3), true)
	w.Sheet(t, own, w.Members[0], "submitted", testkit.Points(3, 3, 3, 3), true)
	w.Sheet(t, w.Ini, w.Chair, "draft", testkit.Points(3, 3, 3, 3), true)
	members, initiatives, total := progressOf(t, testkit.Serve(t, w.App), w.Ward, w.Secretariat)
	want := map[string]string{
		w.Chair.GetString("name"): "0/3", w.Members[0].GetString("name"): "2/3",
		owner.GetString("name"): "0/2", coAuthor.GetString("name"): "0/2",
	}
	if fmt.Sprint(members) != fmt.Sprint(want) {
		t.Errorf("members %v, want %v (the chair's draft not counted, no author scores their own)", members, want)
	}
	if want := map[string]string{"SK-2026-001": "1/4", "SK-2026-002": "1/3", "SK-2026-003": "0/3"}; fmt.Sprint(initiatives) != fmt.Sprint(want) {
		t.Errorf("initiatives %v, want %v (the returned one not listed)", initiatives, want)
	}
	if total != "2/10" {
		t.Errorf("total %s, want 2/10", total)
	}
}

// TestProgressHidesFromASeatedSecretariatWhoHasScoredBeforeItsOwnSheet: the
// secretariat holding a voting seat, its own sheet on an initiative not in,
// is not told who has submitted on it (the scores rule's secret ballot);
// once its own is in, the others' count.
func TestProgressHidesFromASeatedSecretariatWhoHasScoredBeforeItsOwnSheet(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	sent := w.Members[0]
	w.Sheet(t, w.Ini, sent, "submitted", testkit.Points(3, 3, 3, 3), true)
	w.AddMember(t, w.Secretariat, "member")
	srv := testkit.Serve(t, w.App)
	members, initiatives, total := progressOf(t, srv, w.Ward, w.Secretariat)
	if members[sent.GetString("name")] != "0/1" || initiatives["SK-2026-001"] != "0/5" || total != "0/5" {
		t.Errorf("members %v, initiatives %v, total %s: a seated secretariat without its own sheet must not count the others'", members, initiatives, total)
	}
	w.Sheet(t, w.Ini, w.Secretariat, "submitted", testkit.Points(3, 3, 3, 3), true)
	members, initiatives, total = progressOf(t, srv, w.Ward, w.Secretariat)
	if members[sent.GetString("name")] != "1/1" || members[w.Secretariat.GetString("name")] != "1/1" || initiatives["SK-2026-001"] != "2/5" || total != "2/5" {
		t.Errorf("members %v, initiatives %v, total %s: its own sheet in, the others' count", members, initiatives, total)
	}
}

// TestProgressIsTheSecretariatsAlone: the council page's progress answers
// the secretariat; a chairman, a council member and staff get 403, nobody
// signed in 401, an unknown year 404.
func TestProgressIsTheSecretariatsAlone(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	srv := testkit.Serve(t, w.App)
	path := fmt.Sprintf("/api/reform/rounds/%d/progress", w.Round.GetInt("year"))
	for _, who := range []*core.Record{w.Chairman, w.Chair, w.StaffA} {
		apitest.Send(t, srv, http.MethodGet, path, apitest.As(who)).Want(t, http.StatusForbidden)
	}
	apitest.Send(t, srv, http.MethodGet, path).Want(t, http.StatusUnauthorized)
	apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/1999/progress", apitest.As(w.Secretariat)).Want(t, http.StatusNotFound)
}
