package hooks_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"unicode"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// vietnamese reports whether s holds a letter outside ASCII, as every
// Vietnamese sentence of the catalog does and PocketBase's English do not.
func vietnamese(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// everyMessageVietnamese fails the test for any message of an error answer,
// its own or a field's (nested ones too), that is not Vietnamese.
func everyMessageVietnamese(t *testing.T, name string, v any) {
	t.Helper()
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && k == "message" && !vietnamese(s) {
				t.Errorf("%s: message %q is not Vietnamese", name, s)
			}
			everyMessageVietnamese(t, name, val)
		}
	}
}

// TestPocketBaseErrorsInVietnamese sends, through the real API, the
// requests a page can make that PocketBase itself refuses, and checks that
// each answer is Vietnamese, from the catalog, with PocketBase's code kept.
func TestPocketBaseErrorsInVietnamese(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	sec := testkit.Token(t, w.Secretariat)
	staff := testkit.Token(t, w.StaffA)

	cases := []struct {
		name, method, path, token, body string
		status                          int
		messageKey                      string // the catalog key of the top message
		field, code, fieldKey           string // a field error: its code and catalog key
	}{
		{name: "wrong password", method: "POST", path: "/api/collections/users/auth-with-password",
			body:   `{"identity":"staff.a@phuong.test","password":"sai-mat-khau"}`,
			status: 400, messageKey: "pb.failed_to_authenticate"},
		{name: "unknown record", method: "GET", path: "/api/collections/units/records/khongcoday12345", token: sec,
			status: 404, messageKey: "pb.the_requested_resource_wasn_t_found"},
		{name: "unknown page", method: "GET", path: "/khong-co-trang-nay.html",
			status: 404, messageKey: "pb.the_requested_resource_wasn_t_found"},
		{name: "a unit without a name", method: "POST", path: "/api/collections/units/records", token: sec,
			body:   `{"code":"MOI","kind":"department"}`,
			status: 400, messageKey: "pb.failed_to_create_record", field: "name", code: "validation_required", fieldKey: "pb.validation_required"},
		{name: "a second unit VP", method: "POST", path: "/api/collections/units/records", token: sec,
			body:   `{"name":"Văn phòng (trùng)","code":"VP","kind":"department"}`,
			status: 400, messageKey: "pb.failed_to_create_record", field: "code", code: "validation_not_unique", fieldKey: "pb.validation_not_unique"},
		{name: "a short password", method: "POST", path: "/api/collections/users/records", token: sec,
			body:   `{"email":"moi@phuong.test","name":"Cán bộ mới","password":"123","passwordConfirm":"123"}`,
			status: 400, messageKey: "pb.failed_to_create_record", field: "password", code: "validation_min_text_constraint", fieldKey: "pb.validation_min_text_constraint"},
		{name: "passwords that differ", method: "POST", path: "/api/collections/users/records", token: sec,
			body:   `{"email":"moi@phuong.test","name":"Cán bộ mới","password":"matkhau123","passwordConfirm":"matkhau124"}`,
			status: 400, messageKey: "pb.failed_to_create_record", field: "passwordConfirm", code: "validation_values_mismatch", fieldKey: "pb.validation_values_mismatch"},
		{name: "a malformed e-mail", method: "POST", path: "/api/collections/users/records", token: sec,
			body:   `{"email":"khong-phai-email","name":"Cán bộ mới","password":"matkhau123","passwordConfirm":"matkhau123"}`,
			status: 400, messageKey: "pb.failed_to_create_record", field: "email", code: "validation_is_email", fieldKey: "pb.validation_is_email"},
		{name: "a quota that is not a whole number", method: "POST", path: "/api/collections/units/records", token: sec,
			body:   `{"name":"Đơn vị mới","code":"MOI","kind":"department","quota":1.5}`,
			status: 400, messageKey: "pb.failed_to_create_record", field: "quota", code: "validation_only_int_constraint", fieldKey: "pb.validation_only_int_constraint"},
		{name: "a unit kind that does not exist", method: "POST", path: "/api/collections/units/records", token: sec,
			body:   `{"name":"Đơn vị mới","code":"MOI","kind":"khac"}`,
			status: 400, messageKey: "pb.failed_to_create_record", field: "kind", code: "validation_invalid_value"},
		{name: "the collections list, superusers only", method: "GET", path: "/api/collections", token: sec,
			status: 403, messageKey: "pb.the_authorized_record_is_not_allowed_to_perform_this_action"},
		{name: "a unit created by staff", method: "POST", path: "/api/collections/units/records", token: staff,
			body:   `{"name":"Đơn vị mới","code":"MOI","kind":"department"}`,
			status: 400, messageKey: "pb.failed_to_create_record"},
		{name: "an action without signing in", method: "GET", path: "/api/reform/rounds/2026/quota",
			status: 401, messageKey: "pb.the_request_requires_valid_record_authorization_token"},
		{name: "a filter that does not parse", method: "GET", path: "/api/collections/units/records?filter=" + "(((", token: sec,
			status: 400, messageKey: "error.filter_too_costly"},
		{name: "a body that is not JSON", method: "POST", path: "/api/collections/units/records", token: sec,
			body: `{"name":`, status: 400},
	}
	for _, c := range cases {
		status, res := apitest.Send(t, srv, c.method, c.path, apitest.Token(c.token), apitest.JSON(c.body)).StatusJSON()
		if status != c.status {
			t.Errorf("%s: status %d, want %d: %v", c.name, status, c.status, res)
			continue
		}
		everyMessageVietnamese(t, c.name, res)
		if c.messageKey != "" {
			if !i18n.Has(c.messageKey) {
				t.Errorf("%s: no catalog entry %s", c.name, c.messageKey)
			}
			if res["message"] != i18n.T(c.messageKey) {
				t.Errorf("%s: message %q, want %s %q", c.name, res["message"], c.messageKey, i18n.T(c.messageKey))
			}
		}
		if c.field == "" {
			continue
		}
		data, _ := res["data"].(map[string]any)
		fe, _ := data[c.field].(map[string]any)
		if fe["code"] != c.code {
			t.Errorf("%s: data.%s = %v, want code %s", c.name, c.field, fe, c.code)
			continue
		}
		if c.fieldKey != "" {
			want := i18n.T(c.fieldKey, "min", "8", "max", "71")
			if fe["message"] != want {
				t.Errorf("%s: data.%s.message %q, want %q", c.name, c.field, fe["message"], want)
			}
		}
	}
}

