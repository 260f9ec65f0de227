// Package apitest is the one way the tests send a request to the app:
//
//	r := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+id+"/submit",
//		apitest.As(w.StaffA), apitest.JSON(`{"note":"…"}`))
//	if r.Status != http.StatusOK {
//		t.Fatalf("submit: %d %s", r.Status, r.Body)
//	}
//
// Send takes the target (a served app, a base URL or a bare handler), the
// method and path, and options for the caller (As a record, Token a raw
// token), the body (JSON, Form for a multipart upload, Body for anything
// else) and Header; it answers the whole Reply: status, headers and body,
// read with JSON, Decode or DecodeOK. Open is the same request left open,
// for the realtime stream that never ends.
//
// It is a package of its own, not a helper of one test package, so that
// the hooks package's internal tests (which cannot import testkit: testkit
// imports hooks) send requests the same way as the external ones.
//
// PocketBase's tests.ApiScenario stays where its table form is the point:
// the scenario lists (runCases, runWardCases, the read-only, account and
// authorization tables, and the controls written beside them) run each case
// on a fresh app, or their reads and refusals on one app they share, and can
// assert which hooks fired (ExpectedEvents), which a Reply cannot show.
// Every other request goes through Send.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Reply is what a request answered, body read in full.
type Reply struct {
	Status int
	Header http.Header
	Body   []byte

	method, path string // what was asked, for the messages of Want
}

// Want fails t now unless the status is want, and returns the body as a
// JSON object (see JSON).
func (r Reply) Want(t testing.TB, want int) map[string]any {
	t.Helper()
	out := r.JSON()
	if r.Status != want {
		t.Fatalf("%s %s: status %d, want %d: %v", r.method, r.path, r.Status, want, out)
	}
	return out
}

// WantError fails t now unless the answer is PocketBase's error of status
// with code in data[field], and returns the body as a JSON object.
func (r Reply) WantError(t testing.TB, status int, field, code string) map[string]any {
	t.Helper()
	out := r.Want(t, status)
	if got := ErrCode(out, field); got != code {
		t.Fatalf("%s %s: data.%s.code = %q, want %q: %v", r.method, r.path, field, got, code, out)
	}
	return out
}

// ErrCode returns data[field].code of PocketBase's error answer out ("" if
// none).
func ErrCode(out map[string]any, field string) string {
	data, _ := out["data"].(map[string]any)
	item, _ := data[field].(map[string]any)
	code, _ := item["code"].(string)
	return code
}

// JSON decodes the body as a JSON object; a body that is not one (empty,
// a list, a file) gives an empty map, so a test compares it with what it
// wants and says what it got.
func (r Reply) JSON() map[string]any {
	out := map[string]any{}
	_ = json.Unmarshal(r.Body, &out)
	return out
}

// Decode decodes the body into out and fails t when it is not JSON.
func (r Reply) Decode(t testing.TB, out any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, out); err != nil {
		t.Fatalf("%d answer is not JSON: %v: %.300s", r.Status, err, r.Body)
	}
}

// DecodeOK decodes the body into out when the status is 200 (failing t if
// it is not JSON) and returns the status.
func (r Reply) DecodeOK(t testing.TB, out any) int {
	t.Helper()
	if r.Status == http.StatusOK {
		r.Decode(t, out)
	}
	return r.Status
}

// StatusJSON returns the status and the body as a JSON object (see JSON).
func (r Reply) StatusJSON() (int, map[string]any) {
	return r.Status, r.JSON()
}

// StatusObject returns the status and the body as a JSON object, failing
// t when the body is not JSON.
func (r Reply) StatusObject(t testing.TB) (int, map[string]any) {
	t.Helper()
	out := map[string]any{}
	r.Decode(t, &out)
	return r.Status, out
}

// StatusBody returns the status and the raw body.
func (r Reply) StatusBody() (int, []byte) {
	return r.Status, r.Body
}

// outgoing is a request being built by the options.
type outgoing struct {
	body        io.Reader
	contentType string
	header      http.Header
	ctx         context.Context
}

// Option sets one part of a request.
type Option func(t testing.TB, o *outgoing)

// Token sends token as the Authorization header; "" sends none (an
// anonymous caller).
func Token(token string) Option {
	return func(_ testing.TB, o *outgoing) {
		if token != "" {
			o.header.Set("Authorization", token)
		}
	}
}

// As signs the request as who with a fresh auth token; nil sends it
// anonymously.
func As(who *core.Record) Option {
	return func(t testing.TB, o *outgoing) {
		if who == nil {
			return
		}
		token, err := who.NewAuthToken()
		if err != nil {
			t.Fatal(err)
		}
		o.header.Set("Authorization", token)
	}
}

