package hooks

import (
	"os"

	"github.com/pocketbase/pocketbase"
)

// RegisterCommands adds the program's own commands to the CLI: demo, and
// for the ward's operator service, restore and check.
func RegisterCommands(app *pocketbase.PocketBase) {
	// PocketBase opens (and so creates) the data folder before any command
	// runs; the operator's commands must know whether it was there before.
	fresh := !pathExists(app.DataDir())
	app.RootCmd.AddCommand(newDemoCommand(app))
	app.RootCmd.AddCommand(newServiceCommand(app, fresh))
}

// pathExists reports whether something is at path.
func pathExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
