// Command deadline is the deadline-day load (make
// bench-deadline): the demo ward with -staff more staff accounts, served
// by the program on loopback, while
//
//   - the staff, starting one after another over -ramp, each sign in,
//     write a draft, attach a PDF of -pdf bytes and submit it;
//   - every unit head reopens their unit's page every -head-poll and
//     endorses what waits;
//   - a secretariat officer reopens the overview page's data every
//     -office-poll and holds a realtime channel (initiatives and scores),
//     counting the events.
//
// It prints every failure with its status and body, the requests per
// second and p50/p95/p99 of each action, the realtime events received
// against those expected (each submission announced, each endorsement
// announced, no initiative sent twice in one status: such a repeat is
// listed with the fields that differ), and the server's resident memory (VmRSS) sampled every 250 ms. The run
// is bounded by -limit.
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"sangkien/internal/bench/benchkit"
)

// ward is the demo ward with -staff more staff accounts, who submit.
var ward = benchkit.WardFlags("sangkien-deadline", "prepared", "prepare", benchkit.Size{Flag: "staff", Default: 200, Usage: "staff who submit"})

// runFlags declares the flags of the run into cfg: its pace and its bound.
func runFlags(cfg *config) {
	flag.DurationVar(&cfg.ramp, "ramp", 3*time.Minute, "the staff start one after another over this time")
	flag.DurationVar(&cfg.headPoll, "head-poll", 2*time.Second, "a unit head reopens their page this often")
	flag.DurationVar(&cfg.officePoll, "office-poll", 5*time.Second, "the secretariat reopens the overview this often")
	flag.IntVar(&cfg.pdfSize, "pdf", 200*1024, "bytes of each attached PDF")
	flag.DurationVar(&cfg.limit, "limit", 10*time.Minute, "the run stops by then, finished or not")
}

func main() {
	cfg := config{password: demoPassword, catchUp: 10 * time.Second}
	runFlags(&cfg)
	flag.Parse()
	log.SetFlags(0)
	master, err := ward.Master("master", strconv.Itoa(*ward.Size), func(dir string) error { return addStaff(dir, *ward.Size) })
	if err != nil {
		log.Fatal(err)
	}
	who, err := wardPeople(master, *ward.Size)
	if err != nil {
		log.Fatal(err)
	}
	dir := filepath.Join(*ward.Dir, "run")
	if err := benchkit.Copy(master, dir); err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	s, err := benchkit.Serve(*ward.Program, dir)
	if err != nil {
		log.Fatal(err)
	}
	benchkit.OnInterrupt(s.Stop)
	rss := sampleRSS(s.Cmd.Process.Pid, 250*time.Millisecond)
	cfg.base, cfg.staff, cfg.heads, cfg.secretariat = s.Base, who.staff, who.heads, who.secretariat
	out, err := run(cfg)
	first, last, peak, samples := rss.end()
	s.Stop()
	if err != nil {
		log.Fatalf("%v\n%s", err, s.Out.String())
	}
	fmt.Printf("\nbench-deadline %s: %d staff over %s, %d unit heads every %s, the secretariat every %s, %d KiB PDFs\nuptime: %s\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), len(cfg.staff), cfg.ramp, len(cfg.heads), cfg.headPoll, cfg.officePoll,
		cfg.pdfSize/1024, benchkit.Uptime())
	printReport(os.Stdout, cfg, out)
	fmt.Printf("server RSS (VmRSS, %d samples every 250 ms): start %d MB, end %d MB, max %d MB\n", samples, first/1024, last/1024, peak/1024)
	if len(out.rec.errors()) > 0 || !out.finished || peak > 300*1024 || len(out.watch.repeats()) > 0 ||
		out.watch.announced(out.submitted) < len(out.submitted) || out.watch.saw("endorsed", out.endorsed) < len(out.endorsed) {
		os.Exit(1)
	}
}

// printReport writes what a run did: the failures, the table of actions, the
// realtime events against those expected.
func printReport(w io.Writer, cfg config, out *outcome) {
	errs := out.rec.errors()
	fmt.Fprintf(w, "%d submitted and %d endorsed of %d in %s (finished: %v); %d errors\n",
		len(out.submitted), len(out.endorsed), len(cfg.staff), out.elapsed.Round(time.Second), out.finished, len(errs))
	for _, e := range errs {
		fmt.Fprintln(w, "  error:", e)
	}
	fmt.Fprintln(w)
	out.rec.table(w, out.elapsed)
	events, seen, reconnects := out.watch.snapshot()
	var topics []string
	for t, n := range events {
		topics = append(topics, fmt.Sprintf("%s %d", t, n))
	}
	slices.Sort(topics)
	fmt.Fprintf(w, "\nrealtime: %s events (%d reconnects); expected %d to %d initiatives events (a change announced after the next one is announced once); "+
		"submissions announced %d of %d, endorsements %d of %d, seen submitted %d; drafts seen %d (expected 0: the secretariat cannot read drafts)\n",
		strings.Join(topics, ", "), reconnects, len(out.submitted), len(out.submitted)+len(out.endorsed),
		out.watch.announced(out.submitted), len(out.submitted), out.watch.saw("endorsed", out.endorsed), len(out.endorsed),
		out.watch.saw("submitted", out.submitted), seen["draft"])
	for _, r := range out.watch.repeats() {
		fmt.Fprintf(w, "  announced again: %s\n", r)
	}
	for _, m := range out.watch.missing("endorsed", out.endorsed) {
		fmt.Fprintf(w, "  endorsement not announced: %s\n", m)
	}
	fmt.Fprintf(w, "overview rows at the end: %d\n", out.overviewRows)
}
