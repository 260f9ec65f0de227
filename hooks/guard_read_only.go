package hooks

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// serverFields are the fields of each collection that only the server
// writes. The collections' API rules refuse them too; this guard runs first
// so that a script is told which field it may not send, with a stable code.
var serverFields = map[string][]string{
	"initiatives": {"code", "owner", "author_users", "council", "status", "submitted_at", "late",
		"return_reason", "result_mean", "result_tier", "result_rank", "nominated", "endorsed_at",
		"scope", "scope_decision_number", "scope_decision_date"},
	"scores":    {"total", "status", "submitted_at", "reopen_reason", "voted"},
	"rounds":    {"status", "launched_at"},
	"decisions": {"initiatives"},
}

// guardServerFields refuses, with 400 read_only_field, a create or update
// through the CRUD API that sets a server-set field. The collection in the
// path is resolved as PocketBase resolves it (by id, or by name in any
// letter case). Superusers (the dashboard) are not held back.
func guardServerFields(e *core.RequestEvent) error {
	col, ok := crudWrite(e)
	if !ok {
		return e.Next()
	}
	fields := serverFields[col.Name]
	if len(fields) == 0 || e.HasSuperuserAuth() {
		return e.Next()
	}
	info, err := e.RequestInfo()
	if err != nil {
		return e.Next() // let the CRUD handler report the unreadable body
	}
	for _, f := range fields {
		for _, key := range []string{f, f + "+", "+" + f, f + "-"} {
			if _, set := info.Body[key]; set {
				return badRequest(f, "read_only_field", "field", f)
			}
		}
	}
	return e.Next()
}

// crudWrite returns the collection of a create or update through the CRUD
// API (POST or PATCH on /api/collections/{collection}/records…), resolved
// the way PocketBase's record routes do: FindCachedCollectionByNameOrId, by
// id or case-insensitive name. Any other request gives false.
func crudWrite(e *core.RequestEvent) (*core.Collection, bool) {
	if e.Request.Method != http.MethodPost && e.Request.Method != http.MethodPatch {
		return nil, false
	}
	rest, ok := strings.CutPrefix(e.Request.URL.Path, "/api/collections/")
	if !ok {
		return nil, false
	}
	name, tail, _ := strings.Cut(rest, "/")
	if tail != "records" && !strings.HasPrefix(tail, "records/") {
		return nil, false
	}
	col, err := e.App.FindCachedCollectionByNameOrId(name)
	if err != nil {
		return nil, false
	}
	return col, true
}

// crudWriteBody is crudWrite with the request's info (its body); false
// too when the body cannot be read, which the CRUD handler then reports.
func crudWriteBody(e *core.RequestEvent) (*core.Collection, *core.RequestInfo, bool) {
	col, ok := crudWrite(e)
	if !ok {
		return nil, nil, false
	}
	info, err := e.RequestInfo()
	if err != nil {
		return nil, nil, false
	}
	return col, info, true
}

// refuseAuditLogWrite refuses, with 403 audit_log_read_only, every create,
// update and delete of audit_log entries through the API, a superuser's
// too: the trail is written by the server alone (Audit), so that nobody can
// forge or erase it from the dashboard or a script.
func refuseAuditLogWrite(e *core.RecordRequestEvent) error {
	return fail(http.StatusForbidden, "collection", "audit_log_read_only")
}
