package hooks_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/similar/fixture"
	"sangkien/internal/testkit"
)

// similarAnswer is the decoded answer of the similar route.
type similarAnswer struct {
	Items []struct {
		Initiative struct {
			ID, Code, Title, Unit, Status string
			Year                          int
		} `json:"initiative"`
		Similarity   int         `json:"similarity"`
		Level        string      `json:"level"`
		Resubmission bool        `json:"resubmission"`
		Readable     bool        `json:"readable"`
		Passages     [][2]string `json:"passages"`
	} `json:"items"`
}

// similarOf runs GET …/similar of ini as caller; the status and answer.
func similarOf(t testing.TB, srv *httptest.Server, caller, ini *core.Record) (int, similarAnswer) {
	t.Helper()
	var a similarAnswer
	st := apitest.Send(t, srv, http.MethodGet, "/api/reform/initiatives/"+ini.Id+"/similar", apitest.As(caller)).DecodeOK(t, &a)
	return st, a
}

func TestSimilarRanksRewordedAndCopiedFirst(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	srv := testkit.Serve(t, tw.w.App)
	orig := tw.byKey[fixture.Original]
	for _, key := range []string{fixture.Reworded, fixture.Copied} {
		st, a := similarOf(t, srv, tw.w.Secretariat, tw.byKey[key])
		if st != http.StatusOK || len(a.Items) == 0 {
			t.Fatalf("%s: status %d, %d items", key, st, len(a.Items))
		}
		top := a.Items[0]
		if top.Initiative.ID != orig.Id || top.Similarity < 70 || top.Level != "duplicate" || top.Resubmission {
			t.Errorf("%s: first item %+v, want the original at ≥ 70%% as a duplicate", key, top)
		}
		if len(top.Passages) == 0 || top.Passages[0][0] == "" || top.Passages[0][1] == "" {
			t.Errorf("%s: no passages: %q", key, top.Passages)
		}
		for _, it := range a.Items {
			if strings.HasPrefix(it.Initiative.Title, "Chứng thực") || strings.HasPrefix(it.Initiative.Title, "Đặt lịch") ||
				strings.HasPrefix(it.Initiative.Title, "Tổ công tác") || strings.HasPrefix(it.Initiative.Title, "Rà soát") {
				if it.Similarity >= 20 {
					t.Errorf("%s: unrelated %q at %d%%", key, it.Initiative.Title, it.Similarity)
				}
			}
		}
	}
	// the earlier original also shows the later copies (kept when they were stored).
	_, a := similarOf(t, srv, tw.w.Secretariat, orig)
	var got []string
	for _, it := range a.Items {
		got = append(got, it.Initiative.ID)
	}
	if !slices.Contains(got, tw.byKey[fixture.Reworded].Id) || !slices.Contains(got, tw.byKey[fixture.Copied].Id) {
		t.Errorf("the original's list %v lacks its copies", got)
	}
	// the draft copy of the original is never a match: drafts are not compared.
	if slices.Contains(got, tw.draft.Id) {
		t.Error("a draft is listed as similar")
	}
}

func TestSimilarShowsAResubmissionAsSuch(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	srv := testkit.Serve(t, tw.w.App)
	st, a := similarOf(t, srv, tw.w.Secretariat, tw.byKey[fixture.Resubmission])
	if st != http.StatusOK || len(a.Items) == 0 {
		t.Fatalf("status %d, %d items", st, len(a.Items))
	}
	top := a.Items[0]
	if top.Initiative.ID != tw.byKey[fixture.Earlier].Id || !top.Resubmission || top.Similarity < 70 {
		t.Errorf("first item %+v, want the author's earlier initiative as a resubmission", top)
	}
	// the copy of another author's initiative is not a resubmission.
	_, a = similarOf(t, srv, tw.w.Secretariat, tw.byKey[fixture.Reworded])
	for _, it := range a.Items {
		if it.Resubmission {
			t.Errorf("%s is labelled a resubmission", it.Initiative.Code)
		}
	}
}

