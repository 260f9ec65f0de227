package hooks

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"

	"sangkien/internal/i18n"
)

// translateErrorsPriority places translateErrors just inside PocketBase's
// activity logger (whose entry keeps the original error's data in its
// details) and outside its panic recovery, rate limit and body limit, so
// their errors are translated too.
const translateErrorsPriority = -1035

// translateErrorsMiddleware is translateErrors as a router middleware.
func translateErrorsMiddleware() *hook.Handler[*core.RequestEvent] {
	return &hook.Handler[*core.RequestEvent]{Id: "sangkienTranslateErrors", Func: translateErrors, Priority: translateErrorsPriority}
}

// translateErrors is the one translation layer for PocketBase's own
// errors: every error a request ends with is answered in Vietnamese, the
// codes kept for scripts. A message is looked up in the catalog as
// "pb.<message in snake case>" ("Failed to create record." →
// pb.failed_to_create_record), a field error as "pb.<code>"
// (pb.validation_required) with its params filled in. Our own messages are
// already Vietnamese and pass unchanged; an English one with no entry gets
// the catalog's sentence for its status ("pb.status.<status>").
func translateErrors(e *core.RequestEvent) error {
	err := e.Next()
	if err == nil {
		return nil
	}
	apiErr := router.ToApiError(err)
	apiErr.Message = translateMessage(apiErr.Message, "pb.status."+strconv.Itoa(apiErr.Status), "pb.status.400")
	translateData(apiErr.Data)
	return apiErr
}

// translateData rewrites, in place, the message of every field error in
// data (nested ones too) from its code.
func translateData(data map[string]any) {
	for _, v := range data {
		item, ok := v.(map[string]any)
		if !ok {
			continue
		}
		code, isItem := item["code"].(string)
		if !isItem {
			translateData(item)
			continue
		}
		msg, _ := item["message"].(string)
		params, _ := item["params"].(map[string]any)
		if key := "pb." + code; i18n.Has(key) {
			item["message"] = fillFromMessage(i18n.T(key, paramArgs(params)...), msg)
		} else if !isVietnamese(msg) {
			item["message"] = i18n.T("pb.validation_invalid_value")
		}
	}
}

// translateMessage returns msg in Vietnamese: the catalog's entry for it,
// msg itself when it is already Vietnamese, else the entry fallback (or
// last when fallback is not in the catalog).
func translateMessage(msg, fallback, last string) string {
	if key := "pb." + messageKey(msg); i18n.Has(key) {
		return i18n.T(key)
	}
	if isVietnamese(msg) {
		return msg
	}
	if i18n.Has(fallback) {
		return i18n.T(fallback)
	}
	return i18n.T(last)
}

// messageKey is an English message in snake case, without what follows
// "Raw error:" or a quoted name: "The requested resource wasn't found." →
// "the_requested_resource_wasn_t_found".
func messageKey(msg string) string {
	if i := strings.Index(msg, "Raw error"); i >= 0 {
		msg = msg[:i]
	}
	if i := strings.IndexByte(msg, '"'); i >= 0 {
		msg = msg[:i]
	}
	var b strings.Builder
	sep := false
	for _, r := range strings.ToLower(msg) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if sep && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			sep = false
		} else {
			sep = true
		}
	}
	return b.String()
}

// isVietnamese reports whether msg holds a letter outside ASCII: every
// sentence of our catalog does, PocketBase's English ones do not.
func isVietnamese(msg string) bool {
	for _, r := range msg {
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// placeholder is a {name} left in a catalog sentence.
var placeholder = regexp.MustCompile(`\{[A-Za-z]+\}`)

// number is a number in PocketBase's English message.
var number = regexp.MustCompile(`[0-9]+`)

// fillFromMessage fills the placeholders a field error's params did not
// (PocketBase's password field gives "Must be at least 8 character(s)"
// without params) with the numbers of the English message, in order; a
// sentence it cannot fill loses the placeholders rather than show braces.
func fillFromMessage(s, english string) string {
	nums := number.FindAllString(english, -1)
	return placeholder.ReplaceAllStringFunc(s, func(string) string {
		if len(nums) == 0 {
			return "…"
		}
		n := nums[0]
		nums = nums[1:]
		return n
	})
}

// paramArgs turns a field error's params into i18n.T's name, value pairs.
func paramArgs(params map[string]any) []string {
	args := make([]string, 0, 2*len(params))
	for k, v := range params {
		args = append(args, k, fmt.Sprint(v))
	}
	return args
}
