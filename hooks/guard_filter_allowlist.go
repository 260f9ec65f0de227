package hooks

import "sangkien/internal/filterguard"

// filterAllowlist is, per collection, every identifier a client other than
// a superuser may name in `filter` and `sort` (REST list and view, and
// realtime subscriptions). Deny by default: a collection missing here
// accepts no filter or sort at all; a field missing is refused with 400
// filter_not_allowed. The README's "What a client may filter and sort on"
// lists this table.
//
// What may go in: the collection's own single-valued fields, which the
// caller reads anyway on every row the list rule lets through; a
// multi-valued field only as AnyOf (?= / ?!=, bare ~ / !~, :length); a relation path
// only when it is single-valued and leads to a collection every signed-in
// account may list in full (round.year): TestFilterAllowlistIsSafe checks
// that. Never a back-relation (x_via_y), a JSON path, or a path through a
// multi-valued relation: PocketBase compiles those without the related
// collection's list rule (PocketBase v0.40 core/record_field_resolver.go).
var filterAllowlist = map[string]filterguard.Allowlist{
	"initiatives": allow(
		"id", "code", "title", "status", "round", "unit", "field", "owner", "council",
		"submitted_at", "late", "nominated", "result_tier", "result_rank", "created", "updated",
		"round.year",
	).AnyOf("author_users"),
	"rounds":          allow("id", "year", "status", "submission_deadline", "decision_deadline", "created"),
	"units":           allow("id", "code", "name", "kind", "active"),
	"fields":          allow("id", "code", "sort", "name"),
	"criteria":        allow("id", "round", "code", "sort", "round.year"),
	"extensions":      allow("id", "round", "unit", "until", "round.year"),
	"councils":        allow("id", "round", "name", "round.year"),
	"council_members": allow("id", "council", "user", "position", "votes"),
	"scores":          allow("id", "initiative", "member", "status", "created", "updated"),
	"decisions":       allow("id", "round", "kind", "number", "signed_on", "round.year"),
	"audit_log":       allow("id", "actor", "action", "collection", "record", "initiative", "created"),
	// email: PocketBase itself adds "emailVisibility = true" to a
	// non-superuser's filter on it, so it matches only public addresses;
	// not to a sort, which would order accounts by hidden addresses.
	"users":        allow("id", "name", "unit", "position").FilterOnly("email").AnyOf("roles"),
	"organization": allow("id"),
}

// allow is an allowlist of single-valued identifiers.
var allow = filterguard.Fields
