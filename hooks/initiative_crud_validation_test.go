package hooks_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// attachment is a file of an initiative's multipart body.
func attachment(name string, content []byte) apitest.File {
	return apitest.File{Field: "attachments", Name: name, Content: content}
}

// pdfBlob returns a PDF of size bytes (a real header, padded).
func pdfBlob(size int) []byte {
	b := []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n")
	if size > len(b) {
		b = append(b, bytes.Repeat([]byte{' '}, size-len(b)-6)...)
	}
	return append(b, "%%EOF\n"...)
}

// exeBlob returns the start of a Windows executable: an MZ header whose
// e_lfanew points at a PE signature and an i386 COFF header.
func exeBlob() []byte {
	b := make([]byte, 1024)
	copy(b, "MZ")
	binary.LittleEndian.PutUint32(b[0x3c:], 0x80)
	copy(b[0x80:], "PE\x00\x00")
	binary.LittleEndian.PutUint16(b[0x84:], 0x14c)
	return b
}

// wantFieldError checks that a refused request answered data.<field>.code
// = code and stored nothing in collection.
func wantFieldError(collection, field, code string) (func(testing.TB, *tests.TestApp, *core.ServeEvent), func(testing.TB, *tests.TestApp, *http.Response)) {
	var before int64
	return func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
			n, err := app.CountRecords(collection)
			if err != nil {
				t.Fatal(err)
			}
			before = n
		}, func(t testing.TB, app *tests.TestApp, res *http.Response) {
			var body struct {
				Data map[string]struct {
					Code string `json:"code"`
				} `json:"data"`
			}
			raw, _ := io.ReadAll(res.Body)
			if err := json.Unmarshal(raw, &body); err != nil {
				t.Fatalf("%v: %s", err, raw)
			}
			if got := body.Data[field].Code; got != code {
				t.Errorf("data.%s.code = %q, want %q: %s", field, got, code, raw)
			}
			if n, _ := app.CountRecords(collection); n != before {
				t.Errorf("%s records %d, want %d", collection, n, before)
			}
		}
}

