package hooks

import (
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
	"sangkien/internal/vocab"
)

// deadlinePassed is the 400 deadline_passed error showing the deadline's
// last day and its instant ("hết ngày 24/09/2026 (tức trước 25/09/2026 00:00 …)").
func deadlinePassed(d time.Time) *router.ApiError {
	return badRequest("deadline", "deadline_passed", "deadline", deadline.ShowInstant(d))
}

// lateNeedsConsent is the 400 deadline_passed error of accepting a late
// initiative without {"late_ok": true}: same code, a message that says how
// to accept it anyway.
func lateNeedsConsent(d time.Time) *router.ApiError {
	return failKey(http.StatusBadRequest, "deadline", "deadline_passed", "error.deadline_passed_accept",
		"deadline", deadline.ShowInstant(d))
}

// guardReturnedEditDeadline refuses, with 400 deadline_passed, a CRUD edit
// of a returned initiative once its unit's submission deadline has passed:
// it could not be re-submitted anyway. Drafts stay editable.
func guardReturnedEditDeadline(e *core.RecordRequestEvent) error {
	orig := e.Record.Original()
	if e.HasSuperuserAuth() || orig.GetString("status") != vocab.Returned {
		return e.Next()
	}
	if err := refuseAfterDeadline(e.App, orig); err != nil {
		return err
	}
	return e.Next()
}

// refuseAfterDeadline answers 400 deadline_passed once the submission
// deadline of initiative r's unit (the round's, or its extension) has
// passed, and nil before.
func refuseAfterDeadline(app core.App, r *core.Record) error {
	round, err := app.FindRecordById("rounds", r.GetString("round"))
	if err != nil {
		return err
	}
	until, _, err := deadline.Unit(app, round, r.GetString("unit"))
	if err != nil {
		return err
	}
	if deadline.Passed(clock.Of(app).Now(), until) {
		return deadlinePassed(until)
	}
	return nil
}
