package hooks

import (
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/readers"
	"sangkien/internal/vocab"
)

// roundCounts is the answer of GET /api/reform/rounds/{year}/counts.
type roundCounts struct {
	Year     int            `json:"year"`
	Round    string         `json:"round"`
	Total    int            `json:"total"`
	Late     int            `json:"late"`
	ByStatus map[string]int `json:"by_status"`
	// NoCouncil is, by status, how many of them no council is given.
	NoCouncil map[string]int `json:"no_council"`
}

// roundCountsRoute answers GET /api/reform/rounds/{year}/counts, the
// chairman's page's figures: the round's initiatives but drafts that the
// initiatives' list rule shows the caller, by status, the total, how
// many of them are late, and by status those given to no council (the
// secretariat's council page's total). The rule is one more condition of the count's
// query, so the figures are the rows the caller's list would hold. An
// unknown year is 404 not_found.
func roundCountsRoute(e *core.RequestEvent) error {
	round, err := pathRound(e)
	if err != nil {
		return err
	}
	out, err := countRound(e, round)
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, out)
}

// countRound counts round's initiatives but drafts under the caller's
// list rule, by status, the late ones summed. A caller the rule admits to
// every initiative past draft (a superuser; an overseer: readers.Admits)
// reads the counts the triggers of migration 1766002200_initiative_counts keep
// by round, status and council:
// a seek of a few rows. Any other caller's initiatives are counted under
// the rule.
func countRound(e *core.RequestEvent, round *core.Record) (*roundCounts, error) {
	out := &roundCounts{Year: round.GetInt("year"), Round: round.Id, ByStatus: map[string]int{}, NoCouncil: map[string]int{}}
	col, err := e.App.FindCachedCollectionByNameOrId("initiatives")
	if err != nil {
		return nil, err
	}
	var groups []struct {
		Status    string `db:"status"`
		Count     int    `db:"n"`
		Late      int    `db:"late"`
		NoCouncil int    `db:"no_council"`
	}
	if _, pastDraft := readers.Admits(col.ListRule, e.Auth); pastDraft || e.HasSuperuserAuth() {
		err = e.App.DB().NewQuery(`SELECT status, SUM(n) AS n, SUM(late) AS late, SUM(iif(council = '', n, 0)) AS no_council
			FROM initiative_counts WHERE round = {:round} AND status != {:draft} GROUP BY status`).
			Bind(dbx.Params{"round": round.Id, "draft": vocab.Draft}).All(&groups)
	} else {
		err = countRoundUnderRule(e, col, round, &groups)
	}
	if err != nil {
		return nil, err
	}
	for _, g := range groups {
		out.Total += g.Count
		out.ByStatus[g.Status] = g.Count
		out.Late += g.Late
		if g.NoCouncil > 0 {
			out.NoCouncil[g.Status] = g.NoCouncil
		}
	}
	return out, nil
}

// countRoundUnderRule counts into groups, by status, round's initiatives
// but drafts that the list rule shows the caller: their number, the late
// ones, those given to no council. With the rule naming the overseers by
// id it joins nothing and reads the index idx_initiatives_round_status_code
// alone, grouping in its order.
func countRoundUnderRule(e *core.RequestEvent, col *core.Collection, round *core.Record, groups any) error {
	restrict, err := listRuleOf(e)
	if err != nil {
		return err
	}
	q := e.App.RecordQuery(col).
		AndWhere(dbx.HashExp{"initiatives.round": round.Id}).
		AndWhere(dbx.Not(dbx.HashExp{"initiatives.status": vocab.Draft}))
	if restrict != nil {
		if err := restrict(q); err != nil {
			return err
		}
	}
	q.Select("initiatives.status", "initiatives.late", "initiatives.council")
	// a rule that joins (one naming the roles joins the caller's account)
	// may repeat a row: each is then counted once, by id, as PocketBase
	// counts a list's total.
	if len(q.Info().Join) > 0 {
		q.AndSelect("initiatives.id").Distinct(true)
	}
	rows := q.Build()
	return e.App.DB().NewQuery("SELECT status, COUNT(*) AS n, SUM(late) AS late, SUM(council = '') AS no_council FROM (" +
		rows.SQL() + ") GROUP BY status").Bind(rows.Params()).All(groups)
}
