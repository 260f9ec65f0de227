package migrations

import (
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"sangkien/internal/docs"
	"sangkien/internal/results"
)

// This migration makes the council's rules round data, as each ward's
// regulation writes them (DOMAIN.md §3, §5): open or secret ballot,
// approval by vote or by score, a quorum of sheets, a spread limit for
// split results, tiers as data, the legal bases the documents cite, and
// two form rules checked at submit (the age of the first application,
// each co-author's least share). Criteria get a least mean, council seats
// the positions expert and union representative, and each recognised
// initiative the level that recognised its effect (scope) with that
// decision's number and date. Existing rounds get today's rules.

func init() {
	m.Register(addCouncilRules, removeCouncilRules)
}

// roundRuleFields are the fields this migration adds to rounds.
var roundRuleFields = []string{"voting", "approval_basis", "quorum", "spread_limit", "tiers", "legal_bases",
	"first_applied_max_days", "min_author_share"}

// initiativeScopeFields are the fields this migration adds to initiatives.
var initiativeScopeFields = []string{"scope", "scope_decision_number", "scope_decision_date"}

// addCouncilRules is the up migration.
func addCouncilRules(app core.App) error {
	rounds, err := app.FindCollectionByNameOrId("rounds")
	if err != nil {
		return err
	}
	if f, ok := rounds.Fields.GetByName("aggregation").(*core.SelectField); ok {
		f.Values = []string{"mean", "trimmed_mean", "median"}
	}
	rounds.Fields.Add(
		&core.SelectField{Name: "voting", MaxSelect: 1, Values: []string{"open", "secret"}},
		&core.SelectField{Name: "approval_basis", MaxSelect: 1, Values: []string{"vote", "score"}},
		&core.NumberField{Name: "quorum", Min: f64(0), Max: f64(1)},
		&core.NumberField{Name: "spread_limit", Min: f64(0), Max: f64(100)},
		&core.JSONField{Name: "tiers", MaxSize: 16 << 10},
		&core.JSONField{Name: "legal_bases", MaxSize: 64 << 10},
		&core.NumberField{Name: "first_applied_max_days", OnlyInt: true, Min: f64(0), Max: f64(36500)},
		&core.NumberField{Name: "min_author_share", Min: f64(0), Max: f64(100)},
	)
	if err := app.Save(rounds); err != nil {
		return err
	}
	records, err := app.FindAllRecords("rounds")
	if err != nil {
		return err
	}
	for _, r := range records {
		r.Set("voting", "open")
		r.Set("approval_basis", "vote")
		r.Set("quorum", results.DefaultQuorum)
		r.Set("spread_limit", results.DefaultSpreadLimit)
		r.Set("tiers", results.DefaultTiers)
		r.Set("legal_bases", docs.DefaultLegalBases)
		if err := app.SaveNoValidate(r); err != nil {
			return err
		}
	}

	criteria, err := app.FindCollectionByNameOrId("criteria")
	if err != nil {
		return err
	}
	criteria.Fields.Add(&core.NumberField{Name: "min_points", Min: f64(0), Max: f64(100)})
	if err := app.Save(criteria); err != nil {
		return err
	}

	members, err := app.FindCollectionByNameOrId("council_members")
	if err != nil {
		return err
	}
	if f, ok := members.Fields.GetByName("position").(*core.SelectField); ok {
		f.Values = []string{"chair", "vice_chair", "secretary", "member", "expert", "union_rep"}
	}
	if err := app.Save(members); err != nil {
		return err
	}

	// result_tier holds the code of one of the round's tiers: a text now,
	// its values kept.
	initiatives, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	var tiers []struct {
		ID   string `db:"id"`
		Tier string `db:"result_tier"`
	}
	if err := app.DB().NewQuery("SELECT id, result_tier FROM initiatives WHERE result_tier != ''").All(&tiers); err != nil {
		return err
	}
	initiatives.Fields.RemoveByName("result_tier")
	initiatives.Fields.Add(
		&core.TextField{Name: "result_tier", Max: 32},
		&core.SelectField{Name: "scope", MaxSelect: 1, Values: []string{"co_so", "thanh_pho", "toan_quoc"}},
		&core.TextField{Name: "scope_decision_number", Max: 100},
		&core.DateField{Name: "scope_decision_date"},
	)
	// the scope is the secretariat's, through its action only.
	for _, rule := range []**string{&initiatives.CreateRule, &initiatives.UpdateRule} {
		if *rule != nil {
			*rule = allOf(**rule, noBody(initiativeScopeFields...))
		}
	}
	if err := app.Save(initiatives); err != nil {
		return err
	}
	for _, t := range tiers {
		if _, err := app.DB().Update("initiatives", dbx.Params{"result_tier": t.Tier}, dbx.HashExp{"id": t.ID}).Execute(); err != nil {
			return err
		}
	}
	// a recognised initiative is recognised within the ward at least.
	_, err = app.DB().Update("initiatives", dbx.Params{"scope": "co_so"}, dbx.HashExp{"status": "recognized"}).Execute()
	return err
}

// removeCouncilRules is the down migration.
func removeCouncilRules(app core.App) error {
	rounds, err := app.FindCollectionByNameOrId("rounds")
	if err != nil {
		return err
	}
	for _, name := range roundRuleFields {
		rounds.Fields.RemoveByName(name)
	}
	if f, ok := rounds.Fields.GetByName("aggregation").(*core.SelectField); ok {
		f.Values = []string{"mean", "trimmed_mean"}
	}
	if err := app.Save(rounds); err != nil {
		return err
	}
	criteria, err := app.FindCollectionByNameOrId("criteria")
	if err != nil {
		return err
	}
	criteria.Fields.RemoveByName("min_points")
	if err := app.Save(criteria); err != nil {
		return err
	}
	initiatives, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	for _, name := range initiativeScopeFields {
		initiatives.Fields.RemoveByName(name)
	}
	tail := ") && (" + noBody(initiativeScopeFields...) + ")"
	for _, rule := range []**string{&initiatives.CreateRule, &initiatives.UpdateRule} {
		if r := *rule; r != nil && strings.HasPrefix(*r, "(") && strings.HasSuffix(*r, tail) {
			*rule = ptr((*r)[1 : len(*r)-len(tail)])
		}
	}
	return app.Save(initiatives)
}
