package hooks

import (
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
	"sangkien/internal/vocab"
)

// criterion is one line of a round's rubric, as a sheet is checked against it.
type criterion struct {
	Code string  `db:"code"`
	Name string  `db:"name"`
	Max  float64 `db:"max_points"`
}

// rubric returns the criteria of the round roundID in rubric order.
func rubric(app core.App, roundID string) ([]criterion, error) {
	var out []criterion
	err := app.DB().Select("code", "name", "max_points").From("criteria").
		Where(dbx.HashExp{"round": roundID}).OrderBy("sort", "code").All(&out)
	return out, err
}

// sheetScope is what the checks of one sheet read: its initiative and round.
type sheetScope struct {
	Initiative, Round *core.Record
}

// loadSheetScope reads the initiative and round of sheet.
func loadSheetScope(app core.App, sheet *core.Record) (*sheetScope, error) {
	ini, err := app.FindRecordById("initiatives", sheet.GetString("initiative"))
	if err != nil {
		return nil, badRequest("initiative", "not_found")
	}
	round, err := app.FindRecordById("rounds", ini.GetString("round"))
	if err != nil {
		return nil, badRequest("round", "not_found")
	}
	return &sheetScope{Initiative: ini, Round: round}, nil
}

// inReview answers 400 round_not_in_review unless round is in review.
func inReview(round *core.Record) error {
	if round.GetString("status") != vocab.RoundReview {
		return badRequest("round", "round_not_in_review", "year", strconv.Itoa(round.GetInt("year")))
	}
	return nil
}

// checkScorer refuses a sheet of member on the scope's initiative unless
// member holds a voting seat on the initiative's council (403
// not_council_member), is not one of its authors (403
// conflict_of_interest), and the round is in review (400 round_not_in_review).
func checkScorer(app core.App, s *sheetScope, member string) error {
	if !hasSeat(app, s.Initiative.GetString("council"), member, dbx.HashExp{"votes": true}) {
		return fail(http.StatusForbidden, "initiative", "not_council_member")
	}
	if isAuthor(s.Initiative, member) {
		return fail(http.StatusForbidden, "initiative", "conflict_of_interest")
	}
	if err := inReview(s.Round); err != nil {
		return err
	}
	if s.Initiative.GetString("status") != "accepted" {
		return badRequest("initiative", "invalid_transition")
	}
	return nil
}

// normalizePoints checks sheet's points against the rubric, each a JSON
// number (400 invalid_number for text, NaN or ±Inf) within 0..max in steps
// of 0.5, and stores them back with the total. A null
// point is no point given.
func normalizePoints(sheet *core.Record, crit []criterion) (map[string]float64, error) {
	raw, _ := json.Marshal(sheet.Get("points"))
	given := map[string]any{}
	if string(raw) != "null" && string(raw) != `""` {
		if err := json.Unmarshal(raw, &given); err != nil {
			return nil, badRequest("points", "invalid_points")
		}
	}
	byCode := map[string]criterion{}
	for _, c := range crit {
		byCode[c.Code] = c
	}
	points := map[string]float64{}
	total := 0.0
	for code, v := range given {
		c, ok := byCode[code]
		if !ok {
			return nil, badRequest("points", "unknown_criterion", "code", code)
		}
		if v == nil {
			continue
		}
		f, err := pointValue(v, c)
		if err != nil {
			return nil, err
		}
		points[code] = f
		total += f
	}
	sheet.Set("points", points)
	sheet.Set("total", total)
	return points, nil
}

// pointValue checks the points v given to criterion c: a JSON number (400
// invalid_number for text, NaN or ±Inf) within 0..max in steps of 0.5
// (400 score_out_of_range).
func pointValue(v any, c criterion) (float64, error) {
	f, ok := v.(float64)
	if !ok || !isFinite(f) {
		return 0, failKey(http.StatusBadRequest, "points", "invalid_number", "error.invalid_number.points", "criterion", c.Name)
	}
	if f < 0 || f > c.Max || f*2 != math.Trunc(f*2) {
		return 0, badRequest("points", "score_out_of_range",
			"criterion", c.Name, "max", strconv.FormatFloat(c.Max, 'f', -1, 64))
	}
	return f, nil
}

// checkSheet runs every check of a sheet written through the API and
// computes its total.
func checkSheet(app core.App, e *core.RecordRequestEvent) error {
	s, err := loadSheetScope(app, e.Record)
	if err != nil {
		return err
	}
	if err := checkScorer(app, s, e.Record.GetString("member")); err != nil {
		return err
	}
	crit, err := rubric(app, s.Round.Id)
	if err != nil {
		return err
	}
	if _, err := normalizePoints(e.Record, crit); err != nil {
		return err
	}
	// an approve sent, true or false, is the member's vote.
	if info, err := e.RequestInfo(); err == nil {
		if _, set := info.Body["approve"]; set {
			e.Record.Set("voted", true)
		}
	}
	return nil
}

// checkSheetCreate checks a new sheet (see checkSheet) and that the member
// has none on the initiative yet (400 duplicate_sheet), in a transaction
// so that of two concurrent requests exactly one gets through.
func checkSheetCreate(e *core.RecordRequestEvent) error {
	return e.App.RunInTransaction(func(tx core.App) error {
		e.App = tx
		if err := checkSheet(tx, e); err != nil {
			return err
		}
		n, err := tx.CountRecords("scores", dbx.HashExp{
			"initiative": e.Record.GetString("initiative"), "member": e.Record.GetString("member"),
		})
		if err != nil {
			return err
		}
		if n > 0 {
			return badRequest("initiative", "duplicate_sheet")
		}
		if err := e.Next(); err != nil {
			if isNotUnique(err, "initiative") {
				return badRequest("initiative", "duplicate_sheet")
			}
			return err
		}
		return nil
	})
}

// isNotUnique reports whether err is the unique index's refusal on field.
func isNotUnique(err error, field string) bool {
	var apiErr *router.ApiError
	if !errors.As(err, &apiErr) {
		return false
	}
	item, ok := apiErr.Data[field].(map[string]any)
	return ok && item["code"] == "validation_not_unique"
}

// checkSheetUpdate checks a draft sheet changed through the API.
func checkSheetUpdate(e *core.RecordRequestEvent) error {
	return e.App.RunInTransaction(func(tx core.App) error {
		e.App = tx
		if err := checkSheet(tx, e); err != nil {
			return err
		}
		return e.Next()
	})
}

// checkSheetDelete lets a member discard a draft sheet only while the
// round is in review: after the decision every sheet is kept.
func checkSheetDelete(e *core.RecordRequestEvent) error {
	s, err := loadSheetScope(e.App, e.Record)
	if err != nil {
		return err
	}
	if err := inReview(s.Round); err != nil {
		return err
	}
	return e.Next()
}
