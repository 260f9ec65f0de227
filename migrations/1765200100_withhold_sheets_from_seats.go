package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration makes a voting seat on a council weigh more than an
// office role: whoever holds one on the council scoring an initiative (a
// secretariat officer or the chairman as well as a plain member) sees the
// other members' sheets on it — in the scores list and view, expand and
// realtime, and in the audit log — only once their own sheet on it is
// submitted, as a member does, or once the round is decided. The demo's
// council secretary, a secretariat officer, read every other sheet with
// her own reopened. A non-voting seat scores nothing and withholds
// nothing. hooks/score_gate.go applies the same to the results, the
// exports and the documents.
//
// voting_seats is a view of the council's voting seats (no API access:
// its rules are nil) that the rules reach as
// initiative.council.voting_seats_via_council: "every voting seat's user
// is someone else" is "I hold no voting seat".

func init() {
	m.Register(withholdSheetsFromSeats, showSheetsToSeats)
}

// votingSeatsQuery is the view of the voting seats.
const votingSeatsQuery = "SELECT id, council, user FROM council_members WHERE votes = TRUE"

// notSeated holds when the caller has no voting seat on the council of
// the initiative named by the field ini, or that initiative's round is
// decided: the office roles' own view of sheets applies.
func notSeated(ini string) string {
	return ini + `.council.voting_seats_via_council.user != @request.auth.id || ` +
		ini + `.round.status = "decided" || ` + ini + `.round.status = "closed"`
}

// ownSheetIn holds when the caller's own sheet on the initiative named by
// the field ini is submitted.
func ownSheetIn(ini string) string {
	return `@collection.scores:own.initiative ?= ` + ini + ` && @collection.scores:own.member ?= @request.auth.id && ` +
		`@collection.scores:own.status ?= "submitted"`
}

// seatScoreGuard is appended to the scores list and view rules: one's own
// sheet, or no voting seat, or one's own sheet in.
var seatScoreGuard = `member = @request.auth.id || ` + notSeated("initiative") + ` || (` + ownSheetIn("initiative") + `)`

// seatAuditGuard is appended to the audit log's list and view rules: an
// entry about a sheet as the sheet itself.
var seatAuditGuard = `collection != "scores" || ` + notSeated("initiative") + ` || (` + ownSheetIn("initiative") + `)`

// withholdSheetsFromSeats is the up migration.
func withholdSheetsFromSeats(app core.App) error {
	seats := core.NewViewCollection("voting_seats")
	seats.ViewQuery = votingSeatsQuery
	if err := app.Save(seats); err != nil {
		return err
	}
	scores, err := app.FindCollectionByNameOrId("scores")
	if err != nil {
		return err
	}
	scores.ListRule = withGuard(scores.ListRule, seatScoreGuard)
	scores.ViewRule = withGuard(scores.ViewRule, seatScoreGuard)
	if err := app.Save(scores); err != nil {
		return err
	}
	audit, err := app.FindCollectionByNameOrId("audit_log")
	if err != nil {
		return err
	}
	audit.ListRule = withGuard(audit.ListRule, seatAuditGuard)
	audit.ViewRule = withGuard(audit.ViewRule, seatAuditGuard)
	return app.Save(audit)
}

// showSheetsToSeats is the down migration.
func showSheetsToSeats(app core.App) error {
	scores, err := app.FindCollectionByNameOrId("scores")
	if err != nil {
		return err
	}
	scores.ListRule = withoutGuard(scores.ListRule, seatScoreGuard)
	scores.ViewRule = withoutGuard(scores.ViewRule, seatScoreGuard)
	if err := app.Save(scores); err != nil {
		return err
	}
	audit, err := app.FindCollectionByNameOrId("audit_log")
	if err != nil {
		return err
	}
	audit.ListRule = withoutGuard(audit.ListRule, seatAuditGuard)
	audit.ViewRule = withoutGuard(audit.ViewRule, seatAuditGuard)
	if err := app.Save(audit); err != nil {
		return err
	}
	seats, err := app.FindCollectionByNameOrId("voting_seats")
	if err != nil {
		return err
	}
	return app.Delete(seats)
}
