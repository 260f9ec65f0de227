package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"sangkien/internal/bench/benchkit"
)

// result is one measure against one server: requests answered 2xx per
// second over the whole run and the latency percentiles of every request.
type result struct {
	ok, failed    int
	perSecond     float64
	p50, p95, p99 time.Duration
	firstFailure  string
	note          string // said in place of a figure (a route the server has not; a measure that is not a load: its figures as words)
	// cpu is the server's CPU time (user + system) per answered request
	// over the measure, when it was read (serverCPU): unlike the rate, it
	// hardly moves with what else the machine runs.
	cpu time.Duration
}

func (r result) String() string {
	if r.note != "" {
		return r.note
	}
	if r.ok == 0 && r.failed == 0 {
		return "—"
	}
	if r.ok == 0 {
		return "not measured: " + r.firstFailure
	}
	s := fmt.Sprintf("%.0f/s, p50 %s p95 %s p99 %s", r.perSecond, benchkit.Ms(r.p50), benchkit.Ms(r.p95), benchkit.Ms(r.p99))
	if r.cpu > 0 {
		s += ", CPU " + benchkit.Ms(r.cpu) + " a request"
	}
	if r.failed > 0 {
		s += fmt.Sprintf(" (%d failed)", r.failed)
	}
	return s
}

// withCPU runs measure and sets its result's CPU per answered request
// from the CPU time process pid used meanwhile (Linux /proc; none
// elsewhere).
func withCPU(pid int, measure func() result) result {
	before, okBefore := serverCPU(pid)
	res := measure()
	after, okAfter := serverCPU(pid)
	if okBefore && okAfter && res.ok > 0 {
		res.cpu = (after - before) / time.Duration(res.ok)
	}
	return res
}

// serverCPU reads the user and system CPU time of process pid from
// /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s).
func serverCPU(pid int) (time.Duration, bool) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	// the command name (field 2) may hold spaces: count after its ')'
	i := bytes.LastIndexByte(raw, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(string(raw[i+1:]))
	if len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, true
}

// load runs conns workers for dur, each calling do in a loop (worker, its
// i-th call); a call fails when it returns an error. stop ends a worker
// early (do returns errDone).
func load(conns int, dur time.Duration, do func(client *http.Client, worker, i int) error) result {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: conns, MaxIdleConnsPerHost: conns, MaxConnsPerHost: conns,
	}}
	defer client.CloseIdleConnections()
	var (
		mu       sync.Mutex
		times    []time.Duration
		res      result
		wg       sync.WaitGroup
		start    = time.Now()
		deadline = start.Add(dur)
	)
	for w := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; time.Now().Before(deadline); i++ {
				t0 := time.Now()
				err := do(client, w, i)
				took := time.Since(t0)
				if err == errDone {
					return
				}
				mu.Lock()
				times = append(times, took)
				if err != nil {
					res.failed++
					if res.firstFailure == "" {
						res.firstFailure = err.Error()
					}
				} else {
					res.ok++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return summary(res, times, time.Since(start))
}

// summary is res with its rate over elapsed and the percentiles of times.
func summary(res result, times []time.Duration, elapsed time.Duration) result {
	res.perSecond = float64(res.ok) / elapsed.Seconds()
	slices.Sort(times)
	res.p50, res.p95, res.p99 = benchkit.At(times, 0.50), benchkit.At(times, 0.95), benchkit.At(times, 0.99)
	return res
}

var errDone = fmt.Errorf("done")

// call is benchkit.Call with no deadline but the client's.
func call(client *http.Client, method, url, token string, body, out any) error {
	return benchkit.Call(context.Background(), client, method, url, token, body, out)
}
