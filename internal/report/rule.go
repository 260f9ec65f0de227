package report

import (
	"fmt"
	"slices"
	"strings"

	"sangkien/internal/i18n"
	"sangkien/internal/nd30"
	"sangkien/internal/results"
)

// RecognitionRule is the clause saying when an initiative of round r is
// recognised, as the round's own settings have it: the score the round
// takes (mean, trimmed mean or median) from the threshold, each
// criterion's least mean (no criterion at 0 when it has none), and the
// approvals needed — by open vote, by secret ballot, or members whose
// total reaches the threshold. Every document citing the rule (the scores
// table, the minutes) prints this one clause.
func RecognitionRule(r *results.Round) string {
	p := r.Params
	score := i18n.T("rule.score." + aggregationKey(p.Aggregation))
	criteria := i18n.T("rule.criteria.none_zero")
	var mins []string
	rest := false
	for _, c := range r.Criteria {
		if c.Min > 0 {
			mins = append(mins, i18n.T("rule.criteria.min", "name", c.Name, "min", nd30.Decimal(c.Min)))
		} else {
			rest = true
		}
	}
	if len(mins) > 0 {
		criteria = i18n.T("rule.criteria.mins", "list", strings.Join(mins, ", "))
		if rest {
			criteria += i18n.T("rule.criteria.rest_not_zero")
		}
	}
	approval := i18n.T("rule.approval.open", "ratio", RatioText(p.ApprovalRatio))
	switch {
	case p.ApprovalBasis == results.BasisScore:
		approval = i18n.T("rule.approval.score", "ratio", RatioText(p.ApprovalRatio), "threshold", nd30.Decimal(p.Threshold))
	case r.Voting == "secret":
		approval = i18n.T("rule.approval.secret", "ratio", RatioText(p.ApprovalRatio))
	}
	return i18n.T("rule.recognition", "score", score, "threshold", nd30.Decimal(p.Threshold),
		"criteria", criteria, "approval", approval)
}

// RuleNotes are the round's rules the recognition clause does not say,
// one sentence each, when they differ from today's: the tiers (with a
// criterion's minimum where a tier has one) and the quorum of sheets
// that makes a result final.
func RuleNotes(r *results.Round) []string {
	var out []string
	p := r.Params
	if len(p.Tiers) > 0 && !slices.Equal(p.Tiers, results.DefaultTiers) {
		var tiers []string
		for _, t := range p.Tiers {
			crit := ""
			if t.Criterion != "" {
				crit = i18n.T("rule.tier_criterion", "name", criterionName(r, t.Criterion), "min", nd30.Decimal(t.MinCriterion))
			}
			tiers = append(tiers, i18n.T("rule.tier", "name", t.Name, "min", nd30.Decimal(t.MinTotal), "criterion", crit))
		}
		out = append(out, i18n.T("rule.tiers", "list", strings.Join(tiers, "; ")))
	}
	if p.Quorum > 0 && (p.Quorum < results.DefaultQuorum-1e-6 || p.Quorum > results.DefaultQuorum+1e-6) {
		out = append(out, i18n.T("rule.quorum", "ratio", RatioText(p.Quorum)))
	}
	return out
}

// RatioText writes a share as the fraction a regulation writes ("2/3",
// "1/2", "1/1") or else as a percentage ("70%").
func RatioText(r float64) string {
	for _, f := range [][2]int{{2, 3}, {1, 2}, {3, 4}, {3, 5}, {4, 5}, {1, 1}} {
		if d := r - float64(f[0])/float64(f[1]); d < 1e-6 && d > -1e-6 {
			return fmt.Sprintf("%d/%d", f[0], f[1])
		}
	}
	return nd30.Decimal(r*100) + "%"
}

// aggregationKey is the i18n key's last part for an aggregation.
func aggregationKey(a string) string {
	switch a {
	case results.Median:
		return "median"
	case results.TrimmedMean:
		return "trimmed"
	}
	return "mean"
}

// criterionName is the name of the round's criterion code (the code when
// the rubric has no such criterion).
func criterionName(r *results.Round, code string) string {
	for _, c := range r.Criteria {
		if c.Code == code {
			return c.Name
		}
	}
	return code
}
