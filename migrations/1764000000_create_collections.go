package migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration creates every collection of the REST contract (docs/domain.md,
// The initiative's way) with its fields, indexes and API rules. Rules deny by default:
// nil means superusers only. A migration that has run is never edited; later
// changes go into new migrations.

// rule expressions shared by the collections below. Multi-valued fields
// (roles, author_users) are compared with ":each ?=": in v0.40 a bare "?="
// against a JSON array field matched nothing in our tests.
const (
	ruleAuthed      = `@request.auth.id != "" && @request.auth.collectionName = "users"`
	ruleSecretariat = `@request.auth.roles:each ?= "secretariat"`
	ruleChairman    = `@request.auth.roles:each ?= "chairman"`
	ruleOversight   = `(@request.auth.roles:each ?= "secretariat" || @request.auth.roles:each ?= "chairman")`
)

// textMax is the size of the long free-text parts of the application form.
const textMax = 20000

func init() {
	m.Register(createCollections, dropCollections)
}

// noBody returns a rule fragment that refuses a request whose body sets any
// of the named fields; it keeps server-set fields out of the CRUD API.
func noBody(fields ...string) string {
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = "@request.body." + f + ":isset = false"
	}
	return strings.Join(parts, " && ")
}

// allOf joins rule fragments with &&, each in parentheses.
func allOf(parts ...string) *string {
	s := "(" + strings.Join(parts, ") && (") + ")"
	return &s
}

// anyOf joins rule fragments with ||, each in parentheses.
func anyOf(parts ...string) string {
	return "(" + strings.Join(parts, ") || (") + ")"
}

// ptr returns a pointer to the rule s.
func ptr(s string) *string { return &s }

// autodates adds the created/updated fields that NewBaseCollection lacks.
func autodates(c *core.Collection) {
	c.Fields.Add(
		&core.AutodateField{Name: "created", OnCreate: true},
		&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
	)
}

// f64 returns a pointer to v, for NumberField bounds.
func f64(v float64) *float64 { return &v }

