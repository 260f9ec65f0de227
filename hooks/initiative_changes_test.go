package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestChangesSinceReturned: the unit head sends a submission back; the
// author changes its title and solution (and types the summary back as it
// was) and resubmits; the head and the secretariat read what changed, as it
// was and as it is, and nothing else; someone who cannot view it gets 404.
func TestChangesSinceReturned(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	ini := w.Initiative(t, w.StaffA, "submitted", map[string]any{"code": "SK-2026-001", "title": "Tiêu đề cũ", "solution": "Giải pháp cũ"})
	id := ini.Id
	head, staff, sec, other := testkit.Token(t, w.HeadA), testkit.Token(t, w.StaffA), testkit.Token(t, w.Secretariat), testkit.Token(t, w.StaffB)

	st, body := apitest.Send(t, srv, http.MethodGet, "/api/reform/initiatives/"+id+"/changes", apitest.Token(head)).StatusJSON()
	if st != 200 || len(body["changes"].([]any)) != 0 || body["returned_at"] != "" {
		t.Fatalf("never sent back: %d %v", st, body)
	}
	if st, body := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+id+"/send-back", apitest.Token(head), apitest.JSON(`{"reason":"Nêu rõ các bước"}`)).StatusJSON(); st != 200 {
		t.Fatalf("send back: %d %v", st, body)
	}
	for _, patch := range []string{`{"title":"Tiêu đề mới"}`, `{"solution":"Giải pháp mới, có các bước","summary":"Tạm"}`, `{"summary":"Tóm tắt sáng kiến."}`} {
		if st, body := apitest.Send(t, srv, http.MethodPatch, "/api/collections/initiatives/records/"+id, apitest.Token(staff), apitest.JSON(patch)).StatusJSON(); st != 200 {
			t.Fatalf("edit %s: %d %v", patch, st, body)
		}
	}
	if st, body := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+id+"/submit", apitest.Token(staff), apitest.JSON("")).StatusJSON(); st != 200 {
		t.Fatalf("resubmit: %d %v", st, body)
	}
	for name, who := range map[string]string{"unit head": head, "secretariat": sec, "author": staff} {
		st, body := apitest.Send(t, srv, http.MethodGet, "/api/reform/initiatives/"+id+"/changes", apitest.Token(who)).StatusJSON()
		if st != 200 {
			t.Fatalf("%s: %d %v", name, st, body)
		}
		var fields []string
		for _, c := range body["changes"].([]any) {
			m := c.(map[string]any)
			fields = append(fields, m["field"].(string)+": "+m["before"].(string)+" → "+m["after"].(string))
		}
		want := "title: Tiêu đề cũ → Tiêu đề mới | solution: Giải pháp cũ → Giải pháp mới, có các bước"
		if got := strings.Join(fields, " | "); got != want {
			t.Errorf("%s reads %q, want %q", name, got, want)
		}
		if body["reason"] != "Nêu rõ các bước" || body["action"] != "send-back" || body["returned_at"] == "" {
			t.Errorf("%s: the return: %v", name, body)
		}
	}
	if st := apitest.Send(t, srv, http.MethodGet, "/api/reform/initiatives/"+id+"/changes", apitest.Token(other)).Status; st != 404 {
		t.Errorf("staff of another unit: %d, want 404", st)
	}
	if st := apitest.Send(t, srv, http.MethodGet, "/api/reform/initiatives/"+id+"/changes").Status; st != 401 {
		t.Errorf("nobody signed in: %d, want 401", st)
	}
}
