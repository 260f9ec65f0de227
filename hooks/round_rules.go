package hooks

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/results"
)

// tierCode is what a tier's code (and its criterion's) may be, as a
// criterion's code.
var tierCode = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)

// checkRoundRules refuses, through the API, a round whose tiers are not a
// list of tiers, highest first (400 invalid_tiers: each a code, a name, a
// least total 0–100, and optionally a criterion code with its least mean
// 0–100, at most 10), or whose legal bases are not a list of texts (400
// invalid_legal_bases: at most 30, each 1–1000 characters).
func checkRoundRules(e *core.RecordRequestEvent) error {
	if raw := e.Record.GetString("tiers"); !isEmptyJSON(raw) && !validTiers(raw) {
		return badRequest("tiers", "invalid_tiers")
	}
	if raw := e.Record.GetString("legal_bases"); !isEmptyJSON(raw) && !validLegalBases(raw) {
		return badRequest("legal_bases", "invalid_legal_bases")
	}
	return e.Next()
}

// validTiers reports whether raw is a list of tiers as checkRoundRules
// wants them.
func validTiers(raw string) bool {
	var tiers []results.TierRule
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&tiers); err != nil || len(tiers) == 0 || len(tiers) > 10 {
		return false
	}
	seen := map[string]bool{}
	for i, t := range tiers {
		if !tierCode.MatchString(t.Code) || seen[t.Code] || strings.TrimSpace(t.Name) == "" || len(t.Name) > 100 ||
			t.MinTotal < 0 || t.MinTotal > 100 || t.MinCriterion < 0 || t.MinCriterion > 100 ||
			(t.Criterion != "" && !tierCode.MatchString(t.Criterion)) || (t.Criterion == "" && t.MinCriterion != 0) {
			return false
		}
		if i > 0 && t.MinTotal > tiers[i-1].MinTotal {
			return false
		}
		seen[t.Code] = true
	}
	return true
}

// validLegalBases reports whether raw is a list of legal bases as
// checkRoundRules wants them.
func validLegalBases(raw string) bool {
	var list []string
	if err := json.Unmarshal([]byte(raw), &list); err != nil || len(list) > 30 {
		return false
	}
	for _, b := range list {
		if n := len([]rune(strings.TrimSpace(b))); n == 0 || n > 1000 {
			return false
		}
	}
	return true
}
