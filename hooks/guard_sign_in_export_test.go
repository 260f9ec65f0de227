package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
)

// SignInSweep runs the sweep the sign-in throttle of app makes when it holds
// too many accounts, at the app's clock (exported for the tests of package
// hooks_test).
func SignInSweep(app core.App) {
	t := throttleOf(app)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.sweep(clock.Of(app).Now())
}
