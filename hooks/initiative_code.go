package hooks

import (
	"fmt"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// codePrefix is the start of every code of round's year: "SK-2026-".
func codePrefix(round *core.Record) string {
	return "SK-" + strconv.Itoa(round.GetInt("year")) + "-"
}

// nextCode returns the next free code of round, SK-YYYY-NNN with NNN one
// more than the highest code given in that round. Call it with the app of
// the transaction that saves the code: PocketBase runs one write
// transaction at a time, so concurrent submissions get consecutive codes,
// and the unique index on code refuses any duplicate that slips past.
func nextCode(tx core.App, round *core.Record) (string, error) {
	prefix := codePrefix(round)
	var last int
	err := tx.DB().NewQuery(
		"SELECT COALESCE(MAX(CAST(SUBSTR([[code]], {:from}) AS INTEGER)), 0) FROM {{initiatives}} " +
			"WHERE [[round]] = {:round} AND [[code]] LIKE {:like}",
	).Bind(dbx.Params{"from": len(prefix) + 1, "round": round.Id, "like": prefix + "%"}).Row(&last)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s%03d", prefix, last+1), nil
}
