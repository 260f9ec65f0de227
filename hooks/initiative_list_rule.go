package hooks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"
)

// The initiatives' list rule applied inside a route's own SQL, so what a
// route counts or lists is what the records API would list for its
// caller. Two forms: listRuleOf restricts a query the route builds itself
// (search, similar, the round's counts), a superuser unrestricted;
// initiativesUnderRule builds the query from a server filter and sort
// resolved together with the rule (the to-do, the council queue, my
// initiatives), nil when the rule admits superusers only.

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

// initiativesUnderRule is the query of the initiatives that filter (with
// params; hidden fields allowed: the server's own filter) selects and the
// collection's list rule lets the caller of info list, in sort order; nil
// when the list rule lets no one but superusers list.
func initiativesUnderRule(app core.App, info *core.RequestInfo, filter, sort string, params dbx.Params) (*dbx.SelectQuery, error) {
	col, err := app.FindCachedCollectionByNameOrId("initiatives")
	if err != nil || col.ListRule == nil {
		return nil, err
	}
	q := app.RecordQuery(col)
	resolver := core.NewRecordFieldResolver(app, col, info, true)
	for _, f := range []string{filter, *col.ListRule} {
		if f == "" {
			continue
		}
		expr, err := search.FilterData(f).BuildExpr(resolver, params)
		if err != nil {
			return nil, err
		}
		q.AndWhere(expr)
	}
	for _, field := range search.ParseSortFromString(sort) {
		if field.Name == "" {
			continue
		}
		expr, err := field.BuildExpr(resolver)
		if err != nil {
			return nil, err
		}
		if expr != "" {
			q.AndOrderBy(expr)
		}
	}
	return q, resolver.UpdateQuery(q)
}
