package e2e_test

import (
	"testing"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// keepOrganization restores the shared ward's organization record (its
// seeded placeholders) when the test ends.
func keepOrganization(t *testing.T) {
	t.Helper()
	w := Shared(t)
	org, err := w.App.FindFirstRecordByFilter("organization", "")
	if err != nil {
		t.Fatal(err)
	}
	saved := map[string]any{}
	for _, f := range []string{"ward_name", "city_name", "address", "chairman_name"} {
		saved[f] = org.GetString(f)
	}
	t.Cleanup(func() {
		fresh, err := w.App.FindRecordById("organization", org.Id)
		if err == nil {
			testkit.Update(t, w.App, fresh, saved)
		}
	})
}

// TestOfficeSetsTheWardNames: while the organization holds its seeded
// placeholders, the secretariat's home says the documents would print
// "(TÊN PHƯỜNG)" and links to the settings, where the names are typed and
// saved; the home then says nothing more.
func TestOfficeSetsTheWardNames(t *testing.T) {
	keepOrganization(t)
	w := Shared(t)
	p := NewPage(t)
	p.UseSession(NewUser(t, "staff", "secretariat"), "/van-phong/")
	p.WaitText(i18n.T("ward.unnamed_home"))
	p.Screenshots("van-phong-chua-dat-ten")
	p.Click(i18n.T("ward.set_link"))
	p.WaitJS(`location.pathname === "/van-phong/cai-dat.html" && !document.getElementById("co-quan").hidden`)
	p.CheckLabels()
	p.CheckNarrow("cai-dat-ten-co-quan")
	p.Screenshots("cai-dat-ten-co-quan")
	if got := Eval[string](p, `document.getElementById("org-ward").value`); got != "" {
		t.Errorf("the ward's name field shows the placeholder %q", got)
	}
	p.Fill(i18n.T("office.org_ward"), "Phường Hoàn Kiếm")
	p.Fill(i18n.T("office.org_city"), "Thành phố Hà Nội")
	p.Fill(i18n.T("office.org_chairman"), "Chu Thanh Lương")
	p.Click(i18n.T("office.org_save"))
	p.WaitText(i18n.T("office.org_saved"))

	org, err := w.App.FindFirstRecordByFilter("organization", "")
	if err != nil {
		t.Fatal(err)
	}
	if org.GetString("ward_name") != "Phường Hoàn Kiếm" || org.GetString("city_name") != "Thành phố Hà Nội" || org.GetString("chairman_name") != "Chu Thanh Lương" {
		t.Errorf("stored: %q, %q, %q", org.GetString("ward_name"), org.GetString("city_name"), org.GetString("chairman_name"))
	}
	p.Go("/van-phong/")
	if Eval[bool](p, `document.body.innerText.includes(`+js(i18n.T("ward.unnamed_home"))+`)`) {
		t.Error("the home still says the names are not set")
	}
}

// TestDocumentPageWarnsWhileUnnamed: a staff member's initiative page
// offers the application form (.docx); while the ward's names are
// placeholders it warns that the document would print them and whom to
// ask (no settings link for staff); the office's reports page warns with a
// link to the settings; once named, no warning.
func TestDocumentPageWarnsWhileUnnamed(t *testing.T) {
	keepOrganization(t)
	w := Shared(t)
	user := NewUser(t, "staff")
	ini := w.Initiative(t, user, "draft", nil)
	p := NewPage(t)
	p.UseSession(user, "/sang-kien/xem.html?id="+ini.Id)
	p.WaitText(i18n.T("ward.unnamed_documents"))
	p.Screenshots("sang-kien-canh-bao-ten")
	if !Eval[bool](p, `document.querySelector("[data-ward-unnamed]").innerText.includes(`+js(i18n.T("ward.ask_secretariat"))+`)`) ||
		Eval[bool](p, `!!document.querySelector("[data-ward-unnamed] a")`) {
		t.Error("staff get a settings link instead of whom to ask")
	}

	// the office's reports page: its document buttons, and the settings link.
	o := NewPage(t)
	o.UseSession(NewUser(t, "staff", "secretariat"), "/van-phong/bao-cao.html")
	o.WaitText(i18n.T("ward.unnamed_documents"))
	if got := Eval[string](o, `(document.querySelector("[data-ward-unnamed] a") || {}).pathname || ""`); got != "/van-phong/cai-dat.html" {
		t.Errorf("the secretariat's warning links to %q", got)
	}

	org, err := w.App.FindFirstRecordByFilter("organization", "")
	if err != nil {
		t.Fatal(err)
	}
	testkit.Update(t, w.App, org, map[string]any{"ward_name": "Phường Hoàn Kiếm", "city_name": "Thành phố Hà Nội", "chairman_name": "Chu Thanh Lương"})
	p.Go("/sang-kien/xem.html?id=" + ini.Id)
	p.WaitJS(`document.body.dataset.wardChecked === "true"`)
	if Eval[bool](p, `!!document.querySelector("[data-ward-unnamed]")`) {
		t.Error("a named ward still gets the warning")
	}
}
