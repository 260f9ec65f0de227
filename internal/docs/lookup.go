package docs

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// names maps record ids to a display name (units, fields, users).
type names map[string]string

// loadNames reads id → column of collection.
func loadNames(app core.App, collection, column string) (names, error) {
	var rows []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	err := app.DB().Select("id", column+" AS name").From(collection).All(&rows)
	out := names{}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, err
}

// lookups are the names every list of initiatives needs.
type lookups struct {
	units, fields names
}

// loadLookups reads the units' and fields' names.
func loadLookups(app core.App) (*lookups, error) {
	u, err := loadNames(app, "units", "name")
	if err != nil {
		return nil, err
	}
	f, err := loadNames(app, "fields", "name")
	if err != nil {
		return nil, err
	}
	return &lookups{units: u, fields: f}, nil
}

// latestDecision returns the round's last decision of kind, or nil.
func latestDecision(app core.App, roundID, kind string) *core.Record {
	recs, err := app.FindRecordsByFilter("decisions", "round = {:r} && kind = {:k}", "-created", 1, 0,
		dbx.Params{"r": roundID, "k": kind})
	if err != nil || len(recs) == 0 {
		return nil
	}
	return recs[0]
}
