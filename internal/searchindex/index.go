// Package searchindex keeps the folded copy of every initiative's text that
// search and the near-duplicate check read: a full-text table (SQLite FTS5)
// over the folded code, title, authors' names, summary and the rest of the
// form's description, and the MinHash signature with its band keys. The
// tables are plain SQLite tables, not collections: the REST API and client
// filters cannot reach them; every answer built from them goes through the
// initiatives' own rules.
package searchindex

import (
	"encoding/json"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/fold"
	"sangkien/internal/similar"
)

// tables are the index's tables. initiative_index maps an initiative to an
// integer document number (the FTS rowid) and holds its signature;
// initiative_lsh holds the signature's band keys; initiative_similar the
// five most similar initiatives found when it was submitted.
var tables = []string{
	`CREATE TABLE IF NOT EXISTS initiative_index (
		doc INTEGER PRIMARY KEY AUTOINCREMENT,
		initiative TEXT NOT NULL UNIQUE,
		sig BLOB NOT NULL
	)`,
	`CREATE VIRTUAL TABLE IF NOT EXISTS initiatives_fts USING fts5(
		code, title, authors, summary, body,
		tokenize = 'unicode61 remove_diacritics 0'
	)`,
	`CREATE TABLE IF NOT EXISTS initiative_lsh (
		key INTEGER NOT NULL,
		doc INTEGER NOT NULL
	)`,
	`CREATE INDEX IF NOT EXISTS idx_initiative_lsh_key ON initiative_lsh (key)`,
	`CREATE INDEX IF NOT EXISTS idx_initiative_lsh_doc ON initiative_lsh (doc)`,
	`CREATE TABLE IF NOT EXISTS initiative_similar (
		initiative TEXT NOT NULL,
		other TEXT NOT NULL,
		similarity INTEGER NOT NULL,
		PRIMARY KEY (initiative, other)
	) WITHOUT ROWID`,
	`CREATE INDEX IF NOT EXISTS idx_initiative_similar_other ON initiative_similar (other)`,
}

// CreateTables makes the index's tables when they are missing.
func CreateTables(app core.App) error {
	for _, sql := range tables {
		if _, err := app.DB().NewQuery(sql).Execute(); err != nil {
			return err
		}
	}
	return nil
}

// DropTables removes the index's tables.
func DropTables(app core.App) error {
	for _, t := range []string{"initiative_similar", "initiative_lsh", "initiatives_fts", "initiative_index"} {
		if _, err := app.DB().NewQuery("DROP TABLE IF EXISTS " + t).Execute(); err != nil {
			return err
		}
	}
	return nil
}

// TextFields are the initiative's fields the index reads; a save that
// changes none of them leaves the index as it is.
var TextFields = []string{"code", "title", "authors", "summary", "solution", "novelty"}

// AuthorNames returns the authors' names of an initiative record.
func AuthorNames(r *core.Record) []string {
	var authors []struct {
		Name string `json:"name"`
	}
	raw, _ := json.Marshal(r.Get("authors"))
	_ = json.Unmarshal(raw, &authors)
	names := make([]string, 0, len(authors))
	for _, a := range authors {
		if n := strings.TrimSpace(a.Name); n != "" {
			names = append(names, n)
		}
	}
	return names
}

// SimilarityText is the text the near-duplicate check compares.
func SimilarityText(r *core.Record) string {
	return strings.Join([]string{r.GetString("title"), r.GetString("summary"),
		r.GetString("solution"), r.GetString("novelty")}, "\n")
}

// codeText is the folded code as the index holds it: its parts and the
// parts run together, so "sk 2026 007" and "sk2026007" both match.
func codeText(code string) string {
	f := fold.Fold(code)
	if c, ok := fold.Code(code); ok {
		return f + " " + c
	}
	return f
}