// TestPocketBaseFileErrorsInVietnamese uploads a program disguised as a PDF
// and checks that the file field's refusal is Vietnamese with its code.
func TestPocketBaseFileErrorsInVietnamese(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	res := apitest.Send(t, srv, http.MethodPost, "/api/collections/initiatives/records", apitest.As(w.StaffA),
		apitest.Form(map[string]string{"round": w.Round.Id, "title": "Sáng kiến có tệp"}, attachment("bao-cao.pdf", exeBlob())))
	var out map[string]any
	if err := json.Unmarshal(res.Body, &out); err != nil || res.Status != http.StatusBadRequest {
		t.Fatalf("status %d: %s", res.Status, res.Body)
	}
	everyMessageVietnamese(t, "exe upload", out)
	if !strings.Contains(string(res.Body), `"code":"validation_invalid_mime_type"`) ||
		!strings.Contains(string(res.Body), i18n.T("pb.validation_invalid_mime_type")) {
		t.Errorf("answer %s", res.Body)
	}
}

// TestRateLimitInVietnamese turns PocketBase's rate limit on (two sign-in
// attempts per three seconds) and checks that the third attempt's 429 is
// Vietnamese: the translation sits outside the rate limiter.
func TestRateLimitInVietnamese(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	s := w.App.Settings()
	s.RateLimits.Enabled = true
	s.RateLimits.Rules = []core.RateLimitRule{{Label: "*:auth", MaxRequests: 2, Duration: 3600}} // an hour: the third is refused however slow the machine
	if err := w.App.Save(s); err != nil {
		t.Fatal(err)
	}
	srv := testkit.Serve(t, w.App)
	body := `{"identity":"staff.a@phuong.test","password":"sai-mat-khau"}`
	var status int
	var res map[string]any
	for range 3 {
		status, res = apitest.Send(t, srv, "POST", "/api/collections/users/auth-with-password", apitest.JSON(body)).StatusJSON()
	}
	if status != http.StatusTooManyRequests || res["message"] != i18n.T("pb.too_many_requests") {
		t.Errorf("third attempt: %d %v, want 429 %q", status, res, i18n.T("pb.too_many_requests"))
	}
}
