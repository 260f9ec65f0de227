package hooks_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"sangkien/internal/testkit"
)

// TestEveryProtectedFileIsPrivate: the download of a ward template (a
// protected file of document_templates) carried PocketBase's 30-day public
// cache, which lets a proxy keep it and hand it to anyone: the private
// cache was bound to initiatives and decisions by name. It is bound to
// every protected file now.
func TestEveryProtectedFileIsPrivate(t *testing.T) {
	t.Parallel()
	w, srv, c, out := uploadedTemplate(t)
	tok := testkit.Token(t, w.Secretariat)
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/files/token", nil)
	req.Header.Set("Authorization", tok)
	_, ft := c.do(req)
	res, err := http.Get(srv.URL + "/api/files/document_templates/" + out["id"].(string) + "/" + out["file"].(string) + "?token=" + ft["token"].(string))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		var body any
		_ = json.NewDecoder(res.Body).Decode(&body)
		t.Fatalf("download: %d %v", res.StatusCode, body)
	}
	if cc := res.Header.Get("Cache-Control"); cc != "private, no-store" {
		t.Errorf("Cache-Control %q, want private, no-store", cc)
	}
}
