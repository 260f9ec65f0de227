package hooks

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"

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
	// More is true when more initiatives match than totalItems says
	// (a broad query is counted up to 1,000 and shown newest first).
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

// matchQuery selects cols from the initiatives whose folded text matches
// the FTS5 expression match, restricted by where and, unless restrict is
// nil, by restrict (the caller's list rule).
func matchQuery(app core.App, match string, where []dbx.Expression, restrict func(*dbx.SelectQuery) error, cols ...string) (*dbx.SelectQuery, error) {
	q := app.DB().Select(cols...).From("initiatives").
		InnerJoin("initiative_index", dbx.NewExp("[[initiative_index.initiative]] = [[initiatives.id]]")).
		InnerJoin("initiatives_fts", dbx.NewExp("[[initiatives_fts.rowid]] = [[initiative_index.doc]]")).
		AndWhere(dbx.NewExp("initiatives_fts MATCH {:sMatch}", dbx.Params{"sMatch": match}))
	for _, w := range where {
		q.AndWhere(w)
	}
	if restrict != nil {
		if err := restrict(q); err != nil {
			return nil, err
		}
	}
	return q, nil
}

// listRuleOf returns a restriction that applies the initiatives' list rule
// for the caller of e, exactly as the records API applies it: superusers
// see every row; a caller the rule does not admit sees none.
func listRuleOf(e *core.RequestEvent) (func(*dbx.SelectQuery) error, error) {
	if e.HasSuperuserAuth() {
		return nil, nil
	}
	col, err := e.App.FindCachedCollectionByNameOrId("initiatives")
	if err != nil {
		return nil, err
	}
	info, err := e.RequestInfo()
	if err != nil {
		return nil, err
	}
	return func(q *dbx.SelectQuery) error {
		if col.ListRule == nil {
			q.AndWhere(dbx.NewExp("1 = 0"))
			return nil
		}
		if *col.ListRule == "" {
			return nil
		}
		resolver := core.NewRecordFieldResolver(e.App, col, info, true)
		expr, err := search.FilterData(*col.ListRule).BuildExpr(resolver)
		if err != nil {
			return err
		}
		q.AndWhere(expr)
		return resolver.UpdateQuery(q)
	}, nil
}

// rankExpr ranks a match in the code highest, then the title, the
// authors, the summary and the rest of the text (FTS5's bm25).
const rankExpr = "bm25(initiatives_fts, 10.0, 6.0, 4.0, 2.0, 1.0)"

// rankLimit and countCap bound the work of a broad query. A query whose
// words appear in at most rankLimit initiatives (all of them, before the
// caller's rule) is ranked by relevance and counted exactly; a broader one
// ("ho so" in nearly every form) shows the newest first, found by walking
// the index from its newest entry and stopping at the page, and is counted
// up to countCap ("more"): ranking every match costs about 15 µs each.
var (
	rankLimit = 1000
	countCap  = 1000
)

// subquery wraps q as the table of an outer SELECT with its params.
func subquery(app core.App, outer string, q *dbx.SelectQuery, params dbx.Params) *dbx.Query {
	built := q.Build()
	all := dbx.Params{}
	for k, v := range built.Params() {
		all[k] = v
	}
	for k, v := range params {
		all[k] = v
	}
	return app.DB().NewQuery(strings.Replace(outer, "<SUB>", built.SQL(), 1)).Bind(all)
}

// runSearch counts and pages the matches of q visible through restrict;
// more is true when there are more than total.
func runSearch(app core.App, q searchindex.Query, public bool, page, perPage int, where []dbx.Expression, restrict func(*dbx.SelectQuery) error) (total int, more bool, ids []string, err error) {
	match := q.Match(public)
	var all int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM initiatives_fts WHERE initiatives_fts MATCH {:sMatch}").
		Bind(dbx.Params{"sMatch": match}).Row(&all); err != nil {
		return 0, false, nil, err
	}
	ids = []string{}
	if all == 0 {
		return 0, false, ids, nil
	}
	broad := all > rankLimit
	cq, err := matchQuery(app, match, where, restrict, "[[initiatives.id]]")
	if err != nil {
		return 0, false, nil, err
	}
	cq.Distinct(true)
	if broad {
		cq.OrderBy("initiatives_fts.rowid DESC").Limit(int64(countCap + 1))
	}
	if err := subquery(app, "SELECT COUNT(*) FROM (<SUB>)", cq, nil).Row(&total); err != nil {
		return 0, false, nil, err
	}
	if total > countCap {
		total, more = countCap, true
	}
	if total == 0 || (page-1)*perPage >= total {
		return total, more, ids, nil
	}
	cols := []string{"[[initiatives.id]] AS id", rankExpr + " AS rank"}
	order := []string{"rank ASC", "initiatives.id ASC"}
	if broad {
		cols = []string{"[[initiatives.id]] AS id", "[[initiatives_fts.rowid]] AS doc"}
		order = []string{"doc DESC"}
	}
	rq, err := matchQuery(app, match, where, restrict, cols...)
	if err != nil {
		return 0, false, nil, err
	}
	var rows []struct {
		ID string `db:"id"`
	}
	err = rq.OrderBy(order...).Limit(int64(perPage)).Offset(int64((page - 1) * perPage)).All(&rows)
	if err != nil {
		return 0, false, nil, err
	}
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	return total, more, ids, nil
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
