package hooks

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	"sangkien/internal/vocab"
)

// isWardAccount reports whether u is a ward account (a record of users),
// not a superuser and not nobody.
func isWardAccount(u *core.Record) bool {
	return u != nil && u.Collection().Name == "users"
}

// HasRole reports whether the ward account u holds role.
func HasRole(u *core.Record, role string) bool {
	return isWardAccount(u) && slices.Contains(u.GetStringSlice("roles"), role)
}

// hasAnyRole reports whether the ward account u holds one of roles.
func hasAnyRole(u *core.Record, roles ...string) bool {
	for _, r := range roles {
		if HasRole(u, r) {
			return true
		}
	}
	return false
}

// isSecretariat: a secretariat officer (or a superuser, who may do
// anything). r, the record acted on, plays no part.
func isSecretariat(auth, _ *core.Record) bool {
	return auth.IsSuperuser() || HasRole(auth, vocab.RoleSecretariat)
}

// isUnitHead: the head of the unit of initiative r.
func isUnitHead(auth, r *core.Record) bool {
	return HasRole(auth, vocab.RoleUnitHead) && auth.GetString("unit") == r.GetString("unit")
}

// isOwner: the ward account that drafted initiative r.
func isOwner(auth, r *core.Record) bool {
	return isWardAccount(auth) && r.GetString("owner") == auth.Id
}

// isAuthor reports whether the user user wrote initiative ini: its owner
// or a linked author (author_users). An author may not score their own.
func isAuthor(ini *core.Record, user string) bool {
	return ini.GetString("owner") == user || slices.Contains(ini.GetStringSlice("author_users"), user)
}
