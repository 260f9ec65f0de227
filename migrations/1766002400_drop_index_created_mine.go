package migrations

import (
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration drops idx_initiatives_created_mine (created, owner,
// author_users, readers). It served the staff page's list (`owner = me ||
// author_users ~ me`, newest first), which now reads initiative_authors by
// its primary key (GET /api/reform/me/initiatives). No page's query reads
// it any more (EXPLAIN QUERY PLAN on the city's 20,019 initiatives): the
// staff route seeks initiative_authors and the initiatives by id, then
// sorts its rows; the council's queue (sort code, created) reads
// idx_initiatives_council_code. What still used it is the search index's
// rebuild (batches of 1,000 by created, id; a command, not a request),
// which now scans and sorts each batch: about 50 ms of SQLite's CPU a batch
// against 5 ms, one second over 20,000 initiatives. Each initiative's
// insert and each update of its owner, authors or reader list no longer
// writes that wide entry (the reader list repeated in a fourth index).

func init() {
	up, down := indexInitiatives("idx_initiatives_created_mine", "created, owner, author_users, readers")
	m.Register(down, up)
}
