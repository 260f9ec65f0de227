package hooks_test

import (
	"io"
	"net/http"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// bigJSON is a JSON body of about n bytes: one long title.
func bigJSON(n int) string {
	return `{"title":"` + strings.Repeat("a", n) + `"}`
}

// TestJSONBodyLimit: a JSON body over 1 MiB is refused with 413
// body_too_large on every route, anonymous or not, declared or streamed
// (chunked), quickly and without the server holding it; one under the
// limit goes through.
func TestJSONBodyLimit(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	staff := testkit.Token(t, w.StaffA)
	big := bigJSON(2 << 20)
	for _, c := range []struct {
		name, method, path, token string
		chunked                   bool
	}{
		{"anonymous create", http.MethodPost, "/api/collections/initiatives/records", "", false},
		{"anonymous create, chunked", http.MethodPost, "/api/collections/initiatives/records", "", true},
		{"staff create", http.MethodPost, "/api/collections/initiatives/records", staff, false},
		{"staff create, chunked", http.MethodPost, "/api/collections/initiatives/records", staff, true},
		{"sign-in", http.MethodPost, "/api/collections/users/auth-with-password", "", true},
		{"an action", http.MethodPost, "/api/reform/initiatives/x/return", staff, false},
		{"an unknown route", http.MethodPost, "/api/khong-co", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var body io.Reader = strings.NewReader(big)
			if c.chunked {
				// no Content-Length: the limit must hold while reading.
				body = io.MultiReader(strings.NewReader(big))
			}
			start := time.Now()
			status, got := apitest.Send(t, srv, c.method, c.path, apitest.Body("application/json", body), apitest.Token(c.token)).StatusJSON()
			if status != http.StatusRequestEntityTooLarge || apitest.ErrCode(got, "body") != "body_too_large" {
				t.Fatalf("status %d, want 413 body_too_large: %v", status, got)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
	// just under the limit: read, and refused by the form's own rule
	// (title max 1000), not by the size.
	status, got := apitest.Send(t, srv, http.MethodPost, "/api/collections/initiatives/records", apitest.Body("application/json",
		strings.NewReader(bigJSON(900<<10))), apitest.Token(staff)).StatusJSON()
	if status == http.StatusRequestEntityTooLarge {
		t.Fatalf("900 KiB refused as too large: %v", got)
	}
}

// TestJSONBodyFloodKeepsMemory: 8 bodies of 20 MB (a flood of large
// bodies, scaled down) leave the server's heap where it was.
func TestJSONBodyFloodKeepsMemory(t *testing.T) {
	// not in parallel: it measures the whole process's heap, with the
	// garbage collector at its default (as the program runs).
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	peak := before.HeapAlloc
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 8 {
			body := io.MultiReader(strings.NewReader(`{"title":"`), &zeros{n: 20 << 20})
			status := apitest.Send(t, srv, http.MethodPost, "/api/collections/initiatives/records", apitest.Body("application/json", body)).Status
			if status != http.StatusRequestEntityTooLarge {
				t.Errorf("status %d, want 413", status)
			}
		}
	}()
	for {
		select {
		case <-done:
			runtime.ReadMemStats(&after)
			if grew := int64(peak) - int64(before.HeapAlloc); grew > 32<<20 {
				t.Errorf("heap grew by %d MB while refusing 8 × 20 MB", grew>>20)
			}
			return
		case <-time.After(5 * time.Millisecond):
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc)
		}
	}
}

// zeros reads n bytes of 'a'.
type zeros struct{ n int }

// Read implements io.Reader.
func (z *zeros) Read(p []byte) (int, error) {
	if z.n == 0 {
		return 0, io.EOF
	}
	k := min(len(p), z.n)
	for i := range k {
		p[i] = 'a'
	}
	z.n -= k
	return k, nil
}

// uploadBody is a multipart form with a title and a PDF of size bytes.
func uploadBody(t *testing.T, size int) (string, io.Reader) {
	body, ct := apitest.Multipart(t, map[string]string{"title": "Sáng kiến có đính kèm"}, attachment("tai-lieu.pdf", pdfBlob(size)))
	return ct, body
}

// TestUploadRefusedEarly: a multipart create or update of an initiative
// (with an attachment) is refused before its body is read when the caller
// may not make it; a staff member's upload of a few MB goes through, over
// the JSON limit, under the attachment limit.
func TestUploadRefusedEarly(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	draft := w.Initiative(t, w.StaffA, "draft", nil)
	base := srv.URL + "/api/collections/initiatives/records"
	for _, c := range []struct {
		name, method, url, token string
		want                     int
		code                     string
	}{
		{"anonymous create", http.MethodPost, base, "", 401, "unauthorized"},
		{"chairman create (no staff role)", http.MethodPost, base, testkit.Token(t, w.Chairman), 403, "forbidden"},
		{"anonymous update", http.MethodPatch, base + "/" + draft.Id, "", 401, "unauthorized"},
		{"another's update", http.MethodPatch, base + "/" + draft.Id, testkit.Token(t, w.StaffA2), 404, "not_found"},
		{"anonymous decision upload", http.MethodPatch, srv.URL + "/api/collections/decisions/records/x", "", 401, "unauthorized"},
		{"staff decision create", http.MethodPost, srv.URL + "/api/collections/decisions/records", testkit.Token(t, w.StaffA), 403, "forbidden"},
		{"anonymous account create", http.MethodPost, srv.URL + "/api/collections/users/records", "", 401, "unauthorized"},
		{"staff account create", http.MethodPost, srv.URL + "/api/collections/users/records", testkit.Token(t, w.StaffA), 403, "forbidden"},
		{"staff updating another's account", http.MethodPatch, srv.URL + "/api/collections/users/records/" + w.StaffB.Id, testkit.Token(t, w.StaffA), 404, "not_found"},
		{"chairman template create", http.MethodPost, srv.URL + "/api/collections/document_templates/records", testkit.Token(t, w.Chairman), 403, "forbidden"},
		{"staff template update", http.MethodPatch, srv.URL + "/api/collections/document_templates/records/x", testkit.Token(t, w.StaffA), 404, "not_found"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ct, body := uploadBody(t, 8<<20)
			status, got := apitest.Send(t, c.url, c.method, "", apitest.Body(ct, body), apitest.Token(c.token)).StatusJSON()
			field := "auth"
			if c.want == 404 {
				field = "id"
			}
			if status != c.want || apitest.ErrCode(got, field) != c.code {
				t.Fatalf("status %d, want %d %s: %v", status, c.want, c.code, got)
			}
		})
	}
	// a multipart body where no file can go has the JSON limit.
	ct, body := uploadBody(t, 2<<20)
	status, got := apitest.Send(t, srv, http.MethodPost, "/api/collections/units/records", apitest.Body(ct, body)).StatusJSON()
	if status != http.StatusRequestEntityTooLarge || apitest.ErrCode(got, "body") != "body_too_large" {
		t.Errorf("2 MB multipart to units: status %d, want 413 body_too_large: %v", status, got)
	}
	// a person's own account is theirs to update: the guard lets the
	// upload through (what it carries is then the rules' to judge).
	ct, body = uploadBody(t, 1<<20)
	status, got = apitest.Send(t, srv, http.MethodPatch, "/api/collections/users/records/"+w.StaffA.Id, apitest.Body(ct, body), apitest.As(w.StaffA)).StatusJSON()
	if status == http.StatusNotFound && apitest.ErrCode(got, "id") == "not_found" {
		t.Errorf("own account's upload refused early: %v", got)
	}
	// the owner's upload of 3 MB (over the JSON limit) is stored.
	ct, body = uploadBody(t, 3<<20)
	status, got = apitest.Send(t, srv, http.MethodPatch, "/api/collections/initiatives/records/"+draft.Id, apitest.Body(ct, body), apitest.As(w.StaffA)).StatusJSON()
	if status != http.StatusOK {
		t.Fatalf("owner's upload: status %d: %v", status, got)
	}
	if files, _ := got["attachments"].([]any); len(files) != 1 {
		t.Errorf("attachments %v, want one file", got["attachments"])
	}
}
