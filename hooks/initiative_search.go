package hooks

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/searchindex"
	"sangkien/internal/vocab"
)

// searchHit is one initiative found: who may list it, sees it.
type searchHit struct {
	ID      string                `json:"id"`
	Code    string                `json:"code"`
	Title   string                `json:"title"`
	Unit    string                `json:"unit"`
	UnitID  string                `json:"unit_id"`
	Year    int                   `json:"year"`
	Status  string                `json:"status"`
	Field   string                `json:"field"`
	Snippet []searchindex.Segment `json:"snippet"`
}

// searchPage is the answer of GET /api/reform/search, in the shape of a
// PocketBase list.
type searchPage struct {
	Page       int `json:"page"`
	PerPage    int `json:"perPage"`
	TotalItems int `json:"totalItems"`
	TotalPages int `json:"totalPages"`
	// More is true when more initiatives may match than totalItems says:
	// a broad query shows, newest first, the ones the caller may see among
	// the newest that hold its words (see searchBounds).
	More  bool        `json:"more"`
	Items []searchHit `json:"items"`
}

// maxSearchPerPage is the largest page of search hits.
const maxSearchPerPage = 50

// searchParams reads page, perPage, year, field, unit and status of a
// search request into conditions on initiatives.
func searchParams(e *core.RequestEvent) (page, perPage int, where []dbx.Expression, err error) {
	q := e.Request.URL.Query()
	page, perPage = 1, 20
	for _, p := range []struct {
		name string
		dst  *int
		max  int
	}{{"page", &page, 1 << 20}, {"perPage", &perPage, maxSearchPerPage}} {
		if s := strings.TrimSpace(q.Get(p.name)); s != "" {
			n, convErr := strconv.Atoi(s)
			if convErr != nil || n < 1 {
				return 0, 0, nil, badRequest(p.name, "invalid_number", "field", p.name)
			}
			*p.dst = min(n, p.max)
		}
	}
	if s := strings.TrimSpace(q.Get("year")); s != "" {
		y, convErr := strconv.Atoi(s)
		if convErr != nil {
			return 0, 0, nil, badRequest("year", "invalid_number", "field", "year")
		}
		where = append(where, dbx.NewExp("[[initiatives.round]] IN (SELECT [[id]] FROM {{rounds}} WHERE [[year]] = {:sYear})",
			dbx.Params{"sYear": y}))
	}
	if s := strings.TrimSpace(q.Get("field")); s != "" {
		where = append(where, dbx.NewExp("[[initiatives.field]] IN (SELECT [[id]] FROM {{fields}} WHERE [[id]] = {:sField} OR [[code]] = {:sField})",
			dbx.Params{"sField": s}))
	}
	if s := strings.TrimSpace(q.Get("unit")); s != "" {
		where = append(where, dbx.NewExp("[[initiatives.unit]] IN (SELECT [[id]] FROM {{units}} WHERE [[id]] = {:sUnit} OR [[code]] = {:sUnit})",
			dbx.Params{"sUnit": s}))
	}
	if s := strings.TrimSpace(q.Get("status")); s != "" {
		if !slices.Contains(vocab.Statuses.Words, s) {
			return 0, 0, nil, badRequest("status", "invalid_status")
		}
		where = append(where, dbx.HashExp{"initiatives.status": s})
	}
	return page, perPage, where, nil
}

// rankExpr ranks a match in the code highest, then the title, the
// authors, the summary and the rest of the text (FTS5's bm25).
const rankExpr = "bm25(initiatives_fts, 10.0, 6.0, 4.0, 2.0, 1.0)"

// searchBounds bound the work of a query whose words are everywhere. A
// query whose words appear in at most rankLimit initiatives (all of them,
// before the caller's rule) is ranked by relevance and counted exactly; a
// broader one ("ho so" in nearly every form) shows the newest first: the
// caller's rule is applied to its broadWindow newest matches only, and
// what it admits is counted up to countCap ("more" when the cap or the
// window is reached). The rule costs about 15 µs of CPU a row it reads
// (PocketBase's SQL for it joins the authors, the caller's roles and the
// council's members to every row), so the rows a search reads may not grow
// with the years.
type searchBounds struct {
	rankLimit, countCap, broadWindow int
}

// defaultSearchBounds are every app's bounds but a test's that set its own.
var defaultSearchBounds = searchBounds{rankLimit: 1000, countCap: 1000, broadWindow: 500}

