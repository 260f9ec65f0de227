package migrations_test

import (
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/vocab"
)

// authorshipsDiffer fails unless initiative_authors holds, as "user
// initiative", exactly each initiative's owner and linked authors as the
// records say them; it returns how many rows it holds.
func authorshipsDiffer(t *testing.T, app core.App, step string) int {
	t.Helper()
	var want []string
	all, err := app.FindAllRecords("initiatives")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range all {
		for _, u := range append([]string{r.GetString("owner")}, r.GetStringSlice("author_users")...) {
			if u != "" {
				want = append(want, u+" "+r.Id)
			}
		}
	}
	slices.Sort(want)
	want = slices.Compact(want)
	var got []string
	if err := app.DB().NewQuery("SELECT user || ' ' || initiative FROM initiative_authors ORDER BY 1").Column(&got); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s: initiative_authors holds %d rows, the initiatives name %d:\n got %v\nwant %v", step, len(got), len(want), got, want)
	}
	return len(got)
}

// initiative_authors holds each initiative's owner and linked authors, on
// the demo ward as the migration filled it and after a create, an author
// linked and unlinked, the owner changed, changes in SQL (an author list
// set to a bare id, then emptied) and a delete.
func TestInitiativeAuthorsAreEachInitiativesOwnerAndLinkedAuthors(t *testing.T) {
	t.Parallel()
	app := demoWard(t)
	// the demo's initiatives are saved before the migration runs again:
	// empty the table and fill it as the migration does
	if _, err := app.DB().NewQuery("DELETE FROM initiative_authors").Execute(); err != nil {
		t.Fatal(err)
	}
	if _, err := app.DB().NewQuery("DELETE FROM _migrations WHERE file = '1766002100_initiative_authors.go'").Execute(); err != nil {
		t.Fatal(err)
	}
	if err := app.RunAppMigrations(); err != nil {
		t.Fatal(err)
	}
	if n := authorshipsDiffer(t, app, "the demo ward"); n == 0 {
		t.Fatal("the demo ward has no authorship: the comparison proves nothing")
	}
	all, _ := app.FindAllRecords("initiatives")
	var some *core.Record
	for _, r := range all {
		if len(r.GetStringSlice("author_users")) > 1 {
			some = r
			break
		}
	}
	if some == nil {
		t.Fatal("no initiative of the demo ward has two linked authors")
	}
	staff, err := app.FindAllRecords("users")
	if err != nil {
		t.Fatal(err)
	}
	staff = slices.DeleteFunc(staff, func(u *core.Record) bool { return !slices.Contains(u.GetStringSlice("roles"), vocab.RoleStaff) })
	var stranger *core.Record
	for _, u := range staff {
		if u.Id != some.GetString("owner") && !slices.Contains(some.GetStringSlice("author_users"), u.Id) {
			stranger = u
			break
		}
	}
	sql := func(q string, params map[string]any) {
		t.Helper()
		if _, err := app.DB().NewQuery(q).Bind(params).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	var created *core.Record
	steps := []struct {
		name   string
		change func()
	}{
		{"an initiative created", func() {
			created = core.NewRecord(some.Collection())
			created.Load(some.FieldsData())
			created.Id = ""
			created.Set("id", "")
			created.Set("code", "")
			created.Set("status", vocab.Draft)
			save(t, app, created)
		}},
		{"an author linked", func() {
			created.Set("author_users", append(created.GetStringSlice("author_users"), stranger.Id))
			save(t, app, created)
		}},
		{"an author unlinked", func() {
			created.Set("author_users", slices.DeleteFunc(created.GetStringSlice("author_users"), func(u string) bool { return u == stranger.Id }))
			save(t, app, created)
		}},
		{"the owner changed", func() {
			created.Set("owner", stranger.Id)
			save(t, app, created)
		}},
		{"the title changed", func() {
			created.Set("title", "Một tiêu đề khác")
			save(t, app, created)
		}},
		{"the author list set to a bare id in SQL", func() {
			sql("UPDATE initiatives SET author_users = {:u} WHERE id = {:id}", map[string]any{"u": some.GetString("owner"), "id": created.Id})
		}},
		{"the author list and the owner emptied in SQL", func() {
			sql("UPDATE initiatives SET author_users = '[]', owner = '' WHERE id = {:id}", map[string]any{"id": some.Id})
		}},
		{"an initiative deleted", func() {
			if err := app.Delete(created); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, s := range steps {
		s.change()
		authorshipsDiffer(t, app, s.name)
	}
}
