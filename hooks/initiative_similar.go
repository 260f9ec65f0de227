package hooks

import (
	"net/http"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/searchindex"
	"sangkien/internal/similar"
	"sangkien/internal/vocab"
)

// similarRef names the other initiative of a similar item. Title and id
// are empty when the caller may not read that initiative (a council member
// sees that the initiative they score resembles another unit's, not its
// text); the title of a recognised initiative is public anyway.
type similarRef struct {
	ID     string `json:"id"`
	Code   string `json:"code"`
	Title  string `json:"title"`
	Unit   string `json:"unit"`
	Year   int    `json:"year"`
	Status string `json:"status"`
}

// similarItem is one similar initiative: how much of the text is the same,
// the label ("duplicate" ≥ 70, "similar" ≥ 40, "" below), whether it is the
// same author's earlier initiative that was not recognised (a resubmission,
// not copying), and the sentences that say the same thing [ours, theirs]
// (theirs empty when the caller may not read it).
type similarItem struct {
	Initiative   similarRef  `json:"initiative"`
	Similarity   int         `json:"similarity"`
	Level        string      `json:"level"`
	Resubmission bool        `json:"resubmission"`
	Readable     bool        `json:"readable"`
	Passages     [][2]string `json:"passages"`
}

// maxPassages is how many sentence pairs an item shows.
const maxPassages = 3

// mayReadSimilar reports whether auth may see the similar list of
// initiative r: the secretariat, the chairman, a superuser, a member of
// the council that scores it, or one of its authors (who then sees only
// the rows they may read).
func mayReadSimilar(app core.App, auth, r *core.Record) (all bool, ok bool) {
	if auth.IsSuperuser() || hasAnyRole(auth, "secretariat", "chairman") {
		return true, true
	}
	if HasRole(auth, "council") && r.GetString("council") != "" {
		n, err := app.CountRecords("council_members", dbx.HashExp{"council": r.GetString("council"), "user": auth.Id})
		if err == nil && n > 0 {
			return true, true
		}
	}
	if isWardAccount(auth) && (r.GetString("owner") == auth.Id || slices.Contains(r.GetStringSlice("author_users"), auth.Id)) {
		return false, true
	}
	return false, false
}

// similarInitiative finds the initiative of the request and checks the
// caller may see its similar list: 404 when they may not read it at all,
// 403 when they may read it but not its list.
func similarInitiative(e *core.RequestEvent) (r *core.Record, all bool, err error) {
	r, err = viewableInitiative(e)
	if err != nil {
		return nil, false, err
	}
	all, ok := mayReadSimilar(e.App, e.Auth, r)
	if !ok {
		return nil, false, forbidden()
	}
	return r, all, nil
}

// similarRoute handles GET /api/reform/initiatives/{id}/similar: the five
// most similar initiatives of the ward, all years, as stored when it was
// submitted (computed now when it never was).
func similarRoute(e *core.RequestEvent) error {
	r, all, err := similarInitiative(e)
	if err != nil {
		return err
	}
	if err := awaitIndex(e.App); err != nil {
		return actionError(e, err)
	}
	ms, found, err := searchindex.Stored(e.App, r.Id)
	if err == nil && !found {
		ms, err = searchindex.Compute(e.App, r.Id)
	}
	if err != nil {
		return actionError(e, err)
	}
	return answerSimilar(e, r, ms, all)
}

// recomputeSimilarRoute handles POST /api/reform/initiatives/{id}/similar,
// for the secretariat: compare the initiative again with every other
// non-draft initiative and keep the result.
func recomputeSimilarRoute(e *core.RequestEvent) error {
	r, all, err := similarInitiative(e)
	if err != nil {
		return err
	}
	if !isSecretariat(e.Auth, nil) {
		return forbidden()
	}
	if err := awaitIndex(e.App); err != nil {
		return actionError(e, err)
	}
	var ms []searchindex.Match
	err = e.App.RunInTransaction(func(tx core.App) error {
		ms, err = searchindex.Store(tx, r.Id)
		return err
	})
	if err != nil {
		return actionError(e, err)
	}
	return answerSimilar(e, r, ms, all)
}

// answerSimilar writes the items of ms for the caller of e: every item
// when all, else only those the caller's list rule admits; the text of
// another initiative only when the caller may read it.
func answerSimilar(e *core.RequestEvent, r *core.Record, ms []searchindex.Match, all bool) error {
	items := []similarItem{}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	readable, err := readableIDs(e, ids)
	if err != nil {
		return actionError(e, err)
	}
	others, err := e.App.FindRecordsByIds("initiatives", ids)
	if err != nil {
		return actionError(e, err)
	}
	if errs := e.App.ExpandRecords(append(others, r), []string{"unit", "round"}, nil); len(errs) > 0 {
		for _, err := range errs {
			return actionError(e, err)
		}
	}
	byID := map[string]*core.Record{}
	for _, o := range others {
		byID[o.Id] = o
	}
	ours := searchindex.SimilarityText(r)
	for _, m := range ms {
		o := byID[m.ID]
		if o == nil || (!all && !readable[m.ID]) {
			continue
		}
		it := similarItem{Similarity: m.Percent, Level: similar.Level(m.Percent), Readable: readable[m.ID],
			Resubmission: searchindex.Resubmission(r, o), Passages: [][2]string{}}
		it.Initiative = similarRef{Code: o.GetString("code"), Status: o.GetString("status")}
		if u := o.ExpandedOne("unit"); u != nil {
			it.Initiative.Unit = u.GetString("name")
		}
		if ro := o.ExpandedOne("round"); ro != nil {
			it.Initiative.Year = ro.GetInt("year")
		}
		if it.Readable {
			it.Initiative.ID, it.Initiative.Title = o.Id, o.GetString("title")
		} else if o.GetString("status") == vocab.Recognized {
			it.Initiative.Title = o.GetString("title")
		}
		for _, p := range similar.Passages(ours, searchindex.SimilarityText(o), maxPassages) {
			if !it.Readable {
				p[1] = ""
			}
			it.Passages = append(it.Passages, p)
		}
		items = append(items, it)
	}
	return e.JSON(http.StatusOK, map[string]any{"items": items})
}

// readableIDs returns which of ids the caller's list rule admits.
func readableIDs(e *core.RequestEvent, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	restrict, err := listRuleOf(e)
	if err != nil {
		return nil, err
	}
	vals := make([]any, len(ids))
	for i, id := range ids {
		vals[i] = id
	}
	q := e.App.DB().Select("initiatives.id").From("initiatives").Where(dbx.In("initiatives.id", vals...))
	if restrict != nil {
		if err := restrict(q); err != nil {
			return nil, err
		}
	}
	var rows []struct {
		ID string `db:"id"`
	}
	if err := q.All(&rows); err != nil {
		return nil, err
	}
	for _, row := range rows {
		out[row.ID] = true
	}
	return out, nil
}
