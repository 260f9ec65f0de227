package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
)

// pastDateFields are the dates of each collection that tell what has
// already happened, and so cannot lie after today: when an initiative was
// first applied, when a council was set up, when a decision was signed.
var pastDateFields = map[string][]string{
	"initiatives": {"first_applied"},
	"councils":    {"decision_date"},
	"decisions":   {"signed_on"},
}

// afterToday reports whether t falls on a day after now's, both read as
// calendar days in Asia/Ho_Chi_Minh: today itself is allowed, whatever the
// hour.
func afterToday(now, t time.Time) bool {
	return day(t) > day(now)
}

// futureDate is the 400 date_in_future error of field holding t.
func futureDate(field string, t time.Time) *router.ApiError {
	return badRequest(field, "date_in_future", "field", fieldLabel(field), "date", clock.FormatDate(t))
}

// fieldLabel is the Vietnamese name of a date field in messages
// (date_field.<field> in the catalog).
func fieldLabel(field string) string {
	return i18n.T("date_field." + field)
}

// refuseFutureDates refuses, with 400 date_in_future, a create or update
// through the CRUD API that sets one of pastDateFields to a day after
// today. A date left as it was is not checked again (a plan recorded
// before this rule stays editable in its other fields). Superusers are not
// held back.
func refuseFutureDates(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	orig := e.Record.Original()
	for _, f := range pastDateFields[e.Record.Collection().Name] {
		dt := e.Record.GetDateTime(f)
		if dt.IsZero() || (!e.Record.IsNew() && dt.Equal(orig.GetDateTime(f))) {
			continue
		}
		if afterToday(clock.Of(e.App).Now(), dt.Time()) {
			return futureDate(f, dt.Time())
		}
	}
	return e.Next()
}
