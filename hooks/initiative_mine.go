package hooks

import (
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// minePage is how many of a person's initiatives the staff page shows.
const minePage = 200

// mineItem is one row of the staff page's list: the columns it shows.
type mineItem struct {
	ID           string         `json:"id"`
	Code         string         `json:"code"`
	Title        string         `json:"title"`
	Status       string         `json:"status"`
	Late         bool           `json:"late"`
	Owner        string         `json:"owner"`
	Created      types.DateTime `json:"created"`
	SubmittedAt  types.DateTime `json:"submitted_at"`
	ReturnReason string         `json:"return_reason"`
	ResultTier   string         `json:"result_tier"`
}

// mineColumns are the initiatives' columns mineItem is read from.
var mineColumns = []string{"id", "code", "title", "status", "late", "owner", "created", "submitted_at", "return_reason", "result_tier"}

// myInitiatives answers GET /api/reform/me/initiatives: the signed-in ward
// account's own and co-authored initiatives (owner, or named in
// author_users), newest first, the first 200 as {items, totalItems}.
// Authorship is looked up in initiative_authors (kept by SQLite's triggers
// on initiatives, migration 1766002100), and every row must also pass the
// initiatives' list rule for the caller: the route shows nothing the
// person could not list. A superuser is refused 403 by the route table (ward accounts only).
func myInitiatives(e *core.RequestEvent) error {
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	mine := func() (*dbx.SelectQuery, error) {
		q, err := initiativesUnderRule(e.App, info, "", "-created", dbx.Params{})
		if err != nil || q == nil {
			return q, err
		}
		return q.AndWhere(dbx.NewExp("[[initiatives.id]] IN (SELECT [[initiative]] FROM [[initiative_authors]] WHERE [[user]] = {:mine_user})",
			dbx.Params{"mine_user": e.Auth.Id})), nil
	}
	ans := struct {
		Items      []mineItem `json:"items"`
		TotalItems int        `json:"totalItems"`
	}{Items: []mineItem{}}
	q, err := mine()
	if err != nil {
		return err
	}
	if q == nil { // a list rule of superusers only
		return e.JSON(http.StatusOK, ans)
	}
	cols := make([]string, len(mineColumns))
	for i, c := range mineColumns {
		cols[i] = "[[initiatives." + c + "]]"
	}
	recs := []*core.Record{}
	if err := q.Select(cols...).Limit(minePage).All(&recs); err != nil {
		return err
	}
	for _, r := range recs {
		ans.Items = append(ans.Items, mineItem{ID: r.Id, Code: r.GetString("code"), Title: r.GetString("title"),
			Status: r.GetString("status"), Late: r.GetBool("late"), Owner: r.GetString("owner"),
			Created: r.GetDateTime("created"), SubmittedAt: r.GetDateTime("submitted_at"),
			ReturnReason: r.GetString("return_reason"), ResultTier: r.GetString("result_tier")})
	}
	ans.TotalItems = len(recs)
	if len(recs) == minePage {
		if q, err = mine(); err != nil {
			return err
		}
		if err := q.Select("COUNT(DISTINCT [[initiatives.id]])").OrderBy().Row(&ans.TotalItems); err != nil {
			return err
		}
	}
	return e.JSON(http.StatusOK, ans)
}
