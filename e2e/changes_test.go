package e2e_test

import (
	"strings"
	"testing"

	"sangkien/internal/i18n"
)

// TestResubmissionShowsWhatChanged: the unit head sends a submission back;
// the author changes its title and field and resubmits; the head, and then
// the secretariat once the unit sends it, see the title and the field
// ("c) …" then "a) …") as they were and as they are under the reason it
// was returned for.
func TestResubmissionShowsWhatChanged(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	author := NewUser(t, "staff")
	head := NewUser(t, "staff", "unit_head")
	ini := w.Initiative(t, author, "submitted", map[string]any{"code": "SK-DIFF-001", "title": "Giấy hẹn có mã QR"})
	base := "/api/reform/initiatives/" + ini.Id
	if st, body := apiCall(t, head, "POST", base+"/send-back", map[string]any{"reason": "Nêu rõ nơi in mã"}); st != 200 {
		t.Fatalf("send back: %d %v", st, body)
	}
	if st, body := apiCall(t, author, "PATCH", "/api/collections/initiatives/records/"+ini.Id, map[string]any{"title": "Giấy hẹn in mã QR tại bộ phận một cửa", "field": w.Fields["a"].Id}); st != 200 {
		t.Fatalf("edit: %d %v", st, body)
	}
	if st, body := apiCall(t, author, "POST", base+"/submit", nil); st != 200 {
		t.Fatalf("resubmit: %d %v", st, body)
	}
	p := NewPage(t)
	p.UseSession(head, "/don-vi/xem.html?id="+ini.Id)
	p.WaitJS(`!!document.getElementById("changes")`)
	got := p.Text("#changes")
	for _, want := range []string{i18n.T("changes.title"), "Nêu rõ nơi in mã", i18n.T("staff.part.title"), "Giấy hẹn có mã QR", "Giấy hẹn in mã QR tại bộ phận một cửa",
		i18n.T("staff.part.field"), "c) " + w.Fields["c"].GetString("name"), "a) " + w.Fields["a"].GetString("name")} {
		if !strings.Contains(got, want) {
			t.Errorf("the head's view lacks %q:\n%s", want, got)
		}
	}
	p.CheckPhone("changes (unit head)")
	if st, body := apiCall(t, head, "POST", base+"/endorse", nil); st != 200 {
		t.Fatalf("endorse: %d %v", st, body)
	}
	o := NewPage(t)
	o.UseSession(officer(t), "/sang-kien/xem.html?id="+ini.Id)
	o.WaitJS(`!!document.getElementById("changes")`)
	if got := o.Text("#changes"); !strings.Contains(got, "Giấy hẹn có mã QR") {
		t.Errorf("the secretariat's view lacks the old title:\n%s", got)
	}
	a := NewPage(t)
	a.UseSession(author, "/sang-kien/xem.html?id="+ini.Id)
	if Eval[bool](a, `!!document.getElementById("changes")`) {
		t.Error("the author is shown the changes card")
	}
}
