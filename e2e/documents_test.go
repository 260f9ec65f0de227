package e2e_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestDocumentDownloads checks, in Chromium, the module the pages use to
// offer documents (js/documents.js): whom it offers an application form,
// and that a download carries the person's token and saves the file
// under the server's name, or says in Vietnamese why not.
func TestDocumentDownloads(t *testing.T) {
	t.Parallel()
	p := NewPage(t)
	w := Shared(t)
	ini := w.Initiative(t, w.StaffA, "submitted", nil)
	p.Go("/dang-nhap.html")
	p.Allow("/application.docx", 404)
	item, _ := json.Marshal(map[string]any{"id": ini.Id, "owner": ini.GetString("owner"), "author_users": ini.GetStringSlice("author_users"),
		"status": ini.GetString("status"), "unit": ini.GetString("unit")})

	// as returns what the module does for account u: the documents it
	// offers for the initiative, and the outcome of downloading the form.
	type outcome struct {
		Offered []string `json:"offered"`
		Saved   string   `json:"saved"`
		Status  int      `json:"status"`
		Message string   `json:"message"`
	}
	as := func(u *core.Record) outcome {
		t.Helper()
		me, _ := json.Marshal(map[string]any{"id": u.Id, "roles": u.GetStringSlice("roles"), "unit": u.GetString("unit")})
		expr := fmt.Sprintf(`(async () => {
			const {pb} = await import("/js/pb.js");
			pb.authStore.save(%q, %s);
			const m = await import("/js/documents.js");
			const me = %s, item = %s;
			const out = {offered: m.initiativeDocuments(me, item).map((d) => d.label), saved: "", status: 200, message: ""};
			let saved = "";
			const click = HTMLAnchorElement.prototype.click;
			HTMLAnchorElement.prototype.click = function () { saved = this.download; };
			try {
				await m.download("/api/reform/initiatives/" + item.id + "/application.docx");
				out.saved = saved;
			} catch (err) {
				out.status = err.status;
				out.message = err.body && err.body.message || "";
			} finally {
				HTMLAnchorElement.prototype.click = click;
			}
			return out;
		})()`, testkit.Token(t, u), me, me, item)
		return Eval[outcome](p, expr)
	}

	// a seeded initiative without a code is named by its id.
	form := "Don-yeu-cau-cong-nhan-" + ini.Id + ".docx"
	for _, c := range []struct {
		who     *core.Record
		offered bool
		status  int
	}{
		{w.StaffA, true, 200}, {w.HeadA, true, 200}, {w.Secretariat, true, 200}, {w.Chairman, true, 200},
		// another unit, a council member: the same 404 as an unknown id.
		{w.StaffB, false, 404}, {w.HeadB, false, 404}, {w.Chair, false, 404},
	} {
		o := as(c.who)
		name := c.who.GetString("name")
		if got := len(o.Offered) == 1 && o.Offered[0] == "doc.application"; got != c.offered {
			t.Errorf("%s: offered %v, want offered=%v", name, o.Offered, c.offered)
		}
		if o.Status != c.status {
			t.Errorf("%s: download status %d, want %d", name, o.Status, c.status)
		}
		if c.status == 200 && o.Saved != form {
			t.Errorf("%s: saved as %q, want %q", name, o.Saved, form)
		}
		if c.status == 404 && o.Message != i18n.T("error.not_found") {
			t.Errorf("%s: refusal says %q", name, o.Message)
		}
	}
	for _, key := range []string{"doc.application", "doc.decision", "doc.minutes", "doc.city_dossier", "doc.sheet",
		"doc.my_sheets", "doc.member_sheets", "doc.establishment", "doc.downloading", "doc.failed"} {
		if !i18n.Has(key) {
			t.Errorf("%s is not in the catalog", key)
		}
	}
}
