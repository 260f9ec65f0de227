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
	note          string        // said in place of a figure (a route the server has not)
	cpu           time.Duration // the server's CPU time (user + system) per answered request
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

// cpuTime is the CPU time (user + system) process pid has used so far,
// from /proc (Linux), in clock ticks of 10 ms; 0 when unknown.
func cpuTime(pid int) time.Duration {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// the fields after the command's name, which is in parentheses
	_, after, ok := bytes.Cut(raw, []byte(") "))
	if !ok {
		return 0
	}
	f := strings.Fields(string(after))
	if len(f) < 13 {
		return 0
	}
	user, _ := strconv.Atoi(f[11])
	system, _ := strconv.Atoi(f[12])
	return time.Duration(user+system) * 10 * time.Millisecond
}

// call is benchkit.Call with no deadline but the client's.
func call(client *http.Client, method, url, token string, body, out any) error {
	return benchkit.Call(context.Background(), client, method, url, token, body, out)
}
