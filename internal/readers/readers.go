// Package readers keeps each initiative's reader list: the hidden text
// field `readers`, the ids of the accounts that may read the initiative
// and, past draft, the token Oversight, separated by spaces. The
// initiatives' list and view rule (Rule) reads the list on the row itself
// and names the accounts the token stands for by their ids: no join, no
// DISTINCT, and the totals count from indexes that hold the list.
//
// Who is on the list is what the rule by joins said:
//   - the owner and every linked author (author_users);
//   - once it is no draft: every account with the role unit_head whose
//     unit is the initiative's unit, and Oversight, which the rule opens
//     to every account holding the role secretariat or chairman;
//   - every account with the role council holding a seat (voting or not)
//     on the initiative's council.
//
// The list is written in the transaction of every change it depends on:
// an initiative's save (Set, from the values being saved), a council
// seat's create, update and delete, an account's creation, change of roles
// (unit_head, council) or unit, and deletion (Refresh, on the initiatives
// concerned); the Voters and Scored lists likewise, and on every sheet's
// save. Giving or taking the role secretariat or chairman, or deleting
// such an account, rewrites no list, only the rule (SetRule: one row of
// the collections). Ids are 15 characters of [a-z0-9] (PocketBase's id
// field on users), so `~` with an account's id matches a whole id on the
// list and nothing else: not Oversight, whose `*` no id holds.
package readers

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/vocab"
)

// Field is the name of the initiatives' hidden reader list.
const Field = "readers"

// Voters and Scored are two more hidden lists of each initiative, which
// the score sheets' and audit log's rules read through the sheet's
// initiative instead of joining the council's voting seats and the
// initiative's sheets to every row: the accounts holding a voting seat on
// its council, and the members whose sheet on it is submitted.
const (
	Voters = "voters"
	Scored = "scored"
)

// Oversight is the token on the reader list of every initiative past
// draft that stands for the accounts holding the role secretariat or
// chairman (the overseers), so that giving or taking those roles rewrites
// no list. It holds `*`, which no id holds, and no LIKE wildcard (`%`, `_`).
const Oversight = "*oversight"

// Rule is the initiatives' list and view rule for the overseers' ids: the
// account's id is on the reader list, or the list holds Oversight and the
// account is an overseer, named in the rule by its id. Every term is the
// row's own column or a value of the request, so PocketBase joins nothing
// (a join, `@request.auth.roles`, makes it select DISTINCT and count from
// the table instead of the covering indexes: README "Benchmark: a
// city's 20,000 initiatives"). SetRule keeps the names in step with the
// roles.
//
// PocketBase parses at most search.DefaultFilterExprLimit (200)
// expressions of a rule and refuses to save a longer one: past MaxNamed
// overseers the rule names the roles instead, read on the account
// (`@request.auth.roles`, the join above: slower, but no grant refused).
func Rule(overseers []string) string {
	rule := `@request.auth.id != "" && (readers ~ @request.auth.id`
	if len(overseers) > MaxNamed {
		return rule + ` || (readers ~ "` + Oversight + `" && (@request.auth.roles ~ '"` + vocab.RoleSecretariat +
			`"' || @request.auth.roles ~ '"` + vocab.RoleChairman + `"')))`
	}
	if len(overseers) > 0 {
		named := make([]string, len(overseers))
		for i, id := range overseers {
			named[i] = `@request.auth.id = "` + id + `"`
		}
		rule += ` || (readers ~ "` + Oversight + `" && (` + strings.Join(named, " || ") + `))`
	}
	return rule + `)`
}

// MaxNamed is how many overseers Rule names by id at most: with its three
// other expressions, well within the 200 PocketBase parses.
const MaxNamed = 150

// IsRule says whether rule is Rule of some list of overseers (the rule as
// SetRule writes it, with the overseers of any moment), so that a save of
// the initiatives collection carrying such a rule can be given the
// overseers of now (KeepRule).
func IsRule(rule *string) bool {
	if rule == nil {
		return false
	}
	none := Rule(nil)
	return *rule == none || strings.HasPrefix(*rule, strings.TrimSuffix(none, ")")+` || (readers ~ "`+Oversight+`" && (`)
}

