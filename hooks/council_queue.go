package hooks

import (
	"database/sql"
	"errors"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/readers"
	"sangkien/internal/vocab"
)

// QueueFilter is the council member's queue as the council page lists it
// a page at a time (pb_public/js/pages/council-queue.js): the council's
// initiatives but the member's own, {:c} the council, {:me} the member.
const QueueFilter = "council = {:c} && owner != {:me} && author_users !~ {:me}"

// ownFilter is the member's own initiatives on the council, which they
// never score.
const ownFilter = "council = {:c} && (owner = {:me} || author_users ~ {:me})"

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
	count := func(filter string) (int, error) {
		var n int
		q, err := initiativesUnderRule(e.App, info, filter, "", params)
		if err != nil || q == nil {
			return 0, err
		}
		// a join (none in today's rule and filters) would repeat rows.
		what := "COUNT(*)"
		if len(q.Info().Join) > 0 {
			what = "COUNT(DISTINCT [[initiatives.id]])"
		}
		return n, q.Distinct(false).Select(what).Row(&n)
	}
	var ans queueAnswer
	if ans.Total, err = count(QueueFilter); err != nil {
		return err
	}
	if ans.Done, err = count(QueueFilter + " && " + readers.Scored + " ~ {:me}"); err != nil {
		return err
	}
	if ans.Own, err = count(ownFilter); err != nil {
		return err
	}
	if ans.Done < ans.Total {
		if ans.Next, err = nextToScore(e.App, info, params); err != nil {
			return err
		}
	}
	return e.JSON(http.StatusOK, ans)
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
