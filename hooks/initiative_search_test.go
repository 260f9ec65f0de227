package hooks_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/hooks"
	"sangkien/internal/apitest"
	"sangkien/internal/similar/fixture"
	"sangkien/internal/testkit"
)

// textWorld is the known ward holding the Vietnamese fixture initiatives
// (internal/similar/fixture), each in the round of its year, plus a draft
// of staff A that only staff A may see; the fixture's 2026 is the ward's
// current round, earlier years are closed rounds.
type textWorld struct {
	w     *testkit.Ward
	byKey map[string]*core.Record
	draft *core.Record
}

// authorOf maps the fixture's authors to ward accounts.
func authorOf(w *testkit.Ward, key string) *core.Record {
	switch key {
	case "an":
		return w.StaffA
	case "cuong":
		return w.StaffB
	}
	return w.HeadB
}

// newTextWorld builds the textWorld on a fresh ward; the current year's
// initiatives past submission are assigned to the ward's council.
func newTextWorld(t testing.TB) *textWorld {
	t.Helper()
	w := testkit.NewWard(t)
	tw := &textWorld{w: w, byKey: map[string]*core.Record{}}
	current := w.Round.GetInt("year")
	rounds := map[int]*core.Record{current: w.Round}
	roundOf := func(year int) *core.Record {
		if r, ok := rounds[year]; ok {
			return r
		}
		day := time.Date(year, 9, 25, 0, 0, 0, 0, time.UTC)
		r := testkit.Save(t, w.App, "rounds", map[string]any{"year": year, "status": "closed",
			"submission_deadline": day, "decision_deadline": day.AddDate(0, 0, 5)})
		rounds[year] = r
		return r
	}
	n := 0
	for _, x := range fixture.Texts {
		year := current + x.Year - 2026
		owner := authorOf(w, x.Author)
		n++
		extra := map[string]any{
			"round": roundOf(year).Id, "code": fmt.Sprintf("SK-%d-%03d", year, n),
			"title": x.Title, "summary": x.Summary, "solution": x.Solution, "novelty": x.Novelty,
		}
		if year == current {
			extra["council"] = w.Council.Id
		}
		tw.byKey[x.Key] = w.Initiative(t, owner, x.Status, extra)
	}
	o := fixture.ByKey(fixture.Original)
	tw.draft = w.Initiative(t, w.StaffA, "draft", map[string]any{
		"title": "Bản nháp: " + o.Title, "summary": o.Summary, "solution": o.Solution, "novelty": o.Novelty,
	})
	return tw
}

// searchAnswer is the decoded answer of the search routes.
type searchAnswer struct {
	TotalItems int  `json:"totalItems"`
	More       bool `json:"more"`
	Items      []struct {
		ID      string `json:"id"`
		Code    string `json:"code"`
		Title   string `json:"title"`
		Unit    string `json:"unit"`
		Year    int    `json:"year"`
		Status  string `json:"status"`
		Snippet []struct {
			Text string `json:"text"`
			Mark bool   `json:"mark"`
		} `json:"snippet"`
	} `json:"items"`
}

// ids returns the hits' ids, sorted.
func (a searchAnswer) ids() []string {
	out := a.inOrder()
	sort.Strings(out)
	return out
}

// inOrder returns the hits' ids in the order of the answer.
func (a searchAnswer) inOrder() []string {
	out := []string{}
	for _, it := range a.Items {
		out = append(out, it.ID)
	}
	return out
}

// search runs GET /api/reform/search?q=… as caller.
func search(t testing.TB, srv *httptest.Server, caller *core.Record, q string, extra ...string) searchAnswer {
	t.Helper()
	var a searchAnswer
	path := "/api/reform/search?q=" + url.QueryEscape(q) + strings.Join(extra, "")
	if !strings.Contains(path, "perPage=") {
		path += "&perPage=50"
	}
	if st := apitest.Send(t, srv, http.MethodGet, path, apitest.As(caller)).DecodeOK(t, &a); st != http.StatusOK {
		t.Fatalf("GET %s = %d", path, st)
	}
	return a
}

