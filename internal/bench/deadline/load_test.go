package main

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"sangkien/internal/testkit"
)

// TestDeadlineLoadSubmitsEndorsesAndDeliversEveryEvent runs the
// deadline-day load for a few seconds against the program's handler on
// the test ward (six staff of two units, their two heads, the
// secretariat): every draft is written, gets its PDF, is submitted and
// endorsed without one failed request; the secretariat's realtime channel
// announces each submission and each endorsement, and no draft; the overview
// lists all six; the report names every action.
func TestDeadlineLoadSubmitsEndorsesAndDeliversEveryEvent(t *testing.T) {
	w := testkit.NewWard(t)
	var staff []string
	for k := range 6 {
		unit := w.UnitA
		if k%2 == 1 {
			unit = w.UnitB
		}
		email := fmt.Sprintf("nop%d@phuong.test", k)
		w.User(t, email, fmt.Sprintf("Cán bộ Nộp %d", k), unit, "staff")
		staff = append(staff, email)
	}
	srv := testkit.Serve(t, w.App)
	rss := sampleRSS(os.Getpid(), 50*time.Millisecond)
	cfg := config{
		base: srv.URL, password: testkit.Password, staff: staff,
		heads: []string{w.HeadA.Email(), w.HeadB.Email()}, secretariat: w.Secretariat.Email(),
		ramp: 2 * time.Second, headPoll: 300 * time.Millisecond, officePoll: 500 * time.Millisecond,
		pdfSize: 200 * 1024, limit: 60 * time.Second, catchUp: 10 * time.Second,
	}
	out, err := run(cfg)
	_, _, peak, _ := rss.end()
	if err != nil {
		t.Fatal(err)
	}
	var report strings.Builder
	printReport(&report, cfg, out)
	if errs := out.rec.errors(); len(errs) > 0 || !out.finished {
		t.Fatalf("the load failed or did not finish:\n%s", report.String())
	}
	if got := out.watch.announced(out.submitted); got != 6 {
		t.Errorf("realtime: %d of 6 submissions announced\n%s", got, report.String())
	}
	if got := out.watch.saw("endorsed", out.endorsed); got != 6 {
		t.Errorf("realtime: %d of 6 seen endorsed\n%s", got, report.String())
	}
	if r := out.watch.repeats(); len(r) > 0 {
		t.Errorf("realtime: an initiative sent twice in one status: %v", r)
	}
	if _, seen, _ := out.watch.snapshot(); seen["draft"] != 0 {
		t.Errorf("realtime: the secretariat was sent %d drafts", seen["draft"])
	}
	if out.overviewRows != 6 {
		t.Errorf("the overview counts %d initiatives, want 6", out.overviewRows)
	}
	for _, a := range []string{actSignIn, actCreate, actAttach, actSubmit, actEndorse, actOverview, actQuota} {
		if !strings.Contains(report.String(), "| "+a+" | ") {
			t.Errorf("the report has no line for %q:\n%s", a, report.String())
		}
	}
	if peak <= 0 {
		t.Errorf("no resident memory read from /proc/%d/status", os.Getpid())
	}
}
