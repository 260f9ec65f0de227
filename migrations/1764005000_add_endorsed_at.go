package migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration records when a unit sent an initiative to the ward: a
// server-set `endorsed_at` on initiatives (the unit head's endorsement,
// which the deadline and the quota are about). The CRUD rules refuse it,
// and `voted` on score sheets, in the body, like the other server-set
// fields. Reminders gain the kind `endorse` (submissions waiting for the
// unit head).

func init() {
	m.Register(addEndorsedAt, dropEndorsedAt)
}

// withGuard returns rule with fragment added with &&.
func withGuard(rule *string, fragment string) *string {
	if rule == nil {
		return nil
	}
	s := *rule + " && (" + fragment + ")"
	return &s
}

// withoutGuard removes what withGuard added.
func withoutGuard(rule *string, fragment string) *string {
	if rule == nil {
		return nil
	}
	s := strings.TrimSuffix(*rule, " && ("+fragment+")")
	return &s
}

// endorsedAtGuard and votedGuard keep the server-set fields out of the CRUD API.
var (
	endorsedAtGuard = noBody("endorsed_at")
	votedGuard      = noBody("voted")
)

// addEndorsedAt is the up migration.
func addEndorsedAt(app core.App) error {
	initiatives, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	initiatives.Fields.Add(&core.DateField{Name: "endorsed_at"})
	initiatives.CreateRule = withGuard(initiatives.CreateRule, endorsedAtGuard)
	initiatives.UpdateRule = withGuard(initiatives.UpdateRule, endorsedAtGuard)
	if err := app.Save(initiatives); err != nil {
		return err
	}
	scores, err := app.FindCollectionByNameOrId("scores")
	if err != nil {
		return err
	}
	scores.CreateRule = withGuard(scores.CreateRule, votedGuard)
	scores.UpdateRule = withGuard(scores.UpdateRule, votedGuard)
	if err := app.Save(scores); err != nil {
		return err
	}
	return setReminderKinds(app, "quota", "scoring", "endorse")
}

// dropEndorsedAt is the down migration.
func dropEndorsedAt(app core.App) error {
	if err := setReminderKinds(app, "quota", "scoring"); err != nil {
		return err
	}
	scores, err := app.FindCollectionByNameOrId("scores")
	if err != nil {
		return err
	}
	scores.CreateRule = withoutGuard(scores.CreateRule, votedGuard)
	scores.UpdateRule = withoutGuard(scores.UpdateRule, votedGuard)
	if err := app.Save(scores); err != nil {
		return err
	}
	initiatives, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	initiatives.Fields.RemoveByName("endorsed_at")
	initiatives.CreateRule = withoutGuard(initiatives.CreateRule, endorsedAtGuard)
	initiatives.UpdateRule = withoutGuard(initiatives.UpdateRule, endorsedAtGuard)
	return app.Save(initiatives)
}

// setReminderKinds sets the values of reminders.kind; rows of a kind no
// longer listed are removed first (down migration).
func setReminderKinds(app core.App, kinds ...string) error {
	c, err := app.FindCollectionByNameOrId("reminders")
	if err != nil {
		return err
	}
	f, ok := c.Fields.GetByName("kind").(*core.SelectField)
	if !ok {
		return nil
	}
	quoted := make([]string, len(kinds))
	for i, k := range kinds {
		quoted[i] = "'" + k + "'"
	}
	if _, err := app.DB().NewQuery("DELETE FROM reminders WHERE kind NOT IN (" + strings.Join(quoted, ", ") + ")").Execute(); err != nil {
		return err
	}
	f.Values = kinds
	return app.Save(c)
}
