package hooks

import (
	"os"
	"sync"

	"github.com/pocketbase/pocketbase/core"
)

// appEnv is the environment an app's start reads the operator's settings
// from (SANGKIEN_URL, SANGKIEN_ADMIN_*, SANGKIEN_S3_*, SANGKIEN_ORIGINS …):
// the process's, except the variables set for this app alone (setEnv), so
// tests of the start can run side by side, each with its own values.
type appEnv struct {
	mu  sync.RWMutex
	set map[string]string
}

// appEnvKey is where an app keeps its appEnv in its store.
const appEnvKey = "sangkien.env"

// envOf returns app's environment, the process's own until a variable is
// set for the app.
func envOf(app core.App) *appEnv {
	return app.Store().GetOrSet(appEnvKey, func() any { return &appEnv{} }).(*appEnv)
}

// Getenv is the variable's value for this app: the one set for it, else
// the process's (os.Getenv).
func (e *appEnv) Getenv(key string) string {
	e.mu.RLock()
	v, ok := e.set[key]
	e.mu.RUnlock()
	if ok {
		return v
	}
	return os.Getenv(key)
}

// setEnv sets key to value for app alone, as if the process's environment
// held it; "" reads as the variable set empty.
func setEnv(app core.App, key, value string) {
	e := envOf(app)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.set == nil {
		e.set = map[string]string{}
	}
	e.set[key] = value
}
