package report_test

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/footprint"
	"sangkien/internal/report"
	"sangkien/internal/testkit"
)

// The benchmark's own heap figures leave out what is not Go's heap: the
// SQLite page caches, the collector's headroom, the program itself. What a
// ward's machine sees is the resident memory of the process, and that of
// the benchmark's process is swollen by generating the round. So the
// round is copied to a folder and exported by a fresh process (this test
// binary, running TestExportInFreshProcess) set up as main.go sets up the
// server, which reports its resident memory at the start and at its
// highest.

// Environment of the fresh process.
const (
	freshDataEnv  = "SANGKIEN_BENCH_DATA"  // the round's data folder
	freshRoundEnv = "SANGKIEN_BENCH_ROUND" // the round's id
	freshRunsEnv  = "SANGKIEN_BENCH_RUNS"  // how many exports in a row
	freshPrefix   = "fresh-process: "      // the line of the report
)

// freshReport is what the fresh process reports.
type freshReport struct {
	StartMB float64 // resident memory once the app has started
	PeakMB  float64 // highest resident memory of the whole process
	MS      float64 // mean wall time of one export
}

// freshProcess copies the benchmark round to a folder inside the ward's
// (once per run, removed with it) and exports it three times in a fresh
// process.
func freshProcess(b *testing.B, w *testkit.Ward) freshReport {
	b.Helper()
	dir := filepath.Join(w.App.DataDir(), "fresh")
	if _, err := os.Stat(filepath.Join(dir, "data.db")); err != nil {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		if _, err := w.App.DB().NewQuery("VACUUM INTO {:file}").Bind(dbx.Params{"file": filepath.Join(dir, "data.db")}).Execute(); err != nil {
			b.Fatal(err)
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestExportInFreshProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), freshDataEnv+"="+dir, freshRoundEnv+"="+w.Round.Id, freshRunsEnv+"=3")
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("fresh process: %v\n%s", err, out)
	}
	for line := range strings.Lines(string(out)) {
		if js, ok := strings.CutPrefix(strings.TrimSpace(line), freshPrefix); ok {
			var r freshReport
			if err := json.Unmarshal([]byte(js), &r); err != nil {
				b.Fatal(err)
			}
			return r
		}
	}
	b.Fatalf("fresh process said nothing:\n%s", out)
	return freshReport{}
}

// TestExportInFreshProcess is the fresh process's side: skipped unless
// SANGKIEN_BENCH_DATA names a data folder.
func TestExportInFreshProcess(t *testing.T) {
	dir := os.Getenv(freshDataEnv)
	if dir == "" {
		t.Skip("run by the export benchmark in a process of its own")
	}
	footprint.LimitMemory()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, DBConnect: footprint.DBConnect})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	defer app.ResetBootstrapState()
	round, err := app.FindRecordById("rounds", os.Getenv(freshRoundEnv))
	if err != nil {
		t.Fatal(err)
	}
	runs, _ := strconv.Atoi(os.Getenv(freshRunsEnv))
	start := statusMB("VmRSS:")
	began := time.Now()
	for range max(runs, 1) {
		if _, err := report.Write(app, round, report.All, report.Options{Preparer: "Đỗ Thị Giang"}, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	out, _ := json.Marshal(freshReport{
		StartMB: start, PeakMB: statusMB("VmHWM:"),
		MS: float64(time.Since(began).Milliseconds()) / float64(max(runs, 1)),
	})
	os.Stdout.WriteString("\n" + freshPrefix + string(out) + "\n")
}

// statusMB is the figure named key (VmRSS:, VmHWM:) of /proc/self/status,
// in MB, or 0 where there is none.
func statusMB(key string) float64 {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(status)) {
		if kb, ok := strings.CutPrefix(line, key); ok {
			n, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(kb), " kB"), 64)
			if err != nil {
				return 0
			}
			return n / 1024
		}
	}
	return 0
}