// KeepRule gives the initiatives collection c, about to be saved, the
// list and view rule of the overseers app holds now where the rule it
// carries is Rule of other overseers: a superuser saving the collection
// as loaded before a role changed (the dashboard sends the whole
// collection) names the overseers of now, not those of then. A rule of
// another shape, a superuser's own, is saved as given.
func KeepRule(app core.App, c *core.Collection) error {
	if !IsRule(c.ListRule) && !IsRule(c.ViewRule) {
		return nil
	}
	ids, err := Overseers(app)
	if err != nil {
		return err
	}
	rule := Rule(ids)
	if IsRule(c.ListRule) {
		c.ListRule = &rule
	}
	if IsRule(c.ViewRule) {
		c.ViewRule = &rule
	}
	return nil
}

// Overseers returns, in order, the ids of the accounts holding the role
// secretariat or chairman. An id that is not 15 characters of [a-z0-9]
// (the users' id field allows no other) is an error: the rule names them.
func Overseers(app core.App) ([]string, error) {
	var ids []string
	err := app.DB().NewQuery(`SELECT id FROM users WHERE instr(roles, {:readersSecretariat}) > 0
		OR instr(roles, {:readersChairman}) > 0 ORDER BY id`).Bind(vocabulary()).Column(&ids)
	if err != nil {
		return nil, err
	}
	for _, id := range ids {
		if !plainID.MatchString(id) {
			return nil, fmt.Errorf("account id %q is not 15 characters of [a-z0-9]", id)
		}
	}
	return ids, nil
}

// plainID is an account id as the users' id field allows it.
var plainID = regexp.MustCompile(`^[a-z0-9]{15}$`)

// SetRule makes the initiatives' list and view rule Rule of the overseers
// app holds, saving the collection only when the rule changes.
func SetRule(app core.App) error {
	ids, err := Overseers(app)
	if err != nil {
		return err
	}
	rule := Rule(ids)
	initiatives, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	if initiatives.ListRule != nil && *initiatives.ListRule == rule && initiatives.ViewRule != nil && *initiatives.ViewRule == rule {
		return nil
	}
	initiatives.ListRule, initiatives.ViewRule = &rule, &rule
	return app.Save(initiatives)
}

// list is the reader list of one initiative whose owner, author_users,
// status, unit and council are the SQL expressions {owner} … {council}.
// A role is found in an account's stored roles (a JSON array of role
// words) by its quoted word, `"council"` (vocabulary binds the roles
// quoted), not by json_each on every account.
const list = `COALESCE((SELECT group_concat(id, ' ') FROM (
	SELECT {owner} AS id WHERE {owner} != ''
	UNION SELECT a.value FROM json_each(CASE WHEN iif(json_valid({authors}), json_type({authors}) = 'array', FALSE)
		THEN {authors} ELSE json_array({authors}) END) a WHERE a.value != ''
	UNION SELECT {:readersOversight} WHERE {status} != {:readersDraft}
	UNION SELECT u.id FROM users u WHERE {status} != {:readersDraft} AND u.unit = {unit}
		AND instr(u.roles, {:readersUnitHead}) > 0
	UNION SELECT m.user FROM council_members m JOIN users u ON u.id = m.user
		WHERE {council} != '' AND m.council = {council}
		AND instr(u.roles, {:readersCouncil}) > 0
)), '')`

// voters is the Voters list of one initiative (its council {council}).
const voters = `COALESCE((SELECT group_concat(m.user, ' ') FROM council_members m
	WHERE {council} != '' AND m.council = {council} AND m.votes = TRUE), '')`

// scored is the Scored list of one initiative (its id {id}).
const scored = `COALESCE((SELECT group_concat(s.member, ' ') FROM scores s
	WHERE s.initiative = {id} AND s.status = {:readersSheetSubmitted}), '')`

// vocabulary is the words the SQL above names, from internal/vocab.
func vocabulary() dbx.Params {
	return dbx.Params{
		"readersOversight": Oversight, "readersSecretariat": `"` + vocab.RoleSecretariat + `"`,
		"readersChairman": `"` + vocab.RoleChairman + `"`, "readersUnitHead": `"` + vocab.RoleUnitHead + `"`, "readersCouncil": `"` + vocab.RoleCouncil + `"`,
		"readersDraft": vocab.Draft, "readersSheetSubmitted": vocab.SheetSubmitted,
	}
}

// ofRows are the lists of the rows of initiatives, for Refresh.
var ofRows = strings.NewReplacer("{id}", "initiatives.id", "{owner}", "initiatives.owner", "{authors}", "initiatives.author_users",
	"{status}", "initiatives.status", "{unit}", "initiatives.unit", "{council}", "initiatives.council")

// ofValues are the lists of the values bound as parameters, for Set.
var ofValues = strings.NewReplacer("{id}", "{:id}", "{owner}", "{:owner}", "{authors}", "{:authors}",
	"{status}", "{:status}", "{unit}", "{:unit}", "{council}", "{:council}")

