package hooks

import (
	"net/http"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/tools/router"

	"sangkien/internal/i18n"
)

// fail builds an API error in PocketBase's shape whose data carries a stable
// code for scripts under field, and a Vietnamese message for people:
//
//	{"status":400,"message":"…","data":{"field":{"code":"…","message":"…"}}}
//
// The message is the catalog entry "error.<code>" with args filled in.
func fail(status int, field, code string, args ...string) *router.ApiError {
	msg := i18n.T("error."+code, args...)
	return router.NewApiError(status, msg, validation.Errors{
		field: validation.NewError(code, msg),
	})
}

// badRequest is fail with 400 Bad Request.
func badRequest(field, code string, args ...string) *router.ApiError {
	return fail(http.StatusBadRequest, field, code, args...)
}