// searchBoundsKey is where an app keeps bounds of its own in its store.
const searchBoundsKey = "sangkien.searchBounds"

// searchBoundsOf returns app's search bounds.
func searchBoundsOf(app core.App) searchBounds {
	if b, ok := app.Store().Get(searchBoundsKey).(searchBounds); ok {
		return b
	}
	return defaultSearchBounds
}

// matchFTS is the full-text condition of a search.
const matchFTS = "initiatives_fts MATCH {:sMatch}"

// runSearch counts and pages the matches of q visible through restrict;
// more is true when there may be more than total. One query reads the ids
// of every visible match (ranked, or the newest of a broad query) and
// both the count and the page come from them.
func runSearch(app core.App, q searchindex.Query, public bool, page, perPage int, where []dbx.Expression, restrict func(*dbx.SelectQuery) error) (total int, more bool, ids []string, err error) {
	ids = []string{}
	rq, all, err := searchQuery(app, q, public, where, restrict)
	if err != nil || rq == nil {
		return 0, false, ids, err
	}
	var rows []struct {
		ID string `db:"id"`
	}
	if err := rq.All(&rows); err != nil {
		return 0, false, nil, err
	}
	total = len(rows)
	if b := searchBoundsOf(app); all > b.rankLimit && (total > b.countCap || all > b.broadWindow) {
		total, more = min(total, b.countCap), true
	}
	for i := (page - 1) * perPage; i < min(total, page*perPage); i++ {
		ids = append(ids, rows[i].ID)
	}
	return total, more, ids, nil
}

// searchQuery returns the query of the ids of q's matches visible through
// restrict, best or newest first, and how many initiatives hold q's words
// (counted up to the larger of its rankLimit and broadWindow, plus one); no
// query when none does.
func searchQuery(app core.App, q searchindex.Query, public bool, where []dbx.Expression, restrict func(*dbx.SelectQuery) error) (*dbx.SelectQuery, int, error) {
	b := searchBoundsOf(app)
	params := dbx.Params{"sMatch": q.Match(public), "sWindow": b.broadWindow}
	var all int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM (SELECT rowid FROM initiatives_fts WHERE " + matchFTS + " LIMIT {:sCount})").
		Bind(dbx.Params{"sMatch": params["sMatch"], "sCount": max(b.rankLimit, b.broadWindow) + 1}).Row(&all); err != nil || all == 0 {
		return nil, 0, err
	}
	var rq *dbx.SelectQuery
	if all > b.rankLimit {
		// the window is the outer loop, newest first: the rule is read for
		// the rows the walk reaches, and the walk stops at countCap + 1.
		rq = app.DB().Select("[[initiatives.id]] AS id", "[[m.doc]] AS doc").
			From("(SELECT rowid AS doc FROM initiatives_fts WHERE "+matchFTS+" ORDER BY rowid DESC LIMIT {:sWindow}) m").
			InnerJoin("initiative_index", dbx.NewExp("[[initiative_index.doc]] = [[m.doc]]")).
			InnerJoin("initiatives", dbx.NewExp("[[initiatives.id]] = [[initiative_index.initiative]]")).
			OrderBy("doc DESC").Limit(int64(b.countCap + 1))
	} else {
		rq = app.DB().Select("[[initiatives.id]] AS id", rankExpr+" AS rank").From("initiatives").
			InnerJoin("initiative_index", dbx.NewExp("[[initiative_index.initiative]] = [[initiatives.id]]")).
			InnerJoin("initiatives_fts", dbx.NewExp("[[initiatives_fts.rowid]] = [[initiative_index.doc]]")).
			AndWhere(dbx.NewExp(matchFTS)).
			OrderBy("rank ASC", "initiatives.id ASC")
	}
	rq.Bind(params)
	for _, w := range where {
		rq.AndWhere(w)
	}
	if restrict != nil {
		if err := restrict(rq); err != nil {
			return nil, 0, err
		}
	}
	return rq, all, nil
}

