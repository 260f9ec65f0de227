package searchindex

import (
	"sort"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/similar"
)

// Keep is how many similar initiatives an initiative keeps; Floor the
// percentage under which another initiative is not worth naming.
const (
	Keep  = 5
	Floor = 10
)

// Match is another initiative and how much of its text is the same.
type Match struct {
	ID      string `db:"other"`
	Percent int    `db:"similarity"`
}

// Compute compares the initiative id with every other non-draft initiative
// of the ward, all years, through the band keys (only the initiatives that
// share a band are read), and returns the Keep most similar, most similar
// first.
func Compute(app core.App, id string) ([]Match, error) {
	var own struct {
		Sig []byte `db:"sig"`
	}
	err := app.DB().NewQuery("SELECT sig FROM initiative_index WHERE initiative = {:id}").
		Bind(dbx.Params{"id": id}).One(&own)
	if err != nil {
		return nil, err
	}
	sig, ok := similar.FromBytes(own.Sig)
	if !ok {
		return nil, nil
	}
	keys := sig.BandKeys()
	if len(keys) == 0 {
		return []Match{}, nil
	}
	params := dbx.Params{"id": id}
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = "{:k" + itoa(i) + "}"
		params["k"+itoa(i)] = k
	}
	var rows []struct {
		ID  string `db:"initiative"`
		Sig []byte `db:"sig"`
	}
	err = app.DB().NewQuery(`SELECT x.initiative, x.sig FROM initiative_index x
		JOIN initiatives i ON i.id = x.initiative
		WHERE x.doc IN (SELECT DISTINCT doc FROM initiative_lsh WHERE key IN (` + strings.Join(names, ",") + `))
		AND x.initiative != {:id} AND i.status != 'draft'`).Bind(params).All(&rows)
	if err != nil {
		return nil, err
	}
	out := []Match{}
	for _, r := range rows {
		other, ok := similar.FromBytes(r.Sig)
		if !ok {
			continue
		}
		if p := similar.Percent(&sig, &other); p >= Floor {
			out = append(out, Match{ID: r.ID, Percent: p})
		}
	}
	sortMatches(out)
	if len(out) > Keep {
		out = out[:Keep]
	}
	return out, nil
}

// sortMatches orders matches most similar first, then by id.
func sortMatches(ms []Match) {
	sort.Slice(ms, func(a, b int) bool {
		if ms[a].Percent != ms[b].Percent {
			return ms[a].Percent > ms[b].Percent
		}
		return ms[a].ID < ms[b].ID
	})
}

// Stored returns the stored similar initiatives of id, most similar first;
// found is false when none were ever stored for it.
func Stored(app core.App, id string) (ms []Match, found bool, err error) {
	ms = []Match{}
	err = app.DB().NewQuery("SELECT other, similarity FROM initiative_similar WHERE initiative = {:id}").
		Bind(dbx.Params{"id": id}).All(&ms)
	if err != nil {
		return nil, false, err
	}
	found = len(ms) > 0
	out := ms[:0]
	for _, m := range ms {
		if m.ID != "" {
			out = append(out, m)
		}
	}
	sortMatches(out)
	return out, found, nil
}

// Store computes and keeps the similar initiatives of id, and adds id to
// the stored lists of the initiatives it resembles (at similar.Similar or
// more), so the earlier initiative also shows the later one. An empty
// result is kept as a row with no other, so Stored tells "none" from
// "never computed".
func Store(app core.App, id string) ([]Match, error) {
	ms, err := Compute(app, id)
	if err != nil {
		return nil, err
	}
	db := app.DB()
	if _, err := db.NewQuery("DELETE FROM initiative_similar WHERE initiative = {:id}").
		Bind(dbx.Params{"id": id}).Execute(); err != nil {
		return nil, err
	}
	put := func(a, b string, p int) error {
		_, err := db.NewQuery(`INSERT INTO initiative_similar (initiative, other, similarity)
			VALUES ({:a}, {:b}, {:p}) ON CONFLICT (initiative, other) DO UPDATE SET similarity = excluded.similarity`).
			Bind(dbx.Params{"a": a, "b": b, "p": p}).Execute()
		return err
	}
	if len(ms) == 0 {
		return ms, put(id, "", 0)
	}
	for _, m := range ms {
		if err := put(id, m.ID, m.Percent); err != nil {
			return nil, err
		}
		if m.Percent < similar.Similar {
			continue
		}
		if err := put(m.ID, id, m.Percent); err != nil {
			return nil, err
		}
		// the other keeps its Keep best.
		_, err := db.NewQuery(`DELETE FROM initiative_similar WHERE initiative = {:o} AND (other = '' OR other NOT IN
			(SELECT other FROM initiative_similar WHERE initiative = {:o} AND other != '' ORDER BY similarity DESC, other LIMIT 5))`).
			Bind(dbx.Params{"o": m.ID}).Execute()
		if err != nil {
			return nil, err
		}
	}
	return ms, nil
}
