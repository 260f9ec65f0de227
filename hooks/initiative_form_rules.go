package hooks

import (
	"math"
	"strconv"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
	"sangkien/internal/nd30"
)

// roundFormProblems lists what the round's own form rules refuse in r at
// submission, now (0 in a rule means none): a first application more than
// first_applied_max_days days before today (first_applied_too_old), an
// author's share under min_author_share percent (author_share_too_small).
func roundFormProblems(r, round *core.Record, now time.Time) validation.Errors {
	errs := validation.Errors{}
	year := strconv.Itoa(round.GetInt("year"))
	if max := round.GetInt("first_applied_max_days"); max > 0 {
		if first := r.GetDateTime("first_applied"); !first.IsZero() && daysBetween(first.Time(), now) > max {
			errs["first_applied"] = fieldError("first_applied_too_old", "", "date", clock.FormatDate(first.Time()),
				"days", strconv.Itoa(max), "year", year)
		}
	}
	if min := round.GetFloat("min_author_share"); min > 0 {
		authors, _ := readAuthors(r)
		for i, a := range authors {
			if share, ok := authorShare(a); ok && share < min-1e-9 {
				errs["authors"] = fieldError("author_share_too_small", "", "n", strconv.Itoa(i+1),
					"share", nd30.Decimal(share), "min", nd30.Decimal(min), "year", year)
				break
			}
		}
	}
	return errs
}

// daysBetween is the number of calendar days, in the ward's zone, from
// the day of a to the day of b.
func daysBetween(a, b time.Time) int {
	da := time.Date(a.In(clock.Zone).Year(), a.In(clock.Zone).Month(), a.In(clock.Zone).Day(), 0, 0, 0, 0, time.UTC)
	db := time.Date(b.In(clock.Zone).Year(), b.In(clock.Zone).Month(), b.In(clock.Zone).Day(), 0, 0, 0, 0, time.UTC)
	return int(math.Round(db.Sub(da).Hours() / 24))
}
