package testkit

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

// Save saves a new record of collection with data directly (no API, no
// request hooks; the record hooks and validation run) and returns it.
func Save(t testing.TB, app core.App, collection string, data map[string]any) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	for k, v := range data {
		r.Set(k, v)
	}
	if err := app.Save(r); err != nil {
		t.Fatalf("save %s: %v", collection, err)
	}
	return r
}

// Points is a full sheet's points on the default rubric.
func Points(novelty, applicability, effectiveness, replicability float64) map[string]float64 {
	return map[string]float64{"novelty": novelty, "applicability": applicability,
		"effectiveness": effectiveness, "replicability": replicability}
}

// Sheet saves member's score sheet on ini directly, in status, as the
// scoring API would leave it: the points, their total, the vote cast.
func (w *Ward) Sheet(t testing.TB, ini, member *core.Record, status string, points map[string]float64, approve bool) *core.Record {
	t.Helper()
	total := 0.0
	for _, v := range points {
		total += v
	}
	return Save(t, w.App, "scores", map[string]any{
		"initiative": ini.Id, "member": member.Id, "points": points, "total": total,
		"approve": approve, "voted": true, "status": status,
	})
}

// Update sets fields on the stored record r and saves it directly.
func Update(t testing.TB, app core.App, r *core.Record, fields map[string]any) {
	t.Helper()
	for k, v := range fields {
		r.Set(k, v)
	}
	if err := app.Save(r); err != nil {
		t.Fatalf("update %s %s: %v", r.Collection().Name, r.Id, err)
	}
}
