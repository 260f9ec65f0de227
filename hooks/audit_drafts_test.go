package hooks_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestAuditHidesInitiativeDrafts: the audit log shows an initiative's
// entries only as the initiative itself is shown. What was written while it
// was a draft (its creation, every edit, its deletion) is hidden from the
// secretariat and the chairman, even once it is submitted or deleted; they
// read the entries from the submission on. The officer who drafted an
// initiative still reads their own entries, a superuser reads every entry,
// and the other roles read no audit log at all. Everything goes through the
// REST API, as people would.
func TestAuditHidesInitiativeDrafts(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	as := apitest.As
	staff, head, sec := as(w.StaffA), as(w.HeadA), as(w.Secretariat)
	form := map[string]any{
		"round": w.Round.Id, "field": w.Fields["c"].Id, "title": "Bí mật nháp một", "confidential": "Nội dung mật một",
		"summary": "Tóm tắt.", "solution": "Giải pháp.", "benefits": "Lợi ích.",
		"first_applied": time.Now().AddDate(0, -1, 0).Format("2006-01-02 15:04:05.000Z"),
		"authors":       []map[string]any{{"name": "Nguyễn Văn An", "share": 100, "user": w.StaffA.Id}},
	}
	// d1: drafted, edited, submitted, endorsed.
	d1 := apitest.Send(t, srv, http.MethodPost, "/api/collections/initiatives/records", staff, apitest.JSON(form)).Want(t, 200)["id"].(string)
	apitest.Send(t, srv, http.MethodPatch, "/api/collections/initiatives/records/"+d1, staff, apitest.JSON(map[string]any{"title": "Bí mật nháp hai"})).Want(t, 200)
	apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+d1+"/submit", staff).Want(t, 200)
	apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+d1+"/endorse", head).Want(t, 200)
	// d2: drafted and deleted.
	d2 := apitest.Send(t, srv, http.MethodPost, "/api/collections/initiatives/records", staff, apitest.JSON(
		map[string]any{"round": w.Round.Id, "title": "Bản nháp sẽ xóa", "confidential": "Mật của bản nháp xóa"})).Want(t, 200)["id"].(string)
	apitest.Send(t, srv, http.MethodDelete, "/api/collections/initiatives/records/"+d2, staff).Want(t, 204)
	// d3: the secretariat officer's own draft.
	d3 := apitest.Send(t, srv, http.MethodPost, "/api/collections/initiatives/records", sec, apitest.JSON(
		map[string]any{"round": w.Round.Id, "title": "Nháp của Thường trực"})).Want(t, 200)["id"].(string)

	name := map[string]string{d1: "d1", d2: "d2", d3: "d3"}
	drafts := []string{"Bí mật nháp một", "Nội dung mật một", "Bản nháp sẽ xóa", "Mật của bản nháp xóa"}
	for _, c := range []struct {
		who    *core.Record
		want   []string // "initiative action", in any order
		hidden []string // draft texts the answer must not hold
	}{
		{w.Secretariat, []string{"d1 submit", "d1 endorse", "d3 create"}, drafts},
		{w.Chairman, []string{"d1 submit", "d1 endorse"}, append(drafts, "Nháp của Thường trực")},
		{w.Superuser, []string{"d1 create", "d1 update", "d1 submit", "d1 endorse", "d2 create", "d2 delete", "d3 create"}, nil},
		{w.StaffA, nil, nil},
		{w.HeadA, nil, nil},
		{w.Members[0], nil, nil},
	} {
		status, raw := apitest.Send(t, srv, http.MethodGet, "/api/collections/audit_log/records?perPage=500", apitest.As(c.who)).StatusBody()
		if status != 200 {
			t.Fatalf("%s: status %d: %s", c.who.GetString("name"), status, raw)
		}
		var page struct {
			Items []struct{ Collection, Record, Action string } `json:"items"`
		}
		if err := json.Unmarshal(raw, &page); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range page.Items {
			if it.Collection == "initiatives" {
				got = append(got, name[it.Record]+" "+it.Action)
			}
		}
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s reads %v, want %v", c.who.Email(), got, want)
		}
		for _, s := range c.hidden {
			if strings.Contains(string(raw), s) {
				t.Errorf("%s reads %q in the audit log", c.who.Email(), s)
			}
		}
	}
	// a hidden entry read by its id is not found.
	created, err := w.App.FindFirstRecordByFilter("audit_log", "record = {:r} && action = 'create'", map[string]any{"r": d1})
	if err != nil {
		t.Fatal(err)
	}
	for who, want := range map[*core.Record]int{w.Secretariat: 404, w.Chairman: 404, w.Superuser: 200} {
		if status, raw := apitest.Send(t, srv, http.MethodGet, "/api/collections/audit_log/records/"+created.Id, apitest.As(who)).StatusBody(); status != want {
			t.Errorf("%s views the draft's creation: %d, want %d: %s", who.Email(), status, want, raw)
		}
	}
}
