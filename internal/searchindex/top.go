package searchindex

import (
	"encoding/json"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/fold"
	"sangkien/internal/similar"
	"sangkien/internal/vocab"
)

// Top is the most similar other initiative of an initiative, at
// similar.Similar or more: what the results table and the consolidated
// list show in their column "Trùng lặp".
type Top struct {
	Code         string `json:"code"`
	Unit         string `json:"-"` // the other's unit id
	Year         int    `json:"year"`
	Similarity   int    `json:"similarity"`
	Level        string `json:"level"`
	Resubmission bool   `json:"resubmission"`
}

// RoundTops returns, for each initiative of the round roundID that has
// one stored, its most similar other initiative at similar.Similar or
// more.
func RoundTops(app core.App, roundID string) (map[string]Top, error) {
	return tops(app, dbx.HashExp{"i.round": roundID})
}

// tops reads the best stored match of the initiatives i that cond admits,
// once what is queued is drained.
func tops(app core.App, cond dbx.Expression) (map[string]Top, error) {
	if _, err := Drain(app); err != nil {
		return nil, err
	}
	var rows []struct {
		ID         string `db:"id"`
		Year       int    `db:"year"`
		Owner      string `db:"owner"`
		Users      string `db:"users"`
		Authors    string `db:"authors"`
		Similarity int    `db:"similarity"`
		OCode      string `db:"ocode"`
		OUnit      string `db:"ounit"`
		OYear      int    `db:"oyear"`
		OStatus    string `db:"ostatus"`
		OOwner     string `db:"oowner"`
		OUsers     string `db:"ousers"`
		OAuthors   string `db:"oauthors"`
	}
	err := app.DB().Select("i.id AS id", "ri.year AS year", "i.owner AS owner", "i.author_users AS users",
		"i.authors AS authors", "s.similarity AS similarity", "o.code AS ocode", "o.unit AS ounit",
		"ro.year AS oyear", "o.status AS ostatus", "o.owner AS oowner", "o.author_users AS ousers", "o.authors AS oauthors").
		From("initiatives i").
		InnerJoin("rounds ri", dbx.NewExp("ri.id = i.round")).
		InnerJoin("initiative_similar s", dbx.NewExp("s.initiative = i.id")).
		InnerJoin("initiatives o", dbx.NewExp("o.id = s.other")).
		InnerJoin("rounds ro", dbx.NewExp("ro.id = o.round")).
		Where(cond).AndWhere(dbx.NewExp("s.similarity >= {:min}", dbx.Params{"min": similar.Similar})).
		OrderBy("i.id", "s.similarity DESC", "s.other").All(&rows)
	if err != nil {
		return nil, err
	}
	out := map[string]Top{}
	for _, r := range rows {
		if _, seen := out[r.ID]; seen {
			continue
		}
		ours := meta{year: r.Year, owner: r.Owner, users: strings1(r.Users), names: names(r.Authors)}
		theirs := meta{year: r.OYear, status: r.OStatus, owner: r.OOwner, users: strings1(r.OUsers), names: names(r.OAuthors)}
		out[r.ID] = Top{Code: r.OCode, Unit: r.OUnit, Year: r.OYear, Similarity: r.Similarity,
			Level: similar.Level(r.Similarity), Resubmission: resubmission(ours, theirs)}
	}
	return out, nil
}

// meta is what tells a resubmission: the year, status and authors.
type meta struct {
	year          int
	status, owner string
	users, names  []string
}

// strings1 decodes a stored JSON list of strings.
func strings1(raw string) []string {
	var out []string
	_ = json.Unmarshal([]byte(raw), &out)
	return out
}

// names decodes the authors' names of a stored authors list.
func names(raw string) []string {
	var authors []struct {
		Name string `json:"name"`
	}
	_ = json.Unmarshal([]byte(raw), &authors)
	out := make([]string, 0, len(authors))
	for _, a := range authors {
		if n := strings.TrimSpace(a.Name); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// resubmission reports whether theirs is an earlier year's initiative of
// one of our authors (the same account, or the same name folded) that was
// not recognised: ours is then the author's own idea sent again, not a copy.
func resubmission(ours, theirs meta) bool {
	if theirs.status == vocab.Recognized || theirs.year >= ours.year {
		return false
	}
	users := map[string]bool{}
	for _, u := range append(ours.users, ours.owner) {
		if u != "" {
			users[u] = true
		}
	}
	for _, u := range append(theirs.users, theirs.owner) {
		if users[u] {
			return true
		}
	}
	folded := map[string]bool{}
	for _, n := range ours.names {
		folded[fold.Fold(n)] = true
	}
	for _, n := range theirs.names {
		if folded[fold.Fold(n)] {
			return true
		}
	}
	return false
}

// YearOf is the year of initiative r's round (expanded), 0 when unknown.
func YearOf(r *core.Record) int {
	if ro := r.ExpandedOne("round"); ro != nil {
		return ro.GetInt("year")
	}
	return 0
}

// Resubmission is resubmission for two initiative records whose rounds
// are expanded.
func Resubmission(r, other *core.Record) bool {
	m := func(x *core.Record) meta {
		return meta{year: YearOf(x), status: x.GetString("status"), owner: x.GetString("owner"),
			users: x.GetStringSlice("author_users"), names: AuthorNames(x)}
	}
	return resubmission(m(r), m(other))
}