// Set sets the three lists of r as it is about to be saved. A new draft
// outside any council needs no query: no role reads a draft, no seat is
// on its council and no sheet names a new initiative, so its readers are
// its owner and linked authors and the other two lists are empty
// (newDraft).
func Set(app core.App, r *core.Record) error {
	if r.IsNew() && r.GetString("status") == vocab.Draft && r.GetString("council") == "" {
		r.Set(Field, newDraft(r))
		r.Set(Voters, "")
		r.Set(Scored, "")
		return nil
	}
	authors, err := json.Marshal(r.GetStringSlice("author_users"))
	if err != nil {
		return err
	}
	params := vocabulary()
	params["id"], params["owner"], params["authors"] = r.Id, r.GetString("owner"), string(authors)
	params["status"], params["unit"], params["council"] = r.GetString("status"), r.GetString("unit"), r.GetString("council")
	var readersOf, votersOf, scoredOf string
	err = app.DB().NewQuery("SELECT "+ofValues.Replace(list)+", "+ofValues.Replace(voters)+", "+ofValues.Replace(scored)).
		Bind(params).Row(&readersOf, &votersOf, &scoredOf)
	if err != nil {
		return err
	}
	r.Set(Field, readersOf)
	r.Set(Voters, votersOf)
	r.Set(Scored, scoredOf)
	return nil
}

// newDraft is the reader list of a new draft r outside any council, as
// the query of Set gives it: its owner and linked authors, each once, in
// order.
func newDraft(r *core.Record) string {
	ids := append([]string{r.GetString("owner")}, r.GetStringSlice("author_users")...)
	ids = slices.DeleteFunc(ids, func(id string) bool { return id == "" })
	slices.Sort(ids)
	return strings.Join(slices.Compact(ids), " ")
}

// Refresh writes again the three lists of the initiatives that where
// selects (an SQL condition on the initiatives table, with params).
func Refresh(app core.App, where string, params dbx.Params) error {
	return refresh(app, []string{Field, Voters, Scored}, where, params)
}

// RefreshAll writes again the three lists of every initiative.
func RefreshAll(app core.App) error { return Refresh(app, "1", nil) }

// RefreshAllReaders writes again the reader list alone of every
// initiative (for the migrations that add it, before the other two, and
// that change what it holds).
func RefreshAllReaders(app core.App) error { return refresh(app, []string{Field}, "1", nil) }

// refresh writes the lists named by fields of the initiatives that where
// selects.
func refresh(app core.App, fields []string, where string, params dbx.Params) error {
	all := vocabulary()
	for k, v := range params {
		all[k] = v
	}
	of := map[string]string{Field: list, Voters: voters, Scored: scored}
	set := make([]string, len(fields))
	for i, f := range fields {
		set[i] = f + " = " + ofRows.Replace(of[f])
	}
	_, err := app.DB().NewQuery("UPDATE initiatives SET " + strings.Join(set, ", ") +
		" WHERE " + where).Bind(all).Execute()
	return err
}

// rolesRule is Rule past MaxNamed overseers: the rule that names the
// roles instead of the accounts.
var rolesRule = Rule(make([]string, MaxNamed+1))

// namedOverseer is one overseer named in Rule.
var namedOverseer = regexp.MustCompile(`@request\.auth\.id = "([a-z0-9]{15})"`)

// Admits says, from the initiatives' list rule rule alone, which rows it
// lets the account auth list without reading them: listed, every row
// whose reader list holds auth's id (rule is Rule of some overseers);
// pastDraft, every row past draft as well (rule names auth as an
// overseer, or is the rule naming the roles and auth holds secretariat or
// chairman), since every initiative past draft holds Oversight. Any other
// rule, or no account, admits nothing this way: the caller's rows are
// then the rule's to filter.
func Admits(rule *string, auth *core.Record) (listed, pastDraft bool) {
	if rule == nil || auth == nil || auth.Id == "" {
		return false, false
	}
	if *rule == rolesRule {
		roles := auth.GetStringSlice("roles")
		return true, slices.Contains(roles, vocab.RoleSecretariat) || slices.Contains(roles, vocab.RoleChairman)
	}
	var named []string
	for _, m := range namedOverseer.FindAllStringSubmatch(*rule, -1) {
		named = append(named, m[1])
	}
	if len(named) > MaxNamed || *rule != Rule(named) {
		return false, false
	}
	return true, slices.Contains(named, auth.Id)
}
