package hooks

import (
	"io"
	"os"
)

// What the program prints when it starts, besides the log: two streams,
// which tests replace apart.
var (
	// bootOutput is where start-up warnings and notices are printed (the
	// site address still on localhost, the backup made before an upgrade).
	bootOutput io.Writer = os.Stderr
	// firstRunOutput is where the first run prints the dashboard's address
	// and the first account's credentials.
	firstRunOutput io.Writer = os.Stdout
)
