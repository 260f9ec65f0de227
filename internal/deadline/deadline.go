// Package deadline knows when submissions close for a unit (hạn nộp): the
// round's submission deadline, or the unit's extension (gia hạn) when it
// is later; whether that moment has passed; and whether an initiative
// reached the ward late. Deadlines are instants: the server's own time
// zone plays no part.
package deadline

import (
	"database/sql"
	"errors"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// later returns the deadline that holds when round's deadline is base and
// the unit has an extension until until: until if it is later than base
// (extended is then true), else base. An extension never shortens.
func later(base, until time.Time) (deadline time.Time, extended bool) {
	if until.After(base) {
		return until, true
	}
	return base, false
}

// Unit returns when submissions close for the unit unitID in round, and
// whether that is the unit's extension.
func Unit(app core.App, round *core.Record, unitID string) (deadline time.Time, extended bool, err error) {
	base := round.GetDateTime("submission_deadline").Time()
	ext, err := app.FindFirstRecordByFilter("extensions", "round = {:round} && unit = {:unit}",
		dbx.Params{"round": round.Id, "unit": unitID})
	if errors.Is(err, sql.ErrNoRows) {
		return base, false, nil
	}
	if err != nil {
		return base, false, err
	}
	deadline, extended = later(base, ext.GetDateTime("until").Time())
	return deadline, extended, nil
}

// Extended returns the submission deadline of every unit of round whose
// extension moves it; units missing from the map keep the round's deadline.
func Extended(app core.App, round *core.Record) (map[string]time.Time, error) {
	exts, err := app.FindRecordsByFilter("extensions", "round = {:round}", "", 0, 0, dbx.Params{"round": round.Id})
	if err != nil {
		return nil, err
	}
	base := round.GetDateTime("submission_deadline").Time()
	out := map[string]time.Time{}
	for _, x := range exts {
		if d, extended := later(base, x.GetDateTime("until").Time()); extended {
			out[x.GetString("unit")] = d
		}
	}
	return out, nil
}

// Passed reports whether deadline has passed at now (the app's clock).
// "Trước ngày 25/9" is 25/9 00:00: at that very instant it has passed.
func Passed(now, deadline time.Time) bool {
	return !now.Before(deadline)
}

// SubmittedLate reports whether initiative r reached the ward after
// deadline: it is marked late, or the time its unit sent it (SentAt) is
// not before the deadline (an endorsement after it, a deadline moved
// earlier, an extension withdrawn, an import).
func SubmittedLate(r *core.Record, deadline time.Time) bool {
	if r.GetBool("late") {
		return true
	}
	at := SentAt(r)
	return !at.IsZero() && !at.Before(deadline)
}

// SentAt is when initiative r's unit sent it to the ward: the unit head's
// endorsement (endorsed_at); for one not endorsed yet, or endorsed before
// that time was recorded, its submission time. Zero when neither is set.
func SentAt(r *core.Record) time.Time {
	if at := r.GetDateTime("endorsed_at"); !at.IsZero() {
		return at.Time()
	}
	return r.GetDateTime("submitted_at").Time()
}
