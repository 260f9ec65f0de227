// Package searchindex keeps the folded copy of every initiative's text that
// search and the near-duplicate check read: a full-text table (SQLite FTS5)
// over the folded code, title, authors' names, summary and the rest of the
// form's description, and the MinHash signature with its band keys. The
// tables are plain SQLite tables, not collections: the REST API and client
// filters cannot reach them; every answer built from them goes through the
// initiatives' own rules.
package searchindex

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/fold"
	"sangkien/internal/similar"
	"sangkien/internal/vocab"
)

// tables are the index's tables. initiative_index maps an initiative to an
// integer document number (the FTS rowid) and holds its signature;
// initiatives_fts holds the folded words only (contentless: the texts are
// the initiatives' own; per column, without positions, since every query
// is a conjunction of single words; with the prefixes of one to three
// letters indexed, so a query's last word read as a prefix is one lookup);
// initiative_lsh holds the band keys of the signatures of non-draft
// initiatives, one b-tree keyed by (key, doc); initiative_similar the five most similar initiatives found
// when it was submitted.
var tables = []string{
	`CREATE TABLE IF NOT EXISTS initiative_index (
		doc INTEGER PRIMARY KEY AUTOINCREMENT,
		initiative TEXT NOT NULL UNIQUE,
		sig BLOB NOT NULL
	)`,
	`CREATE VIRTUAL TABLE IF NOT EXISTS initiatives_fts USING fts5(
		code, title, authors, summary, body,
		tokenize = 'unicode61 remove_diacritics 0',
		` + ftsOptions + `
	)`,
	`CREATE TABLE IF NOT EXISTS initiative_lsh (
		key INTEGER NOT NULL,
		doc INTEGER NOT NULL,
		PRIMARY KEY (key, doc)
	) WITHOUT ROWID`,
	`CREATE TABLE IF NOT EXISTS initiative_similar (
		initiative TEXT NOT NULL,
		other TEXT NOT NULL,
		similarity INTEGER NOT NULL,
		PRIMARY KEY (initiative, other)
	) WITHOUT ROWID`,
	`CREATE INDEX IF NOT EXISTS idx_initiative_similar_other ON initiative_similar (other)`,
	queueTable,
}

// ftsOptions are the full-text table's storage options; an index whose
// table was made without them is rebuilt by a migration.
const ftsOptions = "content = '', contentless_delete = 1, detail = column, prefix = '1 2 3'"

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
	for _, t := range []string{"initiative_index_queue", "initiative_similar", "initiative_lsh", "initiatives_fts", "initiative_index"} {
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
	if err := unindexID(app, r.Id); err != nil {
		return err
	}
	return insert(app, r)
}

// insert writes the entry of an initiative that has none.
func insert(app core.App, r *core.Record) error {
	doc, err := insertEntry(app, r)
	if err != nil {
		return err
	}
	return insertText(app, doc, r)
}

// insertEntry writes r's document number, signature and, unless r is a
// draft, its band keys, and returns the number. A draft's keys would only
// be read to be dropped: the near-duplicate check compares with non-draft
// initiatives only (Compute), and a draft's own check reads its signature.
func insertEntry(app core.App, r *core.Record) (int64, error) {
	sig := similar.Sign(SimilarityText(r))
	db := app.DB()
	var doc int64
	err := db.NewQuery(`INSERT INTO initiative_index (initiative, sig) VALUES ({:id}, {:sig})
		ON CONFLICT (initiative) DO UPDATE SET sig = excluded.sig RETURNING doc`).
		Bind(dbx.Params{"id": r.Id, "sig": sig.Bytes()}).Row(&doc)
	if err != nil {
		return 0, err
	}
	keys := sig.BandKeys()
	if len(keys) == 0 || r.GetString("status") == vocab.Draft {
		return doc, nil
	}
	_, err = db.NewQuery("INSERT OR IGNORE INTO initiative_lsh (key, doc) VALUES " + keyRows(keys, "({:k%d}, {:doc})")).
		Bind(keyParams(keys, dbx.Params{"doc": doc})).Execute()
	return doc, err
}

// insertText writes r's folded text as document doc of the full-text
// table.
func insertText(app core.App, doc int64, r *core.Record) error {
	_, err := app.DB().NewQuery(`INSERT INTO initiatives_fts (rowid, code, title, authors, summary, body)
		VALUES ({:doc}, {:code}, {:title}, {:authors}, {:summary}, {:body})`).Bind(dbx.Params{
		"doc":     doc,
		"code":    codeText(r.GetString("code")),
		"title":   fold.Fold(r.GetString("title")),
		"authors": fold.Fold(strings.Join(AuthorNames(r), "; ")),
		"summary": fold.Fold(r.GetString("summary")),
		"body":    fold.Fold(r.GetString("solution") + "\n" + r.GetString("novelty")),
	}).Execute()
	return err
}

