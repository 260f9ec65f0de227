package migrations

import (
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"sangkien/internal/vocab"
)

// This migration keeps, beside the initiatives, two tables of counts:
// initiative_counts(round, council, status, n, late), how many
// initiatives each round, council ('' for none) and status hold and how
// many of them are late; and council_sheet_counts(council, member, n), how
// many sheets each member has submitted on the initiatives of each
// council. The chairman's round counts, the council member's queue and
// the secretariat's council page read a few of their rows instead of
// counting thousands of initiatives (hooks/round_counts.go,
// hooks/council_queue.go), when the caller's list rule admits every row
// counted. SQLite's triggers on initiatives and scores write them in the
// statement that changes the row, whoever changes it (the API, the hooks,
// a batch, the dashboard, SQL); a table holds no row with n = 0. They are
// no collection: nothing reads or writes them over REST.

func init() {
	m.Register(createInitiativeCounts, dropInitiativeCounts)
}

// countsVocabulary writes into the triggers' SQL the words it names.
var countsVocabulary = strings.NewReplacer("{submitted}", "'"+vocab.SheetSubmitted+"'").Replace

// initiativeCountsAdd counts the initiative row r (NEW or OLD) sign (+1
// or -1) times in initiative_counts and its submitted sheets in
// council_sheet_counts, dropping the rows it empties.
func initiativeCountsAdd(r, sign string) string {
	return fmt.Sprintf(`
		INSERT INTO initiative_counts (round, council, status, n, late)
			VALUES (COALESCE(%[1]s.round, ''), COALESCE(%[1]s.council, ''), COALESCE(%[1]s.status, ''), %[2]s, %[2]s * COALESCE(%[1]s.late, 0))
			ON CONFLICT (round, status, council) DO UPDATE SET n = n + excluded.n, late = late + excluded.late;
		DELETE FROM initiative_counts WHERE round = COALESCE(%[1]s.round, '') AND council = COALESCE(%[1]s.council, '')
			AND status = COALESCE(%[1]s.status, '') AND n = 0;`, r, sign) + sheetCountsAdd(r+".council",
		"FROM scores s WHERE s.initiative = "+r+".id AND s.status = {submitted}", sign)
}

// sheetCountsAdd counts sign times, in council_sheet_counts on the council
// council (an SQL expression; none when ''), the sheets s of from (FROM …
// WHERE …) for their member.
func sheetCountsAdd(council, from, sign string) string {
	return fmt.Sprintf(`
		INSERT INTO council_sheet_counts (council, member, n) SELECT %[1]s, s.member, %[3]s %[2]s AND %[1]s != ''
			ON CONFLICT (council, member) DO UPDATE SET n = n + excluded.n;
		DELETE FROM council_sheet_counts WHERE council = %[1]s AND n = 0;`, council, from, sign)
}

// sheetOf counts the sheet row r (NEW or OLD) sign times on its
// initiative's council when it is submitted.
func sheetOf(r, sign string) string {
	return sheetCountsAdd("(SELECT i.council FROM initiatives i WHERE i.id = "+r+".initiative)",
		"FROM (SELECT "+r+".member AS member) s WHERE "+r+".status = {submitted}", sign)
}

// initiativeCountsTriggers are the triggers that keep the tables, by name.
// PocketBase's save sets every column: an update moves its counts only
// when what they are kept by changed.
var initiativeCountsTriggers = map[string]string{
	"initiative_counts_insert": `AFTER INSERT ON initiatives FOR EACH ROW BEGIN` + initiativeCountsAdd("NEW", "1") + `
	END`,
	"initiative_counts_update": `AFTER UPDATE OF id, round, council, status, late ON initiatives FOR EACH ROW
		WHEN OLD.id IS NOT NEW.id OR OLD.round IS NOT NEW.round OR OLD.council IS NOT NEW.council
			OR OLD.status IS NOT NEW.status OR OLD.late IS NOT NEW.late BEGIN` +
		initiativeCountsAdd("OLD", "-1") + initiativeCountsAdd("NEW", "1") + `
	END`,
	"initiative_counts_delete": `AFTER DELETE ON initiatives FOR EACH ROW BEGIN` + initiativeCountsAdd("OLD", "-1") + `
	END`,
	"council_sheet_counts_insert": `AFTER INSERT ON scores FOR EACH ROW BEGIN` + sheetOf("NEW", "1") + `
	END`,
	"council_sheet_counts_update": `AFTER UPDATE OF initiative, member, status ON scores FOR EACH ROW
		WHEN OLD.initiative IS NOT NEW.initiative OR OLD.member IS NOT NEW.member OR OLD.status IS NOT NEW.status BEGIN` +
		sheetOf("OLD", "-1") + sheetOf("NEW", "1") + `
	END`,
	"council_sheet_counts_delete": `AFTER DELETE ON scores FOR EACH ROW BEGIN` + sheetOf("OLD", "-1") + `
	END`,
}

// createInitiativeCounts is the up migration: the tables, the index of
// the counts by council (the queue's), the triggers, and the counts of
// the rows already there.
func createInitiativeCounts(app core.App) error {
	stmts := []string{
		`CREATE TABLE IF NOT EXISTS initiative_counts (round TEXT NOT NULL, council TEXT NOT NULL, status TEXT NOT NULL,
			n INTEGER NOT NULL, late INTEGER NOT NULL, PRIMARY KEY (round, status, council)) WITHOUT ROWID`,
		`CREATE INDEX IF NOT EXISTS idx_initiative_counts_council ON initiative_counts (council)`,
		`CREATE TABLE IF NOT EXISTS council_sheet_counts (council TEXT NOT NULL, member TEXT NOT NULL,
			n INTEGER NOT NULL, PRIMARY KEY (council, member)) WITHOUT ROWID`,
	}
	for name, body := range initiativeCountsTriggers {
		stmts = append(stmts, "DROP TRIGGER IF EXISTS "+name, "CREATE TRIGGER "+name+" "+countsVocabulary(body))
	}
	stmts = append(stmts, `DELETE FROM initiative_counts`, `DELETE FROM council_sheet_counts`,
		`INSERT INTO initiative_counts (round, council, status, n, late)
			SELECT COALESCE(round, ''), COALESCE(council, ''), COALESCE(status, ''), COUNT(*), SUM(COALESCE(late, 0))
			FROM initiatives GROUP BY 1, 3, 2`,
		countsVocabulary(`INSERT INTO council_sheet_counts (council, member, n)
			SELECT i.council, s.member, COUNT(*) FROM scores s JOIN initiatives i ON i.id = s.initiative
			WHERE i.council != '' AND s.status = {submitted} GROUP BY 1, 2`))
	for _, s := range stmts {
		if _, err := app.DB().NewQuery(s).Execute(); err != nil {
			return fmt.Errorf("initiative_counts: %w", err)
		}
	}
	return nil
}

// dropInitiativeCounts is the down migration.
func dropInitiativeCounts(app core.App) error {
	for name := range initiativeCountsTriggers {
		if _, err := app.DB().NewQuery("DROP TRIGGER IF EXISTS " + name).Execute(); err != nil {
			return fmt.Errorf("initiative_counts: %w", err)
		}
	}
	for _, t := range []string{"initiative_counts", "council_sheet_counts"} {
		if _, err := app.DB().NewQuery("DROP TABLE IF EXISTS " + t).Execute(); err != nil {
			return fmt.Errorf("initiative_counts: %w", err)
		}
	}
	return nil
}
