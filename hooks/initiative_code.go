package hooks

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

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
// The codes it gives are the prefix and a number of at least three digits
// (%03d), so the highest such number is the greatest code of the greatest
// length: the first entry of idx_initiatives_round_code_number (round,
// length(code), code; given codes only) in that shape, not a pass over the
// round's codes. A code of another shape (the field takes any text: a
// superuser's "SK-2026-007b", "SK-2026-0050") is passed over: it sets no
// number, and no code in the shape given can equal it.
func nextCode(tx core.App, round *core.Record) (string, error) {
	prefix := codePrefix(round)
	from := len(prefix) + 1
	var last string
	err := tx.DB().NewQuery(
		"SELECT [[code]] FROM {{initiatives}} WHERE [[round]] = {:round} AND [[code]] != '' AND [[code]] LIKE {:like} " +
			"AND substr([[code]], {:from}) NOT GLOB '*[^0-9]*' AND length([[code]]) >= {:short} " +
			"AND (length([[code]]) = {:short} OR substr([[code]], {:from}, 1) != '0') " +
			"ORDER BY length([[code]]) DESC, [[code]] DESC LIMIT 1",
	).Bind(dbx.Params{"round": round.Id, "like": prefix + "%", "from": from, "short": from + 2}).Row(&last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	// digits alone past the prefix (the query's GLOB); none given yet: 0.
	n, _ := strconv.Atoi(strings.TrimPrefix(last, prefix))
	return fmt.Sprintf("%s%03d", prefix, n+1), nil
}
