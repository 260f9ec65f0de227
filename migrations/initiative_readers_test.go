package migrations_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/readers"
	"sangkien/internal/testkit"
	"sangkien/internal/vocab"
)

// seeInitiativeByJoins is the initiatives' list and view rule before
// 1766000000_initiative_readers.
const seeInitiativeByJoins = `(owner = @request.auth.id) || (author_users:each ?= @request.auth.id) || ` +
	`(@request.auth.roles:each ?= "unit_head" && unit = @request.auth.unit && status != "draft") || ` +
	`((@request.auth.roles:each ?= "secretariat" || @request.auth.roles:each ?= "chairman") && status != "draft") || ` +
	`(@request.auth.roles:each ?= "council" && council != "" && council.council_members_via_council.user ?= @request.auth.id)`

// sameRowsForEveryone fails when, for some account, the rule by joins and
// the reader list let it list different initiatives; it returns how many
// accounts see some initiatives but not all.
func sameRowsForEveryone(t *testing.T, app core.App, step string) int {
	t.Helper()
	col, _ := app.FindCollectionByNameOrId("initiatives")
	overseers, err := readers.Overseers(app)
	if err != nil {
		t.Fatal(err)
	}
	rule := readers.Rule(overseers)
	if *col.ListRule != rule || *col.ViewRule != rule {
		t.Fatalf("%s: the initiatives' rules are not the reader list's for the overseers %v: %s / %s", step, overseers, *col.ListRule, *col.ViewRule)
	}
	all, _ := app.FindAllRecords("initiatives")
	users, err := app.FindAllRecords("users")
	if err != nil {
		t.Fatal(err)
	}
	if guest := visibleIDs(t, app, col, rule, nil); len(guest) > 0 {
		t.Errorf("%s: a guest lists %v", step, guest)
	}
	some := 0
	for _, u := range users {
		before, after := visibleIDs(t, app, col, seeInitiativeByJoins, u), visibleIDs(t, app, col, rule, u)
		if !slices.Equal(before, after) {
			t.Errorf("%s: %s %v: the joins show %d initiatives %v, the reader list %d %v",
				step, u.GetString("email"), u.Get("roles"), len(before), before, len(after), after)
		}
		if len(after) > 0 && len(after) < len(all) {
			some++
		}
	}
	return some
}

// save saves r through the app (the program's hooks run) or fails.
func save(t *testing.T, app core.App, r *core.Record) {
	t.Helper()
	if err := app.Save(r); err != nil {
		t.Fatalf("save %s %s: %v", r.Collection().Name, r.Id, err)
	}
}

// takeRole saves u without role.
func takeRole(t *testing.T, app core.App, u *core.Record, role string) {
	t.Helper()
	u.Set("roles", slices.DeleteFunc(u.GetStringSlice("roles"), func(r string) bool { return r == role }))
	save(t, app, u)
}

// withRole returns the first account holding role and none of others.
func withRole(t *testing.T, app core.App, role string, others ...string) *core.Record {
	t.Helper()
	users, _ := app.FindAllRecords("users")
	for _, u := range users {
		roles := u.GetStringSlice("roles")
		if slices.Contains(roles, role) && !slices.ContainsFunc(roles, func(r string) bool { return slices.Contains(others, r) }) {
			return u
		}
	}
	t.Fatalf("no account with %s and without %v", role, others)
	return nil
}

