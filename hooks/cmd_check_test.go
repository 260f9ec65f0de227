package hooks

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// checkReport runs the check on app at now and returns its printed report
// and whether it failed (the command's non-zero exit).
func checkReport(t *testing.T, app core.App, now time.Time) (string, bool) {
	t.Helper()
	out := new(bytes.Buffer)
	err := reportCheck(out, app.DataDir(), runCheck(app, now))
	if err != nil {
		out.WriteString(err.Error())
	}
	return out.String(), err != nil
}

// TestCheckAHealthyWard: a ward with a recent backup passes; mail off, a
// localhost address and placeholder names are notes, not failures.
func TestCheckAHealthyWard(t *testing.T) {
	t.Parallel()
	loadCatalog(t)
	app, err := tests.NewTestApp(migratedFolder(t))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	if err := app.CreateBackup(context.Background(), "dem_qua.zip"); err != nil {
		t.Fatal(err)
	}
	report, failed := checkReport(t, app, time.Now().Add(3*time.Hour))
	if failed {
		t.Fatalf("a healthy ward failed the check:\n%s", report)
	}
	for _, want := range []string{
		"[ĐẠT]     data.db: cơ sở dữ liệu toàn vẹn", "[ĐẠT]     auxiliary.db: cơ sở dữ liệu toàn vẹn",
		"Sao lưu tự động theo lịch “0 19 * * *”", "dem_qua.zip", "(3 giờ trước)",
		"[LƯU Ý]   Chưa bật gửi thư", "[LƯU Ý]   Địa chỉ trang web vẫn là http://localhost:8090",
		"[LƯU Ý]   Tên cơ quan còn để trống", "Không có lỗi.",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}
}

// TestCheckFindsProblems: no schedule and an old backup, mail on to a
// server nobody answers at while the address is localhost: each is a
// [LỖI] line and the check fails; mail to a server that answers passes.
func TestCheckFindsProblems(t *testing.T) {
	t.Parallel()
	loadCatalog(t)
	app, err := tests.NewTestApp(migratedFolder(t))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	if err := app.CreateBackup(context.Background(), "cu.zip"); err != nil {
		t.Fatal(err)
	}
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	port := closed.Addr().(*net.TCPAddr).Port
	closed.Close()
	s := app.Settings()
	s.Backups.Cron = ""
	s.SMTP.Enabled = true
	s.SMTP.Host = "127.0.0.1"
	s.SMTP.Port = port
	report, failed := checkReport(t, app, time.Now().Add(72*time.Hour))
	if !failed {
		t.Fatalf("the check passed:\n%s", report)
	}
	for _, want := range []string{
		"[LỖI]     Chưa đặt lịch sao lưu tự động", "[LỖI]     Bản sao lưu gần nhất đã cũ: cu.zip",
		"[LỖI]     Không kết nối được máy chủ thư 127.0.0.1:", "[LỖI]     Địa chỉ trang web vẫn là http://localhost:8090 trong khi đã bật gửi thư",
		"Có 4 lỗi cần xử lý",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	s.SMTP.Port = ln.Addr().(*net.TCPAddr).Port
	s.Backups.Cron = "0 19 * * *"
	s.Meta.AppURL = "https://sangkien.hoankiem.gov.vn"
	report, failed = checkReport(t, app, time.Now().Add(time.Hour))
	if failed || !strings.Contains(report, "[ĐẠT]     Máy chủ thư 127.0.0.1:") || !strings.Contains(report, "[ĐẠT]     Địa chỉ trang web dùng trong thư: https://sangkien.hoankiem.gov.vn") {
		t.Errorf("fixed, yet:\n%s", report)
	}
}

// TestCheckANewFolderFails: a folder the program never ran on is a failure
// (a wrong --dir), and so is a folder with no backup after two days.
func TestCheckANewFolderFails(t *testing.T) {
	t.Parallel()
	report, failed := checkReport(t, openDataDir(t, t.TempDir()), time.Now())
	if !failed || !strings.Contains(report, "chưa có dữ liệu của phường") {
		t.Errorf("a new folder:\n%s", report)
	}
	app, err := tests.NewTestApp(migratedFolder(t))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	report, failed = checkReport(t, app, time.Now().Add(time.Hour))
	if failed || !strings.Contains(report, "[LƯU Ý]   Chưa có bản sao lưu nào") {
		t.Errorf("a ward started an hour ago, no backup yet:\n%s", report)
	}
	report, failed = checkReport(t, app, time.Now().Add(50*time.Hour))
	if !failed || !strings.Contains(report, "[LỖI]     Chưa có bản sao lưu nào") {
		t.Errorf("no backup after two days:\n%s", report)
	}
}

// TestCheckFindsACorruptDatabase: a data.db with a damaged page fails
// PRAGMA integrity_check, and the check says to restore.
func TestCheckFindsACorruptDatabase(t *testing.T) {
	t.Parallel()
	loadCatalog(t)
	app, err := tests.NewTestApp(migratedFolder(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.NonconcurrentDB().NewQuery("PRAGMA wal_checkpoint(TRUNCATE)").Execute(); err != nil {
		t.Fatal(err)
	}
	// the page of a table the program reads only once it runs (not the
	// schema, nor what PocketBase reads to start), so the folder still opens.
	var root int
	if err := app.DB().NewQuery("SELECT rootpage FROM sqlite_master WHERE type='table' AND name='initiatives'").Row(&root); err != nil || root < 2 {
		t.Fatal(root, err)
	}
	dir := filepath.Join(t.TempDir(), "pb_data")
	if err := os.CopyFS(dir, os.DirFS(app.DataDir())); err != nil {
		t.Fatal(err)
	}
	app.Cleanup()
	db := filepath.Join(dir, "data.db")
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	page := 4096
	for i := (root - 1) * page; i < root*page; i += 97 {
		raw[i] ^= 0x5a
	}
	if err := os.WriteFile(db, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	report, failed := checkReport(t, openDataDir(t, dir), time.Now())
	if !failed || !strings.Contains(report, "data.db: cơ sở dữ liệu bị hỏng") {
		t.Errorf("a damaged data.db:\n%s", report)
	}
}
