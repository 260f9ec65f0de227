package migrations_test

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// TestDraftEntriesMarkedOnUpgrade: on a database written before migration
// 1764004520, the initiative entries written while the initiative was a
// draft are marked draft (its creation, its edits before the first
// submission, the deletion of a draft); the submission and what follows,
// the entries of initiatives made without a draft, and other collections'
// entries are not.
func TestDraftEntriesMarkedOnUpgrade(t *testing.T) {
	t.Parallel()
	app := appAt(t, "1764004510_guard_accounts.go")
	round, err := app.FindFirstRecordByFilter("rounds", "id != ''")
	if err != nil {
		t.Fatal(err)
	}
	unit, err := app.FindFirstRecordByFilter("units", "id != ''")
	if err != nil {
		t.Fatal(err)
	}
	initiative := func(status string) string {
		col, _ := app.FindCollectionByNameOrId("initiatives")
		r := core.NewRecord(col)
		r.Set("round", round.Id)
		r.Set("unit", unit.Id)
		r.Set("title", "Sáng kiến")
		r.Set("status", status)
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
		return r.Id
	}
	draft, submitted, direct := initiative("draft"), initiative("endorsed"), initiative("accepted")
	deleted := "xoadixoadixoadi"
	start := time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)
	n := 0
	entry := func(collection, record, action string, before, after map[string]any) string {
		col, _ := app.FindCollectionByNameOrId("audit_log")
		e := core.NewRecord(col)
		e.Set("collection", collection)
		e.Set("record", record)
		e.Set("action", action)
		e.Set("before", before)
		e.Set("after", after)
		if err := app.Save(e); err != nil {
			t.Fatal(err)
		}
		n++
		// one minute apart, in the order written.
		at := start.Add(time.Duration(n) * time.Minute).Format("2006-01-02 15:04:05.000Z")
		if _, err := app.DB().Update("audit_log", dbx.Params{"created": at}, dbx.HashExp{"id": e.Id}).Execute(); err != nil {
			t.Fatal(err)
		}
		return e.Id
	}
	asDraft := map[string]any{"status": "draft", "title": "Bí mật"}
	want := map[string]bool{
		entry("initiatives", draft, "create", nil, asDraft):                                                                     true,
		entry("initiatives", draft, "update", map[string]any{"title": "a"}, map[string]any{"title": "b"}):                       true,
		entry("initiatives", submitted, "create", nil, asDraft):                                                                 true,
		entry("initiatives", submitted, "update", map[string]any{"title": "a"}, map[string]any{"title": "b"}):                   true,
		entry("initiatives", submitted, "submit", map[string]any{"status": "draft"}, map[string]any{"status": "submitted"}):     false,
		entry("initiatives", submitted, "endorse", map[string]any{"status": "submitted"}, map[string]any{"status": "endorsed"}): false,
		entry("initiatives", deleted, "create", nil, asDraft):                                                                   true,
		entry("initiatives", deleted, "update", map[string]any{"title": "a"}, map[string]any{"title": "b"}):                     true,
		entry("initiatives", deleted, "delete", asDraft, nil):                                                                   true,
		entry("initiatives", direct, "update", map[string]any{"council": ""}, map[string]any{"council": "x"}):                   false,
		entry("units", unit.Id, "update", map[string]any{"quota": 1}, map[string]any{"quota": 2}):                               false,
	}
	upAll(t, app)
	for id, wantDraft := range want {
		e, err := app.FindRecordById("audit_log", id)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.GetBool("draft"); got != wantDraft {
			t.Errorf("%s %s %s: draft = %v, want %v", e.GetString("collection"), e.GetString("record"), e.GetString("action"), got, wantDraft)
		}
	}
}