// TestBadInputIsRefused sends the CRUD API what a careless script or a
// hostile one would: each answers 400 with a field error code.
func TestBadInputIsRefused(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t) // ids and tokens; every scenario gets its own copy
	t.Cleanup(w.App.Cleanup)
	staff := map[string]string{"Authorization": testkit.Token(t, w.StaffA)}
	secretariat := map[string]string{"Authorization": testkit.Token(t, w.Secretariat)}
	form := func(extra map[string]string) map[string]string {
		f := map[string]string{"round": w.Round.Id, "field": w.Fields["c"].Id, "title": "Sáng kiến có tệp kèm theo"}
		for k, v := range extra {
			f[k] = v
		}
		return f
	}
	withType := func(h map[string]string, contentType string) map[string]string {
		out := map[string]string{"Content-Type": contentType}
		for k, v := range h {
			out[k] = v
		}
		return out
	}

	type refusal struct {
		name, method, url, collection, field, code string
		headers                                    map[string]string
		body                                       io.Reader
	}
	bigPDF, bigType := apitest.Multipart(t, form(nil), attachment("du-thao.pdf", pdfBlob(10<<20+1)))
	exe, exeType := apitest.Multipart(t, form(nil), attachment("bao-cao.pdf", exeBlob()))
	var eleven []apitest.File
	for range 11 {
		eleven = append(eleven, attachment("phu-luc.pdf", pdfBlob(200)))
	}
	many, manyType := apitest.Multipart(t, form(nil), eleven...)
	refusals := []refusal{
		{
			name: "POST /api/collections/initiatives/records - field id that does not exist should fail", method: http.MethodPost,
			url: "/api/collections/initiatives/records", collection: "initiatives", field: "field", code: "validation_missing_rel_records",
			headers: staff, body: strings.NewReader(`{"round":"` + w.Round.Id + `","field":"khongtontai1234","title":"Sáng kiến thử"}`),
		},
		{
			name: "POST /api/collections/units/records - negative quota should fail", method: http.MethodPost,
			url: "/api/collections/units/records", collection: "units", field: "quota", code: "validation_min_number_constraint",
			headers: secretariat, body: strings.NewReader(`{"name":"Trường Tiểu học","code":"THX","kind":"public_service","quota":-1}`),
		},
		{
			name: "PATCH /api/collections/units/records/{id} - negative quota should fail", method: http.MethodPatch,
			url: "/api/collections/units/records/" + w.UnitA.Id, collection: "units", field: "quota", code: "validation_min_number_constraint",
			headers: secretariat, body: strings.NewReader(`{"quota":-1}`),
		},
		{
			name: "POST /api/collections/initiatives/records - 100 KB title should fail", method: http.MethodPost,
			url: "/api/collections/initiatives/records", collection: "initiatives", field: "title", code: "validation_max_text_constraint",
			headers: staff, body: strings.NewReader(`{"round":"` + w.Round.Id + `","title":"` + strings.Repeat("a", 100<<10) + `"}`),
		},
		{
			name: "POST /api/collections/initiatives/records - attachment over 10 MB should fail", method: http.MethodPost,
			url: "/api/collections/initiatives/records", collection: "initiatives", field: "attachments", code: "validation_file_size_limit",
			headers: withType(staff, bigType), body: bigPDF,
		},
		{
			name: "POST /api/collections/initiatives/records - Windows program renamed .pdf should fail", method: http.MethodPost,
			url: "/api/collections/initiatives/records", collection: "initiatives", field: "attachments", code: "validation_invalid_mime_type",
			headers: withType(staff, exeType), body: exe,
		},
		{
			name: "POST /api/collections/initiatives/records - 11 attachments should fail", method: http.MethodPost,
			url: "/api/collections/initiatives/records", collection: "initiatives", field: "attachments", code: "validation_too_many_files",
			headers: withType(staff, manyType), body: many,
		},
	}
	for _, r := range refusals {
		before, after := wantFieldError(r.collection, r.field, r.code)
		(&tests.ApiScenario{
			Name: r.name, Method: r.method, URL: r.url, Headers: r.headers, Body: r.body,
			ExpectedStatus:  400,
			ExpectedContent: []string{`"code":"` + r.code + `"`},
			TestAppFactory:  func(t testing.TB) *tests.TestApp { return testkit.NewWard(t).App },
			BeforeTestFunc:  before,
			AfterTestFunc:   after,
		}).Test(t)
	}

	// the controls: the same requests within the limits pass.
	var ten []apitest.File
	for range 10 {
		ten = append(ten, attachment("phu-luc.pdf", pdfBlob(200)))
	}
	ten = append(ten[:9], attachment("du-thao.pdf", pdfBlob(10<<20)))
	tenBody, tenType := apitest.Multipart(t, form(nil), ten...)
	(&tests.ApiScenario{
		Name:   "POST /api/collections/initiatives/records - 10 PDFs, one of exactly 10 MB, are accepted",
		Method: http.MethodPost, URL: "/api/collections/initiatives/records",
		Headers: withType(staff, tenType), Body: tenBody,
		ExpectedStatus:  200,
		ExpectedContent: []string{`"attachments":["phu_luc_`, `"status":"draft"`},
		TestAppFactory:  func(t testing.TB) *tests.TestApp { return testkit.NewWard(t).App },
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			var rec struct {
				ID          string   `json:"id"`
				Attachments []string `json:"attachments"`
			}
			if err := json.NewDecoder(res.Body).Decode(&rec); err != nil {
				t.Fatal(err)
			}
			stored, err := app.FindRecordById("initiatives", rec.ID)
			if err != nil {
				t.Fatal(err)
			}
			if n := len(stored.GetStringSlice("attachments")); n != 10 {
				t.Errorf("stored %d attachments, want 10", n)
			}
		},
	}).Test(t)
	title := string([]rune(strings.Repeat("Số hóa hồ sơ ", 100))[:1000])
	(&tests.ApiScenario{
		Name:   "POST /api/collections/initiatives/records - 1000-character title is accepted",
		Method: http.MethodPost, URL: "/api/collections/initiatives/records",
		Headers:         staff,
		Body:            strings.NewReader(`{"round":"` + w.Round.Id + `","title":"` + title + `"}`),
		ExpectedStatus:  200,
		ExpectedContent: []string{`"title":"` + title + `"`},
		TestAppFactory:  func(t testing.TB) *tests.TestApp { return testkit.NewWard(t).App },
	}).Test(t)
}
