package hooks

import (
	"github.com/pocketbase/pocketbase"
)

// RegisterCommands adds the program's own commands (demo, reindex) to the CLI.
func RegisterCommands(app *pocketbase.PocketBase) {
	app.RootCmd.AddCommand(newDemoCommand(app))
	app.RootCmd.AddCommand(newReindexCommand(app))
}
