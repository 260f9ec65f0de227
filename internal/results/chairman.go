package results

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/nd30"
)

// ChairmanAuthors names the accounts with the chairman role (the ward's
// chairman and vice-chairmen) that are authors — linked, or the owner who
// drafted it — of an initiative of round handed in (not a draft, not
// withdrawn). Each is barred from judging it (as any author) and does not
// sign that year's decision.
func ChairmanAuthors(app core.App, round string) ([]string, error) {
	var names []string
	err := app.DB().NewQuery(`SELECT DISTINCT u.name FROM users u, initiatives i
		WHERE i.round = {:round} AND i.status NOT IN ('draft', 'withdrawn')
		AND EXISTS (SELECT 1 FROM json_each(u.roles) WHERE json_each.value = 'chairman')
		AND (i.owner = u.id OR EXISTS (SELECT 1 FROM json_each(i.author_users) WHERE json_each.value = u.id))
		ORDER BY u.name`).Bind(dbx.Params{"round": round}).Column(&names)
	return names, err
}

// ChairmanAuthor reports whether the ward's chairman (named chairman, as
// organization.chairman_name holds it) is one of ChairmanAuthors: that
// year's decision is then signed for him by a vice-chairman (KT. CHỦ
// TỊCH / PHÓ CHỦ TỊCH).
func ChairmanAuthor(app core.App, round, chairman string) (bool, error) {
	names, err := ChairmanAuthors(app, round)
	if err != nil {
		return false, err
	}
	for _, n := range names {
		if nd30.SameName(n, chairman) {
			return true, nil
		}
	}
	return false, nil
}
