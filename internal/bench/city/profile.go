package main

import (
	"fmt"
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
