package hooks_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
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
	site, err := testkit.Site()
	if err != nil {
		t.Fatal(err)
	}
	if err := site.Register(app); err != nil {
		t.Fatal(err)
	}
	hooks.RegisterCommands(app)
	var out bytes.Buffer
	app.RootCmd.SetOut(&out)
	app.RootCmd.SetArgs(args)
	err = app.RootCmd.Execute()
	if resetErr := app.ResetBootstrapState(); resetErr != nil {
		t.Fatal(resetErr)
	}
	return out.String(), err
}

// demoRun is `sangkien demo` run once per test binary on a new folder
// (demoFolder): what it printed and the folder it filled.
var demoRun struct {
	once           sync.Once
	root, dir, out string
	err            error
}

// demoFolder returns a folder the demo command filled and what the command
// printed. The command runs once per test binary; each call returns a copy
// of its folder, so a test may change it.
func demoFolder(t *testing.T) (dir, out string) {
	t.Helper()
	demoRun.once.Do(func() {
		demoRun.err = errors.New("the demo command stopped the test")
		root, err := os.MkdirTemp("", "sangkien_demo_")
		if err != nil {
			demoRun.err = err
			return
		}
		demoRun.root, demoRun.dir = root, filepath.Join(root, "pb_data")
		demoRun.out, demoRun.err = runCommand(t, demoRun.dir, "demo")
	})
	if demoRun.err != nil {
		t.Fatalf("demo on a new folder: %v\n%s", demoRun.err, demoRun.out)
	}
	dir = filepath.Join(t.TempDir(), "pb_data")
	if err := os.CopyFS(dir, os.DirFS(demoRun.dir)); err != nil {
		t.Fatal(err)
	}
	return dir, demoRun.out
}

// removeDemoFolder removes the folder demoFolder filled, if any; TestMain
// calls it after the tests.
func removeDemoFolder() {
	if demoRun.root != "" {
		os.RemoveAll(demoRun.root)
	}
}

func TestDemoCommand(t *testing.T) {
	t.Parallel()
	dir, out := demoFolder(t)
	for _, want := range []string{
		"Phường Hoàn Kiếm", "40 tài khoản, 15 sáng kiến, 15 phiếu chấm điểm",
		"hoapt@" + demo.Domain, "hanhdt@" + demo.Domain, "longlh@" + demo.Domain, "hantt@" + demo.Domain, "luongct@" + demo.Domain,
		"quantri@" + demo.Domain, demo.Password, "http://127.0.0.1:8090/_/", "Hạn nộp sáng kiến: hết ngày", "Đã gia hạn đến hết ngày",
		"Đợt đang ở giai đoạn thẩm định", "3 sáng kiến được công nhận, 1 sáng kiến không được công nhận",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	// a folder with data: refused (main exits 1), saying what to run instead.
	out, err := runCommand(t, dir, "demo")
	if err == nil || !strings.Contains(err.Error(), "đã có dữ liệu của phường") ||
		!strings.Contains(err.Error(), "./sangkien serve --dir "+dir) || !strings.Contains(err.Error(), "make demo DEMO_DIR=") {
		t.Fatalf("second demo on the same folder: err %v, output %q", err, out)
	}
}

// TestMakeDemoStopsOnRefusal reads the Makefile's demo recipe: the demo
// command's failure must stop make (no "-" prefix that ignores it and then
// serves the old data), and serve must open the folder demo filled.
func TestMakeDemoStopsOnRefusal(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(filepath.Join(testkit.Root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	var recipe []string
	in := false
	for line := range strings.Lines(string(raw)) {
		switch {
		case strings.HasPrefix(line, "demo:"):
			in = true
		case in && strings.HasPrefix(line, "\t"):
			recipe = append(recipe, strings.TrimSpace(line))
		case in:
			in = false
		}
	}
	if len(recipe) != 2 || !strings.HasPrefix(recipe[0], "./sangkien demo --dir $(DEMO_DIR)") ||
		!strings.HasPrefix(recipe[1], "./sangkien serve --dir $(DEMO_DIR)") {
		t.Errorf("demo recipe %q: want the demo command, its failure stopping make, then serve of the same folder", recipe)
	}
}
