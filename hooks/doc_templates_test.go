package hooks_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"sangkien/internal/apitest"
	"sangkien/internal/docs"
	"sangkien/internal/testkit"
)

// uploadedTemplate starts a ward with its server and has its secretariat
// officer upload the default establishment template; it returns the
// ward, the server and the stored record as answered. The ward's app is
// cleaned up when the test ends.
func uploadedTemplate(t *testing.T) (*testkit.Ward, *httptest.Server, map[string]any) {
	t.Helper()
	w := testkit.NewWard(t)
	t.Cleanup(w.App.Cleanup)
	srv := testkit.Serve(t, w.App)
	src, err := docs.Default(docs.KeyEstablishment)
	if err != nil {
		t.Fatal(err)
	}
	status, out := uploadTemplate(t, srv, w.Secretariat, docs.KeyEstablishment, string(src))
	if status != http.StatusOK {
		t.Fatalf("upload: %d %v", status, out)
	}
	return w, srv, out
}

// uploadTemplate sends a multipart create of a template of key with
// content, as account as; it returns the status and the decoded answer.
func uploadTemplate(t testing.TB, srv *httptest.Server, as *core.Record, key, content string) (int, map[string]any) {
	t.Helper()
	return apitest.Send(t, srv, http.MethodPost, "/api/collections/document_templates/records", apitest.As(as),
		apitest.Form(map[string]string{"key": key}, apitest.File{Field: "file", Name: key + ".xml", Content: []byte(content)})).StatusJSON()
}

// documentXML downloads path as account as and returns its word/document.xml.
func documentXML(t testing.TB, srv *httptest.Server, as *core.Record, path string) string {
	t.Helper()
	res := apitest.Send(t, srv, http.MethodGet, path, apitest.As(as))
	raw := res.Body
	if res.Status != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, res.Status, raw)
	}
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, _ := io.ReadAll(f)
	return string(doc)
}

