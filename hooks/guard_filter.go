package hooks

import (
	"errors"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"sangkien/internal/filterguard"
)

// recordsPattern is the route pattern of PocketBase's record list, and the
// start of its record view ("…/records/{id}").
const recordsPattern = "/api/collections/{collection}/records"

// guardClientFilter refuses, with 400 filter_not_allowed, a record list or
// view whose `filter` or `sort` names anything the collection's
// filterAllowlist does not allow. Superusers (the dashboard) are not held
// back. The collection is resolved as PocketBase resolves it: by name in
// any case, or by id.
func guardClientFilter(e *core.RequestEvent) error {
	_, pattern, _ := strings.Cut(e.Request.Pattern, " ")
	if pattern != recordsPattern && pattern != recordsPattern+"/{id}" {
		return e.Next()
	}
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	col, err := e.App.FindCachedCollectionByNameOrId(e.Request.PathValue("collection"))
	if err != nil {
		return e.Next() // PocketBase answers 404
	}
	// read as PocketBase reads it (URL.Query keeps every pair it could
	// decode and drops the error): bailing out on a parse error let a junk
	// "%zz" or ";" pair carry an unchecked filter through.
	query := e.Request.URL.Query()
	if err := checkClientQuery(col.Name, query["filter"], query["sort"]); err != nil {
		return err
	}
	return e.Next()
}

// checkClientQuery checks every filter and sort value against the
// allowlist of collection, and answers 400 filter_not_allowed naming the
// first identifier (or limit) refused.
func checkClientQuery(collection string, filters, sorts []string) error {
	allowlist := filterAllowlist[collection] // nil: nothing allowed
	for _, f := range filters {
		if err := filterguard.CheckFilter(allowlist, f); err != nil {
			return filterNotAllowed(err)
		}
	}
	for _, s := range sorts {
		if err := filterguard.CheckSort(allowlist, s); err != nil {
			return filterNotAllowed(err)
		}
	}
	return nil
}

// filterNotAllowed is the 400 of a refused filter or sort.
func filterNotAllowed(err error) *router.ApiError {
	var fe *filterguard.Error
	if !errors.As(err, &fe) {
		return badRequest("filter", "filter_not_allowed", "name", "?")
	}
	name := fe.Name
	if name == "" {
		return failKey(http.StatusBadRequest, fe.Param, "filter_not_allowed", "error.filter_too_costly")
	}
	return badRequest(fe.Param, "filter_not_allowed", "name", name)
}
