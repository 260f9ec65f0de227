package hooks_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sangkien/internal/apitest"
	"testing"

	"github.com/pocketbase/dbx"

	"sangkien/internal/searchindex"
	"sangkien/internal/testkit"
)

// overviewOf asks srv the overview of w's round as who and returns its answer.
func overviewOf(t *testing.T, srv *httptest.Server, w *testkit.Ward, who string) map[string]any {
	t.Helper()
	status, body := apitest.Send(t, srv, http.MethodGet, fmt.Sprintf("/api/reform/rounds/%d/overview", w.Round.GetInt("year")), apitest.Token(who)).StatusJSON()
	if status != http.StatusOK {
		t.Fatalf("overview: %d %v", status, body)
	}
	return body
}

func TestOverviewCountsTheRoundButDraftsAndListsWhatWaitsWithItsDuplicate(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	w.Initiative(t, w.StaffA, "draft", nil)
	w.Initiative(t, w.StaffA, "submitted", map[string]any{"code": "SK-1", "late": true})
	e2 := w.Initiative(t, w.StaffA, "endorsed", map[string]any{"code": "SK-3", "endorsed_at": "2026-09-02 08:00:00.000Z"})
	e1 := w.Initiative(t, w.StaffA2, "endorsed", map[string]any{"code": "SK-2"})
	b := w.Initiative(t, w.StaffB, "accepted", map[string]any{"code": "SK-4", "field": w.Fields["a"].Id})
	// the stored matches are this one only (what is queued compared first).
	if _, err := searchindex.Drain(w.App); err != nil {
		t.Fatal(err)
	}
	if _, err := w.App.DB().NewQuery("DELETE FROM initiative_similar").Execute(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.App.DB().Insert("initiative_similar", dbx.Params{"initiative": e2.Id, "other": b.Id, "similarity": 85}).Execute(); err != nil {
		t.Fatal(err)
	}
	ov := overviewOf(t, testkit.Serve(t, w.App), w, testkit.Token(t, w.Secretariat))
	if ov["total"] != 4.0 || ov["late"] != 1.0 {
		t.Errorf("total %v late %v, want 4 and 1 (the draft is not counted)", ov["total"], ov["late"])
	}
	if st := ov["by_status"].(map[string]any); st["endorsed"] != 2.0 || st["submitted"] != 1.0 || st["accepted"] != 1.0 || st["draft"] != nil {
		t.Errorf("by status %v", st)
	}
	units := ov["by_unit"].([]any)
	if len(units) != 2 || units[0].(map[string]any)["name"] != w.UnitA.GetString("name") || units[0].(map[string]any)["count"] != 3.0 {
		t.Errorf("by unit %v, want unit A's 3 first", units)
	}
	fields := ov["by_field"].([]any)
	if len(fields) != 2 || fields[1].(map[string]any)["name"] != "a) "+w.Fields["a"].GetString("name") {
		t.Errorf("by field %v, want field c (3) then \"a) …\" (1)", fields)
	}
	waiting := ov["waiting"].([]any)
	if len(waiting) != 2 {
		t.Fatalf("waiting %v, want the two endorsed", waiting)
	}
	first, second := waiting[0].(map[string]any), waiting[1].(map[string]any)
	if first["id"] != e1.Id || second["id"] != e2.Id {
		t.Errorf("waiting %v %v, want by code SK-2, SK-3", first["code"], second["code"])
	}
	if first["duplicate"] != nil || first["endorsed_at"] != e1.GetDateTime("submitted_at").String() {
		t.Errorf("SK-2: duplicate %v, date %v (no endorsement date: its submission)", first["duplicate"], first["endorsed_at"])
	}
	if d, _ := second["duplicate"].(map[string]any); d == nil || d["code"] != "SK-4" || d["similarity"] != 85.0 || d["level"] != "duplicate" {
		t.Errorf("SK-3's duplicate %v, want SK-4 at 85%% (likely duplicate)", second["duplicate"])
	}
	if second["endorsed_at"] != "2026-09-02 08:00:00.000Z" || second["unit"] != w.UnitA.GetString("name") {
		t.Errorf("SK-3: %v", second)
	}
}

func TestOverviewMissingSheetsCountsOnlySheetsTheCallerMaySee(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	sent := w.Members[0]
	w.Sheet(t, w.Ini, sent, "submitted", nil, true)
	srv := testkit.Serve(t, w.App)
	short := func(ov map[string]any) map[string]string {
		out := map[string]string{}
		for _, m := range ov["missing"].([]any) {
			m := m.(map[string]any)
			out[m["name"].(string)] = fmt.Sprintf("%v/%v", m["submitted"], m["expected"])
		}
		return out
	}
	got := short(overviewOf(t, srv, w.Ward, testkit.Token(t, w.Secretariat)))
	if _, listed := got[sent.GetString("name")]; listed || got[w.Chair.GetString("name")] != "0/1" {
		t.Errorf("missing %v: the member whose sheet is in is not short, the chair is (0/1)", got)
	}
	// the secretariat seated with a vote and no sheet of its own in: the
	// scores rule hides the others' sheets on the initiative, so does the page.
	w.AddMember(t, w.Secretariat, "member")
	got = short(overviewOf(t, srv, w.Ward, testkit.Token(t, w.Secretariat)))
	if got[sent.GetString("name")] != "0/1" {
		t.Errorf("missing %v: a seated secretariat without its own sheet must not count the others'", got)
	}
}

func TestOverviewMissingSheetsOwesOnlyAcceptedInitiativesAsTheReminders(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	// given to the council, then sent back: no longer to be scored.
	w.Initiative(t, w.StaffB, "returned", map[string]any{"code": "SK-2026-009", "council": w.Council.Id})
	srv := testkit.Serve(t, w.App)
	owed := map[string]string{}
	for _, m := range overviewOf(t, srv, w.Ward, testkit.Token(t, w.Secretariat))["missing"].([]any) {
		m := m.(map[string]any)
		owed[m["name"].(string)] = fmt.Sprintf("%v/%v", m["submitted"], m["expected"])
	}
	if owed[w.Chair.GetString("name")] != "0/1" {
		t.Errorf("overview missing %v: the chair owes the accepted initiative only (0/1)", owed)
	}
}
