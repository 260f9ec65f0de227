package migrations_test

import (
	"maps"
	"os"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/hooks"
	"sangkien/internal/footprint"
)

// seededCollections are the collections the seed migration fills.
var seededCollections = []string{"fields", "units", "rounds", "criteria", "organization"}

// start opens the data folder dir as the program's serve does: bootstrap,
// hooks, every migration, the serve event (without a listening server).
func start(t *testing.T, dir string) *core.BaseApp {
	t.Helper()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, DBConnect: footprint.DBConnect})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	if err := hooks.Register(app, os.DirFS("../pb_public")); err != nil {
		t.Fatal(err)
	}
	if err := app.RunAllMigrations(); err != nil {
		t.Fatal(err)
	}
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	if err := app.OnServe().Trigger(&core.ServeEvent{App: app, Router: router}, func(*core.ServeEvent) error { return nil }); err != nil {
		t.Fatal(err)
	}
	return app
}

// seeded maps every seeded record's id to its updated timestamp.
func seeded(t *testing.T, app core.App) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range seededCollections {
		records, err := app.FindAllRecords(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range records {
			out[name+"/"+r.Id] = r.GetString("updated")
		}
	}
	return out
}

func TestSeedRunsOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	app := start(t, dir)
	// a person renames a seeded unit and raises its quota.
	vp, err := app.FindFirstRecordByData("units", "code", "VP")
	if err != nil {
		t.Fatal(err)
	}
	vp.Set("name", "Văn phòng HĐND và UBND phường Hoàn Kiếm")
	vp.Set("quota", 3)
	if err := app.Save(vp); err != nil {
		t.Fatal(err)
	}
	before := seeded(t, app)
	if len(before) != 8+6+1+4+1 {
		t.Fatalf("seeded %d records", len(before))
	}
	if err := app.ResetBootstrapState(); err != nil {
		t.Fatal(err)
	}

	// the second start: same folder, migrations run again.
	app = start(t, dir)
	defer app.ResetBootstrapState()
	if after := seeded(t, app); !maps.Equal(before, after) {
		t.Errorf("seeded records changed on restart:\nbefore %v\nafter  %v", before, after)
	}
	vp, err = app.FindFirstRecordByData("units", "code", "VP")
	if err != nil {
		t.Fatal(err)
	}
	if vp.GetString("name") != "Văn phòng HĐND và UBND phường Hoàn Kiếm" || vp.GetInt("quota") != 3 {
		t.Errorf("the person's edit was lost: %v", vp.PublicExport())
	}
}
