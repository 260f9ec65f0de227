package results

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
	"sangkien/internal/vocab"
)

// ScoredStatuses are the initiative statuses that take part in scoring:
// accepted by the secretariat, and the two outcomes of the decision.
var ScoredStatuses = []any{vocab.Accepted, vocab.Recognized, vocab.NotRecognized}

// Criterion is one criterion of a round's rubric: Min is the least mean
// it may have (0: above 0).
type Criterion struct {
	Code, Name string
	Max, Min   float64
}

// ParamsOf reads a round's rules for the outcome from its record (its
// criteria's minima are the rubric's, added by Load).
func ParamsOf(round *core.Record) Params {
	p := Params{
		Threshold:     round.GetFloat("threshold"),
		ApprovalRatio: round.GetFloat("approval_ratio"),
		Aggregation:   round.GetString("aggregation"),
		NoveltyCode:   "novelty",
		ApprovalBasis: round.GetString("approval_basis"),
		Quorum:        round.GetFloat("quorum"),
		SpreadLimit:   round.GetFloat("spread_limit"),
	}
	var tiers []TierRule
	if err := json.Unmarshal([]byte(round.GetString("tiers")), &tiers); err == nil && len(tiers) > 0 {
		p.Tiers = tiers
	}
	return p
}

// Member is one seat on one of a round's councils.
type Member struct {
	Council, UserID, Name, Position string
	Votes                           bool
}

// Round is what a round's outcome is computed from, as stored.
type Round struct {
	ID       string
	Year     int
	Status   string // the round's status
	Voting   string // "open" or "secret" (a secret ballot)
	Params   Params
	Criteria []Criterion
	Members  []Member // every seat of the round's councils, by council then position
	Entries  []Entry  // the initiatives in scoring, with their submitted sheets, in no set order
	Titles   map[string]string
	Units    map[string]string // initiative id → unit id
	Councils map[string]string // initiative id → council id ("" when unassigned)
	// Barred holds, by initiative id, the users who may not score it: its
	// owner and its linked authors (their sheets never count).
	Barred map[string][]string
	// loader is what Load learnt to read the sheets, kept for Refresh.
	loader *sheetLoader
}

// BallotSealed reports whether the count of approvals of res may not be
// read yet: in a secret ballot (approval by vote), until every voter's
// sheet on it is in or the round is decided. Whatever shows a result
// leaves out, while it is sealed, the approvals and what follows from them
// (recognised or not, the tier, the split by votes).
func (r *Round) BallotSealed(res *Result) bool {
	if r.Voting != "secret" || r.Params.ApprovalBasis == BasisScore {
		return false
	}
	switch r.Status {
	case "decided", "closed":
		return false
	}
	return res.SheetCount < res.Voters
}

// Seal leaves out of res, while BallotSealed, its approvals and what
// follows from them: recognised and the tier, a split by votes (a split by
// spread stays), the approvals' why; Sealed tells it.
func (r *Round) Seal(res *Result) {
	if !r.BallotSealed(res) {
		return
	}
	limit := r.Params.SpreadLimit
	if limit <= 0 {
		limit = DefaultSpreadLimit
	}
	res.Sealed = true
	res.Approvals = 0
	res.Recognized = false
	res.Tier = ""
	res.Split = res.Spread > limit
	var why []Why
	for _, w := range res.Why {
		if w.Code != WhyApprovals {
			why = append(why, w)
		}
	}
	res.Why = why
}

// ComputeShown is Compute with every result sealed as Seal says: what a
// page, export or document shows.
func (r *Round) ComputeShown() []Result {
	out := r.Compute()
	for i := range out {
		r.Seal(&out[i])
	}
	return out
}

// Codes returns the criteria's codes in rubric order.
func (r *Round) Codes() []string {
	codes := make([]string, len(r.Criteria))
	for i, c := range r.Criteria {
		codes[i] = c.Code
	}
	return codes
}

// Compute returns the ranked results of the round.
func (r *Round) Compute() []Result {
	return Compute(r.Params, r.Codes(), r.Entries)
}

// positionOrder sorts council seats: chair, vice-chair, secretary, members.
var positionOrder = map[string]int{"chair": 0, "vice_chair": 1, "secretary": 2, "member": 3}

