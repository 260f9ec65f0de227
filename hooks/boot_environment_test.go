package hooks

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"sangkien/internal/apitest"
	"sangkien/migrations"
)

// TestFirstStartSchedulesBackups: a fresh data folder, once started, has
// PocketBase's nightly backup scheduled (02:00 Hà Nội = 19:00 UTC, 14 kept)
// and the job is in the app's cron.
func TestFirstStartSchedulesBackups(t *testing.T) {
	t.Parallel()
	app := newFirstRunApp(t)
	serve(t, app, "127.0.0.1:8090")
	b := app.Settings().Backups
	if b.Cron != "0 19 * * *" || b.CronMaxKeep != 14 {
		t.Fatalf("backups = %q keep %d, want \"0 19 * * *\" keep 14", b.Cron, b.CronMaxKeep)
	}
	if b.S3.Enabled {
		t.Error("S3 backups on without being configured")
	}
	found := false
	for _, j := range app.Cron().Jobs() {
		if j.Id() == "__pbAutoBackup__" && j.Expression() == migrations.BackupCron {
			found = true
		}
	}
	if !found {
		t.Error("no __pbAutoBackup__ job in the cron")
	}
}

// TestBackupScheduleChangedInDashboardStays: a schedule a superuser sets
// in the dashboard survives a restart (the default is set once).
func TestBackupScheduleChangedInDashboardStays(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	app, err := tests.NewTestApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := app.Settings()
	s.Backups.Cron = "30 20 * * 0"
	s.Backups.CronMaxKeep = 4
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	if err := app.RunAllMigrations(); err != nil {
		t.Fatal(err)
	}
	if err := app.ReloadSettings(); err != nil {
		t.Fatal(err)
	}
	if b := app.Settings().Backups; b.Cron != "30 20 * * 0" || b.CronMaxKeep != 4 {
		t.Errorf("after restart backups = %q keep %d, want the dashboard's", b.Cron, b.CronMaxKeep)
	}
	app.Cleanup()
}

// TestFirstStartWithWardNames: SANGKIEN_WARD, SANGKIEN_CITY and
// SANGKIEN_CHAIRMAN fill the seeded organization on the first start (with
// the level added when missing); a name typed later in the dashboard is
// not overwritten at the next start.
func TestFirstStartWithWardNames(t *testing.T) {
	t.Parallel()
	app := newFirstRunApp(t)
	setEnv(app, "SANGKIEN_WARD", "Hoàn Kiếm")
	setEnv(app, "SANGKIEN_CITY", "Thành phố Hà Nội")
	setEnv(app, "SANGKIEN_CHAIRMAN", "Chu Thanh Lương")
	serve(t, app, "127.0.0.1:8090")
	org, err := app.FindFirstRecordByFilter("organization", "")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"ward_name": "Phường Hoàn Kiếm", "city_name": "Thành phố Hà Nội",
		"chairman_name": "Chu Thanh Lương", "address": "(địa chỉ trụ sở UBND phường)"}
	for f, v := range want {
		if got := org.GetString(f); got != v {
			t.Errorf("%s = %q, want %q", f, got, v)
		}
	}
	if p := organizationPlaceholders(org); len(p) != 0 {
		t.Errorf("placeholders left: %v", p)
	}

	org.Set("chairman_name", "Nguyễn Văn Mới")
	if err := app.Save(org); err != nil {
		t.Fatal(err)
	}
	if err := fillOrganizationFromEnvironment(app); err != nil {
		t.Fatal(err)
	}
	org, _ = app.FindRecordById("organization", org.Id)
	if got := org.GetString("chairman_name"); got != "Nguyễn Văn Mới" {
		t.Errorf("a restart overwrote the chairman typed in the dashboard: %q", got)
	}
}

