package main

import (
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/quota"
	"sangkien/internal/results"
	"sangkien/internal/searchindex"
)

// profileScoring times, in this process on the folder dir, the parts the
// results and quota routes are made of (results.Load, Compute, the
// round's near-duplicates, quota.Compute), each twice, under a CPU
// profile written to file.
func profileScoring(dir, file string) error {
	app, round, err := openReview(dir)
	if err != nil {
		return err
	}
	defer app.ResetBootstrapState()
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	defer pprof.StopCPUProfile()
	step := func(name string, fn func() error) error {
		t0 := time.Now()
		err := fn()
		fmt.Printf("%-32s %s (err %v)\n", name, time.Since(t0).Round(time.Millisecond), err)
		return err
	}
	for range 2 {
		var loaded *results.Round
		if err := step("results.Load", func() (err error) { loaded, err = results.Load(app, round); return }); err != nil {
			return err
		}
		step("Round.Compute", func() error { loaded.Compute(); return nil })
		step("searchindex.RoundTops", func() error { _, err := searchindex.RoundTops(app, round.Id); return err })
		step("quota.Compute (in a transaction)", func() error {
			return app.RunInTransaction(func(tx core.App) error { _, err := quota.Compute(tx, round, ""); return err })
		})
		step("quota.Compute", func() error { _, err := quota.Compute(app, round, ""); return err })
	}
	return nil
}

// freePort returns a loopback address no one listens on now.
func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// whileProfiling runs measure while it fetches, from the program serving
// its profiles at addr, a CPU profile of the measure's length dur, and
// writes it to file (go tool pprof -top file).
func whileProfiling(addr string, dur time.Duration, file string, measure func() result) result {
	done := make(chan error, 1)
	go func() {
		res, err := http.Get(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", addr, max(1, int(dur.Seconds()))))
		if err != nil {
			done <- err
			return
		}
		defer res.Body.Close()
		f, err := os.Create(file)
		if err != nil {
			done <- err
			return
		}
		_, err = io.Copy(f, res.Body)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		done <- err
	}()
	r := measure()
	if err := <-done; err != nil {
		log.Printf("profile %s: %v", file, err)
	} else {
		log.Printf("profile written: %s", file)
	}
	return r
}
