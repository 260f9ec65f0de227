// Command sangkien runs a ward's administrative-reform initiatives
// (sáng kiến cải cách hành chính): PocketBase with the ward's collections,
// the rules of the yearly process, the staff pages and the Excel reports.
package main

import (
	"embed"
	"io/fs"
	"log"

	"github.com/pocketbase/pocketbase"

	"sangkien/hooks"
	"sangkien/internal/footprint"
	_ "sangkien/migrations"
)

//go:embed all:pb_public
var embedded embed.FS

func main() {
	// dev mode (every SQL statement logged) only when asked with --dev, even
	// for a binary run from a temporary folder as `go run` does.
	footprint.LimitMemory()
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultDev: false, DBConnect: footprint.DBConnect})
	public, err := fs.Sub(embedded, "pb_public")
	if err != nil {
		log.Fatal(err)
	}
	if err := hooks.Register(app, public); err != nil {
		log.Fatal(err)
	}
	hooks.RegisterCommands(app)
	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
