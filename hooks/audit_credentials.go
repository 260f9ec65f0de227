package hooks

import "github.com/pocketbase/pocketbase/core"

// credentials is what an audit entry must tell of an account's sign-in
// details, which its public values (Snapshot) do not hold: the password
// hash and token key are hidden, the e-mail is hidden unless made public.
// The secretariat may set a staff member's, a unit head's or a council
// member's password and e-mail without the old password, and so sign in
// as them; such a change must leave a trace, without the values.
type credentials struct {
	email, tokenKey string
}

// credentialsOf reads the sign-in details of r (nothing for a record
// that is not an account).
func credentialsOf(r *core.Record) credentials {
	if r == nil || !r.Collection().IsAuth() {
		return credentials{}
	}
	return credentials{email: r.Email(), tokenKey: r.TokenKey()}
}

// noteCredentials adds to an update's before and after that the password
// (PocketBase renews the token key with it) or the e-mail changed.
func noteCredentials(old, now credentials, before, after map[string]any) {
	if old.tokenKey != now.tokenKey {
		before["password"], after["password"] = "", "changed"
	}
	if old.email != now.email {
		before["email"], after["email"] = "", "changed"
	}
}
