// Package vocab holds the words the process is written in: the values of
// the collections' select fields (an initiative's status, a round's, a
// ward account's roles, a council seat, how a mean is taken, a tier, a
// decision's kind). Code and tests use these names instead of spelling the
// words; each list is in the order of the collection's select field, and
// each word has its Vietnamese name in the catalog (pb_public/i18n/vi.json)
// under the key its list's Catalog gives.
package vocab

// An initiative's status (initiatives.status).
const (
	Draft         = "draft"
	Submitted     = "submitted"
	Endorsed      = "endorsed"
	Accepted      = "accepted"
	Recognized    = "recognized"
	NotRecognized = "not_recognized"
	Returned      = "returned"
	Withdrawn     = "withdrawn"
)

// A round's status (rounds.status).
const (
	RoundOpen    = "open"
	RoundReview  = "review"
	RoundDecided = "decided"
	RoundClosed  = "closed"
)

// A ward account's roles (users.roles).
const (
	RoleStaff       = "staff"
	RoleUnitHead    = "unit_head"
	RoleSecretariat = "secretariat"
	RoleCouncil     = "council"
	RoleChairman    = "chairman"
)

// A seat on a council (council_members.position).
const (
	PositionChair     = "chair"
	PositionViceChair = "vice_chair"
	PositionSecretary = "secretary"
	PositionMember    = "member"
	PositionExpert    = "expert"    // a member chosen for their expertise
	PositionUnionRep  = "union_rep" // the trade union's representative
)

// How a council's scores make an initiative's mark (rounds.aggregation).
const (
	AggregationMean        = "mean"
	AggregationTrimmedMean = "trimmed_mean"
	AggregationMedian      = "median"
)

// How a round's council votes (rounds.voting) and what makes a member's
// sheet an approval (rounds.approval_basis).
const (
	VotingOpen   = "open"
	VotingSecret = "secret" // bỏ phiếu kín
	BasisVote    = "vote"
	BasisScore   = "score" // the member's total reaches the threshold
)

// Scopes: the level that recognised an initiative's effect (initiatives.scope).
const (
	ScopeWard    = "co_so"
	ScopeCity    = "thanh_pho"
	ScopeCountry = "toan_quoc"
)

// A recognised initiative's tier (initiatives.result_tier).
const (
	TierExcellent = "xuat_sac"
	TierGood      = "tot"
	TierPass      = "dat"
)

// A score sheet's status (scores.status).
const (
	SheetDraft     = "draft"
	SheetSubmitted = "submitted"
)

// A decision's kind (decisions.kind).
const (
	DecisionCouncil        = "council"
	DecisionRecognition    = "recognition"
	DecisionCityNomination = "city_nomination"
)

// List is one vocabulary: the select field it fills, the catalog prefix of
// its words' names ("" when the catalog names them elsewhere) and its
// words in the field's order.
type List struct {
	Collection, Field string
	Catalog           string
	Words             []string
}

var (
	Statuses      = List{"initiatives", "status", "status.", []string{Draft, Submitted, Endorsed, Accepted, Recognized, NotRecognized, Returned, Withdrawn}}
	RoundStatuses = List{"rounds", "status", "round_status.", []string{RoundOpen, RoundReview, RoundDecided, RoundClosed}}
	Roles         = List{"users", "roles", "role.", []string{RoleStaff, RoleUnitHead, RoleSecretariat, RoleCouncil, RoleChairman}}
	Positions     = List{"council_members", "position", "office.position.", []string{PositionChair, PositionViceChair, PositionSecretary, PositionMember, PositionExpert, PositionUnionRep}}
	Aggregations  = List{"rounds", "aggregation", "office.aggregation.", []string{AggregationMean, AggregationTrimmedMean, AggregationMedian}}
	Votings       = List{"rounds", "voting", "office.voting.", []string{VotingOpen, VotingSecret}}
	Bases         = List{"rounds", "approval_basis", "office.approval_basis.", []string{BasisVote, BasisScore}}
	Scopes        = List{"initiatives", "scope", "scope.", []string{ScopeWard, ScopeCity, ScopeCountry}}
	// Tiers are the default tiers' codes; result_tier holds the code of
	// one of the round's own tiers (text, not a select), so Tiers is not
	// in All.
	Tiers         = List{"initiatives", "result_tier", "report.tier.", []string{TierExcellent, TierGood, TierPass}}
	SheetStatuses = List{"scores", "status", "", []string{SheetDraft, SheetSubmitted}}
	DecisionKinds = List{"decisions", "kind", "", []string{DecisionCouncil, DecisionRecognition, DecisionCityNomination}}
)

// All is every vocabulary.
var All = []List{Statuses, RoundStatuses, Roles, Positions, Aggregations, Votings, Bases, Scopes, SheetStatuses, DecisionKinds}
