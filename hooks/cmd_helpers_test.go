package hooks

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/footprint"
)

// openDataDir opens dir as the program does before any command runs
// (creating it when missing), without migrations; closed when the test ends.
func openDataDir(t *testing.T, dir string) *core.BaseApp {
	t.Helper()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, DBConnect: footprint.DBConnect})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app.ResetBootstrapState() })
	return app
}