func TestSearchFoldsVietnamese(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	srv := testkit.Serve(t, tw.w.App)
	sec := tw.w.Secretariat
	orig := tw.byKey[fixture.Original]
	for _, q := range []string{
		"ma QR mot cua",
		"MÃ QR MỘT CỬA",
		"ma\u0303 QR mo\u0323\u0302t cu\u031B\u0309a", // decomposed
		"tiep nhan va tra ket qua",
	} {
		a := search(t, srv, sec, q)
		if !slices.Contains(a.ids(), orig.Id) {
			t.Errorf("%q did not find the original: %v", q, a.ids())
		}
	}
	// "dia chinh" finds "địa chính" (đ read as d), in the earlier year too.
	a := search(t, srv, sec, "dia chinh")
	if want := []string{tw.byKey[fixture.Earlier].Id, tw.byKey[fixture.Resubmission].Id}; !sameSet(a.ids(), want) {
		t.Errorf("dia chinh found %v, want %v", a.ids(), want)
	}
	// the code, with or without dashes.
	code := orig.GetString("code")
	for _, q := range []string{code, strings.ReplaceAll(code, "-", ""), strings.ToLower(code)} {
		a := search(t, srv, sec, q)
		if len(a.Items) != 1 || a.Items[0].ID != orig.Id {
			t.Errorf("code %q found %v", q, a.ids())
		}
	}
	// the snippet is the original spelling with the matched words marked.
	a = search(t, srv, sec, "so theo doi giay")
	var marked []string
	for _, it := range a.Items {
		for _, s := range it.Snippet {
			if s.Mark && it.ID == orig.Id {
				marked = append(marked, s.Text)
			}
		}
	}
	if !strings.Contains(strings.Join(marked, " "), "sổ theo dõi giấy") {
		t.Errorf("the original's snippet marks %q, want sổ theo dõi giấy among them", marked)
	}
	// an author's name: their initiatives rank first.
	a = search(t, srv, sec, "le van cuong")
	if len(a.Items) < 2 {
		t.Fatalf("Lê Văn Cường has %d hits", len(a.Items))
	}
	for _, it := range a.Items[:2] {
		if r := mustFind(t, tw.w.App, "initiatives", it.ID); r.GetString("owner") != tw.w.StaffB.Id {
			t.Errorf("Lê Văn Cường found %q first", it.Title)
		}
	}
}

func TestSearchFilters(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	srv := testkit.Serve(t, tw.w.App)
	sec := tw.w.Secretariat
	year := tw.w.Round.GetInt("year")
	a := search(t, srv, sec, "ho so", "&year="+strconv.Itoa(year))
	for _, it := range a.Items {
		if it.Year != year {
			t.Errorf("year filter let %d through", it.Year)
		}
	}
	if len(a.Items) == 0 {
		t.Error("year filter left nothing")
	}
	a = search(t, srv, sec, "ho so", "&status=not_recognized")
	if len(a.Items) != 1 || a.Items[0].ID != tw.byKey[fixture.Earlier].Id {
		t.Errorf("status filter gave %v", a.ids())
	}
	a = search(t, srv, sec, "ho so", "&unit="+tw.w.UnitA.GetString("code"))
	for _, it := range a.Items {
		if it.Unit != tw.w.UnitA.GetString("name") {
			t.Errorf("unit filter let %q through", it.Unit)
		}
	}
	a = search(t, srv, sec, "ho so", "&perPage=2&page=2")
	if len(a.Items) != 2 || a.TotalItems <= 2 {
		t.Errorf("page 2 of 2 gave %d items of %d", len(a.Items), a.TotalItems)
	}
	if st := apitest.Send(t, srv, http.MethodGet, "/api/reform/search?q=x&status=bogus", apitest.As(sec)).Status; st != http.StatusBadRequest {
		t.Errorf("a bad status answered %d", st)
	}
	if st := apitest.Send(t, srv, http.MethodGet, "/api/reform/search?q=x&page=abc", apitest.As(sec)).Status; st != http.StatusBadRequest {
		t.Errorf("a bad page answered %d", st)
	}
}

// sameSet reports whether a and b hold the same strings.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	sort.Strings(a)
	sort.Strings(b)
	return slices.Equal(a, b)
}

