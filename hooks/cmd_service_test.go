package hooks

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestServicePrintsAUnitFile: `sangkien service --dir … --http …` prints a
// systemd unit that starts this binary on that folder and address, as the
// account given, restarted when it stops; systemd-analyze accepts it.
func TestServicePrintsAUnitFile(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "pb_data")
	app := openDataDir(t, dir)
	out := new(bytes.Buffer)
	cmd := newServiceCommand(app, false)
	cmd.SetOut(out)
	cmd.SetArgs([]string{"--http", "127.0.0.1:8090", "--user", "root"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	bin, _ := os.Executable()
	bin, _ = filepath.EvalSymlinks(bin)
	unit := out.String()
	for _, want := range []string{
		"ExecStart=" + bin + " serve --dir " + dir + " --http 127.0.0.1:8090\n",
		"User=root\n", "Restart=always\n", "WantedBy=multi-user.target\n",
		"ReadWritePaths=" + filepath.Dir(dir) + "\n",
		"EnvironmentFile=-/etc/sangkien/sangkien.env\n",
	} {
		if !strings.Contains(unit, want) {
			t.Errorf("the unit lacks %q:\n%s", want, unit)
		}
	}
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Log("systemd-analyze not installed: the unit's syntax is not verified")
		return
	}
	file := filepath.Join(t.TempDir(), "sangkien.service")
	if err := os.WriteFile(file, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(analyze, "verify", file).CombinedOutput(); err != nil || len(msg) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, msg)
	}
}

// TestServiceLeavesNoFolderBehind: run on a folder that did not exist, the
// command removes what opening it created, so the service's own account
// creates it on the first start.
func TestServiceLeavesNoFolderBehind(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "pb_data")
	app := openDataDir(t, dir)
	cmd := newServiceCommand(app, true)
	cmd.SetOut(new(bytes.Buffer))
	cmd.SetArgs(nil)
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if pathExists(dir) {
		t.Errorf("%s left behind", dir)
	}
}
