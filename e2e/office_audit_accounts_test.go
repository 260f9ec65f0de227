package e2e_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestOfficeAuditLog: the secretariat's actions show in the audit log as
// sentences ("… tiếp nhận SK-… «…»"); filtering by record (shown by its
// code), by action (through the form) and by person keeps only theirs;
// each change reads label: before → after, the reason too, inert. Nothing
// on the page is an internal id, an ISO instant, true/false or a field's
// English name.
func TestOfficeAuditLog(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	o := newOfficeRound(t, time.Now().AddDate(0, 0, 5))
	ini := o.initiative(t, w.StaffA, "endorsed", "Nhật ký <img src=x onerror=window.xss=1>", nil)
	back := o.initiative(t, w.StaffA2, "endorsed", "Sẽ bị trả lại", nil)
	me := officer(t)
	if code, body := apiCall(t, me, "POST", "/api/reform/initiatives/"+ini.Id+"/accept", map[string]any{}); code != 200 {
		t.Fatalf("accept: %d %v", code, body)
	}
	if code, body := apiCall(t, me, "POST", "/api/reform/initiatives/"+back.Id+"/return", map[string]any{"reason": "Thiếu <b>số liệu</b>"}); code != 200 {
		t.Fatalf("return: %d %v", code, body)
	}
	if code, body := apiCall(t, me, "PATCH", "/api/collections/rounds/records/"+o.Round.Id, map[string]any{"approval_ratio": 0.75}); code != 200 {
		t.Fatalf("round settings: %d %v", code, body)
	}
	p := NewPage(t)
	p.UseSession(me, "/van-phong/nhat-ky.html?record="+ini.Id)
	p.WaitJS(`document.querySelectorAll("#audit tbody tr").length >= 1`)
	rows := Eval[[]string](p, `[...document.querySelectorAll("#audit tbody tr")].map((r) => r.innerText)`)
	accepted := me.GetString("name") + " tiếp nhận " + ini.GetString("code") + " «Nhật ký <img src=x onerror=window.xss=1>»"
	for _, r := range rows {
		if !strings.Contains(r, ini.GetString("code")) {
			t.Errorf("a row of another record: %q", r)
		}
	}
	if all := strings.Join(rows, "\n"); !strings.Contains(all, accepted) || !strings.Contains(all, "Trạng thái: Đơn vị đã đề xuất → Đã tiếp nhận") {
		t.Errorf("no sentence %q or no labelled change: %q", accepted, rows)
	}
	if got := Eval[string](p, `document.getElementById("f-record").value`); got != ini.GetString("code") {
		t.Errorf("the record filter shows %q, want the code", got)
	}
	p.CheckLabels()
	p.CheckNarrow("office-audit")
	p.Screenshots("office-audit")

	// everything this officer did, as a person reads it.
	p.Go("/van-phong/nhat-ky.html?actor=" + url.QueryEscape(me.Id))
	p.WaitJS(`document.querySelectorAll("#audit tbody tr").length >= 3`)
	page := Eval[string](p, `document.getElementById("main").innerText`)
	if !strings.Contains(page, "Tỷ lệ tán thành tối thiểu: 2/3 → 3/4") {
		t.Errorf("the ratio is not a fraction:\n%s", page)
	}
	for _, id := range []string{ini.Id, back.Id, o.Round.Id, me.Id, w.StaffA.Id} {
		if strings.Contains(page, id) {
			t.Errorf("the page shows the internal id %s", id)
		}
	}
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}`), // an ISO instant
		regexp.MustCompile(`\b(true|false)\b`),
		regexp.MustCompile(`\b(status|approval_ratio|council|late|return_reason|collectionId|pbc_\w+)\b`),
	} {
		if m := bad.FindString(page); m != "" {
			t.Errorf("the page shows %q", m)
		}
	}

	// by action and person through the form: the return, with its reason.
	selectOption(p, i18n.T("office.audit_actor"), me.GetString("name"))
	selectOption(p, i18n.T("office.audit_action"), i18n.T("office.audit_act.return"))
	setDate(p, i18n.T("office.audit_from"), time.Now().Add(-24*time.Hour))
	p.Click(i18n.T("office.audit_apply"))
	p.WaitJS(`location.search.includes("action=return") && document.body.dataset.ready === "true"`)
	rows = Eval[[]string](p, `[...document.querySelectorAll("#audit tbody tr")].map((r) => r.innerText)`)
	if len(rows) != 1 || !strings.Contains(rows[0], back.GetString("code")) || !strings.Contains(rows[0], "Thiếu <b>số liệu</b>") {
		t.Errorf("filtered rows %q", rows)
	}
	if got := Eval[string](p, `location.search`); strings.Contains(got, "record=") {
		t.Errorf("an empty filter went into the address: %s", got)
	}
	xssInert(t, p)
}

// TestOfficeAccounts: the secretariat creates a staff account with unit,
// position and roles, listed with its unit's name; granting the secretariat role is refused with the
// server's reason at the roles; a reset mail is sent; a deactivated
// account cannot sign in and is told why.
func TestOfficeAccounts(t *testing.T) {
	// not parallel: it counts the mails the whole server sends.
	w := Shared(t)
	p := NewPage(t)
	p.UseSession(officer(t), "/van-phong/tai-khoan.html")
	p.CheckLabels()
	p.CheckNarrow("office-accounts")

	name := "Lý Thị Mới <img src=x onerror=window.xss=1>"
	email := "moi.tao@phuong.test"
	p.Fill(i18n.T("office.account_name"), name)
	p.Fill(i18n.T("page.email"), email)
	selectOption(p, i18n.T("page.unit"), w.UnitB.GetString("name"))
	p.Fill(i18n.T("office.account_position"), "Chuyên viên")
	p.Fill(i18n.T("office.account_password"), "matkhau123")
	Eval[bool](p, `(document.getElementById("a-role-council").click(), true)`)
	// an officer role is not offered; forced, the server refuses it.
	if !Eval[bool](p, `document.getElementById("a-role-secretariat").disabled`) {
		t.Error("the secretariat role is offered")
	}
	Eval[bool](p, `(() => { const b = document.getElementById("a-role-secretariat"); b.disabled = false; b.click(); return true; })()`)
	p.Allow("/api/collections/users/records", 403)
	p.Click(i18n.T("office.account_create"))
	p.WaitJS(`(document.getElementById("a-roles-error") || {}).textContent?.includes(` + js(i18n.T("role.secretariat")) + `)`)
	if _, err := w.App.FindAuthRecordByEmail("users", email); err == nil {
		t.Fatal("the account was made with the secretariat role")
	}
	Eval[bool](p, `(document.getElementById("a-role-secretariat").click(), true)`)
	p.Click(i18n.T("office.account_create"))
	p.WaitJS(`document.getElementById("account-status").dataset.kind === "ok"`)
	u, err := w.App.FindAuthRecordByEmail("users", email)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(u.GetStringSlice("roles"), ","); got != "staff,council" || u.GetString("unit") != w.UnitB.Id ||
		u.GetString("position") != "Chuyên viên" || !u.GetBool("active") || u.GetString("name") != name {
		t.Errorf("account: roles %s unit %s position %q active %v name %q", got, u.GetString("unit"), u.GetString("position"), u.GetBool("active"), u.GetString("name"))
	}
	xssInert(t, p)
	p.Screenshots("office-accounts")

	row := `#accounts tr[data-id="` + u.Id + `"]`
	if got := Eval[string](p, `document.querySelector(`+js(row)+`).cells[2].textContent`); got != w.UnitB.GetString("name") {
		t.Errorf("the new account's unit shows %q, want %q", got, w.UnitB.GetString("name"))
	}
	sent := w.App.TestMailer.TotalSend()
	clickIn(p, row, i18n.T("office.account_reset"))
	p.WaitText(i18n.T("office.account_reset_sent", "email", email))
	if w.App.TestMailer.TotalSend() != sent+1 {
		t.Error("no reset mail sent")
	}
	clickIn(p, row, i18n.T("office.account_deactivate"))
	p.WaitJS(`document.querySelector(` + js(row+" .state") + `).innerText.includes(` + js(i18n.T("office.account_inactive")) + `)`)
	if reload(t, u).GetBool("active") {
		t.Fatal("still active")
	}
	// the search by name finds the account, and only it.
	p.Go("/van-phong/tai-khoan.html?q=" + url.QueryEscape("Lý Thị Mới"))
	if ids := Eval[[]string](p, `[...document.querySelectorAll("#accounts tbody tr")].map((r) => r.dataset.id)`); len(ids) != 1 || ids[0] != u.Id {
		t.Errorf("search found %v", ids)
	}
	// the person is told at sign-in.
	q := NewPage(t)
	q.Allow("/auth-with-password", 403)
	q.Go("/dang-nhap.html")
	q.Fill(i18n.T("page.email"), email)
	q.Fill(i18n.T("page.password"), testkit.Password)
	q.Click(i18n.T("page.login"))
	q.WaitText(i18n.T("error.account_inactive"))
}