// unindexID takes the initiative id, when it has an entry, out of the
// full-text and band tables.
func unindexID(app core.App, id string) error {
	var old struct {
		Doc int64  `db:"doc"`
		Sig []byte `db:"sig"`
	}
	err := app.DB().NewQuery("SELECT doc, sig FROM initiative_index WHERE initiative = {:id}").
		Bind(dbx.Params{"id": id}).One(&old)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && old.Doc == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	return unindex(app, old.Doc, old.Sig)
}

// unindex takes document doc, whose stored signature is sig, out of the
// full-text and band tables.
func unindex(app core.App, doc int64, sig []byte) error {
	db := app.DB()
	if _, err := db.NewQuery("DELETE FROM initiatives_fts WHERE rowid = {:doc}").Bind(dbx.Params{"doc": doc}).Execute(); err != nil {
		return err
	}
	s, ok := similar.FromBytes(sig)
	keys := s.BandKeys()
	if !ok || len(keys) == 0 {
		return nil
	}
	_, err := db.NewQuery("DELETE FROM initiative_lsh WHERE doc = {:doc} AND key IN (" + keyRows(keys, "{:k%d}") + ")").
		Bind(keyParams(keys, dbx.Params{"doc": doc})).Execute()
	return err
}

// keyRows repeats format (holding one %d, the key's number) once per key,
// comma separated.
func keyRows(keys []int64, format string) string {
	parts := make([]string, len(keys))
	for i := range keys {
		parts[i] = fmt.Sprintf(format, i)
	}
	return strings.Join(parts, ",")
}

// keyParams adds the keys to params as k0, k1, ….
func keyParams(keys []int64, params dbx.Params) dbx.Params {
	for i, k := range keys {
		params[fmt.Sprintf("k%d", i)] = k
	}
	return params
}

// Remove takes the initiative id out of the index, the queue and every
// stored list of similar initiatives.
func Remove(app core.App, id string) error {
	if err := unindexID(app, id); err != nil {
		return err
	}
	p := dbx.Params{"id": id}
	for _, s := range []string{
		"DELETE FROM initiative_index WHERE initiative = {:id}",
		"DELETE FROM initiative_index_queue WHERE initiative = {:id}",
		"DELETE FROM initiative_similar WHERE initiative = {:id} OR other = {:id}",
	} {
		if _, err := app.DB().NewQuery(s).Bind(p).Execute(); err != nil {
			return err
		}
	}
	return nil
}

// RebuildCacheKiB is the page cache of a rebuild's connection while it
// runs: the band table of 50,000 initiatives is about 70 MB.
const RebuildCacheKiB = 64 << 10

// Rebuild empties the index and its queue and writes every initiative
// into it again, in one transaction; it returns how many it wrote. The
// stored lists of similar initiatives are kept.
func Rebuild(app core.App) (int, error) {
	n := 0
	err := app.RunInTransaction(func(tx core.App) error {
		// the transaction's own page cache is made large enough for the
		// band table's b-tree while it runs: with the server's small cache,
		// a third of a rebuild went to writing dirty pages out to the WAL
		// and reading them back.
		var cache int
		if err := tx.DB().NewQuery("PRAGMA cache_size").Row(&cache); err != nil {
			return err
		}
		defer tx.DB().NewQuery("PRAGMA cache_size = " + strconv.Itoa(cache)).Execute()
		if _, err := tx.DB().NewQuery("PRAGMA cache_size = " + strconv.Itoa(-RebuildCacheKiB)).Execute(); err != nil {
			return err
		}
		for _, s := range []string{"INSERT INTO initiatives_fts (initiatives_fts) VALUES ('delete-all')",
			"DELETE FROM initiative_lsh", "DELETE FROM initiative_index", "DELETE FROM initiative_index_queue"} {
			if _, err := tx.DB().NewQuery(s).Execute(); err != nil {
				return err
			}
		}
		// oldest first: the document numbers follow the order the
		// initiatives were written, which a broad search shows newest first.
		// Read in batches after the last one read (not by OFFSET, which
		// would sort and skip every earlier row again).
		const batch = 1000
		lastCreated, lastID := "", ""
		for {
			var recs []*core.Record
			err := tx.RecordQuery("initiatives").
				AndWhere(dbx.NewExp("[[created]] > {:c} OR ([[created]] = {:c} AND [[id]] > {:id})", dbx.Params{"c": lastCreated, "id": lastID})).
				OrderBy("created", "id").Limit(batch).All(&recs)
			if err != nil {
				return err
			}
			// the batch's texts go in after its other rows: a statement on
			// another table between two full-text inserts makes FTS5 write
			// its pending terms out as a segment of one document (the
			// merging of those took half of a rebuild).
			docs := make([]int64, len(recs))
			for i, r := range recs {
				if docs[i], err = insertEntry(tx, r); err != nil {
					return err
				}
			}
			for i, r := range recs {
				if err := insertText(tx, docs[i], r); err != nil {
					return err
				}
			}
			n += len(recs)
			if len(recs) < batch {
				return nil
			}
			last := recs[len(recs)-1]
			lastCreated, lastID = last.GetString("created"), last.Id
		}
	})
	return n, err
}
