package migrations_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
)

// An index made by the first search migration (a full-text table holding
// its texts and positions, a band table with two indexes) is made again
// compact on the next start, with every initiative in it.
func TestAnIndexOfTheFirstShapeIsRebuiltCompact(t *testing.T) {
	t.Parallel()
	app := appAt(t, "1765700000_create_mail_outbox.go")
	for _, sql := range []string{
		"DROP TABLE initiatives_fts",
		`CREATE VIRTUAL TABLE initiatives_fts USING fts5(code, title, authors, summary, body,
			tokenize = 'unicode61 remove_diacritics 0')`,
		"DROP TABLE initiative_lsh",
		"CREATE TABLE initiative_lsh (key INTEGER NOT NULL, doc INTEGER NOT NULL)",
		"CREATE INDEX idx_initiative_lsh_doc ON initiative_lsh (doc)",
		`INSERT INTO initiatives (id, code, title, summary, status)
			VALUES ('migrate00000001', 'SK-2026-001', 'Số hóa hồ sơ một cửa', 'Tra cứu hồ sơ trên điện thoại', 'submitted')`,
	} {
		if _, err := app.DB().NewQuery(sql).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	upAll(t, app)
	var ddl string
	_ = app.DB().NewQuery("SELECT sql FROM sqlite_master WHERE name = 'initiatives_fts'").Row(&ddl)
	if !strings.Contains(ddl, "detail = column") || !strings.Contains(ddl, "content = ''") {
		t.Errorf("the full-text table is still %s", ddl)
	}
	var found []string
	_ = app.DB().NewQuery(`SELECT x.initiative FROM initiative_index x JOIN initiatives_fts f ON f.rowid = x.doc
		WHERE initiatives_fts MATCH {:m}`).Bind(dbx.Params{"m": `"so" "hoa"`}).Column(&found)
	if len(found) != 1 || found[0] != "migrate00000001" {
		t.Errorf("\"so hoa\" finds %v, want the initiative", found)
	}
	var keys, indexes int
	_ = app.DB().NewQuery("SELECT COUNT(*) FROM initiative_lsh").Row(&keys)
	_ = app.DB().NewQuery("SELECT COUNT(*) FROM sqlite_master WHERE tbl_name = 'initiative_lsh' AND type = 'index'").Row(&indexes)
	if keys == 0 || indexes != 0 {
		t.Errorf("band table: %d keys, %d separate indexes; want its keys in its own b-tree", keys, indexes)
	}
}