// Put writes the initiative r into the index (a new entry or a
// replacement), on app: inside the caller's transaction when app is one.
func Put(app core.App, r *core.Record) error {
	sig := similar.Sign(SimilarityText(r))
	db := app.DB()
	var doc int64
	err := db.NewQuery(`INSERT INTO initiative_index (initiative, sig) VALUES ({:id}, {:sig})
		ON CONFLICT (initiative) DO UPDATE SET sig = excluded.sig RETURNING doc`).
		Bind(dbx.Params{"id": r.Id, "sig": sig.Bytes()}).Row(&doc)
	if err != nil {
		return err
	}
	p := dbx.Params{"doc": doc}
	if _, err := db.NewQuery("DELETE FROM initiatives_fts WHERE rowid = {:doc}").Bind(p).Execute(); err != nil {
		return err
	}
	if _, err := db.NewQuery("DELETE FROM initiative_lsh WHERE doc = {:doc}").Bind(p).Execute(); err != nil {
		return err
	}
	_, err = db.NewQuery(`INSERT INTO initiatives_fts (rowid, code, title, authors, summary, body)
		VALUES ({:doc}, {:code}, {:title}, {:authors}, {:summary}, {:body})`).Bind(dbx.Params{
		"doc":     doc,
		"code":    codeText(r.GetString("code")),
		"title":   fold.Fold(r.GetString("title")),
		"authors": fold.Fold(strings.Join(AuthorNames(r), "; ")),
		"summary": fold.Fold(r.GetString("summary")),
		"body":    fold.Fold(r.GetString("solution") + "\n" + r.GetString("novelty")),
	}).Execute()
	if err != nil {
		return err
	}
	keys := sig.BandKeys()
	if len(keys) == 0 {
		return nil
	}
	var sb strings.Builder
	sb.WriteString("INSERT INTO initiative_lsh (key, doc) VALUES ")
	params := dbx.Params{"doc": doc}
	for i, k := range keys {
		if i > 0 {
			sb.WriteByte(',')
		}
		name := "k" + itoa(i)
		sb.WriteString("({:" + name + "}, {:doc})")
		params[name] = k
	}
	_, err = db.NewQuery(sb.String()).Bind(params).Execute()
	return err
}

// itoa formats a small non-negative int.
func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// Remove takes the initiative id out of the index and out of every stored
// list of similar initiatives.
func Remove(app core.App, id string) error {
	db := app.DB()
	p := dbx.Params{"id": id}
	stmts := []string{
		"DELETE FROM initiatives_fts WHERE rowid IN (SELECT doc FROM initiative_index WHERE initiative = {:id})",
		"DELETE FROM initiative_lsh WHERE doc IN (SELECT doc FROM initiative_index WHERE initiative = {:id})",
		"DELETE FROM initiative_index WHERE initiative = {:id}",
		"DELETE FROM initiative_similar WHERE initiative = {:id} OR other = {:id}",
	}
	for _, s := range stmts {
		if _, err := db.NewQuery(s).Bind(p).Execute(); err != nil {
			return err
		}
	}
	return nil
}

// Rebuild empties the index and writes every initiative into it again,
// in one transaction; it returns how many it wrote. The stored lists of
// similar initiatives are kept.
func Rebuild(app core.App) (int, error) {
	n := 0
	err := app.RunInTransaction(func(tx core.App) error {
		for _, s := range []string{"DELETE FROM initiatives_fts", "DELETE FROM initiative_lsh", "DELETE FROM initiative_index"} {
			if _, err := tx.DB().NewQuery(s).Execute(); err != nil {
				return err
			}
		}
		const batch = 1000
		for offset := 0; ; offset += batch {
			var recs []*core.Record
			err := tx.RecordQuery("initiatives").OrderBy("id").Limit(batch).Offset(int64(offset)).All(&recs)
			if err != nil {
				return err
			}
			for _, r := range recs {
				if err := Put(tx, r); err != nil {
					return err
				}
			}
			n += len(recs)
			if len(recs) < batch {
				return nil
			}
		}
	})
	return n, err
}
