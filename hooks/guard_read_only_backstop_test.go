package hooks_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/testkit"
)

// TestServerFieldRulesBackstop checks the collections' API rules on their
// own, without the guard that answers read_only_field first: a body
// setting endorsed_at (initiatives) or voted (scores) fails the update
// rule of the person otherwise allowed to write the record, while the same
// body without it passes. Were the guard bypassed (a new route, a changed
// path), the rules still hold. (CanAccessRecord reads the record from the
// database, so a create rule cannot be checked this way; the migration
// adds the same fragment to both.)
func TestServerFieldRulesBackstop(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	draft := w.Initiative(t, w.StaffA, "draft", nil)
	accepted := w.Initiative(t, w.StaffA2, "accepted", map[string]any{"council": w.Council.Id})
	sheet := w.Sheet(t, accepted, w.Members[1], "draft", testkit.Points(10, 10, 10, 10), false)
	cases := []struct {
		name   string
		auth   *core.Record
		record *core.Record
		safe   map[string]any
		field  string
	}{
		{"initiative update, endorsed_at", w.StaffA, draft, map[string]any{"title": "Tên mới"}, "endorsed_at"},
		{"sheet update, voted", w.Members[1], sheet, map[string]any{"comment": "Nhận xét"}, "voted"},
	}
	for _, c := range cases {
		collection := "scores"
		if c.field == "endorsed_at" {
			collection = "initiatives"
		}
		col, err := w.App.FindCollectionByNameOrId(collection)
		if err != nil {
			t.Fatal(err)
		}
		check := func(body map[string]any) bool {
			t.Helper()
			info := &core.RequestInfo{Auth: c.auth, Body: body, Method: "PATCH"}
			ok, err := w.App.CanAccessRecord(c.record, info, col.UpdateRule)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			return ok
		}
		if !check(c.safe) {
			t.Errorf("%s: the rule refuses the body without %s: the case proves nothing", c.name, c.field)
			continue
		}
		withField := map[string]any{c.field: true}
		if c.field == "endorsed_at" {
			withField[c.field] = "2025-09-01 00:00:00.000Z"
		}
		for k, v := range c.safe {
			withField[k] = v
		}
		if check(withField) {
			t.Errorf("%s: the API rule lets the body set %s", c.name, c.field)
		}
	}
}