// createCollections is the up migration.
func createCollections(app core.App) error {
	// units: phòng chuyên môn, TTPVHCC, đơn vị sự nghiệp công.
	units := core.NewBaseCollection("units")
	units.Fields.Add(
		&core.TextField{Name: "name", Required: true, Max: 200, Presentable: true},
		&core.TextField{Name: "code", Required: true, Max: 32, Pattern: `^[A-Za-z0-9_.-]+$`},
		&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: []string{"department", "service_center", "public_service"}},
		&core.NumberField{Name: "quota", OnlyInt: true, Min: f64(0), Max: f64(100)},
		&core.BoolField{Name: "active"},
	)
	autodates(units)
	units.AddIndex("idx_units_code", true, "code", "")
	units.ListRule = ptr(ruleAuthed)
	units.ViewRule = ptr(ruleAuthed)
	units.CreateRule = ptr(ruleSecretariat)
	units.UpdateRule = ptr(ruleSecretariat)
	units.DeleteRule = nil
	if err := app.Save(units); err != nil {
		return err
	}

	// users: the built-in auth collection, with the ward's fields.
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	users.Fields.Add(
		&core.RelationField{Name: "unit", CollectionId: units.Id, MaxSelect: 1},
		&core.SelectField{Name: "roles", MaxSelect: 5, Values: []string{"staff", "unit_head", "secretariat", "council", "chairman"}},
		&core.TextField{Name: "position", Max: 200},
	)
	if f, ok := users.Fields.GetByName("name").(*core.TextField); ok {
		f.Max = 200
		f.Presentable = true
	}
	users.AddIndex("idx_users_unit", false, "unit", "")
	users.ListRule = ptr(ruleAuthed)
	users.ViewRule = ptr(ruleAuthed)
	// no public sign-up: accounts are made by the secretariat or a superuser.
	users.CreateRule = ptr(ruleSecretariat)
	// a person edits their own name/avatar, never their roles or unit.
	users.UpdateRule = ptr(anyOf(
		"id = @request.auth.id && "+noBody("roles", "unit"),
		ruleSecretariat,
	))
	users.DeleteRule = nil
	// the secretariat resets passwords and e-mails without the old password.
	users.ManageRule = ptr(ruleSecretariat)
	users.OAuth2.Enabled = false
	users.OTP.Enabled = false
	users.MFA.Enabled = false
	if err := app.Save(users); err != nil {
		return err
	}

	// fields: the eight fields (lĩnh vực) of the directive; data, not code.
	fields := core.NewBaseCollection("fields")
	fields.Fields.Add(
		&core.TextField{Name: "code", Required: true, Max: 4},
		&core.TextField{Name: "name", Required: true, Max: 200, Presentable: true},
		&core.TextField{Name: "description", Max: 5000},
		&core.NumberField{Name: "sort", OnlyInt: true},
	)
	autodates(fields)
	fields.AddIndex("idx_fields_code", true, "code", "")
	fields.ListRule = ptr(ruleAuthed)
	fields.ViewRule = ptr(ruleAuthed)
	fields.CreateRule = ptr(ruleSecretariat)
	fields.UpdateRule = ptr(ruleSecretariat)
	fields.DeleteRule = nil
	if err := app.Save(fields); err != nil {
		return err
	}

	// rounds: one per year; status moves only through /api/reform actions.
	rounds := core.NewBaseCollection("rounds")
	rounds.Fields.Add(
		&core.NumberField{Name: "year", Required: true, OnlyInt: true, Min: f64(2000), Max: f64(2100), Presentable: true},
		&core.DateField{Name: "submission_deadline", Required: true},
		&core.DateField{Name: "decision_deadline", Required: true},
		&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"open", "review", "decided", "closed"}},
		&core.NumberField{Name: "threshold", Min: f64(0), Max: f64(100)},
		&core.NumberField{Name: "approval_ratio", Min: f64(0), Max: f64(1)},
		&core.SelectField{Name: "aggregation", MaxSelect: 1, Values: []string{"mean", "trimmed_mean"}},
	)
	autodates(rounds)
	rounds.AddIndex("idx_rounds_year", true, "year", "")
	rounds.ListRule = ptr(ruleAuthed)
	rounds.ViewRule = ptr(ruleAuthed)
	rounds.CreateRule = allOf(ruleSecretariat, noBody("status"))
	rounds.UpdateRule = allOf(ruleSecretariat, noBody("status", "year"))
	rounds.DeleteRule = nil
	if err := app.Save(rounds); err != nil {
		return err
	}

	// criteria: the rubric of a round; fixed once scoring starts.
	criteria := core.NewBaseCollection("criteria")
	criteria.Fields.Add(
		&core.RelationField{Name: "round", Required: true, CollectionId: rounds.Id, MaxSelect: 1, CascadeDelete: true},
		&core.TextField{Name: "code", Required: true, Max: 32, Pattern: `^[a-z][a-z0-9_]*$`},
		&core.TextField{Name: "name", Required: true, Max: 200, Presentable: true},
		&core.TextField{Name: "guidance", Max: 5000},
		&core.NumberField{Name: "max_points", Required: true, Min: f64(0.5), Max: f64(100)},
		&core.NumberField{Name: "sort", OnlyInt: true},
	)
	autodates(criteria)
	criteria.AddIndex("idx_criteria_round_code", true, "round, code", "")
	criteria.ListRule = ptr(ruleAuthed)
	criteria.ViewRule = ptr(ruleAuthed)
	criteria.CreateRule = allOf(ruleSecretariat, `round.status = "open"`)
	criteria.UpdateRule = allOf(ruleSecretariat, `round.status = "open"`, noBody("round"))
	criteria.DeleteRule = allOf(ruleSecretariat, `round.status = "open"`)
	if err := app.Save(criteria); err != nil {
		return err
	}

	// extensions: a later submission deadline for one unit in one round.
	extensions := core.NewBaseCollection("extensions")
	extensions.Fields.Add(
		&core.RelationField{Name: "round", Required: true, CollectionId: rounds.Id, MaxSelect: 1, CascadeDelete: true},
		&core.RelationField{Name: "unit", Required: true, CollectionId: units.Id, MaxSelect: 1, CascadeDelete: true},
		&core.DateField{Name: "until", Required: true},
		&core.TextField{Name: "reason", Required: true, Max: 2000},
	)
	autodates(extensions)
	extensions.AddIndex("idx_extensions_round_unit", true, "round, unit", "")
	extensions.ListRule = ptr(anyOf(ruleOversight, `unit = @request.auth.unit`))
	extensions.ViewRule = extensions.ListRule
	extensions.CreateRule = ptr(ruleSecretariat)
	extensions.UpdateRule = allOf(ruleSecretariat, noBody("round", "unit"))
	extensions.DeleteRule = ptr(ruleSecretariat)
	if err := app.Save(extensions); err != nil {
		return err
	}

	// councils: the evaluation council (Hội đồng đánh giá) of a round.
	councils := core.NewBaseCollection("councils")
	councils.Fields.Add(
		&core.RelationField{Name: "round", Required: true, CollectionId: rounds.Id, MaxSelect: 1},
		&core.TextField{Name: "name", Required: true, Max: 300, Presentable: true},
		&core.TextField{Name: "decision_number", Max: 100},
		&core.DateField{Name: "decision_date"},
	)
	autodates(councils)
	councils.AddIndex("idx_councils_round", false, "round", "")
	councils.ListRule = ptr(ruleAuthed)
	councils.ViewRule = ptr(ruleAuthed)
	councils.CreateRule = ptr(ruleSecretariat)
	councils.UpdateRule = allOf(ruleSecretariat, noBody("round"))
	councils.DeleteRule = ptr(ruleSecretariat)
	if err := app.Save(councils); err != nil {
		return err
	}

	// council_members: who sits on a council, in which position.
	members := core.NewBaseCollection("council_members")
	members.Fields.Add(
		&core.RelationField{Name: "council", Required: true, CollectionId: councils.Id, MaxSelect: 1, CascadeDelete: true},
		&core.RelationField{Name: "user", Required: true, CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true},
		&core.SelectField{Name: "position", Required: true, MaxSelect: 1, Values: []string{"chair", "vice_chair", "secretary", "member"}},
		&core.BoolField{Name: "votes"},
	)
	autodates(members)
	members.AddIndex("idx_council_members_council_user", true, "council, user", "")
	members.AddIndex("idx_council_members_user", false, "user", "")
	members.ListRule = ptr(ruleAuthed)
	members.ViewRule = ptr(ruleAuthed)
	members.CreateRule = ptr(ruleSecretariat)
	members.UpdateRule = allOf(ruleSecretariat, noBody("council"))
	members.DeleteRule = ptr(ruleSecretariat)
	if err := app.Save(members); err != nil {
		return err
	}

	// decisions: council establishment, recognition and city nomination.
	decisions := core.NewBaseCollection("decisions")
	decisions.Fields.Add(
		&core.RelationField{Name: "round", Required: true, CollectionId: rounds.Id, MaxSelect: 1},
		&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: []string{"council", "recognition", "city_nomination"}},
		&core.TextField{Name: "number", Max: 100, Presentable: true},
		&core.DateField{Name: "signed_on"},
		&core.TextField{Name: "signer", Max: 200},
		&core.TextField{Name: "summary", Max: 5000},
		// the initiatives relation is added below, once that collection exists.
		&core.FileField{Name: "file", MaxSelect: 1, MaxSize: 20 << 20, MimeTypes: []string{"application/pdf"}},
	)
	autodates(decisions)
	decisions.AddIndex("idx_decisions_round_kind", false, "round, kind", "")
	decisions.ListRule = ptr(ruleAuthed)
	decisions.ViewRule = ptr(ruleAuthed)
	// recognition and nomination decisions are made by /api/reform actions;
	// the secretariat records the council's establishment decision itself.
	decisions.CreateRule = allOf(ruleSecretariat, `kind = "council"`, noBody("initiatives"))
	// the signed scan, number and date may be completed afterwards.
	decisions.UpdateRule = allOf(ruleOversight, noBody("round", "kind", "initiatives"))
	decisions.DeleteRule = nil
	if err := app.Save(decisions); err != nil {
		return err
	}

	// initiatives: the application form (đơn yêu cầu công nhận sáng kiến).
	initiatives := core.NewBaseCollection("initiatives")
	initiatives.Fields.Add(
		// server-set
		&core.TextField{Name: "code", Max: 20, Presentable: true},
		&core.RelationField{Name: "round", Required: true, CollectionId: rounds.Id, MaxSelect: 1},
		&core.RelationField{Name: "unit", Required: true, CollectionId: units.Id, MaxSelect: 1},
		&core.RelationField{Name: "field", CollectionId: fields.Id, MaxSelect: 1},
		&core.TextField{Name: "title", Required: true, Max: 1000, Presentable: true},
		&core.JSONField{Name: "authors", MaxSize: 64 << 10},
		&core.TextField{Name: "summary", Max: 5000},
		&core.TextField{Name: "current_state", Max: textMax},
		&core.TextField{Name: "solution", Max: textMax},
		&core.TextField{Name: "novelty", Max: textMax},
		&core.DateField{Name: "first_applied"},
		&core.TextField{Name: "conditions", Max: textMax},
		&core.TextField{Name: "benefits", Max: textMax},
		&core.TextField{Name: "applied_feedback", Max: textMax},
		&core.NumberField{Name: "benefit_value", Min: f64(0)},
		&core.TextField{Name: "replicability", Max: textMax},
		&core.TextField{Name: "confidential", Max: textMax},
		&core.JSONField{Name: "trial_participants", MaxSize: 64 << 10},
		&core.FileField{
			Name: "attachments", MaxSelect: 10, MaxSize: 10 << 20,
			MimeTypes: []string{
				"application/pdf",
				"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
				"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
				"image/jpeg",
				"image/png",
			},
		},
		// server-set: who drafted it, linked author accounts, workflow and results.
		&core.RelationField{Name: "owner", CollectionId: users.Id, MaxSelect: 1},
		&core.RelationField{Name: "author_users", CollectionId: users.Id, MaxSelect: 20},
		&core.RelationField{Name: "council", CollectionId: councils.Id, MaxSelect: 1},
		&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{
			"draft", "submitted", "endorsed", "accepted", "recognized", "not_recognized", "returned", "withdrawn",
		}},
		&core.DateField{Name: "submitted_at"},
		&core.BoolField{Name: "late"},
		&core.TextField{Name: "return_reason", Max: 2000},
		&core.NumberField{Name: "result_mean"},
		&core.SelectField{Name: "result_tier", MaxSelect: 1, Values: []string{"xuat_sac", "tot", "dat"}},
		&core.NumberField{Name: "result_rank", OnlyInt: true},
		&core.BoolField{Name: "nominated"},
	)
	autodates(initiatives)
	initiatives.AddIndex("idx_initiatives_code", true, "code", "code != ''")
	initiatives.AddIndex("idx_initiatives_round_status", false, "round, status", "")
	initiatives.AddIndex("idx_initiatives_unit_status", false, "unit, status", "")
	initiatives.AddIndex("idx_initiatives_owner", false, "owner", "")
	initiatives.AddIndex("idx_initiatives_council", false, "council", "")
	initiatives.AddIndex("idx_initiatives_round_submitted", false, "round, submitted_at", "")
	initiatives.AddIndex("idx_initiatives_created", false, "created", "")
	serverSet := noBody("code", "owner", "author_users", "council", "status", "submitted_at", "late",
		"return_reason", "result_mean", "result_tier", "result_rank", "nominated")
	seeInitiative := anyOf(
		`owner = @request.auth.id`,
		`author_users:each ?= @request.auth.id`,
		`@request.auth.roles:each ?= "unit_head" && unit = @request.auth.unit && status != "draft"`,
		ruleOversight+` && status != "draft"`,
		`@request.auth.roles:each ?= "council" && council != "" && council.council_members_via_council.user ?= @request.auth.id`,
	)
	initiatives.ListRule = ptr(seeInitiative)
	initiatives.ViewRule = ptr(seeInitiative)
	initiatives.CreateRule = allOf(
		`@request.auth.roles:each ?= "staff"`,
		`unit = "" || unit = @request.auth.unit`,
		`round.status = "open"`,
		serverSet,
	)
	initiatives.UpdateRule = allOf(
		`owner = @request.auth.id`,
		`status = "draft" || status = "returned"`,
		serverSet,
		noBody("round"),
		`@request.body.unit:isset = false || @request.body.unit = @request.auth.unit`,
	)
	initiatives.DeleteRule = allOf(`owner = @request.auth.id`, `status = "draft"`)
	if err := app.Save(initiatives); err != nil {
		return err
	}

	decisions.Fields.Add(&core.RelationField{Name: "initiatives", CollectionId: initiatives.Id, MaxSelect: 5000})
	if err := app.Save(decisions); err != nil {
		return err
	}

	// scores: one sheet (phiếu chấm) per council member and initiative.
	scores := core.NewBaseCollection("scores")
	scores.Fields.Add(
		&core.RelationField{Name: "initiative", Required: true, CollectionId: initiatives.Id, MaxSelect: 1, CascadeDelete: true},
		&core.RelationField{Name: "member", Required: true, CollectionId: users.Id, MaxSelect: 1},
		&core.JSONField{Name: "points", MaxSize: 4 << 10},
		&core.NumberField{Name: "total"},
		&core.BoolField{Name: "approve"},
		&core.TextField{Name: "comment", Max: 5000},
		&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"draft", "submitted"}},
		&core.DateField{Name: "submitted_at"},
		&core.TextField{Name: "reopen_reason", Max: 2000},
	)
	autodates(scores)
	scores.AddIndex("idx_scores_initiative_member", true, "initiative, member", "")
	scores.AddIndex("idx_scores_member", false, "member", "")
	scoreServerSet := noBody("total", "status", "submitted_at", "reopen_reason")
	// a member sees their own sheets; others' submitted sheets on an
	// initiative only once their own sheet on it is submitted (the :mine
	// alias is joined once, so its three conditions hold on one sheet);
	// the secretariat and chairman see submitted sheets; an author, whatever
	// their roles, never sees the sheets of their own initiative.
	seeScore := anyOf(
		`member = @request.auth.id`,
		`initiative.owner != @request.auth.id && initiative.author_users:each != @request.auth.id && `+anyOf(
			ruleOversight+` && status = "submitted"`,
			`status = "submitted" && @collection.scores:mine.initiative ?= initiative && `+
				`@collection.scores:mine.member ?= @request.auth.id && @collection.scores:mine.status ?= "submitted"`,
		),
	)
	scores.ListRule = ptr(seeScore)
	scores.ViewRule = ptr(seeScore)
	// a member scores in their own name; which initiatives (a voting seat on
	// its council, never their own, round in review) is checked by the
	// hooks in hooks/score_sheet.go, which answer with a code for each case.
	scores.CreateRule = allOf(
		`@request.auth.roles:each ?= "council"`,
		`member = "" || member = @request.auth.id`,
		scoreServerSet,
	)
	scores.UpdateRule = allOf(`member = @request.auth.id`, `status = "draft"`, scoreServerSet, noBody("initiative", "member"))
	scores.DeleteRule = allOf(`member = @request.auth.id`, `status = "draft"`)
	if err := app.Save(scores); err != nil {
		return err
	}

	// audit_log: written by the server only, read by the secretariat and chairman.
	audit := core.NewBaseCollection("audit_log")
	audit.Fields.Add(
		&core.TextField{Name: "actor", Max: 64},
		&core.TextField{Name: "actor_name", Max: 300},
		&core.TextField{Name: "action", Required: true, Max: 64},
		&core.TextField{Name: "collection", Max: 64},
		&core.TextField{Name: "record", Max: 64},
		&core.JSONField{Name: "before", MaxSize: 1 << 20},
		&core.JSONField{Name: "after", MaxSize: 1 << 20},
		&core.TextField{Name: "reason", Max: 2000},
		&core.TextField{Name: "ip", Max: 64},
	)
	autodates(audit)
	audit.AddIndex("idx_audit_log_record", false, "collection, record", "")
	audit.AddIndex("idx_audit_log_created", false, "created", "")
	audit.AddIndex("idx_audit_log_actor", false, "actor", "")
	audit.ListRule = ptr(ruleOversight)
	audit.ViewRule = ptr(ruleOversight)
	audit.CreateRule = nil
	audit.UpdateRule = nil
	audit.DeleteRule = nil
	if err := app.Save(audit); err != nil {
		return err
	}

	// organization: the single record for document headers and signatures.
	org := core.NewBaseCollection("organization")
	org.Fields.Add(
		&core.TextField{Name: "ward_name", Required: true, Max: 200, Presentable: true},
		&core.TextField{Name: "city_name", Max: 200},
		&core.TextField{Name: "address", Max: 500},
		&core.TextField{Name: "chairman_name", Max: 200},
	)
	autodates(org)
	// the ward's name is shown on the login page, before anyone signs in.
	org.ListRule = ptr("")
	org.ViewRule = ptr("")
	org.CreateRule = nil
	org.UpdateRule = ptr(ruleSecretariat)
	org.DeleteRule = nil
	return app.Save(org)
}