func TestSimilarVisibility(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	w := tw.w
	srv := testkit.Serve(t, w.App)
	orig, reworded := tw.byKey[fixture.Original], tw.byKey[fixture.Reworded]
	cases := []struct {
		who    string
		caller *core.Record
		ini    *core.Record
		status int
	}{
		{"nobody", nil, reworded, http.StatusUnauthorized},
		{"secretariat", w.Secretariat, reworded, http.StatusOK},
		{"chairman", w.Chairman, reworded, http.StatusOK},
		{"superuser", w.Superuser, reworded, http.StatusOK},
		{"council member scoring it", w.Members[0], reworded, http.StatusOK},
		{"council member, not assigned", w.Members[0], orig, http.StatusNotFound},
		{"author", w.StaffB, reworded, http.StatusOK},
		{"author of the original", w.StaffA, orig, http.StatusOK},
		{"staff of another unit", w.StaffB, orig, http.StatusNotFound},
		{"unit head of the unit", w.HeadA, orig, http.StatusForbidden},
		{"co-worker of the unit", w.StaffA2, orig, http.StatusNotFound},
	}
	for _, c := range cases {
		st, a := similarOf(t, srv, c.caller, c.ini)
		if st != c.status {
			t.Errorf("%s: status %d, want %d", c.who, st, c.status)
			continue
		}
		if st != http.StatusOK || c.caller == nil {
			continue
		}
		visible := listIDs(t, srv, c.caller)
		all := c.caller == w.Secretariat || c.caller == w.Chairman || c.caller == w.Members[0]
		for _, it := range a.Items {
			if it.Readable != slices.Contains(visible, mustFindCode(t, w, it.Initiative.Code)) {
				t.Errorf("%s: %s readable=%v, but the list says otherwise", c.who, it.Initiative.Code, it.Readable)
			}
			if !all && !it.Readable {
				t.Errorf("%s sees %s, which their list does not", c.who, it.Initiative.Code)
			}
			if !it.Readable {
				if it.Initiative.ID != "" {
					t.Errorf("%s: an unreadable row names its id", c.who)
				}
				for _, p := range it.Passages {
					if p[1] != "" {
						t.Errorf("%s reads the text of %s: %q", c.who, it.Initiative.Code, p[1])
					}
				}
			}
		}
	}
	// the council member scoring the reworded one sees the original, without its text.
	_, a := similarOf(t, srv, w.Members[0], reworded)
	if len(a.Items) == 0 || a.Items[0].Initiative.Code != orig.GetString("code") || a.Items[0].Readable {
		t.Errorf("council member: %+v", a.Items)
	}
	// the author of the reworded one does not see the original (another unit's).
	_, a = similarOf(t, srv, w.StaffB, reworded)
	for _, it := range a.Items {
		if it.Initiative.Code == orig.GetString("code") {
			t.Error("the author of a copy sees the original through the similar list")
		}
	}
	// recomputing is the secretariat's.
	for who, c := range map[string]*core.Record{"chairman": w.Chairman, "author": w.StaffB, "member": w.Members[0]} {
		if st := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+reworded.Id+"/similar", apitest.As(c), apitest.JSON("")).Status; st != http.StatusForbidden {
			t.Errorf("%s recomputing: %d, want 403", who, st)
		}
	}
	if st := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+reworded.Id+"/similar", apitest.As(w.Secretariat), apitest.JSON("")).Status; st != http.StatusOK {
		t.Errorf("secretariat recomputing: %d", st)
	}
}

// mustFindCode returns the id of the initiative with code.
func mustFindCode(t testing.TB, w *testkit.Ward, code string) string {
	t.Helper()
	r, err := w.App.FindFirstRecordByData("initiatives", "code", code)
	if err != nil {
		t.Fatal(err)
	}
	return r.Id
}

func TestSubmittingStoresTheSimilarList(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	w := tw.w
	srv := testkit.Serve(t, w.App)
	var before int
	_ = w.App.DB().NewQuery("SELECT COUNT(*) FROM initiative_similar WHERE initiative = {:id}").
		Bind(map[string]any{"id": tw.draft.Id}).Row(&before)
	if before != 0 {
		t.Fatalf("a draft has %d stored matches", before)
	}
	st, body := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+tw.draft.Id+"/submit", apitest.As(w.StaffA), apitest.JSON("")).StatusJSON()
	if st != http.StatusOK {
		t.Fatalf("submit: %d %v", st, body)
	}
	drain(t, w) // the list is kept after the submission's commit
	var rows []struct {
		Other      string `db:"other"`
		Similarity int    `db:"similarity"`
	}
	_ = w.App.DB().NewQuery("SELECT other, similarity FROM initiative_similar WHERE initiative = {:id} ORDER BY similarity DESC").
		Bind(map[string]any{"id": tw.draft.Id}).All(&rows)
	if len(rows) == 0 || rows[0].Similarity < 70 {
		t.Fatalf("stored after submission: %+v", rows)
	}
	// the author's own earlier initiative (the original) is recognised: a duplicate, not a resubmission.
	_, a := similarOf(t, srv, w.Secretariat, tw.draft)
	if len(a.Items) == 0 || a.Items[0].Resubmission || a.Items[0].Level != "duplicate" {
		t.Errorf("after submission: %+v", a.Items)
	}
}

func TestResultsShowTheDuplicateColumn(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	w := tw.w
	for _, key := range []string{fixture.Reworded, fixture.Resubmission, "other-lich-hen"} {
		testkit.Update(t, w.App, tw.byKey[key], map[string]any{"status": "accepted"})
	}
	srv := testkit.Serve(t, w.App)
	var res struct {
		Items []struct {
			ID        string `json:"id"`
			Duplicate *struct {
				Code         string `json:"code"`
				Similarity   int    `json:"similarity"`
				Level        string `json:"level"`
				Resubmission bool   `json:"resubmission"`
			} `json:"duplicate"`
		} `json:"items"`
	}
	path := "/api/reform/rounds/" + strconv.Itoa(w.Round.GetInt("year")) + "/results"
	if st := apitest.Send(t, srv, http.MethodGet, path, apitest.As(w.Secretariat)).DecodeOK(t, &res); st != http.StatusOK {
		t.Fatalf("results: %d", st)
	}
	got := map[string]string{}
	for _, it := range res.Items {
		if it.Duplicate == nil {
			got[it.ID] = ""
			continue
		}
		got[it.ID] = fmt.Sprintf("%s %s resubmission=%v", it.Duplicate.Code, it.Duplicate.Level, it.Duplicate.Resubmission)
		if it.Duplicate.Similarity < 40 {
			t.Errorf("%s: a duplicate under 40%%: %d", it.ID, it.Duplicate.Similarity)
		}
	}
	want := map[string]string{
		tw.byKey[fixture.Reworded].Id:     tw.byKey[fixture.Original].GetString("code") + " duplicate resubmission=false",
		tw.byKey[fixture.Resubmission].Id: tw.byKey[fixture.Earlier].GetString("code") + " duplicate resubmission=true",
		tw.byKey["other-lich-hen"].Id:     "",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: %q, want %q", id, got[id], w)
		}
	}
}
