package footprint_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	_ "github.com/pocketbase/pocketbase/migrations" // PocketBase's system collections
	"github.com/pocketbase/pocketbase/tools/types"

	"sangkien/internal/footprint"
	"sangkien/internal/stmtcache"
)

// TestCollectionChangeReachesKeptStatements checks that a field added to
// a collection (app.Save of the collection: ALTER TABLE on the writer
// connection) shows at once in the records the REST API lists and views,
// although the list's and view's SQL texts were kept, before the change,
// on several connections of the readers' pool: they answer with the new
// column's values, as statements prepared afresh would.
func TestCollectionChangeReachesKeptStatements(t *testing.T) {
	app, col := probes(t)
	col.ListRule = types.Pointer("")
	col.ViewRule = types.Pointer("")
	if err := app.Save(col); err != nil {
		t.Fatal(err)
	}
	rec := core.NewRecord(col)
	rec.Set("a", "one")
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}

	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	if err := app.OnServe().Trigger(&core.ServeEvent{App: app, Router: router}, func(e *core.ServeEvent) error {
		mux, err = e.Router.BuildMux()
		return err
	}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()

	get := func(path string) (map[string]any, error) {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			return nil, err
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("%s: %d %s", path, res.StatusCode, body)
		}
		var out map[string]any
		return out, json.Unmarshal(body, &out)
	}
	list := "/api/collections/probes/records?filter=" + "a%3D%27one%27"
	view := "/api/collections/probes/records/" + rec.Id
	// fields reads, from many requests at once, the listed and the viewed
	// record; it fails the test on any answer without want as field b.
	fields := func(want any) {
		t.Helper()
		var wg sync.WaitGroup
		errs := make(chan error, 64)
		for range 8 {
			wg.Go(func() {
				for range 4 {
					l, err := get(list)
					if err != nil {
						errs <- err
						return
					}
					items, _ := l["items"].([]any)
					if len(items) != 1 {
						errs <- fmt.Errorf("list: %v", l)
						return
					}
					v, err := get(view)
					if err != nil {
						errs <- err
						return
					}
					for what, r := range map[string]map[string]any{"list": items[0].(map[string]any), "view": v} {
						if got := r["b"]; got != want {
							errs <- fmt.Errorf("%s: b = %v, want %v (%v)", what, got, want, r)
							return
						}
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	}
	fields(nil) // no field b yet
	readers := app.ConcurrentDB().(*dbx.DB).DB()
	before, _ := stmtcache.StatsOf(readers)
	if before.Kept == 0 || before.Hits == 0 {
		t.Fatalf("the readers kept no statement before the change: %+v", before)
	}

	col.Fields.Add(&core.TextField{Name: "b"})
	if err := app.Save(col); err != nil {
		t.Fatal(err)
	}
	rec.Set("b", "two")
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}
	fields("two")
	after, _ := stmtcache.StatsOf(readers)
	if after.Hits == before.Hits {
		t.Errorf("no read after the change ran on a kept statement: %+v, before %+v", after, before)
	}
	t.Logf("readers' statements before the change %+v, after %+v", before, after)
}

// probes returns a PocketBase app on its system collections, opened with
// DBConnect and closed when the test ends, and its collection "probes" of
// one text field, a.
func probes(t *testing.T) (*core.BaseApp, *core.Collection) {
	t.Helper()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: t.TempDir(), DBConnect: footprint.DBConnect})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app.ResetBootstrapState() })
	col := core.NewBaseCollection("probes")
	col.Fields.Add(&core.TextField{Name: "a"})
	if err := app.Save(col); err != nil {
		t.Fatal(err)
	}
	return app, col
}
