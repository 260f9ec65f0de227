package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// Sign-in through the city's account (OpenID Connect), off until a
// superuser configures PocketBase's `oidc` OAuth2 provider on users. It
// only opens an account the secretariat made: PocketBase matches the
// provider's e-mail, which it takes only when the provider says it is
// verified (email_verified), to the ward account with that e-mail and links
// the two; roles, unit and name stay as the secretariat set them, whatever
// the provider sends. Nobody gets an account by signing in.

// refuseOIDCSignUp answers, before PocketBase would create an account:
// 403 oidc_email_unverified when the provider gave no verified e-mail,
// 403 oidc_no_account when no ward account has that e-mail, and 403
// account_inactive for a deactivated account.
func refuseOIDCSignUp(e *core.RecordAuthWithOAuth2RequestEvent) error {
	if e.Record == nil || e.IsNewRecord {
		if e.OAuth2User == nil || e.OAuth2User.Email == "" {
			return fail(http.StatusForbidden, "email", "oidc_email_unverified")
		}
		return fail(http.StatusForbidden, "email", "oidc_no_account", "email", e.OAuth2User.Email)
	}
	if !e.Record.GetBool("active") {
		return fail(http.StatusForbidden, "identity", "account_inactive")
	}
	// what a client sends to fill a new account is never used.
	e.CreateData = nil
	return e.Next()
}
