package hooks

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/results"
	"sangkien/internal/vocab"
)

// publicItem is one recognised initiative as the public sees it: what the
// decision's annex publishes, and nothing of the form's confidential part,
// the sheets, the votes or the authors' birth dates and shares.
type publicItem struct {
	Code      string   `json:"code"`
	Title     string   `json:"title"`
	Unit      string   `json:"unit"`
	FieldCode string   `json:"field_code"`
	Field     string   `json:"field"`
	Summary   string   `json:"summary"`
	Tier      string   `json:"tier"`
	TierName  string   `json:"tier_name"` // the round's own name of the tier
	Authors   []string `json:"authors"`
}

// publicRecognized is the answer of GET /api/reform/public/recognized.
type publicRecognized struct {
	Years []int        `json:"years"` // the years with a recognition decision, newest first
	Year  int          `json:"year"`  // the year shown (0 when none)
	Items []publicItem `json:"items"`
}

// publicRecognizedRoute handles GET /api/reform/public/recognized?year=,
// for anyone, signed in or not: the initiatives recognised in the year's
// decided (or closed) round, best first, with only their code, title, unit,
// field, summary, tier and authors' names; and the years that have such a
// round. Without year, the newest; a year without a decision gives no items;
// a year that is not a number answers 400 invalid_number.
func publicRecognizedRoute(e *core.RequestEvent) error {
	var rounds []struct {
		ID   string `db:"id"`
		Year int    `db:"year"`
	}
	err := e.App.DB().Select("id", "year").From("rounds").
		Where(dbx.In("status", vocab.RoundDecided, vocab.RoundClosed)).OrderBy("year DESC").All(&rounds)
	if err != nil {
		return actionError(e, err)
	}
	out := publicRecognized{Years: []int{}, Items: []publicItem{}}
	for _, r := range rounds {
		out.Years = append(out.Years, r.Year)
	}
	roundID := ""
	if q := strings.TrimSpace(e.Request.URL.Query().Get("year")); q != "" {
		y, err := strconv.Atoi(q)
		if err != nil {
			return badRequest("year", "invalid_number", "field", "year")
		}
		out.Year = y
		for _, r := range rounds {
			if r.Year == y {
				roundID = r.ID
			}
		}
	} else if len(rounds) > 0 {
		out.Year, roundID = rounds[0].Year, rounds[0].ID
	}
	if roundID == "" {
		return e.JSON(http.StatusOK, out)
	}
	items, err := recognizedItems(e.App, roundID)
	if err != nil {
		return actionError(e, err)
	}
	out.Items = items
	return e.JSON(http.StatusOK, out)
}

// recognizedItems reads the recognised initiatives of the round roundID,
// best first, in their public shape.
func recognizedItems(app core.App, roundID string) ([]publicItem, error) {
	recs, err := app.FindRecordsByFilter("initiatives", "round = {:round} && status = 'recognized'",
		"result_rank,code", 0, 0, dbx.Params{"round": roundID})
	if err != nil {
		return nil, err
	}
	units, fields := map[string]*core.Record{}, map[string]*core.Record{}
	lookup := func(cache map[string]*core.Record, collection, id string) *core.Record {
		if r, ok := cache[id]; ok {
			return r
		}
		r, _ := app.FindRecordById(collection, id)
		cache[id] = r
		return r
	}
	var tiers []results.TierRule
	if round, err := app.FindRecordById("rounds", roundID); err == nil {
		tiers = results.RoundTiers(round.GetString("tiers"))
	}
	out := make([]publicItem, 0, len(recs))
	for _, r := range recs {
		it := publicItem{Code: r.GetString("code"), Title: r.GetString("title"), Summary: r.GetString("summary"),
			Tier: r.GetString("result_tier"), TierName: results.TierName(tiers, r.GetString("result_tier")), Authors: authorNames(r)}
		if u := lookup(units, "units", r.GetString("unit")); u != nil {
			it.Unit = u.GetString("name")
		}
		if f := lookup(fields, "fields", r.GetString("field")); f != nil {
			it.FieldCode, it.Field = f.GetString("code"), f.GetString("name")
		}
		out = append(out, it)
	}
	return out, nil
}

// authorNames returns the names of initiative r's authors, in the form's order.
func authorNames(r *core.Record) []string {
	var authors []struct {
		Name string `json:"name"`
	}
	_ = r.UnmarshalJSONField("authors", &authors)
	names := []string{}
	for _, a := range authors {
		if n := strings.TrimSpace(a.Name); n != "" {
			names = append(names, n)
		}
	}
	return names
}
