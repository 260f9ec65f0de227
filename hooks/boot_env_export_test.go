package hooks

import "github.com/pocketbase/pocketbase/core"

// SetEnv sets key to value in app's environment alone (setEnv), for the
// tests of package hooks_test.
func SetEnv(app core.App, key, value string) { setEnv(app, key, value) }
