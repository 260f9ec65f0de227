package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/docs"
	"sangkien/internal/testkit"
)

// TestTemplateUploadReachesItsRule: a multipart create or update of
// document_templates was refused by the early upload check before its rule
// ran (403 for a create, 404 for an update, the secretariat's too): the
// collection was missing from the check's table. The secretariat uploads
// and replaces a template; everyone else is still refused early.
func TestTemplateUploadReachesItsRule(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	src, err := docs.Default(docs.KeyEstablishment)
	if err != nil {
		t.Fatal(err)
	}
	for _, as := range []*core.Record{w.StaffA, w.HeadA, w.Chairman, w.Members[0]} {
		if status, out := uploadTemplate(t, srv, as, docs.KeyEstablishment, string(src)); status != http.StatusForbidden {
			t.Errorf("%s uploads a template: %d, want 403: %v", as.GetString("name"), status, out)
		}
	}
	status, out := uploadTemplate(t, srv, w.Secretariat, docs.KeyEstablishment, string(src))
	if status != http.StatusOK {
		t.Fatalf("the secretariat uploads a template: %d %v", status, out)
	}
	id, _ := out["id"].(string)
	replace := func(as *core.Record) (int, map[string]any) {
		return apitest.Send(t, srv, http.MethodPatch, "/api/collections/document_templates/records/"+id, apitest.As(as),
			apitest.Form(nil, apitest.File{Field: "file", Name: "establishment.xml", Content: src})).StatusJSON()
	}
	if status, out := replace(w.Secretariat); status != http.StatusOK {
		t.Errorf("the secretariat replaces the template: %d %v", status, out)
	}
	for _, as := range []*core.Record{w.StaffA, w.Chairman} {
		if status, out := replace(as); status != http.StatusNotFound {
			t.Errorf("%s replaces the template: %d, want 404: %v", as.GetString("name"), status, out)
		}
	}
	if status, out := replace(nil); status != http.StatusUnauthorized {
		t.Errorf("nobody replaces the template: %d, want 401: %v", status, out)
	}
}
