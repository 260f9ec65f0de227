package hooks

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"sangkien/internal/vocab"
)

// Linked co-authors. A linked author (authors[].user)
// may see the initiative and may not score it, and a barred voter lowers
// the 2/3 denominator: linking someone is not harmless. An author may not
// link, as a co-author, a member of a council of the initiative's round
// (they would be barred from scoring), the chairman (who signs the
// recognition decision) or a secretariat officer (who runs the round):
// 400 author_not_allowed with the reason. Such a person may still be named
// without a linked account; a real co-authorship by a council member is
// then the secretariat's to handle (the seat), as the message says. Links
// already on the initiative stay; owners are not checked (they are the
// author anyway); superusers are not held back.

// refuseBarredAuthors answers 400 author_not_allowed a create or update of
// an initiative that newly links, as a co-author, an account that may not
// be one. It runs after linkAuthorUsers has set author_users.
func refuseBarredAuthors(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	before := e.Record.Original().GetStringSlice("author_users")
	owner := e.Record.GetString("owner")
	authors, _ := readAuthors(e.Record)
	for i, a := range authors {
		id, _ := a["user"].(string)
		if id == "" || id == owner || slices.Contains(before, id) {
			continue
		}
		u, err := e.App.FindRecordById("users", id)
		if err != nil {
			continue // linkAuthorUsers answered unknown_author_user
		}
		if why := barredAuthor(e.App, u, e.Record.GetString("round")); why != "" {
			return failKey(http.StatusBadRequest, "authors", "author_not_allowed", "error.author_not_allowed."+why,
				"n", strconv.Itoa(i+1), "name", u.GetString("name"))
		}
	}
	return e.Next()
}

// barredAuthor says why the account u may not be linked as a co-author of
// an initiative of round: "council" (a seat on a council of the round),
// "chairman", "secretariat", or "" when it may.
func barredAuthor(app core.App, u *core.Record, round string) string {
	if HasRole(u, vocab.RoleChairman) {
		return vocab.RoleChairman
	}
	if HasRole(u, vocab.RoleSecretariat) {
		return vocab.RoleSecretariat
	}
	var seats []struct {
		ID string `db:"id"`
	}
	err := app.DB().Select("council_members.id").From("council_members").
		InnerJoin("councils", dbx.NewExp("councils.id = council_members.council")).
		Where(dbx.HashExp{"council_members.user": u.Id, "councils.round": round}).
		Limit(1).All(&seats)
	if err == nil && len(seats) > 0 {
		return vocab.RoleCouncil
	}
	return ""
}
