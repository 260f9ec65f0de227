package hooks

import (
	"net/http"
	"slices"
	"sort"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/results"
)

// conflict is a seat holder who is an author of an initiative given to
// their council: barred from judging it, and what that does to its vote.
type conflict struct {
	Member     string `json:"member"`
	Name       string `json:"name"`
	Position   string `json:"position"`
	Votes      bool   `json:"votes"`
	Initiative string `json:"initiative"`
	Code       string `json:"code"`
	Title      string `json:"title"`
	// VotersBefore and NeededBefore are the initiative's voters and the
	// approvals it needs with no one barred; VotersAfter and NeededAfter
	// with every barred member left out.
	VotersBefore int `json:"voters_before"`
	VotersAfter  int `json:"voters_after"`
	NeededBefore int `json:"needed_before"`
	NeededAfter  int `json:"needed_after"`
}

// councilConflicts lists, for council, every seat holder who is an author
// (linked, or the owner who drafted it) of an initiative given to it
// (drafts and withdrawn ones aside), with the effect on the approval line.
func councilConflicts(app core.App, council *core.Record) ([]conflict, error) {
	round, err := app.FindRecordById("rounds", council.GetString("round"))
	if err != nil {
		return nil, err
	}
	ratio := round.GetFloat("approval_ratio")
	seats, err := app.FindRecordsByFilter("council_members", "council = {:c}", "", 0, 0, dbx.Params{"c": council.Id})
	if err != nil {
		return nil, err
	}
	inis, err := app.FindRecordsByFilter("initiatives", "council = {:c} && status != 'draft' && status != 'withdrawn'", "code", 0, 0,
		dbx.Params{"c": council.Id})
	if err != nil {
		return nil, err
	}
	voting := 0
	for _, s := range seats {
		if s.GetBool("votes") {
			voting++
		}
	}
	out := []conflict{}
	for _, ini := range inis {
		authors := append(ini.GetStringSlice("author_users"), ini.GetString("owner"))
		var mine []conflict
		barredVoters := 0
		for _, s := range seats {
			if !slices.Contains(authors, s.GetString("user")) {
				continue
			}
			u, err := app.FindRecordById("users", s.GetString("user"))
			if err != nil {
				continue
			}
			if s.GetBool("votes") {
				barredVoters++
			}
			mine = append(mine, conflict{Member: u.Id, Name: u.GetString("name"), Position: s.GetString("position"),
				Votes: s.GetBool("votes"), Initiative: ini.Id, Code: ini.GetString("code"), Title: ini.GetString("title")})
		}
		for i := range mine {
			mine[i].VotersBefore, mine[i].VotersAfter = voting, voting-barredVoters
			mine[i].NeededBefore = results.NeededApprovals(ratio, voting)
			mine[i].NeededAfter = results.NeededApprovals(ratio, voting-barredVoters)
		}
		out = append(out, mine...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// councilConflictsRoute answers GET /api/reform/councils/{id}/conflicts:
// for the secretariat and the chairman, the council's members who are
// authors of an initiative given to it, shown on the council page as soon
// as the seat or the link exists (not only when they try to score), with
// the effect on the 2/3 vote (the route table: officers only).
func councilConflictsRoute(e *core.RequestEvent) error {
	council, err := recordByID(e.App, "councils", e.Request.PathValue("id"))
	if err != nil {
		return err
	}
	out, err := councilConflicts(e.App, council)
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"council": council.Id, "items": out})
}

// unlinkMe answers POST /api/reform/initiatives/{id}/unlink-me: a person
// linked to an initiative as a co-author who did not agree to it removes
// the link to their account (their name stays on the form, as an author
// without an account, for the author to correct). The owner who drafted it
// cannot (400 owner_link); someone not linked gets 404. Audited as
// "unlink".
func unlinkMe(e *core.RequestEvent) error {
	var out *core.Record
	err := e.App.RunInTransaction(func(tx core.App) error {
		ini, err := tx.FindRecordById("initiatives", e.Request.PathValue("id"))
		if err != nil || !slices.Contains(ini.GetStringSlice("author_users"), e.Auth.Id) {
			return fail(http.StatusNotFound, "id", "not_found")
		}
		if ini.GetString("owner") == e.Auth.Id {
			return badRequest("id", "owner_link")
		}
		ini.Set("author_users", slices.DeleteFunc(ini.GetStringSlice("author_users"), func(s string) bool { return s == e.Auth.Id }))
		if authors, err := readAuthors(ini); err == nil {
			for _, a := range authors {
				if a["user"] == e.Auth.Id {
					delete(a, "user")
				}
			}
			ini.Set("authors", authors)
		}
		out = ini
		return saveAudited(tx, e, "unlink", ini, "", nil)
	})
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, map[string]any{"id": out.Id, "unlinked": true})
}
