package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/results"
)

// resultCriterion is one rubric line in the results answer.
type resultCriterion struct {
	Code string  `json:"code"`
	Name string  `json:"name"`
	Max  float64 `json:"max"`
}

// resultItem is one initiative's outcome in the results answer.
type resultItem struct {
	ID              string             `json:"id"`
	Code            string             `json:"code"`
	Title           string             `json:"title"`
	Council         string             `json:"council"`
	Sheets          int                `json:"sheets"`
	Voters          int                `json:"voters"`         // the 2/3 rule's denominator
	VotingMembers   int                `json:"voting_members"` // the council's voting seats: voters + barred
	Barred          []results.Barred   `json:"barred"`         // who was not counted, and why
	Missing         int                `json:"missing"`
	Mean            float64            `json:"mean"`
	CriterionMeans  map[string]float64 `json:"criterion_means"`
	Min             float64            `json:"min"`
	Max             float64            `json:"max"`
	Approvals       int                `json:"approvals"`
	NeededApprovals int                `json:"needed_approvals"`
	Recognized      bool               `json:"recognized"`
	Tier            string             `json:"tier"`
	Rank            int                `json:"rank"`
}

// roundResults is the answer of GET /api/reform/rounds/{year}/results.
type roundResults struct {
	Round    map[string]any    `json:"round"`
	Criteria []resultCriterion `json:"criteria"`
	Items    []resultItem      `json:"items"`
}

// computeResults loads round and computes its outcome in the shape of the
// results answer, best first.
func computeResults(app core.App, round *core.Record) (*roundResults, error) {
	loaded, err := results.Load(app, round)
	if err != nil {
		return nil, err
	}
	out := &roundResults{
		Round: map[string]any{
			"id": round.Id, "year": round.GetInt("year"), "status": round.GetString("status"),
			"threshold": loaded.Params.Threshold, "approval_ratio": loaded.Params.ApprovalRatio,
			"aggregation": loaded.Params.Aggregation,
		},
		Criteria: []resultCriterion{},
		Items:    []resultItem{},
	}
	codes := loaded.Codes()
	for _, c := range loaded.Criteria {
		out.Criteria = append(out.Criteria, resultCriterion{Code: c.Code, Name: c.Name, Max: c.Max})
	}
	for _, r := range loaded.Compute() {
		means := make(map[string]float64, len(codes))
		for i, code := range codes {
			means[code] = r.CriterionMeans[i]
		}
		barred := r.Barred
		if barred == nil {
			barred = []results.Barred{}
		}
		missing := r.Voters - r.SheetCount
		if missing < 0 {
			missing = 0
		}
		out.Items = append(out.Items, resultItem{
			ID: r.ID, Code: r.Code, Title: loaded.Titles[r.ID], Council: loaded.Councils[r.ID],
			Sheets: r.SheetCount, Voters: r.Voters, VotingMembers: r.Voters + len(barred), Barred: barred, Missing: missing,
			Mean: r.Mean, CriterionMeans: means, Min: r.Min, Max: r.Max,
			Approvals: r.Approvals, NeededApprovals: results.NeededApprovals(loaded.Params.ApprovalRatio, r.Voters),
			Recognized: r.Recognized, Tier: r.Tier, Rank: r.Rank,
		})
	}
	return out, nil
}

// roundResultsRoute handles GET /api/reform/rounds/{year}/results: the
// secretariat and the chairman see every initiative's outcome as it
// stands, ranked, once their own sheets are in if they hold a voting seat
// (403 own_sheets_pending, score_gate.go). Nobody else: a member sees
// sheets, not the tally.
func roundResultsRoute(e *core.RequestEvent) error {
	round, err := roundByYear(e.App, e.Request.PathValue("year"))
	if err != nil {
		return err
	}
	if err := requireOwnSheetsIn(e, round); err != nil {
		return err
	}
	out, err := computeResults(e.App, round)
	if err != nil {
		return actionError(e, err)
	}
	return e.JSON(http.StatusOK, out)
}