// dropCollections is the down migration: it removes what createCollections
// added, in reverse order of dependency.
func dropCollections(app core.App) error {
	for _, name := range []string{
		"organization", "audit_log", "scores", "decisions", "initiatives", "council_members",
		"councils", "extensions", "criteria", "rounds", "fields",
	} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			continue
		}
		if name == "decisions" {
			// break the decisions → initiatives cycle before deleting either.
			c.Fields.RemoveByName("initiatives")
			if err := app.Save(c); err != nil {
				return err
			}
			if ini, err := app.FindCollectionByNameOrId("initiatives"); err == nil {
				if err := app.Delete(ini); err != nil {
					return err
				}
			}
		}
		if err := app.Delete(c); err != nil {
			return err
		}
	}
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	users.Fields.RemoveByName("unit")
	users.Fields.RemoveByName("roles")
	users.Fields.RemoveByName("position")
	users.RemoveIndex("idx_users_unit")
	if f, ok := users.Fields.GetByName("name").(*core.TextField); ok {
		f.Max = 255
		f.Presentable = false
	}
	// PocketBase's own rules for its users collection.
	own := "id = @request.auth.id"
	users.ListRule, users.ViewRule = ptr(own), ptr(own)
	users.CreateRule = ptr("")
	users.UpdateRule, users.DeleteRule = ptr(own), ptr(own)
	users.ManageRule = nil
	if err := app.Save(users); err != nil {
		return err
	}
	if units, err := app.FindCollectionByNameOrId("units"); err == nil {
		return app.Delete(units)
	}
	return nil
}
