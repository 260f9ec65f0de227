// Command barepb is a bare PocketBase, the yardstick of the city-scale
// benchmark (make bench-city): it imports only PocketBase, so it serves a
// sangkien data folder with the schema and API rules stored in it and
// none of the program's hooks, routes or migrations. Like the program, it
// serves Go's profiles at SANGKIEN_PPROF (a loopback address) when set,
// so that bench-city -pprof profiles both sides.
package main

import (
	"log"
	"net/http"
	"net/http/pprof"
	"os"

	"github.com/pocketbase/pocketbase"
)

func main() {
	if addr := os.Getenv("SANGKIEN_PPROF"); addr != "" {
		mux := http.NewServeMux()
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		go func() { log.Print(http.ListenAndServe(addr, mux)) }()
	}
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultDev: false})
	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
