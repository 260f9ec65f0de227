// Package e2e_test drives the real pages in Debian's Chromium against the
// real app (router, hooks, rules, static files) on a loopback port.
package e2e_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// chromium returns the browser to test with; the test fails, telling how
// to install it, when there is none, and skips only when
// SANGKIEN_SKIP_BROWSER=1.
func chromium(t *testing.T) string {
	t.Helper()
	if os.Getenv("SANGKIEN_SKIP_BROWSER") == "1" {
		t.Skip("SANGKIEN_SKIP_BROWSER=1: browser tests skipped")
	}
	if p := os.Getenv("SANGKIEN_CHROMIUM"); p != "" {
		return p
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	t.Fatal("Chromium not found: run `make deps-browser` (Debian's chromium package), " +
		"or set SANGKIEN_SKIP_BROWSER=1 to skip the browser tests")
	return ""
}

func TestStartPage(t *testing.T) {
	path := chromium(t)
	w := testkit.NewWard(t)
	t.Cleanup(w.App.Cleanup)

	// the ward's name, and one initiative each of staff A (submitted) and
	// staff B (a draft A must not see).
	orgs, err := w.App.FindAllRecords("organization")
	if err != nil || len(orgs) != 1 {
		t.Fatalf("organization: %v", err)
	}
	orgs[0].Set("ward_name", "Phường Ba Đình")
	if err := w.App.Save(orgs[0]); err != nil {
		t.Fatal(err)
	}
	// 18:30 UTC is 01:30 the next day in Hà Nội, and still the same day
	// in the browser's zone below: the page must show the ward's date.
	submitted := time.Date(2025, 9, 23, 18, 30, 0, 0, time.UTC)
	mine := w.Initiative(t, w.StaffA, "submitted", map[string]any{
		"title": "Số hóa quy trình tiếp nhận hồ sơ đất đai tại bộ phận một cửa", "code": "SK-2025-001",
		"submitted_at": submitted, "late": true,
	})
	w.Initiative(t, w.StaffB, "draft", map[string]any{"title": "Bản nháp riêng của Trạm Y tế về tiêm chủng"})
	base := testkit.Serve(t, w.App).URL

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// the browser lives on the other side of the world from the ward.
	b := startBrowser(t, path, "TZ=America/Los_Angeles")
	p, err := b.newPage(ctx, 1280, 900, false)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	// the ward's name, before anyone signs in.
	must(p.navigate(base + "/"))
	must(p.waitFor("the page to start", `document.body.dataset.ready === "true"`))
	if got, _ := p.text("#ward-name"); !strings.EqualFold(got, "Phường Ba Đình") {
		t.Errorf("ward name shown %q", got)
	}
	if got, _ := p.text("#login h2"); got != i18n.T("page.login_title") {
		t.Errorf("login title %q", got)
	}

	// a wrong password: the Vietnamese message, and no session.
	must(p.fill("#login-email", w.StaffA.Email()))
	must(p.fill("#login-password", "sai-mat-khau"))
	must(p.click("#login-submit"))
	must(p.waitFor("the login error", `!document.querySelector("#login-error").hidden`))
	if got, _ := p.text("#login-error"); got != i18n.T("page.login_failed") {
		t.Errorf("wrong password shows %q, want %q", got, i18n.T("page.login_failed"))
	}
	var stored bool
	must(p.eval(`localStorage.getItem("sangkien.auth") !== null`, &stored))
	if stored {
		t.Error("a failed login stored a session")
	}

	// staff A signs in: name, role, unit, and their own initiative only.
	must(p.fill("#login-password", testkit.Password))
	must(p.click("#login-submit"))
	must(p.waitFor("the list", `!document.querySelector("#initiatives").hidden`))
	if got, _ := p.text("#me-name"); got != w.StaffA.GetString("name") {
		t.Errorf("name shown %q", got)
	}
	if got, _ := p.text("#me-roles"); got != i18n.T("role.staff") {
		t.Errorf("roles shown %q", got)
	}
	if got, _ := p.text("#me-unit"); got != w.UnitA.GetString("name") {
		t.Errorf("unit shown %q", got)
	}
	var dashboardHidden bool
	must(p.eval(`document.querySelector("#dashboard-link").hidden`, &dashboardHidden))
	if !dashboardHidden {
		t.Error("staff sees the dashboard link")
	}
	list, _ := p.text("#initiatives tbody")
	for _, want := range []string{
		mine.GetString("title"), "SK-2025-001", w.UnitA.GetString("name"), w.Fields["c"].GetString("name"),
		i18n.T("status.submitted"), i18n.T("page.late"), clock.FormatDate(submitted),
	} {
		if !strings.Contains(list, want) {
			t.Errorf("list lacks %q:\n%s", want, list)
		}
	}
	if clock.FormatDate(submitted) != "24/09/2025" {
		t.Fatalf("test date %s", clock.FormatDate(submitted))
	}
	if strings.Contains(list, "Bản nháp riêng") {
		t.Errorf("staff A sees staff B's draft:\n%s", list)
	}
	var rows int
	must(p.eval(`document.querySelectorAll("#initiatives tbody tr").length`, &rows))
	if rows != 1 {
		t.Errorf("rows = %d, want 1", rows)
	}

	// the session survives a reload (token in localStorage).
	must(p.navigate(base + "/"))
	must(p.waitFor("the list after reload", `document.body.dataset.ready === "true" && !document.querySelector("#initiatives").hidden`))

	if dir := os.Getenv("SANGKIEN_SCREENSHOTS"); dir != "" {
		must(p.screenshot(filepath.Join(dir, "startpage-desktop.png")))
		must(p.resize(390, 844, true))
		must(p.screenshot(filepath.Join(dir, "startpage-phone.png")))
		must(p.resize(1280, 900, false))
	}

	// logout: back to the form, session gone.
	must(p.click("#logout"))
	must(p.waitFor("the login form", `!document.querySelector("#login").hidden && document.querySelector("#session").hidden`))
	must(p.eval(`localStorage.getItem("sangkien.auth") !== null`, &stored))
	if stored {
		t.Error("logout left the session stored")
	}
}
