package results

import (
	"strings"

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

// ChairmanBarred reports whether the ward's chairman is an author of an
// initiative of round handed in: an account with the chairman role whose
// position is not a deputy's ("Phó Chủ tịch …") is its owner or a linked
// author. That year's decision is then signed for him by a vice-chairman
// (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH).
func ChairmanBarred(app core.App, round string) (bool, error) {
	var positions []string
	err := app.DB().NewQuery(`SELECT DISTINCT u.position FROM users u, initiatives i
		WHERE i.round = {:round} AND i.status NOT IN ('draft', 'withdrawn')
		AND EXISTS (SELECT 1 FROM json_each(u.roles) WHERE json_each.value = 'chairman')
		AND (i.owner = u.id OR EXISTS (SELECT 1 FROM json_each(i.author_users) WHERE json_each.value = u.id))`).
		Bind(dbx.Params{"round": round}).Column(&positions)
	if err != nil {
		return false, err
	}
	for _, p := range positions {
		if !strings.HasPrefix(strings.ToLower(strings.TrimSpace(p)), "phó") {
			return true, nil
		}
	}
	return false, nil
}

// DecisionSigning is who signs round's recognition decision and how.
type DecisionSigning struct {
	// Sign is the signature block: CHỦ TỊCH, or KT. CHỦ TỊCH / PHÓ CHỦ
	// TỊCH with the vice-chairman's name.
	Sign nd30.Signature
	// ChairmanAuthor: the chairman is an author of an initiative of the
	// round (ChairmanBarred), so a vice-chairman signs.
	ChairmanAuthor bool
	// Chairman and ViceChairman are the names the ward's record holds
	// (organization.chairman_name, vice_chairman_name).
	Chairman, ViceChairman string
}

// DecisionSigner says who signs round's recognition decision: signer is
// the name recorded with it ("" before it is recorded). Once recorded, the
// signer signs — for the chairman (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH) when the
// chairman is an author of an initiative of the round or the signer is not
// the chairman the ward's record names. Before, the chairman the ward's
// record names signs, or, when he is an author, the vice-chairman it names
// (organization.vice_chairman_name; blank when it names none).
func DecisionSigner(app core.App, round, signer string) (DecisionSigning, error) {
	var d DecisionSigning
	if org, err := app.FindFirstRecordByFilter("organization", "id != ''"); err == nil {
		d.Chairman, d.ViceChairman = org.GetString("chairman_name"), org.GetString("vice_chairman_name")
	}
	barred, err := ChairmanBarred(app, round)
	if err != nil {
		return d, err
	}
	d.ChairmanAuthor = barred
	switch {
	case barred && strings.TrimSpace(signer) == "":
		d.Sign = nd30.DeputySigner(d.ViceChairman)
	case barred:
		d.Sign = nd30.DeputySigner(signer)
	case strings.TrimSpace(signer) == "":
		d.Sign = nd30.DecisionSigner(d.Chairman, d.Chairman)
	default:
		d.Sign = nd30.DecisionSigner(signer, d.Chairman)
	}
	return d, nil
}
