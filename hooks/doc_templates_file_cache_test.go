package hooks_test

import (
	"net/http"
	"testing"

	"sangkien/internal/apitest"
)

// TestEveryProtectedFileIsPrivate: the download of a ward template (a
// protected file of document_templates) carried PocketBase's 30-day public
// cache, which lets a proxy keep it and hand it to anyone: the private
// cache was bound to initiatives and decisions by name. It is bound to
// every protected file now.
func TestEveryProtectedFileIsPrivate(t *testing.T) {
	t.Parallel()
	w, srv, out := uploadedTemplate(t)
	ft := apitest.Send(t, srv, http.MethodPost, "/api/files/token", apitest.As(w.Secretariat)).JSON()
	res := apitest.Send(t, srv, http.MethodGet, "/api/files/document_templates/"+out["id"].(string)+"/"+out["file"].(string)+"?token="+ft["token"].(string))
	if res.Status != http.StatusOK {
		t.Fatalf("download: %d %s", res.Status, res.Body)
	}
	if cc := res.Header.Get("Cache-Control"); cc != "private, no-store" {
		t.Errorf("Cache-Control %q, want private, no-store", cc)
	}
}
