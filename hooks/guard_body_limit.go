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
	"sangkien/internal/vocab"
)

// MaxJSONBody is the largest body of a request that is not a multipart
// upload: 1 MiB. The largest real one, an initiative with every text of
// the form at its maximum in Vietnamese, is about 0.65 MB; PocketBase's
// own limit (32 MiB, more for collections with files) let an anonymous
// 120 MB JSON body be parsed before any rule ran.
const MaxJSONBody = 1 << 20

// limitJSONBody caps every body at MaxJSONBody (PocketBase's own body
// limit, at a smaller size) and answers 413 body_too_large: at once when
// the declared length says so, or when the reading passes the limit. Only
// an upload keeps PocketBase's larger limit (the file fields' sizes): a
// multipart create or update of a collection with a file field, and any
// superuser's multipart request (backups); refuseEarlyUpload stops those
// of callers who may not make them.
func limitJSONBody() *hook.Handler[*core.RequestEvent] {
	limit := apis.BodyLimit(MaxJSONBody)
	return &hook.Handler[*core.RequestEvent]{
		Id:       "sangkienJSONBodyLimit",
		Priority: apis.DefaultBodyLimitMiddlewarePriority + 1,
		Func: func(e *core.RequestEvent) error {
			if isMultipart(e.Request) && (e.HasSuperuserAuth() || uploadTarget(e) != nil) {
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

// uploadTarget returns the collection of a record create or update whose
// collection has a file field: where a multipart body may carry files.
func uploadTarget(e *core.RequestEvent) *core.Collection {
	_, pattern, _ := strings.Cut(e.Request.Pattern, " ")
	create := pattern == recordsPattern && e.Request.Method == http.MethodPost
	update := pattern == recordsPattern+"/{id}" && e.Request.Method == http.MethodPatch
	if !create && !update {
		return nil
	}
	col, err := e.App.FindCachedCollectionByNameOrId(e.Request.PathValue("collection"))
	if err != nil {
		return nil
	}
	for _, f := range col.Fields {
		if _, ok := f.(*core.FileField); ok {
			return col
		}
	}
	return nil
}

// isMultipart reports whether r's body is multipart/form-data.
func isMultipart(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return strings.EqualFold(mt, "multipart/form-data")
}

// refuseEarlyUpload refuses an upload (see uploadTarget) before a byte of
// it is read when the caller may not make it: nobody signed in (401); a
// create without the role its rule asks (an initiative: staff; a decision
// or an account or a document template: secretariat) (403 forbidden); an
// update by anyone but who its rule lets edit (an initiative: its owner; a
// decision: the secretariat and the chairman; an account: itself and the
// secretariat; a document template: the secretariat)
// (404, as the update rule answers). The API rules decide the rest once
// the body is read.
func refuseEarlyUpload() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{
		Id:       "sangkienEarlyUpload",
		Priority: apis.DefaultBodyLimitMiddlewarePriority + 2,
		Func: func(e *core.RequestEvent) error {
			if !isMultipart(e.Request) || e.HasSuperuserAuth() {
				return e.Next()
			}
			col := uploadTarget(e)
			if col == nil {
				return e.Next()
			}
			if !isWardAccount(e.Auth) {
				return fail(http.StatusUnauthorized, "auth", "unauthorized")
			}
			id := e.Request.PathValue("id")
			if id == "" {
				if !HasRole(e.Auth, uploadCreateRole[col.Name]) {
					return forbidden()
				}
				return e.Next()
			}
			if !mayUpdateUpload(e, col, id) {
				return fail(http.StatusNotFound, "id", "not_found")
			}
			return e.Next()
		},
	}
}

// uploadCreateRole is the role a create of each collection with files asks
// (a collection with files missing here is refused to every ward account).
var uploadCreateRole = map[string]string{"initiatives": vocab.RoleStaff, "decisions": vocab.RoleSecretariat, "users": vocab.RoleSecretariat,
	"document_templates": vocab.RoleSecretariat}

// mayUpdateUpload reports whether the caller may be the one to update
// record id of col, as far as can be told without its body.
func mayUpdateUpload(e *core.RequestEvent, col *core.Collection, id string) bool {
	switch col.Name {
	case "initiatives":
		r, err := e.App.FindRecordById(col, id)
		return err == nil && r.GetString("owner") == e.Auth.Id
	case "decisions":
		return hasAnyRole(e.Auth, vocab.RoleSecretariat, vocab.RoleChairman)
	case "users":
		return id == e.Auth.Id || HasRole(e.Auth, vocab.RoleSecretariat)
	case "document_templates":
		return HasRole(e.Auth, vocab.RoleSecretariat)
	}
	return false
}
