package hooks

import (
	"errors"
	"mime"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"
)

// MaxJSONBody is the largest body of a request that is not a multipart
// upload: 1 MiB. The largest real one, an initiative with every text of
// the form at its maximum in Vietnamese, is about 0.65 MB; PocketBase's
// own limit (32 MiB, more for collections with files) let an anonymous
// 120 MB JSON body be parsed before any rule ran.
const MaxJSONBody = 1 << 20

// limitJSONBody caps every non-multipart body at MaxJSONBody (PocketBase's
// own body limit, at a smaller size) and answers 413 body_too_large: at
// once when the declared length says so, or when the reading passes the
// limit. Multipart uploads keep PocketBase's limit (the file fields'
// sizes) and go through refuseEarlyUpload.
func limitJSONBody() *hook.Handler[*core.RequestEvent] {
	limit := apis.BodyLimit(MaxJSONBody)
	return &hook.Handler[*core.RequestEvent]{
		Id:       "sangkienJSONBodyLimit",
		Priority: apis.DefaultBodyLimitMiddlewarePriority + 1,
		Func: func(e *core.RequestEvent) error {
			if isMultipart(e.Request) {
				return e.Next()
			}
			err := limit.Func(e)
			var ae *router.ApiError
			if errors.As(err, &ae) && ae.Status == http.StatusRequestEntityTooLarge {
				return fail(http.StatusRequestEntityTooLarge, "body", "body_too_large", "limit", "1 MB")
			}
			return err
		},
	}
}

// isMultipart reports whether r's body is multipart/form-data.
func isMultipart(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return strings.EqualFold(mt, "multipart/form-data")
}

// refuseEarlyUpload refuses a multipart create or update of initiatives
// or decisions (the collections with files) before a byte of it is read,
// when the caller may not make it: nobody signed in (401), or a create of
// an initiative by an account without the staff role, or of a decision by
// one without the secretariat role (403 forbidden); an update by anyone
// but the initiative's owner, or of a decision by anyone but the
// secretariat and the chairman (404, as the update rule answers).
// The API rules decide the rest once the body is read.
func refuseEarlyUpload() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       "sangkienEarlyUpload",
		Priority: apis.DefaultBodyLimitMiddlewarePriority + 2,
		Func: func(e *core.RequestEvent) error {
			_, pattern, _ := strings.Cut(e.Request.Pattern, " ")
			create := pattern == recordsPattern && e.Request.Method == http.MethodPost
			update := pattern == recordsPattern+"/{id}" && e.Request.Method == http.MethodPatch
			if !(create || update) || !isMultipart(e.Request) || e.HasSuperuserAuth() {
				return e.Next()
			}
			col, err := e.App.FindCachedCollectionByNameOrId(e.Request.PathValue("collection"))
			if err != nil || (col.Name != "initiatives" && col.Name != "decisions") {
				return e.Next()
			}
			if !isWardAccount(e.Auth) {
				return fail(http.StatusUnauthorized, "auth", "unauthorized")
			}
			switch {
			case create && col.Name == "initiatives" && !HasRole(e.Auth, "staff"),
				create && col.Name == "decisions" && !HasRole(e.Auth, "secretariat"):
				return forbidden()
			case update && col.Name == "initiatives":
				r, err := e.App.FindRecordById(col, e.Request.PathValue("id"))
				if err != nil || r.GetString("owner") != e.Auth.Id {
					return fail(http.StatusNotFound, "id", "not_found")
				}
			case update && col.Name == "decisions" && !hasAnyRole(e.Auth, "secretariat", "chairman"):
				return fail(http.StatusNotFound, "id", "not_found")
			}
			return e.Next()
		},
	}
}
