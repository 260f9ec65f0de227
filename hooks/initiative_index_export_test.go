package hooks

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// SetIndexDrainDelay sets how long app's serving drain waits after a save;
// set before the app serves (exported for the tests of package hooks_test).
func SetIndexDrainDelay(app core.App, d time.Duration) {
	app.Store().Set(indexDrainDelayKey, d)
}
