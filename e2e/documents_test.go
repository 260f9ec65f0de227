package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestDocumentDownloads checks, in Chromium, the module the pages use to
// offer documents (js/documents.js): whom it offers an application form,
// and that a download carries the person's token and saves the file
// under the server's name, or says in Vietnamese why not.
func TestDocumentDownloads(t *testing.T) {
	path := chromium(t)
	w := testkit.NewWard(t)
	t.Cleanup(w.App.Cleanup)
	ini := w.Initiative(t, w.StaffA, "submitted", map[string]any{"code": "SK-2026-001"})
	base := testkit.Serve(t, w.App).URL

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	b := startBrowser(t, path)
	p, err := b.newPage(ctx, 1280, 900, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.navigate(base + "/"); err != nil {
		t.Fatal(err)
	}
	if err := p.waitFor("the page to start", `document.body.dataset.ready === "true"`); err != nil {
		t.Fatal(err)
	}
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
			localStorage.setItem("sangkien.auth", JSON.stringify({token: %q, record: %s}));
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
		var o outcome
		if err := p.eval(expr, &o); err != nil {
			t.Fatal(err)
		}
		return o
	}

	form := "Don-yeu-cau-cong-nhan-SK-2026-001.docx"
	for _, c := range []struct {
		who     *core.Record
		offered bool
		status  int
	}{
		{w.StaffA, true, 200}, {w.HeadA, true, 200}, {w.Secretariat, true, 200}, {w.Chairman, true, 200},
		{w.StaffB, false, 403}, {w.HeadB, false, 403}, {w.Chair, false, 403},
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
		if c.status == 403 && o.Message != i18n.T("error.forbidden") {
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