// listIDs returns the ids of the initiatives caller's list gives (the
// records API, the rule's own answer).
func listIDs(t testing.TB, srv *httptest.Server, caller *core.Record) []string {
	t.Helper()
	var page struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if st := apitest.Send(t, srv, http.MethodGet, "/api/collections/initiatives/records?perPage=500&fields=id", apitest.As(caller)).DecodeOK(t, &page); st != http.StatusOK {
		t.Fatalf("list as %s = %d", caller.GetString("email"), st)
	}
	out := []string{}
	for _, it := range page.Items {
		out = append(out, it.ID)
	}
	return out
}

func TestSearchShowsOnlyWhatTheListShows(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	w := tw.w
	srv := testkit.Serve(t, w.App)
	queries := []string{"ho so", "ma qr", "dat dai", "thu tuc", "nguoi dan", "ban nhap"}
	all := map[string][]string{}
	for _, q := range queries {
		all[q] = search(t, srv, w.Superuser, q).ids()
		if len(all[q]) == 0 {
			t.Fatalf("%q finds nothing even for a superuser", q)
		}
	}
	roles := map[string]*core.Record{
		"staff A": w.StaffA, "staff A2": w.StaffA2, "staff B": w.StaffB, "head A": w.HeadA, "head B": w.HeadB,
		"secretariat": w.Secretariat, "chairman": w.Chairman, "council chair": w.Chair, "council member": w.Members[0],
	}
	for name, who := range roles {
		visible := listIDs(t, srv, who)
		for _, q := range queries {
			got := search(t, srv, who, q)
			want := []string{}
			for _, id := range all[q] {
				if slices.Contains(visible, id) {
					want = append(want, id)
				}
			}
			if !sameSet(got.ids(), want) || got.TotalItems != len(want) {
				t.Errorf("%s, %q: search gave %v (total %d), the list allows %v", name, q, got.ids(), got.TotalItems, want)
			}
		}
	}
	// the draft: its author finds it, nobody else.
	if a := search(t, srv, w.StaffA, "ban nhap"); !slices.Contains(a.ids(), tw.draft.Id) {
		t.Error("staff A does not find their own draft")
	}
	if a := search(t, srv, w.Secretariat, "ban nhap"); len(a.Items) != 0 || a.TotalItems != 0 {
		t.Errorf("the secretariat finds the draft: %v", a.ids())
	}
	// nobody signed in: 401.
	if st := apitest.Send(t, srv, http.MethodGet, "/api/reform/search?q=ho+so", apitest.As(nil)).Status; st != http.StatusUnauthorized {
		t.Errorf("search without sign-in answered %d", st)
	}
}

func TestPublicSearchShowsOnlyPublishedRows(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	srv := testkit.Serve(t, tw.w.App)
	var a searchAnswer
	if st := apitest.Send(t, srv, http.MethodGet, "/api/reform/public/search?q=ho+so", apitest.As(nil)).DecodeOK(t, &a); st != http.StatusOK {
		t.Fatalf("public search = %d", st)
	}
	want := map[string]bool{}
	for _, x := range fixture.Texts {
		if x.Status == "recognized" && x.Year < 2026 {
			want[tw.byKey[x.Key].GetString("code")] = true
		}
	}
	got := map[string]bool{}
	for _, it := range a.Items {
		got[it.Code] = true
		if it.ID != "" || it.Status != "recognized" {
			t.Errorf("public hit %q shows id %q status %q", it.Code, it.ID, it.Status)
		}
		if !want[it.Code] {
			t.Errorf("public search shows %q", it.Code)
		}
	}
	if len(got) == 0 {
		t.Fatal("public search found nothing")
	}
	// a word only in the solution of a recognised initiative is not searched.
	if st := apitest.Send(t, srv, http.MethodGet, "/api/reform/public/search?q=may+quet+toc+do+cao", apitest.As(nil)).DecodeOK(t, &a); st != http.StatusOK || len(a.Items) != 0 {
		t.Errorf("public search reads the solution: %d %v", st, a.ids())
	}
}

