package hooks

import (
	"os"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"
)

// RegisterCommands adds the program's own commands to the CLI (demo, the
// search index's reindex, and for the ward's operator service, restore and
// check) and, before `serve` applies a new version's migrations, the backup
// of the ward's data.
func RegisterCommands(app *pocketbase.PocketBase) {
	// PocketBase opens (and so creates) the data folder before any command
	// runs; the operator's commands must know whether it was there before.
	fresh := !pathExists(app.DataDir())
	app.RootCmd.AddCommand(newDemoCommand(app))
	app.RootCmd.AddCommand(newReindexCommand(app))
	app.RootCmd.AddCommand(newServiceCommand(app, fresh))
	app.RootCmd.AddCommand(newRestoreCommand(app, fresh))
	app.RootCmd.AddCommand(newCheckCommand(app, fresh))

	// serve runs the migrations right after the data folder is opened.
	app.OnBootstrap().BindFunc(func(e *core.BootstrapEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		if cmd, _, err := app.RootCmd.Find(os.Args[1:]); err != nil || cmd.Name() != "serve" {
			return nil
		}
		_, err := backupBeforeUpgrade(e.App)
		return err
	})
}

// pathExists reports whether something is at path.
func pathExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// removeAll removes path and what it holds.
func removeAll(path string) error {
	return os.RemoveAll(path)
}