// loadHits reads the initiatives ids, in order, with their unit, year and
// field; snippet picks the snippet of each.
func loadHits(app core.App, ids []string, snippet func(r *core.Record) []searchindex.Segment) ([]searchHit, error) {
	recs, err := app.FindRecordsByIds("initiatives", ids)
	if err != nil {
		return nil, err
	}
	if errs := app.ExpandRecords(recs, []string{"unit", "round", "field"}, nil); len(errs) > 0 {
		for _, err := range errs {
			return nil, err
		}
	}
	byID := map[string]*core.Record{}
	for _, r := range recs {
		byID[r.Id] = r
	}
	out := make([]searchHit, 0, len(ids))
	for _, id := range ids {
		r := byID[id]
		if r == nil {
			continue
		}
		h := searchHit{ID: r.Id, Code: r.GetString("code"), Title: r.GetString("title"),
			UnitID: r.GetString("unit"), Status: r.GetString("status"), Snippet: snippet(r)}
		if u := r.ExpandedOne("unit"); u != nil {
			h.Unit = u.GetString("name")
		}
		if ro := r.ExpandedOne("round"); ro != nil {
			h.Year = ro.GetInt("year")
		}
		if f := r.ExpandedOne("field"); f != nil {
			h.Field = f.GetString("code")
		}
		if h.Snippet == nil {
			h.Snippet = []searchindex.Segment{}
		}
		out = append(out, h)
	}
	return out, nil
}

// searchRoute handles GET /api/reform/search?q=&year=&field=&unit=&status=
// &page=&perPage=: the initiatives of every year whose code, title,
// summary, solution, novelty or authors' names hold every word of q
// (folded: case, tones and đ ignored; a code with or without dashes), best
// first, each with a snippet of its own text with the matched words marked.
// Only the rows the caller's list rule admits are counted, ranked or shown.
func searchRoute(e *core.RequestEvent) error {
	return serveSearch(e, false, func(q searchindex.Query, r *core.Record) []searchindex.Segment {
		return q.Snippet(r.GetString("code"), r.GetString("title"), r.GetString("summary"),
			r.GetString("solution"), r.GetString("novelty"), strings.Join(authorNames(r), ", "))
	})
}

// publicSearchRoute handles GET /api/reform/public/search?q=&year=&page=
// &perPage=, for anyone: the search over what the public page publishes —
// recognised initiatives of decided or closed rounds, matched and
// snippeted on their code, title, authors' names and summary only.
func publicSearchRoute(e *core.RequestEvent) error {
	return serveSearch(e, true, func(q searchindex.Query, r *core.Record) []searchindex.Segment {
		return q.Snippet(r.GetString("code"), r.GetString("title"), r.GetString("summary"),
			strings.Join(authorNames(r), ", "))
	})
}

// serveSearch answers a search request with the page of hits asked for
// (searchParams), none for an empty q, each snippeted by snippet. A
// search for the public (public) covers only recognised initiatives of
// decided or closed rounds and names no record ids; any other covers
// the rows the caller's list rule admits.
func serveSearch(e *core.RequestEvent, public bool, snippet func(searchindex.Query, *core.Record) []searchindex.Segment) error {
	page, perPage, where, err := searchParams(e)
	if err != nil {
		return err
	}
	out := searchPage{Page: page, PerPage: perPage, Items: []searchHit{}}
	q := searchindex.Parse(e.Request.URL.Query().Get("q"))
	if q.Empty() {
		return e.JSON(http.StatusOK, out)
	}
	if err := awaitIndex(e.App); err != nil {
		return actionError(e, err)
	}
	var restrict func(*dbx.SelectQuery) error
	if public {
		where = append(where, dbx.HashExp{"initiatives.status": vocab.Recognized},
			dbx.NewExp("[[initiatives.round]] IN (SELECT [[id]] FROM {{rounds}} WHERE [[status]] IN ('decided', 'closed'))"))
	} else if restrict, err = listRuleOf(e); err != nil {
		return actionError(e, err)
	}
	total, more, ids, err := runSearch(e.App, q, public, page, perPage, where, restrict)
	if err != nil {
		return actionError(e, err)
	}
	out.TotalItems, out.TotalPages, out.More = total, (total+perPage-1)/perPage, more
	out.Items, err = loadHits(e.App, ids, func(r *core.Record) []searchindex.Segment { return snippet(q, r) })
	if err != nil {
		return actionError(e, err)
	}
	if public {
		for i := range out.Items {
			out.Items[i].ID, out.Items[i].UnitID = "", "" // the public page names no record ids
		}
	}
	return e.JSON(http.StatusOK, out)
}
