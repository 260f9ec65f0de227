package hooks_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// minimalPDF is enough of a PDF for PocketBase's content sniffing.
const minimalPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

// attach saves a PDF named name into r's file field and returns the
// stored file name.
func attach(t *testing.T, app core.App, r *core.Record, field, name string) string {
	t.Helper()
	f, err := filesystem.NewFileFromBytes([]byte(minimalPDF+name), name)
	if err != nil {
		t.Fatal(err)
	}
	r.Set(field, []*filesystem.File{f})
	if err := app.Save(r); err != nil {
		t.Fatalf("attach %s: %v", name, err)
	}
	names := r.GetStringSlice(field)
	if len(names) != 1 {
		t.Fatalf("attach %s: stored %v", name, names)
	}
	return names[0]
}

// fileToken asks POST /api/files/token for a file token as token's owner.
func fileToken(t *testing.T, base, token string) string {
	t.Helper()
	res := apitest.Send(t, base, http.MethodPost, "/api/files/token", apitest.Token(token))
	var got struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(res.Body, &got); err != nil || res.Status != http.StatusOK || got.Token == "" {
		t.Fatalf("file token: status %d, %v", res.Status, err)
	}
	return got.Token
}

// TestFileAccessMatrix: every caller × every kind of attachment, through
// a real server: the file comes only with a file token, only to whom the
// record's view rule shows the record, and never with a public cache.
func TestFileAccessMatrix(t *testing.T) {
	t.Parallel()
	m := newMxWard(t)
	app := m.App
	files := map[string]string{} // fixture → file name
	for _, name := range []string{"iDraftA", "iSubA", "iCoA", "iOther"} {
		r, err := app.FindRecordById("initiatives", m.ids[name])
		if err != nil {
			t.Fatal(err)
		}
		files[name] = attach(t, app, r, "attachments", name+".pdf")
	}
	dec, err := app.FindRecordById("decisions", m.ids["decRec"])
	if err != nil {
		t.Fatal(err)
	}
	files["decRec"] = attach(t, app, dec, "file", "quyet-dinh.pdf")
	srv := testkit.Serve(t, app)

	rows := []struct {
		fixture, collection, want string
	}{
		// a draft: its owner only (and the superuser).
		{"iDraftA", "initiatives", "404 200 404 404 404 404 404 200"},
		// submitted: the owner, the unit's head, the secretariat, the chairman.
		{"iSubA", "initiatives", "404 200 404 200 200 404 200 200"},
		// accepted, assigned: the co-author, the head, the oversight, the council.
		{"iCoA", "initiatives", "404 200 404 200 200 200 200 200"},
		// another unit's, assigned to another council.
		{"iOther", "initiatives", "404 404 200 404 200 404 200 200"},
		// a decision's signed scan: every signed-in account.
		{"decRec", "decisions", "404 200 200 200 200 200 200 200"},
	}
	var tokens [mxCallers]string
	for c := mxStaffA; c < mxCallers; c++ {
		tokens[c] = fileToken(t, srv.URL, m.tokens[c])
	}
	for _, row := range rows {
		want := mxStatuses(t, row.want)
		for c := range mxCallers {
			name := fmt.Sprintf("GET /api/files/%s/{%s} - %s", row.collection, row.fixture, mxCallerNames[c])
			t.Run(name, func(t *testing.T) {
				u := fmt.Sprintf("/api/files/%s/%s/%s", row.collection, m.ids[row.fixture], files[row.fixture])
				if tokens[c] != "" {
					u += "?token=" + tokens[c]
				}
				res := apitest.Send(t, srv, http.MethodGet, u)
				body := res.Body
				if res.Status != want[c] {
					t.Fatalf("status %d, want %d", res.Status, want[c])
				}
				if want[c] != http.StatusOK {
					return
				}
				if string(body) != minimalPDF+row.fixture+".pdf" && row.collection == "initiatives" {
					t.Errorf("served %q, not the attachment", body)
				}
				if cc := res.Header.Get("Cache-Control"); cc != "private, no-store" {
					t.Errorf("Cache-Control %q, want private, no-store", cc)
				}
			})
		}
	}

	// without a token, even the owner gets nothing: the file is protected.
	for _, row := range rows {
		u := fmt.Sprintf("/api/files/%s/%s/%s", row.collection, m.ids[row.fixture], files[row.fixture])
		if status := apitest.Send(t, srv, http.MethodGet, u, apitest.Token(m.tokens[mxSuperuser])).Status; status != http.StatusNotFound {
			t.Errorf("%s without a file token: status %d, want 404", row.fixture, status)
		}
	}
}
