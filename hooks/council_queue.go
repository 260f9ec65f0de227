package hooks

import (
	"database/sql"
	"errors"
	"math"
	"net/http"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/readers"
	"sangkien/internal/vocab"
)

// QueueFilter is the council member's queue as the council page lists it
// a page at a time (pb_public/js/pages/council-queue.js): the council's
// initiatives but the member's own, {:c} the council, {:me} the member.
const QueueFilter = "council = {:c} && owner != {:me} && author_users !~ {:me}"

// queueNext is the first initiative of a queue to score: its id, code and title.
type queueNext struct {
	ID    string `json:"id" db:"id"`
	Code  string `json:"code" db:"code"`
	Title string `json:"title" db:"title"`
}

// queueAnswer is the answer of GET /api/reform/councils/{id}/queue.
type queueAnswer struct {
	Total int        `json:"total"`
	Done  int        `json:"done"`
	Own   int        `json:"own"`
	Next  *queueNext `json:"next"`
}

// councilQueueRoute answers GET /api/reform/councils/{id}/queue for a ward
// account seated on the council (403 forbidden otherwise; 404 not_found
// for an unknown council): the counts of the member's queue — total (the
// council's initiatives but their own, QueueFilter), done (those their
// sheet is submitted on), own (their own on it) — and next, the first in
// code order their sheet is started on but not submitted, else the first
// with no sheet of theirs, null when every one is done. Every count and
// row passes the initiatives' list rule for the caller.
func councilQueueRoute(e *core.RequestEvent) error {
	council, err := recordByID(e.App, "councils", e.Request.PathValue("id"))
	if err != nil {
		return err
	}
	seated, err := e.App.CountRecords("council_members", dbx.HashExp{"council": council.Id, "user": e.Auth.Id})
	if err != nil {
		return err
	}
	if seated == 0 {
		return forbidden()
	}
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	params := dbx.Params{"c": council.Id, "me": e.Auth.Id}
	var ans queueAnswer
	count := countQueue
	if seated, err := seesWholeCouncil(e); err != nil {
		return err
	} else if seated {
		count = countQueueKept
	}
	if err := count(e.App, info, params, &ans); err != nil {
		return err
	}
	if ans.Done < ans.Total {
		if ans.Next, err = nextToScore(e.App, info, params); err != nil {
			return err
		}
	}
	return e.JSON(http.StatusOK, ans)
}

// countQueue sets ans's total, done and own in one pass over the
// council's initiatives the caller may list (an index alone: migration
// 1766001900_index_council_queue). Each row's two tests (the member wrote
// it; their sheet on it is in) run once, in a subquery a LIMIT keeps
// SQLite from merging into the counts (and that repeats no row: a join of
// the list rule's is grouped by initiative). An id is 15 lowercase letters and
// digits, so finding it in a stored list (author_users, scored) matches
// that id alone, as the filters' ~ and !~ do
// (TestCouncilQueueCountsAndNextFollowTheSheets compares the total with
// the page's REST list).
func countQueue(app core.App, info *core.RequestInfo, params dbx.Params, ans *queueAnswer) error {
	q, err := initiativesUnderRule(app, info, "council = {:c}", "", params)
	if err != nil || q == nil {
		return err
	}
	if len(q.Info().Join) > 0 {
		q.GroupBy("initiatives.id") // a rule's join would repeat rows (none today)
	}
	rows := q.Distinct(false).Select(
		"([[initiatives.owner]] = {:qMe} OR instr([[initiatives.author_users]], {:qMe}) > 0) AS mine",
		"instr([[initiatives."+readers.Scored+"]], {:qMe}) > 0 AS scored",
	).AndBind(dbx.Params{"qMe": params["me"]}).Limit(math.MaxInt32).Build()
	var n struct {
		Total int `db:"total"`
		Done  int `db:"done"`
		Own   int `db:"own"`
	}
	err = app.DB().NewQuery("SELECT COUNT(CASE WHEN NOT mine THEN 1 END) AS total, " +
		"COUNT(CASE WHEN NOT mine AND scored THEN 1 END) AS done, COUNT(CASE WHEN mine THEN 1 END) AS own " +
		"FROM (" + rows.SQL() + ")").Bind(rows.Params()).One(&n)
	ans.Total, ans.Done, ans.Own = n.Total, n.Done, n.Own
	return err
}

// seesWholeCouncil says whether the initiatives' list rule admits the
// caller of e, seated on a council, to every initiative of that council:
// the rule is readers.Rule of some overseers and the caller holds the role
// council, which puts a seat holder on the reader list of every
// initiative of the council (internal/readers).
func seesWholeCouncil(e *core.RequestEvent) (bool, error) {
	col, err := e.App.FindCachedCollectionByNameOrId("initiatives")
	if err != nil {
		return false, err
	}
	listed, _ := readers.Admits(col.ListRule, e.Auth)
	return listed && slices.Contains(e.Auth.GetStringSlice("roles"), vocab.RoleCouncil), nil
}

// countQueueKept sets ans's total, done and own as countQueue does, for a
// caller the list rule admits to every initiative of the council
// (seesWholeCouncil), from the counts kept by migration
// 1766002200_initiative_counts: the council's initiatives and the sheets
// the member submitted on them, less those of the member's own
// initiatives (initiative_authors), a few seeks.
func countQueueKept(app core.App, _ *core.RequestInfo, params dbx.Params, ans *queueAnswer) error {
	var n struct {
		All    int `db:"all_"`
		Sheets int `db:"sheets"`
		Own    int `db:"own"`
		Scored int `db:"own_scored"`
	}
	err := app.DB().NewQuery(`SELECT
			(SELECT COALESCE(SUM(n), 0) FROM initiative_counts WHERE council = {:c}) AS all_,
			(SELECT COALESCE(SUM(n), 0) FROM council_sheet_counts WHERE council = {:c} AND member = {:me}) AS sheets,
			COUNT(*) AS own, COUNT(s.member) AS own_scored
		FROM initiative_authors a JOIN initiatives i ON i.id = a.initiative
		LEFT JOIN scores s ON s.initiative = a.initiative AND s.member = a.user AND s.status = {:submitted}
		WHERE a.user = {:me} AND i.council = {:c}`).
		Bind(dbx.Params{"c": params["c"], "me": params["me"], "submitted": vocab.SheetSubmitted}).One(&n)
	ans.Total, ans.Done, ans.Own = n.All-n.Own, n.Sheets-n.Scored, n.Own
	return err
}

// nextToScore is the first initiative of the queue in code order whose
// sheet the member started and did not submit, else the first with no
// submitted sheet of theirs; nil when there is none.
func nextToScore(app core.App, info *core.RequestInfo, params dbx.Params) (*queueNext, error) {
	started := dbx.NewExp("EXISTS (SELECT 1 FROM scores s WHERE s.initiative = [[initiatives.id]] AND s.member = {:me} AND s.status != {:submitted})",
		dbx.Params{"me": params["me"], "submitted": vocab.SheetSubmitted})
	for _, extra := range []dbx.Expression{started, nil} {
		q, err := initiativesUnderRule(app, info, QueueFilter+" && "+readers.Scored+" !~ {:me}", "code,created", params)
		if err != nil || q == nil {
			return nil, err
		}
		if extra != nil {
			q.AndWhere(extra)
		}
		var next queueNext
		err = q.Select("[[initiatives.id]] AS id", "[[initiatives.code]] AS code", "[[initiatives.title]] AS title").Limit(1).One(&next)
		if err == nil {
			return &next, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	return nil, nil
}
