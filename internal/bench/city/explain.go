package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"

	"sangkien/internal/bench/benchkit"
)

// explain prints, for each list measure, the SQL PocketBase runs for it
// (built as apis.recordsList builds it: the list rule and the client's
// filter, sort and page) and SQLite's EXPLAIN QUERY PLAN of it. A
// statement that runs longer than 3 s is interrupted; its SQL is still
// printed.
func explain(dir string, c *city, ms []measure) error {
	app, err := benchkit.OpenApp(dir)
	if err != nil {
		return err
	}
	defer app.ResetBootstrapState()
	db := app.ConcurrentDB().(*dbx.DB)
	var statements []string
	db.QueryLogFunc = func(_ context.Context, t time.Duration, s string, _ *sql.Rows, err error) {
		statements = append(statements, fmt.Sprintf("-- %s (err %v)\n%s", t.Round(time.Millisecond), err, s))
	}
	for _, m := range ms {
		if *only != "" && !strings.Contains(m.name, *only) {
			continue
		}
		if !strings.HasPrefix(m.path, "collections/") {
			continue // a route of the program's, not a collection's list
		}
		path, query, _ := strings.Cut(m.path, "?")
		if m.full {
			query += fmt.Sprintf("&page=1&perPage=%d&skipTotal=1", fullPage)
		}
		name := strings.TrimSuffix(strings.TrimPrefix(path, "collections/"), "/records")
		col, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		user, err := app.FindRecordById("users", c.TokenUser[m.role])
		if err != nil {
			return err
		}
		values, _ := url.ParseQuery(query)
		info := &core.RequestInfo{Auth: user, Query: map[string]string{}, Method: "GET", Context: core.RequestInfoContextDefault}
		for k := range values {
			info.Query[k] = values.Get(k)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		q := app.RecordQuery(col).WithContext(ctx)
		resolver := core.NewRecordFieldResolver(app, col, info, true)
		if col.ListRule != nil && *col.ListRule != "" {
			expr, err := search.FilterData(*col.ListRule).BuildExpr(resolver)
			if err != nil {
				cancel()
				return err
			}
			q.AndWhere(expr)
		}
		// the rule alone, planned without running it (a rule's plan that
		// takes minutes to run is still printed)
		rq := app.RecordQuery(col)
		if col.ListRule != nil && *col.ListRule != "" {
			r2 := core.NewRecordFieldResolver(app, col, info, true)
			expr, _ := search.FilterData(*col.ListRule).BuildExpr(r2)
			rq.AndWhere(expr)
			r2.UpdateQuery(rq)
		}
		fmt.Printf("\n## %s (%s): the rule alone\n%s\n", m.name, m.role, rq.Build().SQL())
		plan(db, rq.Build().SQL(), rq.Build().Params())
		if *noRun {
			cancel()
			continue
		}
		statements = statements[:0]
		var records []*core.Record
		t0 := time.Now()
		_, err = search.NewProvider(resolver).Query(q).CountCol("_rowid_").ParseAndExec(query, &records)
		cancel()
		fmt.Printf("\n## %s (%s): %s, err %v\n", m.name, m.role, time.Since(t0).Round(time.Millisecond), err)
		for _, s := range statements {
			fmt.Println(s)
			_, sqlText, _ := strings.Cut(s, "\n")
			plan(db, sqlText, nil)
		}
	}
	return nil
}

// plan prints SQLite's EXPLAIN QUERY PLAN of statement.
func plan(db *dbx.DB, statement string, params dbx.Params) {
	rows, err := db.NewQuery("EXPLAIN QUERY PLAN " + statement).Bind(params).Rows()
	if err != nil {
		fmt.Println("explain:", err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var id, parent, notused int
		var detail string
		rows.Scan(&id, &parent, &notused, &detail)
		fmt.Printf("   %d<%d %s\n", id, parent, detail)
	}
}
