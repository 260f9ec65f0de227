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
// Every error the hooks answer is built by one of the functions of this
// file.
func fail(status int, field, code string, args ...string) *router.ApiError {
	return failParams(status, field, code, nil, args...)
}

// failParams is fail with machine-readable params beside the code, for
// errors a script acts on (the missing criteria, the initiatives lacking
// sheets): {"data":{"field":{"code":…,"message":…,"params":{…}}}}.
func failParams(status int, field, code string, params map[string]any, args ...string) *router.ApiError {
	fe := fieldError(code, "", args...)
	if params != nil {
		fe = fe.SetParams(params)
	}
	return router.NewApiError(status, fe.Message(), validation.Errors{field: fe})
}

// forbidden is the 403 of an action the caller's roles do not allow.
func forbidden() *router.ApiError {
	return fail(http.StatusForbidden, "auth", "forbidden")
}

// badRequest is fail with 400 Bad Request.
func badRequest(field, code string, args ...string) *router.ApiError {
	return fail(http.StatusBadRequest, field, code, args...)
}

// fieldError is one field error with its code and the catalog message
// "error.<code>" (or msgKey when given), args filled in.
func fieldError(code, msgKey string, args ...string) validation.Error {
	if msgKey == "" {
		msgKey = "error." + code
	}
	return validation.NewError(code, i18n.T(msgKey, args...))
}

// failKey is fail with the message taken from the catalog key msgKey
// instead of "error.<code>", for a code that needs a more telling sentence.
func failKey(status int, field, code, msgKey string, args ...string) *router.ApiError {
	fe := fieldError(code, msgKey, args...)
	return router.NewApiError(status, fe.Message(), validation.Errors{field: fe})
}

// failFields is a 400 whose data holds several field errors; the top
// message is the catalog's "error.<code>".
func failFields(code string, errs validation.Errors) *router.ApiError {
	return router.NewApiError(http.StatusBadRequest, i18n.T("error."+code), errs)
}
