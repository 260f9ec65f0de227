package hooks

import "time"

// SetIndexDrainDelay sets how long the serving drain waits after a save,
// for the apps served after it; it returns the function that restores it
// (exported for the tests of package hooks_test).
func SetIndexDrainDelay(d time.Duration) func() {
	old := indexDrainDelay
	indexDrainDelay = d
	return func() { indexDrainDelay = old }
}
