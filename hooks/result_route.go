package hooks

import (
	"encoding/json/jsontext"
	"encoding/json/v2"
	"net/http"
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/report"
	"sangkien/internal/results"
	"sangkien/internal/searchindex"
)

// resultCriterion is one rubric line in the results answer.
type resultCriterion struct {
	Code string  `json:"code"`
	Name string  `json:"name"`
	Max  float64 `json:"max"`
	Min  float64 `json:"min"` // the least mean (0: above 0)
}

// resultItem is one initiative's outcome in the results answer.
type resultItem struct {
	ID             string             `json:"id"`
	Code           string             `json:"code"`
	Title          string             `json:"title"`
	Council        string             `json:"council"`
	Sheets         int                `json:"sheets"`
	Voters         int                `json:"voters"`         // the 2/3 rule's denominator
	VotingMembers  int                `json:"voting_members"` // the council's voting seats: voters + barred
	Barred         []results.Barred   `json:"barred"`         // who was not counted, and why
	Missing        int                `json:"missing"`
	Mean           float64            `json:"mean"`
	CriterionMeans map[string]float64 `json:"criterion_means"`
	Min            float64            `json:"min"`
	Max            float64            `json:"max"`
	// Approvals is null while a secret ballot's count may not be read
	// (approvalsVisible); Recognized, Split and Why then leave the vote out.
	Approvals       *int          `json:"approvals"`
	NeededApprovals int           `json:"needed_approvals"`
	Recognized      bool          `json:"recognized"`
	Tier            string        `json:"tier"`
	Rank            int           `json:"rank"`
	Spread          float64       `json:"spread"`        // standard deviation of the members' totals
	Split           bool          `json:"split"`         // to discuss: spread over the limit, or votes at the line
	QuorumNeeded    int           `json:"quorum_needed"` // sheets that make the result final
	Provisional     bool          `json:"provisional"`   // fewer sheets than the quorum are in
	Why             []results.Why `json:"why"`           // the conditions failed, when not recognised
	// shown is the result as it may be shown (results.Round.Seal):
	// sealBallots puts it in the answer.
	shown results.Result
	// the most similar other initiative (≥ 40%), or null: the column
	// "Trùng lặp" of the results table.
	Duplicate *searchindex.Top `json:"duplicate"`
}

// roundResults is the answer of GET /api/reform/rounds/{year}/results.
type roundResults struct {
	Round    map[string]any    `json:"round"`
	Criteria []resultCriterion `json:"criteria"`
	Items    []resultItem      `json:"items"`
}

// sealBallots leaves out of the results, before they are shown, every
// secret ballot's count that may not be read yet (sealResultVotes). The
// decision itself is computed from the unsealed results.
func (out *roundResults) sealBallots() {
	for i := range out.Items {
		if it := &out.Items[i]; it.shown.Sealed {
			it.Approvals, it.Recognized, it.Tier, it.Split, it.Why = nil, false, "", it.shown.Split, it.shown.Why
			if it.Why == nil {
				it.Why = []results.Why{}
			}
		}
	}
}

// resultsState is a round's results as computed: what was loaded, each
// entry's result unranked (in the order of the entries) and the round's
// stored near-duplicates.
type resultsState struct {
	loaded *results.Round
	scored []results.Result
	dups   map[string]searchindex.Top
}

// loadResultsState loads round and scores its every initiative.
func loadResultsState(app core.App, round *core.Record) (*resultsState, error) {
	loaded, err := results.Load(app, round)
	if err != nil {
		return nil, err
	}
	codes := loaded.Codes()
	scored := make([]results.Result, len(loaded.Entries))
	for i, e := range loaded.Entries {
		scored[i] = results.Score(loaded.Params, codes, e)
	}
	// the round's stored matches, read by the round's index: the items
	// are the round's initiatives in scoring.
	dups, err := searchindex.RoundTops(app, round.Id)
	if err != nil {
		return nil, err
	}
	return &resultsState{loaded: loaded, scored: scored, dups: dups}, nil
}

// refresh is s with the sheets of the initiatives ids read again and those
// initiatives scored again (results.Round.Refresh); s is not changed.
func (s *resultsState) refresh(app core.App, ids []string) (*resultsState, error) {
	loaded, at, err := s.loaded.Refresh(app, ids)
	if err != nil {
		return nil, err
	}
	scored := s.scored
	if len(at) > 0 {
		scored = slices.Clone(s.scored)
		codes := loaded.Codes()
		for _, i := range at {
			scored[i] = results.Score(loaded.Params, codes, loaded.Entries[i])
		}
	}
	return &resultsState{loaded: loaded, scored: scored, dups: s.dups}, nil
}

