package hooks_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase"

	"sangkien/hooks"
	"sangkien/internal/demo"
	"sangkien/internal/testkit"
)

// runCommand runs `sangkien <args>` on a PocketBase app over dir, as main
// does, and returns what it printed and its error (main exits 1 on it).
func runCommand(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: dir, HideStartBanner: true})
	if err := hooks.Register(app, os.DirFS(filepath.Join(testkit.Root, "pb_public"))); err != nil {
		t.Fatal(err)
	}
	hooks.RegisterCommands(app)
	var out bytes.Buffer
	app.RootCmd.SetOut(&out)
	app.RootCmd.SetArgs(args)
	err := app.RootCmd.Execute()
	if resetErr := app.ResetBootstrapState(); resetErr != nil {
		t.Fatal(resetErr)
	}
	return out.String(), err
}

func TestDemoCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pb_data")
	out, err := runCommand(t, dir, "demo")
	if err != nil {
		t.Fatalf("demo on a new folder: %v\n%s", err, out)
	}
	for _, want := range []string{
		"Phường Hoàn Kiếm", "40 tài khoản, 15 sáng kiến, 15 phiếu chấm điểm",
		"hoapt@" + demo.Domain, "hanhdt@" + demo.Domain, "longlh@" + demo.Domain, "hantt@" + demo.Domain, "luongct@" + demo.Domain,
		"quantri@" + demo.Domain, demo.Password, "http://127.0.0.1:8090/_/", "Hạn nộp sáng kiến: trước ngày", "Gia hạn đến trước ngày",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	out, err = runCommand(t, dir, "demo")
	if err == nil || !strings.Contains(err.Error(), "đã có sáng kiến") {
		t.Fatalf("second demo on the same folder: err %v, output %q", err, out)
	}
}
