package hooks

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/deadline"
	"sangkien/internal/docs"
	"sangkien/internal/results"
	"sangkien/internal/vocab"
)

// startAsDraft starts every new initiative and every new sheet as a draft.
func startAsDraft(e *core.RecordEvent) error {
	if e.Record.GetString("status") == "" {
		e.Record.Set("status", vocab.Draft)
	}
	return e.Next()
}

// setInitiativeOwner makes the caller the owner of an initiative created
// through the API and, when they did not name one, puts it in their unit.
func setInitiativeOwner(e *core.RecordRequestEvent) error {
	if isWardAccount(e.Auth) {
		e.Record.Set("owner", e.Auth.Id)
		if e.Record.GetString("unit") == "" {
			e.Record.Set("unit", e.Auth.GetString("unit"))
		}
	}
	return e.Next()
}

// setScoreMember makes the caller the member of a sheet created through the API.
func setScoreMember(e *core.RecordRequestEvent) error {
	if isWardAccount(e.Auth) {
		e.Record.Set("member", e.Auth.Id)
	}
	return e.Next()
}

// setRoundDefaults fills a new round with the defaults of docs/domain.md
// section 5: status open, threshold 50, approval ratio 2/3, plain mean,
// and the directive's dates of its year (deadline.Defaults) when none is
// given, as POST /api/reform/rounds/{year}/next does.
func setRoundDefaults(e *core.RecordEvent) error {
	r := e.Record
	if year := r.GetInt("year"); year > 0 {
		submission, decision := deadline.Defaults(year)
		if r.GetDateTime("submission_deadline").IsZero() {
			r.Set("submission_deadline", submission.UTC())
		}
		if r.GetDateTime("decision_deadline").IsZero() {
			r.Set("decision_deadline", decision.UTC())
		}
	}
	if r.GetString("status") == "" {
		r.Set("status", vocab.RoundOpen)
	}
	if r.GetFloat("threshold") == 0 {
		r.Set("threshold", 50)
	}
	if r.GetFloat("approval_ratio") == 0 {
		r.Set("approval_ratio", 2.0/3.0)
	}
	if r.GetString("aggregation") == "" {
		r.Set("aggregation", vocab.AggregationMean)
	}
	setRuleDefaults(r)
	return e.Next()
}

// setRuleDefaults fills the council's rules a round was saved without with
// today's: open vote, approval by vote, a quorum of 2/3, a spread limit of
// 15 points, the tiers 90/70/50 and the legal bases the documents have
// always cited. The form rules' 0 means none.
func setRuleDefaults(r *core.Record) {
	if r.GetString("voting") == "" {
		r.Set("voting", "open")
	}
	if r.GetString("approval_basis") == "" {
		r.Set("approval_basis", "vote")
	}
	if r.GetFloat("quorum") == 0 {
		r.Set("quorum", results.DefaultQuorum)
	}
	if r.GetFloat("spread_limit") == 0 {
		r.Set("spread_limit", results.DefaultSpreadLimit)
	}
	if isEmptyJSON(r.GetString("tiers")) {
		r.Set("tiers", results.DefaultTiers)
	}
	if isEmptyJSON(r.GetString("legal_bases")) {
		r.Set("legal_bases", docs.DefaultLegalBases)
	}
}

// isEmptyJSON reports whether raw is no JSON value, null or an empty list.
func isEmptyJSON(raw string) bool {
	switch strings.TrimSpace(raw) {
	case "", "null", "[]", `""`:
		return true
	}
	return false
}

// setUnitQuotaDefault gives a unit created through the API the quota of 1
// of the directive when the request names none.
func setUnitQuotaDefault(e *core.RecordRequestEvent) error {
	info, err := e.RequestInfo()
	if err == nil {
		if _, set := info.Body["quota"]; !set {
			e.Record.Set("quota", 1)
		}
	}
	return e.Next()
}
