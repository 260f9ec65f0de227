package hooks

import (
	"database/sql"
	"errors"
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"sangkien/internal/clock"
)

// submissionDeadline returns when submissions close for the unit unitID in
// round: the round's submission_deadline, or the unit's extension for that
// round when it is later (extended is then true). Deadlines are instants;
// the server's own time zone plays no part.
func submissionDeadline(app core.App, round *core.Record, unitID string) (deadline time.Time, extended bool, err error) {
	deadline = round.GetDateTime("submission_deadline").Time()
	ext, err := app.FindFirstRecordByFilter("extensions", "round = {:round} && unit = {:unit}",
		dbx.Params{"round": round.Id, "unit": unitID})
	if errors.Is(err, sql.ErrNoRows) {
		return deadline, false, nil
	}
	if err != nil {
		return deadline, false, err
	}
	if until := ext.GetDateTime("until").Time(); until.After(deadline) {
		return until, true, nil
	}
	return deadline, false, nil
}

// unitDeadlines returns the submission deadline of every unit of round that
// has an extension; units missing from the map keep the round's deadline.
func unitDeadlines(app core.App, round *core.Record) (map[string]time.Time, error) {
	exts, err := app.FindRecordsByFilter("extensions", "round = {:round}", "", 0, 0, dbx.Params{"round": round.Id})
	if err != nil {
		return nil, err
	}
	base := round.GetDateTime("submission_deadline").Time()
	out := map[string]time.Time{}
	for _, x := range exts {
		if until := x.GetDateTime("until").Time(); until.After(base) {
			out[x.GetString("unit")] = until
		}
	}
	return out, nil
}

// passed reports whether deadline has passed by the server's clock. "Trước
// ngày 25/9" is 25/9 00:00: at that very instant it has passed.
func passed(deadline time.Time) bool {
	return !clock.Now().Before(deadline)
}

// submittedLate reports whether initiative r reached the ward after
// deadline: it is marked late, or its submission time is not before the
// deadline (a deadline moved earlier, an extension withdrawn, an import).
func submittedLate(r *core.Record, deadline time.Time) bool {
	if r.GetBool("late") {
		return true
	}
	at := r.GetDateTime("submitted_at")
	return !at.IsZero() && !at.Time().Before(deadline)
}

// deadlinePassed is the 400 deadline_passed error showing deadline as
// dd/mm/yyyy HH:mm in Asia/Ho_Chi_Minh.
func deadlinePassed(deadline time.Time) *router.ApiError {
	return badRequest("deadline", "deadline_passed", "deadline", clock.FormatDateTime(deadline))
}

// lateNeedsConsent is the 400 deadline_passed error of accepting a late
// initiative without {"late_ok": true}: same code, a message that says how
// to accept it anyway.
func lateNeedsConsent(deadline time.Time) *router.ApiError {
	return failKey(http.StatusBadRequest, "deadline", "deadline_passed", "error.deadline_passed_accept",
		"deadline", clock.FormatDateTime(deadline))
}

// guardReturnedEditDeadline refuses, with 400 deadline_passed, a CRUD edit
// of a returned initiative once its unit's submission deadline has passed:
// it could not be re-submitted anyway. Drafts stay editable.
func guardReturnedEditDeadline(e *core.RecordRequestEvent) error {
	orig := e.Record.Original()
	if e.HasSuperuserAuth() || orig.GetString("status") != "returned" {
		return e.Next()
	}
	round, err := e.App.FindRecordById("rounds", orig.GetString("round"))
	if err != nil {
		return err
	}
	deadline, _, err := submissionDeadline(e.App, round, orig.GetString("unit"))
	if err != nil {
		return err
	}
	if passed(deadline) {
		return deadlinePassed(deadline)
	}
	return e.Next()
}
