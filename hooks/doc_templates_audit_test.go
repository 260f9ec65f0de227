package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"

	"sangkien/internal/apitest"
)

// TestTemplateChangesAreAudited: a ward template replaces the wording of
// the decision the Chairman signs and of every form printed after, yet
// uploading, replacing or deleting one left no audit_log entry. Each is
// written now, with who did it.
func TestTemplateChangesAreAudited(t *testing.T) {
	t.Parallel()
	w, srv, out := uploadedTemplate(t)
	id, _ := out["id"].(string)
	if status, out := apitest.Send(t, srv, http.MethodDelete, "/api/collections/document_templates/records/"+id, apitest.As(w.Secretariat)).StatusJSON(); status != http.StatusNoContent {
		t.Fatalf("delete: %d %v", status, out)
	}
	entries, err := w.App.FindRecordsByFilter("audit_log", "collection = 'document_templates' && record = {:id}", "created", 0, 0,
		dbx.Params{"id": id})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.GetString("action"))
		if e.GetString("actor") != w.Secretariat.Id {
			t.Errorf("%s entry by %q, want the secretariat officer", e.GetString("action"), e.GetString("actor"))
		}
	}
	if len(actions) != 2 || actions[0] != "create" || actions[1] != "delete" {
		t.Errorf("audit entries %v, want [create delete]", actions)
	}
}
