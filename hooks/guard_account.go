package hooks

import (
	"net/http"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
	"sangkien/internal/vocab"
)

// Accounts. A person's name, position, unit
// and roles are set by the secretariat or a superuser, never by the person
// (403 field_managed): nobody renames themselves into the Chairman. The
// person keeps their own password (PocketBase asks for the old one) and
// changes their e-mail through PocketBase's confirmation flow
// (request-email-change, a link sent to the new address).
// The secretariat makes and manages staff, unit heads and council members;
// granting secretariat or chairman (403 role_not_grantable), and changing
// the e-mail, password, verification, roles, name, position or unit of an
// officer who holds one of them, its own included (403 account_managed),
// is for superusers: nobody in the office renames itself or the Chairman
// in the audit log and the documents.
// The users collection's API rules (migration 1764004510) refuse the same;
// this guard runs before them so that the caller learns why.

// officerRoles are the roles only a superuser grants, and whose holders'
// credentials only a superuser changes.
var officerRoles = []string{vocab.RoleSecretariat, vocab.RoleChairman}

// managedFields are the fields of a person's account that the person does
// not set on their own account.
var managedFields = []string{"name", "position", "unit", "roles", "active"}

// ownFields are the fields of an account that only its owner sets.
var ownFields = []string{"mail_off"}

// officerFields are the fields of an officer's account that only a
// superuser changes (the person changes their own password with the old one).
var officerFields = []string{"email", "password", "passwordConfirm", "verified", "roles", "active", "name", "position", "unit"}

// bodyKeys reports whether body sets field, through its +/- modifiers too.
func bodyKeys(body map[string]any, field string) bool {
	for _, k := range []string{field, field + "+", "+" + field, field + "-"} {
		if _, ok := body[k]; ok {
			return true
		}
	}
	return false
}

// grantedRoles returns the roles that body adds (roles, roles+, +roles).
func grantedRoles(body map[string]any) []string {
	var out []string
	for _, k := range []string{"roles", "roles+", "+roles"} {
		switch v := body[k].(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, r := range v {
				if s, ok := r.(string); ok {
					out = append(out, s)
				}
			}
		case []string:
			out = append(out, v...)
		}
	}
	return out
}

// isOfficer reports whether the account u holds an officer role.
func isOfficer(u *core.Record) bool {
	return hasAnyRole(u, officerRoles...)
}

// guardAccounts answers, before the users collection's rules, a create or
// update of a ward account that the caller may not make, with the code
// that says why: field_managed, role_not_grantable or account_managed (all
// 403). Superusers are not held back; what it lets through, the rules
// still check.
func guardAccounts(e *core.RequestEvent) error {
	if !isWardAccount(e.Auth) {
		return e.Next()
	}
	col, info, ok := crudWriteBody(e)
	if !ok || col.Name != "users" {
		return e.Next()
	}
	var target *core.Record // nil: a new account
	if e.Request.Method == http.MethodPatch {
		parts := strings.Split(strings.TrimPrefix(e.Request.URL.Path, "/api/collections/"), "/")
		if len(parts) != 3 || parts[2] == "" {
			return e.Next()
		}
		var err error
		if target, err = e.App.FindRecordById(col, parts[2]); err != nil {
			return e.Next() // the CRUD handler answers 404
		}
	}
	if err := checkAccountWrite(e.Auth, target, info.Body); err != nil {
		return err
	}
	return e.Next()
}

// checkAccountWrite is guardAccounts' decision: may the ward account auth
// write body to target (nil: create an account)?
func checkAccountWrite(auth, target *core.Record, body map[string]any) error {
	// whether a person gets notices is theirs alone to say.
	for _, f := range ownFields {
		if bodyKeys(body, f) && (target == nil || target.Id != auth.Id) {
			return fail(http.StatusForbidden, f, "field_own")
		}
	}
	if !HasRole(auth, vocab.RoleSecretariat) {
		// only the person themselves gets a reason; others meet the rules.
		if target != nil && target.Id == auth.Id {
			for _, f := range managedFields {
				if bodyKeys(body, f) {
					return fail(http.StatusForbidden, f, "field_managed")
				}
			}
		}
		return nil
	}
	if target != nil && isOfficer(target) {
		for _, f := range officerFields {
			if !bodyKeys(body, f) {
				continue
			}
			// an officer changes their own password with the old one.
			own := target.Id == auth.Id && (f == "password" || f == "passwordConfirm")
			if !own {
				if f == "passwordConfirm" {
					f = "password"
				}
				return fail(http.StatusForbidden, f, "account_managed")
			}
		}
	}
	for _, r := range grantedRoles(body) {
		if slices.Contains(officerRoles, r) {
			return fail(http.StatusForbidden, "roles", "role_not_grantable", "role", i18n.T("role."+r))
		}
	}
	return nil
}
