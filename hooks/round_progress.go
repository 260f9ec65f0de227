package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// roundProgress is the answer of GET /api/reform/rounds/{year}/progress:
// the council's sheets, per voting seat and per accepted initiative given
// to a council, and their totals over the seats.
type roundProgress struct {
	Year        int                `json:"year"`
	Round       string             `json:"round"`
	Members     []seatSheets       `json:"members"`
	Initiatives []initiativeSheets `json:"initiatives"`
	Expected    int                `json:"expected"`
	Submitted   int                `json:"submitted"`
}

// roundProgressRoute answers GET /api/reform/rounds/{year}/progress, the
// progress tables of the secretariat's council page: each voting seat of
// the round's councils (seat, user, name, council, expected, submitted),
// each accepted initiative given to one of them by code (id, code, title,
// council, voters, submitted), and the totals over the seats. A member is
// not expected to score an initiative they wrote; a sheet counts once
// submitted and as the scores rule shows it to the caller (roundSheets).
// An unknown year is 404 not_found.
func roundProgressRoute(e *core.RequestEvent) error {
	round, err := pathRound(e)
	if err != nil {
		return err
	}
	out := roundProgress{Year: round.GetInt("year"), Round: round.Id}
	if out.Members, out.Initiatives, err = roundSheets(e.App, round, e.Auth.Id, sheetsAsked{titles: true}); err != nil {
		return actionError(e, err)
	}
	for _, m := range out.Members {
		out.Expected += m.Expected
		out.Submitted += m.Submitted
	}
	return e.JSON(http.StatusOK, out)
}