// TestWardNamesUnsetKeepPlaceholders: without the variables the seeded
// placeholders stay and are reported as such.
func TestWardNamesUnsetKeepPlaceholders(t *testing.T) {
	t.Parallel()
	app := newFirstRunApp(t)
	serve(t, app, "127.0.0.1:8090")
	org, err := app.FindFirstRecordByFilter("organization", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(organizationPlaceholders(org), ","); got != "ward_name,city_name,chairman_name" {
		t.Errorf("placeholders = %q", got)
	}
}

// TestMailsUseTheSiteAddress: with SANGKIEN_URL set, the site address is
// the dashboard's Application URL and PocketBase's password-reset mail
// links to it, not to localhost.
func TestMailsUseTheSiteAddress(t *testing.T) {
	t.Parallel()
	app := newFirstRunApp(t)
	setEnv(app, "SANGKIEN_URL", "https://sangkien.hoankiem.gov.vn/")
	// the mail is kept here instead of sent.
	sent := make(chan string, 4)
	app.OnMailerSend().BindFunc(func(e *core.MailerEvent) error {
		sent <- e.Message.HTML
		return nil
	})
	_, h := serve(t, app, "127.0.0.1:8090")
	if got := app.Settings().Meta.AppURL; got != "https://sangkien.hoankiem.gov.vn" {
		t.Fatalf("AppURL = %q", got)
	}
	res := apitest.Send(t, h, http.MethodPost, "/api/collections/users/request-password-reset",
		apitest.JSON(`{"email":"admin@sangkien.local"}`))
	if res.Status != http.StatusNoContent {
		t.Fatalf("request-password-reset: %d %s", res.Status, res.Body)
	}
	// PocketBase sends the mail after answering.
	var html string
	select {
	case html = <-sent:
	case <-time.After(2 * time.Second):
		t.Fatal("no mail sent")
	}
	if !strings.Contains(html, "https://sangkien.hoankiem.gov.vn/dat-lai-mat-khau.html?token=") {
		t.Errorf("the mail does not link to the site address:\n%s", html)
	}
	if strings.Contains(html, "localhost") {
		t.Errorf("the mail still names localhost:\n%s", html)
	}
}

// TestLocalhostSiteAddressWarnsWhenMailIsOn: mail on and the site address
// still localhost prints a warning at start; with a real address, or with
// mail off, nothing.
func TestLocalhostSiteAddressWarnsWhenMailIsOn(t *testing.T) {
	t.Parallel()
	app := newFirstRunApp(t)
	out := new(bytes.Buffer)
	warnSiteAddress(app, out)
	if out.Len() != 0 {
		t.Errorf("mail off, yet a warning: %q", out)
	}
	s := app.Settings()
	s.SMTP.Enabled = true
	s.SMTP.Host = "smtp.example.org"
	s.SMTP.Port = 587
	warnSiteAddress(app, out)
	if !strings.Contains(out.String(), "SANGKIEN_URL") || !strings.Contains(out.String(), "http://localhost:8090") {
		t.Errorf("warning = %q, want one naming SANGKIEN_URL and the address", out)
	}
	out.Reset()
	s.Meta.AppURL = "https://sangkien.hoankiem.gov.vn"
	warnSiteAddress(app, out)
	if out.Len() != 0 {
		t.Errorf("a real address, yet a warning: %q", out)
	}
}

// TestIncompleteS3EnvironmentStopsTheStart: a bucket without its endpoint
// and keys is refused at start with a sentence naming the variables,
// rather than backups failing every night.
func TestIncompleteS3EnvironmentStopsTheStart(t *testing.T) {
	t.Parallel()
	app := newFirstRunApp(t)
	setEnv(app, "SANGKIEN_S3_BUCKET", "sao-luu-phuong")
	err := applySettingsEnvironment(app)
	if err == nil || !strings.Contains(err.Error(), "SANGKIEN_S3_") {
		t.Fatalf("err = %v, want one naming SANGKIEN_S3_*", err)
	}
	if app.Settings().Backups.S3.Enabled {
		t.Error("S3 backups on with an incomplete configuration")
	}
}
