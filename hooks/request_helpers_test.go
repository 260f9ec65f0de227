package hooks_test

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

	"sangkien/internal/testkit"
)

// This file is the package's one way to send a request in a test:
//
//	r := request(t, srv, http.MethodPost, "/api/reform/initiatives/"+id+"/submit", withToken(tok), withJSON(body))
//	if r.status != http.StatusOK { t.Fatalf("submit: %d %s", r.status, r.body) }
//
// request takes the target (a served app, a base URL or a bare handler), the
// method and path, and options for the caller's token, a JSON, multipart or
// raw body and extra headers; it answers the whole reply: status, headers,
// body, with json() and decode() to read it. openStream is the same request
// left open, for the realtime stream that never ends.
//
// PocketBase's tests.ApiScenario stays where its table form is the point:
// runCases/runWardCases and the scenario lists of the read-only and
// authorization tests, which run each case on a fresh app and assert the
// hooks that fired (ExpectedEvents), something a reply cannot show.

// reply is what a request answered, body read in full.
type reply struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body as a JSON object; a body that is not one (empty,
// a list, a file) gives an empty map, so a test compares it with what it
// wants and says what it got.
func (r reply) json() map[string]any {
	out := map[string]any{}
	_ = json.Unmarshal(r.body, &out)
	return out
}

// decode decodes the body into out and fails t when it is not JSON.
func (r reply) decode(t testing.TB, out any) {
	t.Helper()
	if err := json.Unmarshal(r.body, out); err != nil {
		t.Fatalf("%d answer is not JSON: %v: %.300s", r.status, err, r.body)
	}
}

// statusJSON returns the status and the body as a JSON object (see json).
func (r reply) statusJSON() (int, map[string]any) {
	return r.status, r.json()
}

// statusBody returns the status and the raw body.
func (r reply) statusBody() (int, []byte) {
	return r.status, r.body
}

// outgoing is a request being built by the options.
type outgoing struct {
	body        io.Reader
	contentType string
	header      http.Header
	ctx         context.Context
}

// reqOption sets one part of a request.
type reqOption func(t testing.TB, o *outgoing)

// withToken sends token as the Authorization header; "" sends none
// (an anonymous caller).
func withToken(token string) reqOption {
	return func(_ testing.TB, o *outgoing) {
		if token != "" {
			o.header.Set("Authorization", token)
		}
	}
}

// withUser signs the request as who; nil sends it anonymously.
func withUser(who *core.Record) reqOption {
	return func(t testing.TB, o *outgoing) {
		if who != nil {
			o.header.Set("Authorization", testkit.Token(t, who))
		}
	}
}

// withJSON sends body as JSON: a string or []byte as it is, anything else
// marshalled. The Content-Type is application/json even for an empty
// string, as a browser's fetch of an empty JSON body sends it.
func withJSON(body any) reqOption {
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

// withBody sends body as it is, under contentType ("" for no header).
func withBody(contentType string, body io.Reader) reqOption {
	return func(_ testing.TB, o *outgoing) {
		o.contentType, o.body = contentType, body
	}
}

// formFile is one file of a multipart body.
type formFile struct {
	field, name string
	content     []byte
}

// withForm sends fields and files as a multipart form, as a browser's
// upload does.
func withForm(fields map[string]string, files ...formFile) reqOption {
	return func(t testing.TB, o *outgoing) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for k, v := range fields {
			if err := mw.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
		for _, f := range files {
			fw, err := mw.CreateFormFile(f.field, f.name)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = fw.Write(f.content)
		}
		if err := mw.Close(); err != nil {
			t.Fatal(err)
		}
		o.contentType, o.body = mw.FormDataContentType(), &buf
	}
}

// withHeader sets header k to v.
func withHeader(k, v string) reqOption {
	return func(_ testing.TB, o *outgoing) {
		o.header.Set(k, v)
	}
}

// withHeaders sets every header of h (none if nil).
func withHeaders(h map[string]string) reqOption {
	return func(_ testing.TB, o *outgoing) {
		for k, v := range h {
			o.header.Set(k, v)
		}
	}
}

// withTimeout gives the request d to be answered, body included.
func withTimeout(d time.Duration) reqOption {
	return func(t testing.TB, o *outgoing) {
		ctx, cancel := context.WithTimeout(o.ctx, d)
		t.Cleanup(cancel)
		o.ctx = ctx
	}
}

// noRedirects is the client of request: it shows a redirect as answered
// instead of following it, so a test sees what the server said.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}}

// build makes the request of method path to base with opts.
func build(t testing.TB, base, method, path string, opts []reqOption) *http.Request {
	t.Helper()
	o := &outgoing{header: http.Header{}, ctx: context.Background()}
	for _, opt := range opts {
		opt(t, o)
	}
	if base == "" {
		// a bare handler: httptest's request, from 192.0.2.1 to example.com.
		req := httptest.NewRequestWithContext(o.ctx, method, path, o.body)
		req.Header = o.header
		if o.contentType != "" {
			req.Header.Set("Content-Type", o.contentType)
		}
		return req
	}
	req, err := http.NewRequestWithContext(o.ctx, method, base+path, o.body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header = o.header
	if o.contentType != "" {
		req.Header.Set("Content-Type", o.contentType)
	}
	return req
}

// baseOf returns the base URL of a served target ("" for a handler).
func baseOf(t testing.TB, to any) (string, http.Handler) {
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

// request sends method path to to (a *httptest.Server, a base URL such as
// srv.URL, or an http.Handler served in-process) with opts, and returns the
// reply with its body read. A failure to connect fails t.
func request(t testing.TB, to any, method, path string, opts ...reqOption) reply {
	t.Helper()
	base, h := baseOf(t, to)
	req := build(t, base, method, path, opts)
	if h != nil {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return reply{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
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
	return reply{status: res.StatusCode, header: res.Header, body: body}
}

// openStream sends method path to a served target with opts and returns the
// response unread, for an answer that streams (the realtime events); the
// body is closed when the test ends.
func openStream(t testing.TB, to any, method, path string, opts ...reqOption) *http.Response {
	t.Helper()
	base, h := baseOf(t, to)
	if h != nil {
		t.Fatal("openStream needs a served app, not a handler")
	}
	res, err := noRedirects.Do(build(t, base, method, path, opts))
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

// statusObject returns the status and the body as a JSON object, failing t
// when the body is not JSON.
func (r reply) statusObject(t testing.TB) (int, map[string]any) {
	t.Helper()
	out := map[string]any{}
	r.decode(t, &out)
	return r.status, out
}

// decodeOK decodes the body into out when the status is 200 (failing t if
// it is not JSON) and returns the status.
func (r reply) decodeOK(t testing.TB, out any) int {
	t.Helper()
	if r.status == http.StatusOK {
		r.decode(t, out)
	}
	return r.status
}