// JSON sends body as JSON: a string or []byte as it is, nil as no body,
// anything else marshalled. The Content-Type is application/json even for
// an empty body, as the pages' fetch sends it.
func JSON(body any) Option {
	return func(t testing.TB, o *outgoing) {
		o.contentType = "application/json"
		switch b := body.(type) {
		case nil:
		case string:
			o.body = strings.NewReader(b)
		case []byte:
			o.body = bytes.NewReader(b)
		default:
			raw, err := json.Marshal(b)
			if err != nil {
				t.Fatal(err)
			}
			o.body = bytes.NewReader(raw)
		}
	}
}

// Body sends body as it is, under contentType ("" for no header). A body
// that is not a *strings.Reader, *bytes.Reader or *bytes.Buffer goes
// chunked, without a Content-Length.
func Body(contentType string, body io.Reader) Option {
	return func(_ testing.TB, o *outgoing) {
		o.contentType, o.body = contentType, body
	}
}

// File is one file of a multipart body.
type File struct {
	Field, Name string
	Content     []byte
}

// Form sends fields and files as a multipart form, as a browser's upload
// does.
func Form(fields map[string]string, files ...File) Option {
	return func(t testing.TB, o *outgoing) {
		o.body, o.contentType = Multipart(t, fields, files...)
	}
}

// Multipart builds fields and files as a multipart body and returns it with
// its Content-Type, for Form and for a tests.ApiScenario's Body.
func Multipart(t testing.TB, fields map[string]string, files ...File) (io.Reader, string) {
	t.Helper()
	buf := new(bytes.Buffer)
	mw := multipart.NewWriter(buf)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		fw, err := mw.CreateFormFile(f.Field, f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(f.Content); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf, mw.FormDataContentType()
}

// Header sets header k to v; an empty v sends no header, as Token does.
func Header(k, v string) Option {
	return func(_ testing.TB, o *outgoing) {
		if v != "" {
			o.header.Set(k, v)
		}
	}
}

// Headers sets every header of h (none if nil) as Header does.
func Headers(h map[string]string) Option {
	return func(t testing.TB, o *outgoing) {
		for k, v := range h {
			Header(k, v)(t, o)
		}
	}
}

// Timeout gives the request d to be answered, body included.
func Timeout(d time.Duration) Option {
	return func(t testing.TB, o *outgoing) {
		ctx, cancel := context.WithTimeout(o.ctx, d)
		t.Cleanup(cancel)
		o.ctx = ctx
	}
}

// noRedirects is the client of Send: it shows a redirect as answered
// instead of following it, so a test sees what the server said.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}}

// build makes the request of method path with opts: to base+path, or, for
// a bare handler (base ""), httptest's request from 192.0.2.1.
func build(t testing.TB, base, method, path string, opts []Option) *http.Request {
	t.Helper()
	o := &outgoing{header: http.Header{}, ctx: context.Background()}
	for _, opt := range opts {
		opt(t, o)
	}
	var req *http.Request
	if base == "" {
		req = httptest.NewRequestWithContext(o.ctx, method, path, o.body)
	} else {
		var err error
		if req, err = http.NewRequestWithContext(o.ctx, method, base+path, o.body); err != nil {
			t.Fatal(err)
		}
	}
	req.Header = o.header
	if o.contentType != "" {
		req.Header.Set("Content-Type", o.contentType)
	}
	return req
}

// target returns the base URL of a served target, or the handler of a
// bare one.
func target(t testing.TB, to any) (string, http.Handler) {
	t.Helper()
	switch v := to.(type) {
	case *httptest.Server:
		return v.URL, nil
	case string:
		return v, nil
	case http.Handler:
		return "", v
	}
	t.Fatalf("request to %T: want a *httptest.Server, a base URL or an http.Handler", to)
	return "", nil
}

// Send sends method path to to (a *httptest.Server, a base URL such as
// srv.URL, or an http.Handler served in-process) with opts, and returns the
// reply with its body read. A failure to connect or to read fails t.
func Send(t testing.TB, to any, method, path string, opts ...Option) Reply {
	t.Helper()
	base, h := target(t, to)
	req := build(t, base, method, path, opts)
	if h != nil {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return Reply{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes(), method: method, path: path}
	}
	res, err := noRedirects.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the answer: %v", method, path, err)
	}
	return Reply{Status: res.StatusCode, Header: res.Header, Body: body, method: method, path: path}
}

// Open sends method path to a served target with opts and returns the
// response unread, for an answer that streams (the realtime events); the
// body is closed when the test ends.
func Open(t testing.TB, to any, method, path string, opts ...Option) *http.Response {
	t.Helper()
	base, h := target(t, to)
	if h != nil {
		t.Fatal("apitest.Open needs a served app, not a handler")
	}
	res, err := noRedirects.Do(build(t, base, method, path, opts))
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}
