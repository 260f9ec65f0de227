package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// Deactivated accounts (migration 1764007500). A new account is active; the
// secretariat sets `active` false for someone who left (an officer's only
// a superuser). An inactive account's right password answers 403
// account_inactive (a wrong one stays a plain failed sign-in, so nothing
// is told to a stranger), a session it still holds is refused on every
// request, and the users collection's auth rule refuses a renewal.

// activateNewAccount makes every new ward account active.
func activateNewAccount(e *core.RecordEvent) error {
	e.Record.Set("active", true)
	return e.Next()
}

// refuseInactiveSignIn answers 403 account_inactive to the right password
// of an inactive account.
func refuseInactiveSignIn(e *core.RecordAuthWithPasswordRequestEvent) error {
	if e.Record != nil && !e.Record.GetBool("active") && e.Record.ValidatePassword(e.Password) {
		return fail(http.StatusForbidden, "identity", "account_inactive")
	}
	return e.Next()
}

// refuseInactiveSession answers 401 account_inactive to any request made
// with the token of an account deactivated since it signed in.
func refuseInactiveSession(e *core.RequestEvent) error {
	if e.Auth != nil && e.Auth.Collection().Name == "users" && !e.Auth.GetBool("active") {
		return fail(http.StatusUnauthorized, "auth", "account_inactive")
	}
	return e.Next()
}
