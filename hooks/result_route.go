package hooks

import (
	"bytes"
	"encoding/json/jsontext"
	"encoding/json/v2"
	"fmt"
	"net/http"
	"slices"
	"strconv"

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
	// Rank comes first: the kept answer's items are written with their
	// rank put before the rest (resultsState.body).
	Rank           int                `json:"rank"`
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
		out.Items[i].seal()
	}
}

// seal leaves out of it, while its ballot is sealed, the count and what
// follows from it.
func (it *resultItem) seal() {
	if it.shown.Sealed {
		it.Approvals, it.Recognized, it.Tier, it.Split, it.Why = nil, false, "", it.shown.Split, it.shown.Why
		if it.Why == nil {
			it.Why = []results.Why{}
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
	// items holds, once body has written them, each entry's item, sealed,
	// as JSON without its rank.
	items [][]byte
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
	fresh := &resultsState{loaded: loaded, scored: slices.Clone(s.scored), dups: s.dups}
	if s.items != nil {
		fresh.items = slices.Clone(s.items)
	}
	codes := loaded.Codes()
	for _, i := range at {
		fresh.scored[i] = results.Score(loaded.Params, codes, loaded.Entries[i])
		if fresh.items != nil {
			if fresh.items[i], err = fresh.itemJSON(codes, i); err != nil {
				return nil, err
			}
		}
	}
	return fresh, nil
}

// marshalJSON writes v as e.JSON does.
func marshalJSON(v any) ([]byte, error) {
	return json.Marshal(v, jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
}

// itemJSON is entry i's item, sealed, as JSON with rank 0.
func (s *resultsState) itemJSON(codes []string, i int) ([]byte, error) {
	it := s.item(codes, s.scored[i])
	it.seal()
	b, err := marshalJSON(it)
	if err == nil && !bytes.HasPrefix(b, []byte(`{"rank":0,`)) {
		err = fmt.Errorf("results: item %s written without its rank first", it.ID)
	}
	return b, err
}

// body is the results answer of s, sealed, as the route writes it: each
// item's JSON is kept in s, so that an answer computed again after a few
// initiatives' sheets changed writes those items only, and the others
// with their new rank.
func (s *resultsState) body(round *core.Record) ([]byte, error) {
	codes := s.loaded.Codes()
	if s.items == nil {
		s.items = make([][]byte, len(s.scored))
		for i := range s.scored {
			b, err := s.itemJSON(codes, i)
			if err != nil {
				return nil, err
			}
			s.items[i] = b
		}
	}
	head, err := marshalJSON(s.head(round))
	if err != nil {
		return nil, err
	}
	if !bytes.HasSuffix(head, []byte(`"items":[]}`)) {
		return nil, fmt.Errorf("results: the answer's head does not end with its items")
	}
	size := len(head)
	for _, b := range s.items {
		size += len(b) + 8
	}
	// head ends with the empty list of items: `[]}`.
	out := append(make([]byte, 0, size), head[:len(head)-2]...)
	for rank, i := range results.Order(s.loaded.Params, codes, s.loaded.Entries, s.scored) {
		if rank > 0 {
			out = append(out, ',')
		}
		// each item starts `{"rank":0`, its rank put in place of the 0.
		out = append(out, `{"rank":`...)
		out = strconv.AppendInt(out, int64(rank+1), 10)
		out = append(out, s.items[i][len(`{"rank":0`):]...)
	}
	return append(out, "]}"...), nil
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
	out := s.head(round)
	codes := s.loaded.Codes()
	for _, r := range results.Rank(s.loaded.Params, codes, s.loaded.Entries, s.scored) {
		out.Items = append(out.Items, s.item(codes, r))
	}
	return out
}

// head is the results answer of s without its items.
func (s *resultsState) head(round *core.Record) *roundResults {
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
	for _, c := range loaded.Criteria {
		out.Criteria = append(out.Criteria, resultCriterion{Code: c.Code, Name: c.Name, Max: c.Max, Min: c.Min})
	}
	return out
}

// item is the result r of one initiative as the answer shows it, unsealed,
// with its near-duplicate.
func (s *resultsState) item(codes []string, r results.Result) resultItem {
	loaded := s.loaded
	means := make(map[string]float64, len(codes))
	for i, code := range codes {
		means[code] = r.CriterionMeans[i]
	}
	barred := r.Barred
	if barred == nil {
		barred = []results.Barred{}
	}
	missing := max(r.Voters-r.SheetCount, 0)
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
	if d, ok := s.dups[r.ID]; ok {
		item.Duplicate = &d
	}
	return item
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