// Load reads round's rubric, councils, the initiatives in scoring and their
// submitted sheets. A sheet counts only when its member holds a voting seat
// on the initiative's council and is not one of its authors (linked authors
// and the owner); Voters is that council's voting seats less the authors
// among them, who are listed in Barred.
func Load(app core.App, round *core.Record) (*Round, error) {
	r := &Round{
		ID:       round.Id,
		Year:     round.GetInt("year"),
		Status:   round.GetString("status"),
		Voting:   round.GetString("voting"),
		Params:   ParamsOf(round),
		Titles:   map[string]string{},
		Units:    map[string]string{},
		Councils: map[string]string{},
	}
	db := app.DB()
	params := dbx.Params{"round": round.Id}

	var crit []struct {
		Code string  `db:"code"`
		Name string  `db:"name"`
		Max  float64 `db:"max_points"`
		Min  float64 `db:"min_points"`
	}
	err := db.NewQuery("SELECT code, name, max_points, min_points FROM criteria WHERE round = {:round} ORDER BY sort, code").
		Bind(params).All(&crit)
	if err != nil {
		return nil, fmt.Errorf("results: criteria: %w", err)
	}
	index := map[string]int{}
	for i, c := range crit {
		r.Criteria = append(r.Criteria, Criterion{Code: c.Code, Name: c.Name, Max: c.Max, Min: c.Min})
		index[c.Code] = i
		if c.Min > 0 {
			if r.Params.MinPoints == nil {
				r.Params.MinPoints = map[string]float64{}
			}
			r.Params.MinPoints[c.Code] = c.Min
		}
	}

	var seats []struct {
		Council  string `db:"council"`
		User     string `db:"user"`
		Name     string `db:"name"`
		Position string `db:"position"`
		Votes    bool   `db:"votes"`
		Created  string `db:"created"`
	}
	err = db.NewQuery(`SELECT m.council, m.user, u.name, m.position, m.votes, c.created
		FROM council_members m JOIN councils c ON c.id = m.council JOIN users u ON u.id = m.user
		WHERE c.round = {:round}`).Bind(params).All(&seats)
	if err != nil {
		return nil, fmt.Errorf("results: council members: %w", err)
	}
	sort.SliceStable(seats, func(i, j int) bool {
		a, b := seats[i], seats[j]
		if a.Created != b.Created || a.Council != b.Council {
			if a.Created != b.Created {
				return a.Created < b.Created
			}
			return a.Council < b.Council
		}
		if positionOrder[a.Position] != positionOrder[b.Position] {
			return positionOrder[a.Position] < positionOrder[b.Position]
		}
		return a.Name < b.Name
	})
	voting := map[string]map[string]bool{} // council → voting user ids
	names := map[string]string{}           // user id → name
	for _, s := range seats {
		names[s.User] = s.Name
		r.Members = append(r.Members, Member{Council: s.Council, UserID: s.User, Name: s.Name, Position: s.Position, Votes: s.Votes})
		if s.Votes {
			if voting[s.Council] == nil {
				voting[s.Council] = map[string]bool{}
			}
			voting[s.Council][s.User] = true
		}
	}

	rows, err := db.Select("id", "code", "title", "unit", "submitted_at", "council", "author_users", "owner").
		From("initiatives").
		Where(dbx.HashExp{"round": round.Id, "status": ScoredStatuses}).Rows()
	if err != nil {
		return nil, fmt.Errorf("results: initiatives: %w", err)
	}
	pos := map[string]int{}
	barred := map[string][]string{} // initiative → its owner and linked authors
	for rows.Next() {
		var id, code, title, unit, submitted, council, authorsRaw, owner string
		if err := rows.Scan(&id, &code, &title, &unit, &submitted, &council, &authorsRaw, &owner); err != nil {
			rows.Close()
			return nil, fmt.Errorf("results: initiatives: %w", err)
		}
		var at time.Time
		if dt, err := types.ParseDateTime(submitted); err == nil {
			at = dt.Time()
		}
		out := decodeIDs(authorsRaw)
		if owner != "" {
			out = append(out, owner) // the owner who drafted it, like a linked author
		}
		voters := 0
		var bars []Barred
		for u := range voting[council] {
			if !slices.Contains(out, u) {
				voters++
			} else {
				bars = append(bars, Barred{Member: u, Name: names[u], Reason: ConflictAuthor})
			}
		}
		sort.Slice(bars, func(i, j int) bool {
			return bars[i].Name < bars[j].Name || bars[i].Name == bars[j].Name && bars[i].Member < bars[j].Member
		})
		pos[id] = len(r.Entries)
		barred[id] = out
		r.Titles[id] = title
		r.Units[id] = unit
		r.Councils[id] = council
		r.Entries = append(r.Entries, Entry{ID: id, Code: code, SubmittedAt: at, Voters: voters, Barred: bars})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("results: initiatives: %w", err)
	}
	r.Barred = barred
	l := &sheetLoader{db: db, r: r, index: index, pos: pos, barred: barred, voting: voting}
	if err := l.load(); err != nil {
		return nil, err
	}
	r.loader = l
	return r, nil
}
