package hooks

import (
	"encoding/json"
	"maps"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
	"sangkien/internal/vocab"
)

// formTextFields are the parts of the official form (đơn yêu cầu công nhận
// sáng kiến) that a submission must fill, besides field, first_applied and
// authors.
var formTextFields = []string{"title", "summary", "solution", "benefits"}

// readAuthors returns the authors of r as a list of objects. A value that is
// not a list of objects is an error.
func readAuthors(r *core.Record) ([]map[string]any, error) {
	raw, _ := json.Marshal(r.Get("authors"))
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` {
		return nil, nil
	}
	var list []map[string]any
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, err
	}
	return list, nil
}

// authorShare reads an author's share as a finite number (a JSON number or
// a decimal number written as text, see parseNumber); ok is false when it
// is missing or not such a number.
func authorShare(a map[string]any) (share float64, ok bool) {
	return parseNumber(a["share"])
}

// authorText reads a text part of an author, trimmed.
func authorText(a map[string]any, key string) string {
	s, _ := a[key].(string)
	return strings.TrimSpace(s)
}

// formProblems lists what the official form of r still lacks, keyed by
// field name: missing parts (code incomplete), a first application in the
// future (date_in_future), shares that do not sum to 100
// (shares_not_100), a share that is not a finite number (invalid_number).
// An empty result means the form may be submitted.
func formProblems(r *core.Record, now time.Time) validation.Errors {
	errs := validation.Errors{}
	for _, f := range formTextFields {
		if strings.TrimSpace(r.GetString(f)) == "" {
			errs[f] = fieldError("incomplete", "error.incomplete."+f)
		}
	}
	if r.GetString("field") == "" {
		errs["field"] = fieldError("incomplete", "error.incomplete.field")
	}
	if first := r.GetDateTime("first_applied"); first.IsZero() {
		errs["first_applied"] = fieldError("incomplete", "error.incomplete.first_applied")
	} else if afterToday(now, first.Time()) {
		errs["first_applied"] = fieldError("date_in_future", "", "field", fieldLabel("first_applied"), "date", clock.FormatDate(first.Time()))
	}
	authors, err := readAuthors(r)
	if err != nil || len(authors) == 0 {
		errs["authors"] = fieldError("incomplete", "error.incomplete.authors")
		return errs
	}
	sum := 0.0
	for i, a := range authors {
		n := strconv.Itoa(i + 1)
		if authorText(a, "name") == "" {
			errs["authors"] = fieldError("incomplete", "error.incomplete.author_name", "n", n)
			return errs
		}
		share, ok := authorShare(a)
		if !ok && badShare([]map[string]any{a}) == 0 {
			errs["authors"] = fieldError("invalid_number", "error.invalid_number.share", "n", n)
			return errs
		}
		if !ok || share <= 0 || share > 100 {
			errs["authors"] = fieldError("incomplete", "error.incomplete.author_share", "n", n)
			return errs
		}
		sum += share
	}
	if sharesOff(sum) {
		errs["authors"] = fieldError("shares_not_100", "", "sum", strconv.FormatFloat(sum, 'f', -1, 64))
	}
	return errs
}

// sharesOff reports whether the shares' sum is not 100 (to 0.001); a NaN
// sum is off too.
func sharesOff(sum float64) bool {
	return !(math.Abs(sum-100) <= 0.001)
}

// formError turns formProblems into the API error: 400 incomplete when a
// part is missing (every problem listed in data), otherwise 400 with the
// code and message of the one problem found.
func formError(errs validation.Errors) *router.ApiError {
	var first validation.Error
	for _, f := range slices.Sorted(maps.Keys(errs)) {
		fe := errs[f].(validation.Error)
		if fe.Code() == "incomplete" {
			return failFields("incomplete", errs)
		}
		if first == nil {
			first = fe
		}
	}
	return router.NewApiError(http.StatusBadRequest, first.Message(), errs)
}

// day is t's calendar day in the ward's zone as yyyymmdd, for comparing days.
func day(t time.Time) int {
	y, m, d := t.In(clock.Zone).Date()
	return y*10000 + int(m)*100 + d
}

// linkAuthorUsers checks, on a create or update through the API, that the
// authors are a list of objects and that every author who names a ward
// account (user) names one that exists, then sets author_users to those
// accounts: the co-authors who may see the initiative. The owner is among
// them when listed; the owner sees it anyway.
func linkAuthorUsers(e *core.RecordRequestEvent) error {
	authors, err := readAuthors(e.Record)
	if err != nil {
		return badRequest("authors", "invalid_authors")
	}
	ids := []string{}
	for i, a := range authors {
		raw, has := a["user"]
		if !has || raw == nil || raw == "" {
			continue
		}
		id, isText := raw.(string)
		n := strconv.Itoa(i + 1)
		if !isText {
			return badRequest("authors", "unknown_author_user", "n", n)
		}
		if _, err := e.App.FindRecordById("users", id); err != nil {
			return badRequest("authors", "unknown_author_user", "n", n)
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	e.Record.Set("author_users", ids)
	return e.Next()
}

// contentEditable are the statuses in which the owner may edit the form.
var contentEditable = []string{vocab.Draft, vocab.Returned}

// guardLockedEdit answers an owner's CRUD edit of an initiative that is no
// longer a draft or returned with 400 locked, rather than the bare 404 of
// the collection's update rule, so the author learns why: 400
// deadline_passed instead for a submitted or endorsed initiative once its
// unit's deadline has passed (it could not be sent back and re-submitted).
func guardLockedEdit(e *core.RequestEvent) error {
	if e.Request.Method != http.MethodPatch || !isWardAccount(e.Auth) {
		return e.Next()
	}
	rest, ok := strings.CutPrefix(e.Request.URL.Path, "/api/collections/")
	if !ok {
		return e.Next()
	}
	parts := strings.Split(rest, "/")
	if len(parts) != 3 || parts[1] != "records" || parts[2] == "" {
		return e.Next()
	}
	col, err := e.App.FindCachedCollectionByNameOrId(parts[0])
	if err != nil || col.Name != "initiatives" {
		return e.Next()
	}
	r, err := e.App.FindRecordById(col, parts[2])
	if err != nil || !isOwner(e.Auth, r) {
		return e.Next()
	}
	status := r.GetString("status")
	if slices.Contains(contentEditable, status) {
		return e.Next()
	}
	if status == vocab.Submitted || status == vocab.Endorsed {
		if err := refuseAfterDeadline(e.App, r); err != nil {
			return err
		}
	}
	return badRequest("status", "locked", "status", i18n.T("status."+status))
}