func TestSearchIndexFollowsSaves(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	w := tw.w
	srv := testkit.Serve(t, w.App)
	if a := search(t, srv, w.StaffA, "xe dap dien"); len(a.Items) != 0 {
		t.Fatal("found before the edit")
	}
	testkit.Update(t, w.App, tw.draft, map[string]any{"title": "Xe đạp điện cho tổ giao hồ sơ"})
	if a := search(t, srv, w.StaffA, "xe dap dien"); len(a.ids()) != 1 {
		t.Errorf("after the edit found %v", a.ids())
	}
	if a := search(t, srv, w.StaffA, "ban nhap"); len(a.Items) != 0 {
		t.Errorf("the old title is still found: %v", a.ids())
	}
	if err := w.App.Delete(tw.draft); err != nil {
		t.Fatal(err)
	}
	if a := search(t, srv, w.StaffA, "xe dap dien"); len(a.Items) != 0 {
		t.Errorf("a deleted initiative is found: %v", a.ids())
	}
	var rows int
	_ = w.App.DB().NewQuery("SELECT COUNT(*) FROM initiative_index WHERE initiative = {:id}").
		Bind(map[string]any{"id": tw.draft.Id}).Row(&rows)
	if rows != 0 {
		t.Errorf("the deleted initiative keeps %d index rows", rows)
	}
}

func TestBroadSearchShowsNewestFirstAndCapsTheCount(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	w := tw.w
	hooks.SetSearchLimits(w.App, 2, 3)
	srv := testkit.Serve(t, w.App)
	// "ho so" is in more than two initiatives: broad.
	a := search(t, srv, w.Secretariat, "ho so")
	if a.TotalItems != 3 || !a.More {
		t.Errorf("broad count: %d more=%v, want 3 and more", a.TotalItems, a.More)
	}
	// the newest first: the order the index received them.
	var docs []string
	_ = w.App.DB().NewQuery(`SELECT x.initiative FROM initiative_index x JOIN initiatives i ON i.id = x.initiative
		WHERE i.status != 'draft' AND x.doc IN (SELECT rowid FROM initiatives_fts WHERE initiatives_fts MATCH '"ho" "so"*')
		ORDER BY x.doc DESC`).Column(&docs)
	got := a.inOrder()
	if len(docs) < len(got) || !slices.Equal(got, docs[:len(got)]) {
		t.Errorf("broad order %v, want the newest first %v", got, docs)
	}
	// still only what the list allows: staff B sees their own.
	visible := listIDs(t, srv, w.StaffB)
	a = search(t, srv, w.StaffB, "ho so")
	for _, it := range a.Items {
		if !slices.Contains(visible, it.ID) {
			t.Errorf("staff B finds %s", it.ID)
		}
	}
	if len(a.Items) == 0 {
		t.Error("staff B finds none of their own")
	}
}

func TestBroadSearchReadsOnlyTheNewestMatches(t *testing.T) {
	t.Parallel()
	tw := newTextWorld(t)
	w := tw.w
	hooks.SetSearchLimits(w.App, 2, 1000)
	hooks.SetSearchWindow(w.App, 3)
	srv := testkit.Serve(t, w.App)
	// the matches of "ho so", newest first, and which of them staff B may list.
	var docs []string
	_ = w.App.DB().NewQuery(`SELECT x.initiative FROM initiative_index x
		WHERE x.doc IN (SELECT rowid FROM initiatives_fts WHERE initiatives_fts MATCH '"ho" "so"*')
		ORDER BY x.doc DESC`).Column(&docs)
	if len(docs) <= 3 {
		t.Fatalf("the fixture has %d matches of \"ho so\", want more than the window", len(docs))
	}
	for _, caller := range []*core.Record{w.Secretariat, w.StaffB} {
		visible := listIDs(t, srv, caller)
		var want []string
		for _, id := range docs[:3] {
			if slices.Contains(visible, id) {
				want = append(want, id)
			}
		}
		a := search(t, srv, caller, "ho so")
		got := a.inOrder()
		// the visible ones among the three newest, newest first, and "more":
		// older matches were not read.
		if !slices.Equal(got, want) || a.TotalItems != len(want) || !a.More {
			t.Errorf("%s: %v (total %d, more %v), want %v and more", caller.GetString("email"), got, a.TotalItems, a.More, want)
		}
	}
}
