package e2e_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	_ "sangkien/migrations"
)

// run runs the built program with args and returns its output and exit code.
func run(t *testing.T, bin string, args ...string) (string, int) {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return string(out), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return string(out), 0
}

// backupsIn lists the .zip files of dir's backups folder.
func backupsIn(dir string) []string {
	names, _ := filepath.Glob(filepath.Join(dir, core.LocalBackupsDirName, "*.zip"))
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

// TestOperatorCommands drives the built program as the operator's guide
// does: a first start takes no upgrade backup; a start that finds a
// migration not yet applied (a new version) backs up first and says so;
// `check` passes on that ward; `restore` refuses the folder with data
// (exit 1) and replaces it with --replace, keeping it aside; the restored
// ward starts and passes `check`; `check` on a missing folder fails and
// leaves no folder behind.
func TestOperatorCommands(t *testing.T) {
	t.Parallel()
	bin := buildProgram(t)
	dir := filepath.Join(t.TempDir(), "pb_data")
	addr := freeAddr(t)
	p := startProgram(t, bin, dir, addr)
	p.stop(t)
	if got := backupsIn(dir); len(got) != 0 {
		t.Fatalf("a first start made backups: %v", got)
	}

	// the folder as the previous version left it: the backups' schedule
	// (a migration that may run again) not applied yet.
	last := "1765300000_schedule_backups.go"
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	if _, err := app.DB().Delete(core.DefaultMigrationsTable, dbx.HashExp{"file": last}).Execute(); err != nil {
		t.Fatal(err)
	}
	app.ResetBootstrapState()

	p = startProgram(t, bin, dir, addr)
	p.stop(t)
	got := backupsIn(dir)
	if len(got) != 1 || !strings.HasPrefix(got[0], "truoc_nang_cap_") || !strings.Contains(p.out.String(), got[0]) {
		t.Fatalf("after an upgrade start: backups %v, output:\n%s", got, p.out)
	}
	backup := filepath.Join(dir, core.LocalBackupsDirName, got[0])

	if out, code := run(t, bin, "check", "--dir", dir); code != 0 || !strings.Contains(out, got[0]) {
		t.Errorf("check on the ward: exit %d\n%s", code, out)
	}
	if out, code := run(t, bin, "restore", backup, "--dir", dir); code != 1 || !strings.Contains(out, "--replace") {
		t.Errorf("restore over data: exit %d\n%s", code, out)
	}
	if out, code := run(t, bin, "restore", backup, "--dir", dir, "--replace"); code != 0 || !strings.Contains(out, "Đã khôi phục") {
		t.Fatalf("restore --replace: exit %d\n%s", code, out)
	}
	if asides, _ := filepath.Glob(dir + ".truoc-khoi-phuc-*"); len(asides) != 1 {
		t.Errorf("replaced folders kept aside: %v", asides)
	}
	p = startProgram(t, bin, dir, addr)
	p.stop(t)
	if out, code := run(t, bin, "check", "--dir", dir); code != 0 {
		t.Errorf("check after the restore: exit %d\n%s", code, out)
	}

	missing := filepath.Join(t.TempDir(), "khong-co")
	if out, code := run(t, bin, "check", "--dir", missing); code != 1 || !strings.Contains(out, "Không có thư mục dữ liệu") {
		t.Errorf("check on a missing folder: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("check left a folder behind")
	}
}