// The reader list lets every account of the demo ward list exactly the
// initiatives the rule by joins let it list, on the ward as filled and
// after each change that moves the list: council seats added, moved and
// removed, authors linked and unlinked, a submission, a return and a
// resubmission, a unit changed, roles given and taken (a staff member
// made secretariat and back, named chairman, the ward's secretariat and
// chairman demoted), a unit head moved and made staff,
// accounts created with each role, an initiative moved to another
// council, accounts deleted (a secretariat, a unit head, an owner), a
// council deleted with its seats.
func TestInitiativeReadersShowTheSameRowsAsTheJoins(t *testing.T) {
	// not in parallel: its rule queries through the joins take long, and each
	// runs under PocketBase's 30 s query timeout (it ran out with others beside it).
	app := demoWard(t)
	// `~` with an id matches a whole id of a list only when every id has
	// one length and no separator: PocketBase's id field on users.
	users, _ := app.FindCollectionByNameOrId("users")
	if id, ok := users.Fields.GetByName("id").(*core.TextField); !ok || id.Min != 15 || id.Max != 15 || id.Pattern != "^[a-z0-9]+$" {
		t.Fatalf("the users' id field is not 15 characters of [a-z0-9]: %+v", users.Fields.GetByName("id"))
	}
	// and no id is, or is a part of, the oversight token: it holds a `*`,
	// no run of 15 [a-z0-9], and no LIKE wildcard that `~` would keep.
	if !strings.Contains(readers.Oversight, "*") || regexp.MustCompile(`[a-z0-9]{15}`).MatchString(readers.Oversight) ||
		strings.ContainsAny(readers.Oversight, `%_\ `) {
		t.Fatalf("the oversight token %q could be matched by an id or a pattern", readers.Oversight)
	}
	testkit.ReaderListsFresh(t, app, "the demo ward")
	if some := sameRowsForEveryone(t, app, "the demo ward"); some == 0 {
		t.Fatal("no account sees part of the initiatives: the comparison proves nothing")
	}

	initiatives, _ := app.FindAllRecords("initiatives")
	councils, _ := app.FindAllRecords("councils")
	units, _ := app.FindAllRecords("units")
	if len(councils) < 2 || len(units) < 2 {
		t.Fatalf("the demo ward has %d councils and %d units: need two of each", len(councils), len(units))
	}
	var draft, past, onCouncil *core.Record
	for _, r := range initiatives {
		switch {
		case draft == nil && r.GetString("status") == vocab.Draft:
			draft = r
		case onCouncil == nil && r.GetString("council") != "":
			onCouncil = r
		case past == nil && r.GetString("status") == vocab.Submitted:
			past = r
		}
	}
	if draft == nil || past == nil || onCouncil == nil {
		t.Fatal("the demo ward lacks a draft, a submitted initiative or one on a council")
	}
	member := withRole(t, app, vocab.RoleCouncil, vocab.RoleSecretariat)
	staff := withRole(t, app, vocab.RoleStaff, vocab.RoleUnitHead, vocab.RoleCouncil, vocab.RoleSecretariat, vocab.RoleChairman)
	head := withRole(t, app, vocab.RoleUnitHead, vocab.RoleSecretariat)
	seats, _ := app.FindCollectionByNameOrId("council_members")

	steps := []struct {
		name   string
		change func()
	}{
		{"a staff member given a seat on a council", func() {
			staff.Set("roles", append(staff.GetStringSlice("roles"), vocab.RoleCouncil))
			save(t, app, staff)
			seat := core.NewRecord(seats)
			seat.Set("council", onCouncil.GetString("council"))
			seat.Set("user", staff.Id)
			seat.Set("position", vocab.PositionMember)
			seat.Set("votes", true)
			save(t, app, seat)
		}},
		{"the seat moved to another council", func() {
			seat, err := app.FindFirstRecordByFilter("council_members", "user = {:u}", map[string]any{"u": staff.Id})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range councils {
				if c.Id != seat.GetString("council") {
					seat.Set("council", c.Id)
					break
				}
			}
			save(t, app, seat)
		}},
		{"the council role taken from a seated member", func() {
			takeRole(t, app, member, vocab.RoleCouncil)
		}},
		{"a seat removed", func() {
			seat, err := app.FindFirstRecordByFilter("council_members", "user = {:u}", map[string]any{"u": staff.Id})
			if err != nil {
				t.Fatal(err)
			}
			if err := app.Delete(seat); err != nil {
				t.Fatal(err)
			}
		}},
		{"an author linked to a draft and to a submitted initiative", func() {
			for _, r := range []*core.Record{draft, past} {
				r.Set("author_users", append(r.GetStringSlice("author_users"), staff.Id))
				save(t, app, r)
			}
		}},
		{"the authors unlinked", func() {
			past.Set("author_users", []string{})
			save(t, app, past)
		}},
		{"the draft submitted", func() {
			draft.Set("status", vocab.Submitted)
			save(t, app, draft)
		}},
		{"it returned", func() {
			draft.Set("status", vocab.Returned)
			save(t, app, draft)
		}},
		{"it resubmitted", func() {
			draft.Set("status", vocab.Submitted)
			save(t, app, draft)
		}},
		{"its unit changed", func() {
			for _, u := range units {
				if u.Id != draft.GetString("unit") {
					draft.Set("unit", u.Id)
					break
				}
			}
			save(t, app, draft)
		}},
		{"an initiative taken off its council", func() {
			onCouncil.Set("council", "")
			save(t, app, onCouncil)
		}},
		{"a staff member made secretariat", func() {
			staff.Set("roles", append(staff.GetStringSlice("roles"), vocab.RoleSecretariat))
			save(t, app, staff)
		}},
		{"the secretariat role taken back", func() {
			staff.Set("roles", []string{vocab.RoleStaff})
			save(t, app, staff)
		}},
		{"a staff member named chairman", func() {
			staff.Set("roles", []string{vocab.RoleStaff, vocab.RoleChairman})
			save(t, app, staff)
		}},
		{"the ward's secretariat demoted to staff", func() {
			takeRole(t, app, withRole(t, app, vocab.RoleSecretariat), vocab.RoleSecretariat)
		}},
		{"the ward's chairman's role taken", func() {
			chairman := withRole(t, app, vocab.RoleChairman, vocab.RoleStaff)
			chairman.Set("roles", []string{vocab.RoleStaff})
			save(t, app, chairman)
		}},
		{"the new chairman made secretariat too", func() {
			staff.Set("roles", []string{vocab.RoleStaff, vocab.RoleChairman, vocab.RoleSecretariat})
			save(t, app, staff)
		}},
		{"a unit head moved to another unit", func() {
			for _, u := range units {
				if u.Id != head.GetString("unit") {
					head.Set("unit", u.Id)
					break
				}
			}
			save(t, app, head)
		}},
		{"a staff member made unit head", func() {
			staff.Set("roles", []string{vocab.RoleStaff, vocab.RoleUnitHead})
			save(t, app, staff)
		}},
		{"the moved unit head made staff", func() {
			head.Set("roles", []string{vocab.RoleStaff})
			save(t, app, head)
		}},
		{"accounts created with each role", func() {
			users, _ := app.FindCollectionByNameOrId("users")
			for i, role := range []string{vocab.RoleSecretariat, vocab.RoleChairman, vocab.RoleUnitHead, vocab.RoleCouncil} {
				u := core.NewRecord(users)
				u.SetEmail(role + "@moi.test")
				u.SetPassword("mat-khau-dai-du-12")
				u.Set("name", "Tài khoản mới")
				u.Set("roles", []string{role})
				u.Set("unit", units[i%len(units)].Id)
				save(t, app, u)
			}
		}},
		{"an initiative moved to another council", func() {
			for _, r := range initiatives {
				if r.GetString("council") == "" || r.Id == onCouncil.Id {
					continue
				}
				for _, c := range councils {
					if c.Id != r.GetString("council") {
						r.Set("council", c.Id)
						break
					}
				}
				save(t, app, r)
				return
			}
			t.Fatal("no second initiative on a council")
		}},
		{"a secretariat without sheets deleted", func() {
			created, err := app.FindAuthRecordByEmail("users", vocab.RoleSecretariat+"@moi.test")
			if err != nil {
				t.Fatal(err)
			}
			if err := app.Delete(created); err != nil {
				t.Fatal(err)
			}
		}},
		{"a unit head without sheets deleted", func() {
			created, err := app.FindAuthRecordByEmail("users", vocab.RoleUnitHead+"@moi.test")
			if err != nil {
				t.Fatal(err)
			}
			if err := app.Delete(created); err != nil {
				t.Fatal(err)
			}
		}},
		{"an owner's account deleted (the initiative left without owner)", func() {
			for _, r := range initiatives {
				owner, err := app.FindRecordById("users", r.GetString("owner"))
				if err != nil || app.Delete(owner) != nil {
					continue
				}
				return
			}
			t.Fatal("no owner could be deleted")
		}},
		{"a council deleted with its seats", func() {
			for _, c := range councils {
				if seated, _ := app.CountRecords("council_members", dbx.HashExp{"council": c.Id}); seated == 0 {
					continue
				}
				if err := app.Delete(c); err != nil {
					t.Fatal(err)
				}
				return
			}
			t.Fatal("no council with seats")
		}},
	}
	for _, s := range steps {
		s.change()
		sameRowsForEveryone(t, app, s.name)
		testkit.ReaderListsFresh(t, app, s.name)
	}
}
