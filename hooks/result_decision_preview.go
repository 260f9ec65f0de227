package hooks

import (
	"net/http"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/results"
)

// previewItem is one initiative of the recognised list (the annex to the
// recognition decision).
type previewItem struct {
	ID       string  `json:"id"`
	Code     string  `json:"code"`
	Title    string  `json:"title"`
	Unit     string  `json:"unit"`
	UnitName string  `json:"unit_name"`
	Authors  any     `json:"authors"`
	Mean     float64 `json:"mean"`
	Tier     string  `json:"tier"`
	Rank     int     `json:"rank"`
}

// decisionPreview is the answer of GET /api/reform/rounds/{year}/decision-preview.
type decisionPreview struct {
	Year        int            `json:"year"`
	Status      string         `json:"status"`   // the round's
	Draft       bool           `json:"draft"`    // no recognition decision recorded yet
	Decision    *core.Record   `json:"decision"` // the recorded one, or null
	Initiatives []previewItem  `json:"initiatives"`
	Round       map[string]any `json:"round"` // as in the results answer
	Signature   signature      `json:"signature"`
}

// signature is who signs the recognition decision and how: the lines
// above the name ("CHỦ TỊCH", or "KT. CHỦ TỊCH" and "PHÓ CHỦ TỊCH"), the
// name (the recorded signer, or before the decision the chairman, or the
// vice-chairman the ward's record names when the chairman is an author;
// "" when it names none), and whether the chairman is an author of an
// initiative of the round.
type signature struct {
	Head           []string `json:"head"`
	Name           string   `json:"name"`
	ChairmanAuthor bool     `json:"chairman_author"`
}

// decisionPreviewRoute handles GET /api/reform/rounds/{year}/decision-preview:
// the list of initiatives the recognition decision recognises, best first,
// for the secretariat and the chairman (the Chairman reads what he signs;
// anyone else 403). Before the decision is recorded it is a draft
// ("draft": true) computed from the sheets as they stand, and may still
// change; once recorded (POST …/decide) it is the decision's own list,
// fixed, with the mean, tier and rank written then.
func decisionPreviewRoute(e *core.RequestEvent) error {
	round, err := roundWithSheets(e, pathRound)
	if err != nil {
		return err
	}
	out := decisionPreview{Year: round.GetInt("year"), Status: round.GetString("status"), Initiatives: []previewItem{}}
	decision, _ := e.App.FindFirstRecordByFilter("decisions", "round = {:round} && kind = 'recognition'",
		dbx.Params{"round": round.Id})
	res, err := computeResults(e.App, round)
	if err != nil {
		return actionError(e, err)
	}
	res.sealBallots()
	out.Round = res.Round
	var ids []string
	ranks := map[string]resultItem{}
	if decision == nil {
		out.Draft = true
		for _, it := range res.Items {
			if it.Recognized {
				ids = append(ids, it.ID)
				ranks[it.ID] = it
			}
		}
	} else {
		out.Decision = decision
		ids = decision.GetStringSlice("initiatives")
	}
	signer := ""
	if decision != nil {
		signer = decision.GetString("signer")
	}
	signing, err := results.DecisionSigner(e.App, round.Id, signer)
	if err != nil {
		return actionError(e, err)
	}
	out.Signature = signature{Head: signing.Sign.Head(), Name: signing.Sign.Name, ChairmanAuthor: signing.ChairmanAuthor}
	inits, err := e.App.FindRecordsByIds("initiatives", ids)
	if err != nil {
		return actionError(e, err)
	}
	units := map[string]string{}
	for _, r := range inits {
		it := previewItem{ID: r.Id, Code: r.GetString("code"), Title: r.GetString("title"),
			Unit: r.GetString("unit"), Authors: r.Get("authors")}
		if u, ok := units[it.Unit]; ok {
			it.UnitName = u
		} else if u, err := e.App.FindRecordById("units", it.Unit); err == nil {
			units[it.Unit] = u.GetString("name")
			it.UnitName = units[it.Unit]
		}
		if ri, ok := ranks[r.Id]; ok {
			it.Mean, it.Tier, it.Rank = ri.Mean, ri.Tier, ri.Rank
		} else {
			it.Mean, it.Tier, it.Rank = r.GetFloat("result_mean"), r.GetString("result_tier"), r.GetInt("result_rank")
		}
		out.Initiatives = append(out.Initiatives, it)
	}
	slices.SortFunc(out.Initiatives, func(a, b previewItem) int { return a.Rank - b.Rank })
	return e.JSON(http.StatusOK, out)
}
