package migrations_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/testkit"
	"sangkien/internal/vocab"
)

// sheetRuleLists are the fragments 1766000100_sheet_rules_by_lists
// replaced in the scores and audit_log rules, each with its replacement.
var sheetRuleLists = [][2]string{
	{`@request.auth.roles:each ?= "secretariat"`, `@request.auth.roles ~ '"secretariat"'`},
	{`@request.auth.roles:each ?= "chairman"`, `@request.auth.roles ~ '"chairman"'`},
	{`initiative.author_users:each != @request.auth.id`, `initiative.author_users !~ @request.auth.id`},
	{`initiative.council.voting_seats_via_council.user != @request.auth.id`, `initiative.voters !~ @request.auth.id`},
	{byRelation, `initiative.scored ~ @request.auth.id`},
}

// sheetRuleByJoins is rule with the lists' fragments put back as joins.
func sheetRuleByJoins(rule string) string {
	for _, r := range sheetRuleLists {
		rule = strings.ReplaceAll(rule, r[1], r[0])
	}
	return rule
}

// sameSheetsForEveryone fails when, for some account, the scores or
// audit_log rules by joins and by lists let it list different rows; it
// returns, per collection, how many accounts see some rows but not all.
func sameSheetsForEveryone(t *testing.T, app core.App, step string) map[string]int {
	t.Helper()
	users, err := app.FindAllRecords("users")
	if err != nil {
		t.Fatal(err)
	}
	some := map[string]int{}
	for _, name := range []string{"scores", "audit_log"} {
		col, _ := app.FindCollectionByNameOrId(name)
		all, _ := app.FindAllRecords(name)
		byLists := *col.ListRule
		if strings.Contains(byLists, ":each") || strings.Contains(byLists, "_via_") || *col.ViewRule != byLists {
			t.Fatalf("%s rules are not the rewritten ones: %s / %s", name, byLists, *col.ViewRule)
		}
		byJoins := sheetRuleByJoins(byLists)
		if before, after := visibleIDs(t, app, col, byJoins, nil), visibleIDs(t, app, col, byLists, nil); len(before)+len(after) > 0 {
			t.Errorf("%s, %s: a guest lists %v by the joins, %v by the lists", step, name, before, after)
		}
		for _, u := range users {
			before, after := visibleIDs(t, app, col, byJoins, u), visibleIDs(t, app, col, byLists, u)
			if !slices.Equal(before, after) {
				t.Errorf("%s, %s: %s %v: the joins show %d rows %v, the lists %d %v",
					step, name, u.GetString("email"), u.Get("roles"), len(before), before, len(after), after)
			}
			if len(after) > 0 && len(after) < len(all) {
				some[name]++
			}
		}
	}
	return some
}

// The scores and audit_log rules by lists let every account of the demo
// ward list exactly the sheets and audit rows the joins let it list, as
// filled and after each change that moves them: a sheet submitted and
// reopened, a voting seat made non-voting and removed, an author linked,
// roles given and taken (a chairman named and demoted, a secretariat
// demoted), the round decided.
func TestSheetRulesByListsShowTheSameRowsAsTheJoins(t *testing.T) {
	// not in parallel: its rule queries through the joins take long, and each
	// runs under PocketBase's 30 s query timeout (it ran out with others beside it).
	app := demoWard(t)
	auditPerSheet(t, app)
	testkit.ReaderListsFresh(t, app, "the demo ward")
	some := sameSheetsForEveryone(t, app, "the demo ward")
	if some["scores"] == 0 || some["audit_log"] == 0 {
		t.Fatalf("no account sees part of the rows (%v): the comparison proves nothing", some)
	}

	sheets, _ := app.FindAllRecords("scores")
	var draftSheet, submittedSheet *core.Record
	for _, s := range sheets {
		switch {
		case draftSheet == nil && s.GetString("status") == vocab.SheetDraft:
			draftSheet = s
		case submittedSheet == nil && s.GetString("status") == vocab.SheetSubmitted:
			submittedSheet = s
		}
	}
	if draftSheet == nil || submittedSheet == nil {
		t.Fatal("the demo ward lacks a draft sheet or a submitted one")
	}
	ini, err := app.FindRecordById("initiatives", submittedSheet.GetString("initiative"))
	if err != nil {
		t.Fatal(err)
	}
	seats, _ := app.FindRecordsByFilter("council_members", "council = {:c} && votes = true", "", 0, 0, map[string]any{"c": ini.GetString("council")})
	if len(seats) < 2 {
		t.Fatalf("the scored initiative's council has %d voting seats: need two", len(seats))
	}
	staff := withRole(t, app, vocab.RoleStaff, vocab.RoleCouncil, vocab.RoleSecretariat, vocab.RoleChairman)
	steps := []struct {
		name   string
		change func()
	}{
		{"a draft sheet submitted", func() {
			draftSheet.Set("status", vocab.SheetSubmitted)
			save(t, app, draftSheet)
		}},
		{"a submitted sheet reopened", func() {
			submittedSheet.Set("status", vocab.SheetDraft)
			save(t, app, submittedSheet)
		}},
		{"a voting seat made non-voting", func() {
			seats[0].Set("votes", false)
			save(t, app, seats[0])
		}},
		{"a voting seat removed", func() {
			if err := app.Delete(seats[1]); err != nil {
				t.Fatal(err)
			}
		}},
		{"a seated member linked as an author", func() {
			ini.Set("author_users", append(ini.GetStringSlice("author_users"), seats[0].GetString("user")))
			save(t, app, ini)
		}},
		{"a staff member made chairman", func() {
			staff.Set("roles", []string{vocab.RoleStaff, vocab.RoleChairman})
			save(t, app, staff)
		}},
		{"the ward's secretariat demoted to staff", func() {
			takeRole(t, app, withRole(t, app, vocab.RoleSecretariat), vocab.RoleSecretariat)
		}},
		{"the new chairman's role taken back", func() {
			staff.Set("roles", []string{vocab.RoleStaff})
			save(t, app, staff)
		}},
		{"the round decided", func() {
			round, err := app.FindRecordById("rounds", ini.GetString("round"))
			if err != nil {
				t.Fatal(err)
			}
			round.Set("status", vocab.RoundDecided)
			save(t, app, round)
		}},
	}
	for _, s := range steps {
		s.change()
		sameSheetsForEveryone(t, app, s.name)
		testkit.ReaderListsFresh(t, app, s.name)
	}
}
