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
// an initiative's save (Compute, from the values being saved), a council
// seat's create, update and delete, an account's change of roles or unit
// and its deletion (Refresh, on the initiatives concerned). Ids are 15
// characters of [a-z0-9] (PocketBase's id field on users), so `~` with an
// account's id matches a whole id on the list and nothing else.
package readers

import (
	"encoding/json"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/vocab"
)

// Field is the name of the initiatives' hidden reader list.
const Field = "readers"

// Rule is the initiatives' list and view rule.
const Rule = `@request.auth.id != "" && readers ~ @request.auth.id`

// oversight is the CTE of the accounts that read every initiative past
// draft; jsonArray is PocketBase's reading of a multi-valued column
// (dbutils.JSONEach): an array as it is, anything else as an array of one.
const oversight = `WITH oversight AS MATERIALIZED (
	SELECT u.id FROM users u WHERE EXISTS (SELECT 1 FROM json_each(` + jsonArray + `) r
		WHERE r.value IN ({:readersSecretariat}, {:readersChairman})))
`

const jsonArray = `CASE WHEN iif(json_valid(u.roles), json_type(u.roles) = 'array', FALSE) THEN u.roles ELSE json_array(u.roles) END`

// list is the reader list of one initiative whose owner, author_users,
// status, unit and council are the SQL expressions {owner} … {council}.
const list = `COALESCE((SELECT group_concat(id, ' ') FROM (
	SELECT {owner} AS id WHERE {owner} != ''
	UNION SELECT a.value FROM json_each(CASE WHEN iif(json_valid({authors}), json_type({authors}) = 'array', FALSE)
		THEN {authors} ELSE json_array({authors}) END) a WHERE a.value != ''
	UNION SELECT id FROM oversight WHERE {status} != {:readersDraft}
	UNION SELECT u.id FROM users u WHERE {status} != {:readersDraft} AND u.unit = {unit}
		AND EXISTS (SELECT 1 FROM json_each(` + jsonArray + `) r WHERE r.value = {:readersUnitHead})
	UNION SELECT m.user FROM council_members m JOIN users u ON u.id = m.user
		WHERE {council} != '' AND m.council = {council}
		AND EXISTS (SELECT 1 FROM json_each(` + jsonArray + `) r WHERE r.value = {:readersCouncil})
)), '')`

// vocabulary is the words the SQL above names, from internal/vocab.
func vocabulary() dbx.Params {
	return dbx.Params{
		"readersSecretariat": vocab.RoleSecretariat, "readersChairman": vocab.RoleChairman,
		"readersUnitHead": vocab.RoleUnitHead, "readersCouncil": vocab.RoleCouncil,
		"readersDraft": vocab.Draft,
	}
}

// of the reader list of the rows of initiatives, for Refresh.
var ofRows = strings.NewReplacer("{owner}", "initiatives.owner", "{authors}", "initiatives.author_users",
	"{status}", "initiatives.status", "{unit}", "initiatives.unit", "{council}", "initiatives.council").Replace(list)

// of the reader list of the values bound as parameters, for Compute.
var ofValues = strings.NewReplacer("{owner}", "{:owner}", "{authors}", "{:authors}",
	"{status}", "{:status}", "{unit}", "{:unit}", "{council}", "{:council}").Replace(list)

// Compute returns the reader list of r as it is about to be saved.
func Compute(app core.App, r *core.Record) (string, error) {
	authors, err := json.Marshal(r.GetStringSlice("author_users"))
	if err != nil {
		return "", err
	}
	params := vocabulary()
	params["owner"], params["authors"], params["status"] = r.GetString("owner"), string(authors), r.GetString("status")
	params["unit"], params["council"] = r.GetString("unit"), r.GetString("council")
	var out string
	err = app.DB().NewQuery(oversight + "SELECT " + ofValues).Bind(params).Row(&out)
	return out, err
}

// Refresh writes again the reader list of the initiatives that where
// selects (an SQL condition on the initiatives table, with params).
func Refresh(app core.App, where string, params dbx.Params) error {
	all := vocabulary()
	for k, v := range params {
		all[k] = v
	}
	_, err := app.DB().NewQuery(oversight + "UPDATE initiatives SET readers = " + ofRows +
		" WHERE " + where).Bind(all).Execute()
	return err
}

// RefreshAll writes again the reader list of every initiative.
func RefreshAll(app core.App) error { return Refresh(app, "1", nil) }
