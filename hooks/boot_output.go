package hooks

import (
	"io"
	"os"

	"github.com/pocketbase/pocketbase/core"
)

// bootOutput is where an app's start prints what its operator must read:
// the first-run credentials on Stdout, the start-up warnings and the
// backup before an upgrade on Stderr (besides the log). Each app carries
// its own (outputOf), the process's unless a test gives its app another,
// so tests of the start can run side by side.
type bootOutput struct {
	Stdout, Stderr io.Writer
}

// bootOutputKey is where an app keeps its bootOutput in its store.
const bootOutputKey = "sangkien.bootOutput"

// outputOf returns app's boot output, the process's own on first use.
func outputOf(app core.App) *bootOutput {
	return app.Store().GetOrSet(bootOutputKey, func() any {
		return &bootOutput{Stdout: os.Stdout, Stderr: os.Stderr}
	}).(*bootOutput)
}
