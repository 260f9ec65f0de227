package searchindex

import (
	"sort"

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

// Candidates is how many other initiatives a check compares signatures
// with: those that share the most band keys with it.
const Candidates = 100

// Compute compares the initiative id with every other non-draft initiative
// of the ward, all years, through the band keys: the Candidates initiatives
// that share the most keys with it (counted in the band table's own index)
// are compared signature to signature, and the Keep most similar are
// returned, most similar first. Two texts whose signatures agree on a share
// J of their values share about Bands·J² keys (J = 0.54, a Dice of 70%:
// about 19 of 64), so a near-duplicate is always among the first; texts
// that share one key by chance are the ones left out.
func Compute(app core.App, id string) ([]Match, error) {
	var own struct {
		Doc int64  `db:"doc"`
		Sig []byte `db:"sig"`
	}
	err := app.DB().NewQuery("SELECT doc, sig FROM initiative_index WHERE initiative = {:id}").
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
	var rows []struct {
		ID  string `db:"initiative"`
		Sig []byte `db:"sig"`
	}
	err = app.DB().NewQuery(`SELECT x.initiative, x.sig FROM (
			SELECT l.doc, COUNT(*) AS hits FROM initiative_lsh l
			WHERE l.key IN (` + keyRows(keys, "{:k%d}") + `) AND l.doc != {:doc}
			GROUP BY l.doc ORDER BY hits DESC, l.doc DESC LIMIT {:limit}
		) c
		JOIN initiative_index x ON x.doc = c.doc
		JOIN initiatives i ON i.id = x.initiative
		WHERE i.status != 'draft'`).
		Bind(keyParams(keys, dbx.Params{"doc": own.Doc, "limit": Candidates})).All(&rows)
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
	return ms, KeepMatches(app, id, ms)
}

// KeepMatches keeps ms as the similar initiatives of id, and adds id to
// the stored lists of the initiatives it resembles (see Store).
func KeepMatches(app core.App, id string, ms []Match) error {
	db := app.DB()
	if _, err := db.NewQuery("DELETE FROM initiative_similar WHERE initiative = {:id}").
		Bind(dbx.Params{"id": id}).Execute(); err != nil {
		return err
	}
	put := func(a, b string, p int) error {
		_, err := db.NewQuery(`INSERT INTO initiative_similar (initiative, other, similarity)
			VALUES ({:a}, {:b}, {:p}) ON CONFLICT (initiative, other) DO UPDATE SET similarity = excluded.similarity`).
			Bind(dbx.Params{"a": a, "b": b, "p": p}).Execute()
		return err
	}
	if len(ms) == 0 {
		return put(id, "", 0)
	}
	for _, m := range ms {
		if err := put(id, m.ID, m.Percent); err != nil {
			return err
		}
		if m.Percent < similar.Similar {
			continue
		}
		if err := put(m.ID, id, m.Percent); err != nil {
			return err
		}
		// the other keeps its Keep best.
		_, err := db.NewQuery(`DELETE FROM initiative_similar WHERE initiative = {:o} AND (other = '' OR other NOT IN
			(SELECT other FROM initiative_similar WHERE initiative = {:o} AND other != '' ORDER BY similarity DESC, other LIMIT 5))`).
			Bind(dbx.Params{"o": m.ID}).Execute()
		if err != nil {
			return err
		}
	}
	return nil
}