// body is the results answer of s, sealed, as the route writes it.
func (s *resultsState) body(round *core.Record) ([]byte, error) {
	out := s.answer(round)
	out.sealBallots()
	// as e.JSON writes it.
	return json.Marshal(out, jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
}

// computeResults loads round and computes its outcome in the shape of the
// results answer, best first.
func computeResults(app core.App, round *core.Record) (*roundResults, error) {
	s, err := loadResultsState(app, round)
	if err != nil {
		return nil, err
	}
	return s.answer(round), nil
}

// answer is the outcome of s in the shape of the results answer, best
// first, unsealed.
func (s *resultsState) answer(round *core.Record) *roundResults {
	loaded := s.loaded
	out := &roundResults{
		Round: map[string]any{
			"id": round.Id, "year": round.GetInt("year"), "status": round.GetString("status"),
			"threshold": loaded.Params.Threshold, "approval_ratio": loaded.Params.ApprovalRatio,
			"aggregation": loaded.Params.Aggregation, "voting": round.GetString("voting"),
			"approval_basis": loaded.Params.ApprovalBasis, "quorum": loaded.Params.Quorum,
			"spread_limit": loaded.Params.SpreadLimit, "tiers": roundTiers(loaded.Params),
			// the rule as the documents cite it, for the pages to say the same.
			"rule": report.RecognitionRule(loaded), "rule_notes": ruleNotes(loaded),
		},
		Criteria: []resultCriterion{},
		Items:    []resultItem{},
	}
	codes := loaded.Codes()
	for _, c := range loaded.Criteria {
		out.Criteria = append(out.Criteria, resultCriterion{Code: c.Code, Name: c.Name, Max: c.Max, Min: c.Min})
	}
	for _, r := range results.Rank(loaded.Params, codes, loaded.Entries, s.scored) {
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
		item := resultItem{
			ID: r.ID, Code: r.Code, Title: loaded.Titles[r.ID], Council: loaded.Councils[r.ID],
			Sheets: r.SheetCount, Voters: r.Voters, VotingMembers: r.Voters + len(barred), Barred: barred, Missing: missing,
			Mean: r.Mean, CriterionMeans: means, Min: r.Min, Max: r.Max,
			Approvals: &r.Approvals, NeededApprovals: r.Needed,
			Recognized: r.Recognized, Tier: r.Tier, Rank: r.Rank,
			Spread: r.Spread, Split: r.Split, QuorumNeeded: r.QuorumNeeded, Provisional: r.Provisional, Why: r.Why,
		}
		item.shown = r
		loaded.Seal(&item.shown)
		if item.Why == nil {
			item.Why = []results.Why{}
		}
		out.Items = append(out.Items, item)
	}
	for i := range out.Items {
		if d, ok := s.dups[out.Items[i].ID]; ok {
			out.Items[i].Duplicate = &d
		}
	}
	return out
}

// roundResultsRoute handles GET /api/reform/rounds/{year}/results: the
// secretariat and the chairman see every initiative's outcome as it
// stands, ranked, once their own sheets are in if they hold a voting seat
// (403 own_sheets_pending, score_gate.go). Nobody else: a member sees
// sheets, not the tally. Who asks is checked first; the answer is then the
// one kept for the database's count of changes, if any (resultsCache).
func roundResultsRoute(e *core.RequestEvent) error {
	round, err := roundWithSheets(e, pathRound)
	if err != nil {
		return err
	}
	body, err := resultsCacheOf(e.App).answer(e.App, round)
	if err != nil {
		return actionError(e, err)
	}
	if e.Request.URL.Query().Get("fields") != "" {
		return e.JSON(http.StatusOK, jsontext.Value(body)) // picks the fields asked
	}
	// as it was kept: e.JSON would check the 5 MB of a city's round again.
	return e.Blob(http.StatusOK, "application/json", body)
}

// roundTiers is the round's tiers as the results use them.
func roundTiers(p results.Params) []results.TierRule {
	if len(p.Tiers) == 0 {
		return results.DefaultTiers
	}
	return p.Tiers
}

// ruleNotes is report.RuleNotes, an empty list rather than null.
func ruleNotes(r *results.Round) []string {
	if notes := report.RuleNotes(r); notes != nil {
		return notes
	}
	return []string{}
}
