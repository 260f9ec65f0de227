// Command barepb is a bare PocketBase, the yardstick of the city-scale
// benchmark (make bench-city): it imports only PocketBase, so it serves a
// sangkien data folder with the schema and API rules stored in it and
// none of the program's hooks, routes or migrations.
package main

import (
	"log"

	"github.com/pocketbase/pocketbase"
)

func main() {
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultDev: false})
	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
