package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"sangkien/internal/bench/benchkit"
)

// recorder keeps every timed request of a run by action, and every
// failure with its status and body.
type recorder struct {
	mu       sync.Mutex
	start    time.Time
	times    map[string][]time.Duration
	order    []string
	failures []string
}

func newRecorder() *recorder {
	return &recorder{start: time.Now(), times: map[string][]time.Duration{}}
}

// add records one answered request of action that took d.
func (r *recorder) add(action string, d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.times[action]; !ok {
		r.order = append(r.order, action)
	}
	r.times[action] = append(r.times[action], d)
}

// fail records a failure of action (the request's status and body, or
// the transport's error).
func (r *recorder) fail(action string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failures = append(r.failures, fmt.Sprintf("%s: %v", action, err))
}

// count is how many requests of action were answered.
func (r *recorder) count(action string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.times[action])
}

// errors returns the failures so far.
func (r *recorder) errors() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.failures)
}

// table writes one line per action: how many, per second over the run,
// p50/p95/p99 and the slowest.
func (r *recorder) table(w io.Writer, elapsed time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	fmt.Fprintf(w, "| action | requests | per second | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|---|\n")
	for _, a := range r.order {
		t := slices.Clone(r.times[a])
		slices.Sort(t)
		fmt.Fprintf(w, "| %s | %d | %.1f | %s | %s | %s | %s |\n", a, len(t), float64(len(t))/elapsed.Seconds(),
			benchkit.Ms(benchkit.At(t, 0.50)), benchkit.Ms(benchkit.At(t, 0.95)), benchkit.Ms(benchkit.At(t, 0.99)), benchkit.Ms(t[len(t)-1]))
	}
}

// rssSampler reads a process's resident memory (VmRSS of
// /proc/PID/status) every interval until stopped.
type rssSampler struct {
	mu            sync.Mutex
	first, last   int64 // kB
	max, samples  int64
	stop, stopped chan struct{}
}

func sampleRSS(pid int, every time.Duration) *rssSampler {
	s := &rssSampler{stop: make(chan struct{}), stopped: make(chan struct{})}
	go func() {
		defer close(s.stopped)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			if kb, err := vmRSS(pid); err == nil {
				s.mu.Lock()
				if s.samples == 0 {
					s.first = kb
				}
				s.last, s.max, s.samples = kb, max(s.max, kb), s.samples+1
				s.mu.Unlock()
			}
			select {
			case <-s.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

// end stops the sampler and returns what it saw, in kB.
func (s *rssSampler) end() (first, last, peak, samples int64) {
	close(s.stop)
	<-s.stopped
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.first, s.last, s.max, s.samples
}

// vmRSS is the resident memory of process pid in kB.
func vmRSS(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			return strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
}
