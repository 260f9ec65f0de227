// Package readers keeps each initiative's reader list: the hidden text
// field `readers`, the ids of the accounts that may read the initiative,
// separated by spaces. The initiatives' list and view rule is
// `readers ~ @request.auth.id` (Rule): a LIKE on the row itself, with no
// join and so no DISTINCT, where the rule it replaces joined the
// authors' json_each, the account's roles and the council's members for
// every row it counted.
//
// Who is on the list is what that rule said:
//   - the owner and every linked author (author_users);
//   - once it is no draft: every account with the role unit_head whose
//     unit is the initiative's unit, and every secretariat and chairman;
//   - every account with the role council holding a seat (voting or not)
//     on the initiative's council.
//
// The list is written in the transaction of every change it depends on:
// an initiative's save (Set, from the values being saved), a council
// seat's create, update and delete, an account's creation, change of roles
// or unit, and deletion (Refresh, on the initiatives concerned); the Voters and
// Scored lists likewise, and on every sheet's save. Ids are 15
// characters of [a-z0-9] (PocketBase's id field on users), so `~` with an
// account's id matches a whole id on the list and nothing else.
package readers

import (
	"encoding/json"
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

// Rule is the initiatives' list and view rule.
const Rule = `@request.auth.id != "" && readers ~ @request.auth.id`

// oversight is the CTE of the accounts that read every initiative past
// draft. A role is found in an account's stored roles (a JSON array of
// role words) by its quoted word, `"council"` (vocabulary binds the roles
// quoted): json_each on every account made the statement 13 ms an
// initiative at a city's size.
const oversight = `WITH oversight AS MATERIALIZED (
	SELECT u.id FROM users u WHERE instr(u.roles, {:readersSecretariat}) > 0 OR instr(u.roles, {:readersChairman}) > 0)
`

// list is the reader list of one initiative whose owner, author_users,
// status, unit and council are the SQL expressions {owner} … {council}.
const list = `COALESCE((SELECT group_concat(id, ' ') FROM (
	SELECT {owner} AS id WHERE {owner} != ''
	UNION SELECT a.value FROM json_each(CASE WHEN iif(json_valid({authors}), json_type({authors}) = 'array', FALSE)
		THEN {authors} ELSE json_array({authors}) END) a WHERE a.value != ''
	UNION SELECT id FROM oversight WHERE {status} != {:readersDraft}
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
		"readersSecretariat": `"` + vocab.RoleSecretariat + `"`, "readersChairman": `"` + vocab.RoleChairman + `"`,
		"readersUnitHead": `"` + vocab.RoleUnitHead + `"`, "readersCouncil": `"` + vocab.RoleCouncil + `"`,
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
	err = app.DB().NewQuery(oversight+"SELECT "+ofValues.Replace(list)+", "+ofValues.Replace(voters)+", "+ofValues.Replace(scored)).
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
// initiative (for the migration that adds it, before the other two).
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
	_, err := app.DB().NewQuery(oversight + "UPDATE initiatives SET " + strings.Join(set, ", ") +
		" WHERE " + where).Bind(all).Execute()
	return err
}
