// Command sangkien runs a ward's administrative-reform initiatives
// (sáng kiến cải cách hành chính): PocketBase with the ward's collections,
// the rules of the yearly process, the staff pages and the Excel reports.
package main

import (
	"embed"
	"io/fs"
	"log"
	"net/http"
	"net/http/pprof"
	"os"

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
	serveProfiles(os.Getenv("SANGKIEN_PPROF"))
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

// serveProfiles serves Go's profiles (/debug/pprof/) at addr, for
// benchmarks (SANGKIEN_PPROF=127.0.0.1:6060 ./sangkien serve); nothing when
// addr is empty. Keep addr on loopback: the profiles name the program's
// code and its load.
func serveProfiles(addr string) {
	if addr == "" {
		return
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	go func() {
		if err := http.ListenAndServe(addr, mux); err != nil {
			log.Printf("profiles at %s: %v", addr, err)
		}
	}()
}
