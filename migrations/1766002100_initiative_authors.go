package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration keeps, beside the initiatives, the table
// initiative_authors(user, initiative): one row for the owner and one for
// each linked author (author_users) of every initiative, keyed by the
// account first, so a person's own and co-authored initiatives are a seek
// (GET /api/reform/me/initiatives, hooks/initiative_mine.go) instead of a
// scan of every initiative's author list. SQLite's triggers on initiatives
// write it in the statement that changes the initiative, whoever changes
// it (the API, the hooks, a migration, SQL). It is no collection: nothing
// reads or writes it over REST, and which rows a person sees stays the
// initiatives' list rule's to say.

func init() {
	m.Register(createInitiativeAuthors, dropInitiativeAuthors)
}

// initiativeAuthorsOf selects the (user, initiative) rows of the
// initiative row r: its owner and each id of author_users (a JSON array as
// PocketBase stores it; a bare id is read as a list of one). r is NEW or
// OLD in a trigger (from ""), or the alias of the initiatives table from
// names ("initiatives AS i").
func initiativeAuthorsOf(r, from string) string {
	owner, authors := "", ""
	if from != "" {
		owner, authors = " FROM "+from, from+", "
	}
	return fmt.Sprintf(`SELECT %[1]s.owner, %[1]s.id%[2]s WHERE %[1]s.owner != ''
		UNION SELECT value, %[1]s.id FROM %[3]sjson_each(CASE WHEN json_valid(%[1]s.author_users) AND json_type(%[1]s.author_users) = 'array'
			THEN %[1]s.author_users ELSE json_array(%[1]s.author_users) END) WHERE value != ''`, r, owner, authors)
}

// initiativeAuthorsTriggers are the triggers that keep the table, by name.
// PocketBase's save sets every column: the update's rows are written again
// only when the owner or the author list changed.
var initiativeAuthorsTriggers = map[string]string{
	"initiative_authors_insert": `AFTER INSERT ON initiatives FOR EACH ROW BEGIN
		INSERT OR IGNORE INTO initiative_authors (user, initiative) ` + initiativeAuthorsOf("NEW", "") + `;
	END`,
	"initiative_authors_update": `AFTER UPDATE OF id, owner, author_users ON initiatives FOR EACH ROW
		WHEN OLD.id IS NOT NEW.id OR OLD.owner IS NOT NEW.owner OR OLD.author_users IS NOT NEW.author_users BEGIN
		DELETE FROM initiative_authors WHERE initiative = OLD.id;
		INSERT OR IGNORE INTO initiative_authors (user, initiative) ` + initiativeAuthorsOf("NEW", "") + `;
	END`,
	"initiative_authors_delete": `AFTER DELETE ON initiatives FOR EACH ROW BEGIN
		DELETE FROM initiative_authors WHERE initiative = OLD.id;
	END`,
}

// createInitiativeAuthors is the up migration: the table, its index by
// initiative (what the triggers delete by), the triggers, and the rows of
// the initiatives already there.
func createInitiativeAuthors(app core.App) error {
	stmts := []string{
		`CREATE TABLE IF NOT EXISTS initiative_authors (user TEXT NOT NULL, initiative TEXT NOT NULL,
			PRIMARY KEY (user, initiative)) WITHOUT ROWID`,
		`CREATE INDEX IF NOT EXISTS idx_initiative_authors_initiative ON initiative_authors (initiative)`,
	}
	for name, body := range initiativeAuthorsTriggers {
		stmts = append(stmts, "DROP TRIGGER IF EXISTS "+name, "CREATE TRIGGER "+name+" "+body)
	}
	stmts = append(stmts, `DELETE FROM initiative_authors`,
		"INSERT OR IGNORE INTO initiative_authors (user, initiative) "+initiativeAuthorsOf("i", "initiatives AS i"))
	for _, s := range stmts {
		if _, err := app.DB().NewQuery(s).Execute(); err != nil {
			return fmt.Errorf("initiative_authors: %w", err)
		}
	}
	return nil
}

// dropInitiativeAuthors is the down migration.
func dropInitiativeAuthors(app core.App) error {
	for name := range initiativeAuthorsTriggers {
		if _, err := app.DB().NewQuery("DROP TRIGGER IF EXISTS " + name).Execute(); err != nil {
			return fmt.Errorf("initiative_authors: %w", err)
		}
	}
	_, err := app.DB().NewQuery("DROP TABLE IF EXISTS initiative_authors").Execute()
	return err
}
