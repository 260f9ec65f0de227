package hooks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/vocab"
)

// A round may vote by secret ballot (rounds.voting = "secret", TT 18
// Điều 8 "bỏ phiếu kín"): then how a member voted is read by nobody but
// that member, through any route, realtime event, export, document or
// audit entry; only the count of approvals per initiative exists, and only
// once every voter's sheet on it is in or the round is decided
// (results.Round.BallotSealed, which the results route, the Excel and the
// minutes ask). The helpers here hide each sheet's vote: each reader of a
// sheet asks them.

// votingSecret is the value of rounds.voting for a secret ballot.
const votingSecret = vocab.VotingSecret

// ballotIsSecret reports whether the round of initiative votes by secret
// ballot. An unknown initiative reads as secret, so that nothing is shown
// by mistake.
func ballotIsSecret(app core.App, initiative string) bool {
	var voting string
	err := app.DB().NewQuery(`SELECT r.voting FROM initiatives i JOIN rounds r ON r.id = i.round WHERE i.id = {:id}`).
		Bind(dbx.Params{"id": initiative}).Row(&voting)
	return err != nil || voting == votingSecret
}

// hideSecretVote hides a sheet's vote from every reader but its member
// when its round votes by secret ballot: the CRUD API's lists and views,
// expands and realtime events all pass through it. (A superuser's
// dashboard still shows every field: PocketBase unhides them all for
// superusers, who hold the database anyway.)
func hideSecretVote(e *core.RecordEnrichEvent) error {
	var reader string
	if e.RequestInfo != nil && e.RequestInfo.Auth != nil {
		reader = e.RequestInfo.Auth.Id
	}
	if reader == "" || reader != e.Record.GetString("member") {
		if ballotIsSecret(e.App, e.Record.GetString("initiative")) {
			e.Record.Hide("approve")
		}
	}
	return e.Next()
}

// sealAuditVote drops a sheet's vote from the before and after of its
// audit entry when its round votes by secret ballot (the audit log is
// read by the secretariat and the chairman).
func sealAuditVote(app core.App, r *core.Record, before, after map[string]any) (map[string]any, map[string]any) {
	if r == nil || r.Collection().Name != "scores" || !ballotIsSecret(app, r.GetString("initiative")) {
		return before, after
	}
	return withoutKey(before, "approve"), withoutKey(after, "approve")
}

// withoutKey is a copy of m without key (nil stays nil).
func withoutKey(m map[string]any, key string) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	return out
}
