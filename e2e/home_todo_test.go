package e2e_test

import (
	"regexp"
	"strings"
	"testing"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestLandingShowsWhatWaits: after sign-in each person lands on what waits
// for them, one card per role, across rounds, and the menu counts it: a
// staff member's returned initiative with its reason and days left; the
// unit head's submission to endorse and the quota; the secretariat's
// initiative to accept and the decision due; a council member's sheets
// left (a round in review of its own); the chairman's decision to record.
func TestLandingShowsWhatWaits(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	cr := newCouncilRound(t, "review", 2, "Phiếu điện tử một cửa", "Sổ tay thủ tục bỏ túi")
	author := NewUser(t, "staff")
	head := NewUser(t, "staff", "unit_head")
	returned := w.Initiative(t, author, "returned", map[string]any{"code": "SK-LAND-001",
		"title": "Tra cứu hồ sơ bằng mã QR", "return_reason": "Bổ sung số liệu tiết kiệm chi phí"})
	waiting := w.Initiative(t, author, "submitted", map[string]any{"code": "SK-LAND-002", "title": "Lịch hẹn trả kết quả qua Zalo"})
	endorsed := w.Initiative(t, author, "endorsed", map[string]any{"code": "SK-LAND-003", "title": "Bản đồ số hộ kinh doanh"})
	t.Cleanup(func() {
		for _, r := range []string{returned.Id, waiting.Id, endorsed.Id} {
			if rec, err := w.App.FindRecordById("initiatives", r); err == nil {
				_ = w.App.Delete(rec)
			}
		}
	})

	p := NewPage(t)
	p.SignInAs(author)
	p.WaitJS(`document.getElementById("todo-staff")`)
	staff := p.Text("#todo-staff")
	for _, want := range []string{"Tra cứu hồ sơ bằng mã QR", "Bổ sung số liệu tiết kiệm chi phí", "còn "} {
		if !strings.Contains(staff, want) {
			t.Errorf("the staff card lacks %q:\n%s", want, staff)
		}
	}
	if menu := p.Text("nav.menu"); !regexp.MustCompile(i18n.T("nav.mine") + ` \(\d+\)`).MatchString(menu) {
		t.Errorf("the menu does not count the staff member's work: %q", menu)
	}

	h := NewPage(t)
	h.SignInAs(head)
	h.WaitJS(`document.getElementById("todo-unit_head")`)
	unit := h.Text("#todo-unit_head")
	for _, want := range []string{"Lịch hẹn trả kết quả qua Zalo", strings.SplitN(i18n.T("todo.quota", "counted", "\x00"), "\x00", 2)[0]} {
		if !strings.Contains(unit, want) {
			t.Errorf("the unit head's card lacks %q:\n%s", want, unit)
		}
	}
	// by its code: another test's initiative may bear the same title.
	if strings.Contains(unit, returned.GetString("code")) {
		t.Errorf("the unit head sees a returned initiative as waiting:\n%s", unit)
	}
	if h.Text("#todo-staff") == "" {
		t.Error("a unit head who is also staff does not see the staff card")
	}

	o := NewPage(t)
	o.UseSession(officer(t), "/")
	o.WaitJS(`document.getElementById("todo-secretariat")`)
	office := o.Text("#todo-secretariat")
	for _, want := range []string{"Bản đồ số hộ kinh doanh", i18n.T("staff.round_title", "year", itoa(cr.Year))} {
		if !strings.Contains(office, want) {
			t.Errorf("the secretariat's card lacks %q:\n%s", want, office)
		}
	}

	m := NewPage(t)
	m.UseSession(cr.Members[1], "/")
	m.WaitJS(`document.getElementById("todo-council")`)
	council := m.Text("#todo-council")
	for _, want := range []string{"Phiếu điện tử một cửa", "Sổ tay thủ tục bỏ túi"} {
		if !strings.Contains(council, want) {
			t.Errorf("the council card lacks %q:\n%s", want, council)
		}
	}
	m.WaitText(i18n.T("nav.count", "label", i18n.T("nav.council"), "n", "2"))
	w.Sheet(t, cr.Items[0], cr.Members[1], "submitted", testkit.Points(20, 15, 20, 15), true)
	m.Go("/")
	m.WaitJS(`document.getElementById("todo-council")`)
	if council := m.Text("#todo-council"); strings.Contains(council, "Phiếu điện tử một cửa") {
		t.Errorf("a submitted sheet is still listed:\n%s", council)
	}
	m.WaitText(i18n.T("nav.count", "label", i18n.T("nav.council"), "n", "1"))

	c := NewPage(t)
	c.UseSession(NewUser(t, "chairman"), "/")
	c.WaitJS(`document.getElementById("todo-chairman")`)
	if chair := c.Text("#todo-chairman"); !strings.Contains(chair, i18n.T("staff.round_title", "year", itoa(cr.Year))) {
		t.Errorf("the chairman's card lacks round %d:\n%s", cr.Year, chair)
	}
	if c.Text("#mine") != "" && Eval[bool](c, `!document.getElementById("mine").hidden`) {
		t.Error("the chairman (not staff) lands on an empty \"Sáng kiến của tôi\"")
	}
	p.CheckNarrow("home (staff)")
	h.CheckNarrow("home (unit head)")
	o.CheckNarrow("home (secretariat)")
	o.Screenshots("home-secretariat")
	h.Screenshots("home-unit-head")
}