// TestDocumentTemplates checks that the secretariat can replace a
// document's template, that a broken one is refused when uploaded, that
// deleting it brings the default back, and that nobody else sees or
// changes templates.
func TestDocumentTemplates(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	srv := testkit.Serve(t, w.App)
	decision := w.roundURL("decision.docx")
	if doc := documentXML(t, srv, w.Secretariat, decision); !strings.Contains(doc, "QUYẾT ĐỊNH") || strings.Contains(doc, "MẪU CỦA PHƯỜNG") {
		t.Fatal("the default decision template is not used")
	}
	def, err := docs.Default(docs.KeyDecision)
	if err != nil {
		t.Fatal(err)
	}
	own := strings.Replace(string(def), `"QUYẾT ĐỊNH"}}`, `"QUYẾT ĐỊNH (MẪU CỦA PHƯỜNG & Co)"}}`, 1)

	for _, bad := range []struct{ name, src string }{
		{"unknown field", `{{p "center" .NoSuchField}}`},
		{"broken action", `{{p "center" .Year`},
		{"not well-formed", `<w:p><w:r><w:t>{{.Year}}</w:t></w:p>`},
	} {
		status, out := uploadTemplate(t, srv, w.Secretariat, docs.KeyDecision, bad.src)
		if status != http.StatusBadRequest || apitest.ErrCode(out, "file") != "template_invalid" {
			t.Errorf("%s: status %d, %v; want 400 file.template_invalid", bad.name, status, out)
		}
	}
	for _, as := range []*core.Record{w.Chairman, w.StaffA, w.Chair} {
		// refused before the body is read, as every upload without its role.
		if status, out := uploadTemplate(t, srv, as, docs.KeyDecision, own); status != http.StatusForbidden || apitest.ErrCode(out, "auth") != "forbidden" {
			t.Errorf("%s uploads a template: %d %v, want 403 auth.forbidden", as.GetString("name"), status, out)
		}
	}

	status, out := uploadTemplate(t, srv, w.Secretariat, docs.KeyDecision, own)
	if status != http.StatusOK {
		t.Fatalf("secretariat upload: %d %v", status, out)
	}
	id, _ := out["id"].(string)
	if doc := documentXML(t, srv, w.Secretariat, decision); !strings.Contains(doc, "MẪU CỦA PHƯỜNG &amp; Co") {
		t.Error("the ward's template is not used for the decision")
	}
	if status, _ := uploadTemplate(t, srv, w.Secretariat, docs.KeyDecision, own); status != http.StatusBadRequest {
		t.Errorf("a second template of one document: %d, want 400", status)
	}

	list := func(as *core.Record) float64 {
		out := apitest.Send(t, srv, http.MethodGet, "/api/collections/document_templates/records", apitest.As(as)).JSON()
		n, _ := out["totalItems"].(float64)
		return n
	}
	if n := list(w.Secretariat); n != 1 {
		t.Errorf("secretariat lists %v templates, want 1", n)
	}
	for _, as := range []*core.Record{w.Chairman, w.StaffA, w.HeadA, w.Chair} {
		if n := list(as); n != 0 {
			t.Errorf("%s lists %v templates, want 0", as.GetString("name"), n)
		}
	}
	call := func(as *core.Record, method, body string) int {
		return apitest.Send(t, srv, method, "/api/collections/document_templates/records/"+id, apitest.As(as), apitest.JSON(body)).Status
	}
	for _, as := range []*core.Record{w.Chairman, w.StaffA, w.HeadA, w.Chair} {
		if status := call(as, http.MethodGet, ""); status != http.StatusNotFound {
			t.Errorf("%s views a template: %d, want 404", as.GetString("name"), status)
		}
		if status := call(as, http.MethodPatch, `{"note":"sửa"}`); status != http.StatusNotFound {
			t.Errorf("%s edits a template: %d, want 404", as.GetString("name"), status)
		}
	}
	if status := call(w.Secretariat, http.MethodGet, ""); status != http.StatusOK {
		t.Errorf("secretariat views the template: %d", status)
	}
	if status := call(w.Secretariat, http.MethodPatch, `{"note":"Mẫu của phường, bản tháng 9"}`); status != http.StatusOK {
		t.Errorf("secretariat edits the note: %d", status)
	}
	// a template is of one document: moving it to another is refused.
	if status := call(w.Secretariat, http.MethodPatch, `{"key":"minutes"}`); status != http.StatusNotFound {
		t.Errorf("secretariat changes the key: %d, want 404", status)
	}
	del := func(as *core.Record) int {
		return apitest.Send(t, srv, http.MethodDelete, "/api/collections/document_templates/records/"+id, apitest.As(as)).Status
	}
	if status := del(w.Chairman); status != http.StatusNotFound {
		t.Errorf("chairman deletes a template: %d, want 404", status)
	}
	if status := del(w.Secretariat); status != http.StatusNoContent {
		t.Fatalf("secretariat deletes the template: %d", status)
	}
	if doc := documentXML(t, srv, w.Secretariat, decision); strings.Contains(doc, "MẪU CỦA PHƯỜNG") {
		t.Error("after deleting the ward's template the default is not back")
	}

	// a template stored around the API (the dashboard, a script on the
	// database) that fails: the download names it, in Vietnamese.
	broken, err := filesystem.NewFileFromBytes([]byte(`{{p "" .NoSuchField}}`), "minutes.xml")
	if err != nil {
		t.Fatal(err)
	}
	testkit.Save(t, w.App, "document_templates", map[string]any{"key": docs.KeyMinutes, "file": broken})
	status, out = apitest.Send(t, srv, http.MethodGet, w.roundURL("minutes.docx"), apitest.As(w.Chairman)).StatusJSON()
	if status != http.StatusInternalServerError || apitest.ErrCode(out, "template") != "template_invalid" ||
		!strings.Contains(fmt.Sprint(out["message"]), "minutes") {
		t.Errorf("a broken stored template: %d %v", status, out)
	}
}
