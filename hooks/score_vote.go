package hooks

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// checkVote answers 400 invalid_boolean on approve unless v, the vote a
// request sent, is a JSON boolean (or absent: nil). PocketBase would read
// any other value ("yes", 1) as false and store a "no" the member never
// cast. A multipart form has only text: there "true" and "false" are the
// booleans.
func checkVote(e *core.RequestEvent, v any) error {
	switch v := v.(type) {
	case nil, bool:
		return nil
	case string:
		if !strings.HasPrefix(e.Request.Header.Get("Content-Type"), "application/json") && (v == "true" || v == "false") {
			return nil
		}
	}
	return badRequest("approve", "invalid_boolean")
}

// refuseBadVote checks the vote of a sheet written through the CRUD API
// (see checkVote), before the collection's rules and the sheet's checks.
func refuseBadVote(e *core.RequestEvent) error {
	col, info, ok := crudWriteBody(e)
	if !ok || col.Name != "scores" {
		return e.Next()
	}
	if v, set := info.Body["approve"]; set {
		if err := checkVote(e, v); err != nil {
			return err
		}
	}
	return e.Next()
}
