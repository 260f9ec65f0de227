package hooks

import (
	"errors"
	"net/http"
	"reflect"
	"strings"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
	"github.com/pocketbase/pocketbase/tools/types"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
)

// bindBody reads a JSON body into dst, or answers 400 invalid_body.
func bindBody(e *core.RequestEvent, dst any) error {
	if err := e.BindBody(dst); err != nil {
		return badRequest("body", "invalid_body")
	}
	return nil
}

// bodyText reads a body of one text field, {name: "…"}, and returns the
// field trimmed of spaces ("" when the body or the field is absent). The
// body binds as a one-field form type's would (JSON or multipart, the name
// in any case); 400 invalid_body when it does not bind, the value not text.
func bodyText(e *core.RequestEvent, name string) (string, error) {
	form := reflect.New(reflect.StructOf([]reflect.StructField{{
		Name: "Text", Type: reflect.TypeFor[string](), Tag: reflect.StructTag(`json:"` + name + `"`),
	}}))
	if err := bindBody(e, form.Interface()); err != nil {
		return "", err
	}
	return strings.TrimSpace(form.Elem().Field(0).String()), nil
}

// recordByID finds the record id of collection, or answers 404 not_found.
func recordByID(app core.App, collection, id string) (*core.Record, error) {
	r, err := app.FindRecordById(collection, id)
	if err != nil {
		return nil, notFound()
	}
	return r, nil
}

// viewableInitiative finds the initiative of the request's {id} that the
// caller may view (the collection's view rule), or answers 404 not_found
// alike for an unknown id and one they may not read.
func viewableInitiative(e *core.RequestEvent) (*core.Record, error) {
	r, err := e.App.FindRecordById("initiatives", e.Request.PathValue("id"))
	if err != nil {
		return nil, notFound()
	}
	if err := mayView(e, r); err != nil {
		return nil, err
	}
	return r, nil
}

// mayViewInitiative answers 404 not_found unless the caller may view the
// initiative id (the collection's view rule), without reading its row: the
// rule's query selects it by id. A superuser passes every id, so the
// caller still answers 404 when the row is not there.
func mayViewInitiative(e *core.RequestEvent, id string) error {
	col, err := e.App.FindCachedCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	r := core.NewRecord(col)
	r.Id = id
	return mayView(e, r)
}

// mayView answers 404 not_found unless the caller may view r.
func mayView(e *core.RequestEvent, r *core.Record) error {
	info, err := e.RequestInfo()
	if err != nil {
		return err
	}
	if ok, err := e.App.CanAccessRecord(r, info, r.Collection().ViewRule); err != nil || !ok {
		return notFound()
	}
	return nil
}

// notFound is the 404 not_found of an id that does not exist, also given
// for a record the caller may not read, so that nobody learns which ids
// exist.
func notFound() *router.ApiError {
	return fail(http.StatusNotFound, "id", "not_found")
}

// parseDay reads a date given as dd/mm/yyyy, yyyy-mm-dd or a full
// PocketBase date-time; a bare day is 00:00 of that day in the ward's zone.
func parseDay(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"02/01/2006", "2/1/2006", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, clock.Zone); err == nil {
			return t, true
		}
	}
	if dt, err := types.ParseDateTime(s); err == nil && !dt.IsZero() {
		return dt.Time(), true
	}
	return time.Time{}, false
}

// docForm is the body of an action that records a signed document: the
// recognition decision, the city nomination.
type docForm struct {
	Number   string `json:"number"`
	SignedOn string `json:"signed_on"`
	Signer   string `json:"signer"`
}

// validate checks the document's number, date and signer (each required
// when required is set) and returns the signing day, which cannot be after
// today (400 date_in_future).
func (f *docForm) validate(now time.Time, required bool) (time.Time, error) {
	f.Number, f.Signer, f.SignedOn = strings.TrimSpace(f.Number), strings.TrimSpace(f.Signer), strings.TrimSpace(f.SignedOn)
	if required {
		for _, c := range []struct{ field, value string }{
			{"number", f.Number}, {"signed_on", f.SignedOn}, {"signer", f.Signer},
		} {
			if c.value == "" {
				return time.Time{}, badRequest(c.field, "required", "field", i18n.T("decision."+c.field))
			}
		}
	}
	if f.SignedOn == "" {
		return time.Time{}, nil
	}
	day, ok := parseDay(f.SignedOn)
	if !ok {
		return time.Time{}, badRequest("signed_on", "invalid_date", "field", i18n.T("decision.signed_on"))
	}
	if afterToday(now, day) {
		return time.Time{}, futureDate("signed_on", day)
	}
	return day, nil
}

// answerChanged finds the record of collection the path's {id} names and
// runs change on it, both in one transaction, and answers 200 with the
// record change returns (saved, and audited, inside it); 404 not_found for
// an unknown id, or change's error through actionError: nothing is saved
// unless all of it is.
func answerChanged(e *core.RequestEvent, collection string, change func(tx core.App, r *core.Record) (*core.Record, error)) error {
	var out *core.Record
	err := e.App.RunInTransaction(func(tx core.App) error {
		r, err := recordByID(tx, collection, e.Request.PathValue("id"))
		if err != nil {
			return err
		}
		out, err = change(tx, r)
		return err
	})
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, out)
}

// actionError turns what an action's transaction returned into the answer:
// API errors as they are, record validation errors as 400 with their field
// codes, anything else logged and shown as a plain 500.
func actionError(e *core.RequestEvent, err error) error {
	var apiErr *router.ApiError
	if errors.As(err, &apiErr) {
		return apiErr
	}
	var verrs validation.Errors
	if errors.As(err, &verrs) {
		return router.NewApiError(http.StatusBadRequest, i18n.T("error.invalid_body"), verrs)
	}
	e.App.Logger().Error("reform action failed", "path", e.Request.URL.Path, "error", err)
	return fail(http.StatusInternalServerError, "server", "internal")
}
