package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
)

// People do not act on their own work: the unit head
// does not send their own initiative to the ward, the secretariat does not
// accept or return its own, and nobody reopens their own score sheet (a
// member who has read the others' sheets could otherwise change theirs).
// Another holder of the role acts instead: another head of the unit, another
// secretariat officer or a superuser; a sheet is reopened for its member by
// the secretariat or the council's secretary.

// refuseOwnInitiative answers 403 own_initiative when the caller wrote or
// co-wrote initiative r (its owner or a linked author) and would take
// action verb on it.
func refuseOwnInitiative(auth, r *core.Record, verb string) error {
	if isWardAccount(auth) && isAuthor(r, auth.Id) {
		return fail(http.StatusForbidden, "auth", "own_initiative", "action", i18n.T("action."+verb))
	}
	return nil
}

// refuseOwnSheet answers 403 own_sheet when the caller is the member of sheet.
func refuseOwnSheet(auth, sheet *core.Record) error {
	if isWardAccount(auth) && sheet.GetString("member") == auth.Id {
		return fail(http.StatusForbidden, "auth", "own_sheet")
	}
	return nil
}
