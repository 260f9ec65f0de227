package hooks

import (
	"os"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/footprint"
	"sangkien/internal/i18n"
)

// openDataDir opens dir as the program does before any command runs
// (creating it when missing), without migrations; closed when the test ends.
func openDataDir(t *testing.T, dir string) *core.BaseApp {
	t.Helper()
	loadCatalog(t)
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, DBConnect: footprint.DBConnect})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app.ResetBootstrapState() })
	return app
}

// loadCatalog loads the Vietnamese strings, as Register does at start.
func loadCatalog(t *testing.T) {
	t.Helper()
	if err := i18n.Load(os.DirFS("../pb_public")); err != nil {
		t.Fatal(err)
	}
}
