package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration adds what the notices need (hooks/mail_outbox.go):
//   - mail_outbox, the queue of mails to whoever must act next: one row per
//     event (state new) that the sender expands into one row per person
//     (pending), sent, retried while the mail server is down, then kept a
//     month as sent (or failed). Server-only: every API rule is nil.
//   - users.mail_off: the person does not want these mails. Only the
//     person sets it on their own account.
//   - rounds.launched_at: when the secretariat launched the movement
//     (phát động phong trào thi đua) for the round; server-set, once.

func init() {
	m.Register(createMailOutbox, dropMailOutbox)
}

// mailOffGuard lets only the account's owner set mail_off.
var mailOffGuard = noBody("mail_off") + " || @request.auth.id = id"

// launchedAtGuard keeps rounds.launched_at out of the CRUD API.
var launchedAtGuard = noBody("launched_at")

// createMailOutbox is the up migration.
func createMailOutbox(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	users.Fields.Add(&core.BoolField{Name: "mail_off"})
	users.UpdateRule = withGuard(users.UpdateRule, mailOffGuard)
	if err := app.Save(users); err != nil {
		return err
	}

	rounds, err := app.FindCollectionByNameOrId("rounds")
	if err != nil {
		return err
	}
	rounds.Fields.Add(&core.DateField{Name: "launched_at"})
	rounds.CreateRule = withGuard(rounds.CreateRule, launchedAtGuard)
	rounds.UpdateRule = withGuard(rounds.UpdateRule, launchedAtGuard)
	if err := app.Save(rounds); err != nil {
		return err
	}

	c := core.NewBaseCollection("mail_outbox")
	c.Fields.Add(
		&core.SelectField{Name: "kind", Required: true, MaxSelect: 1,
			Values: []string{"submitted", "endorsed", "returned", "review", "assigned", "decided", "launch"}},
		&core.SelectField{Name: "state", Required: true, MaxSelect: 1, Values: []string{"new", "pending", "sent", "failed"}},
		&core.TextField{Name: "record", Max: 64}, // the initiative or round the event is about
		&core.TextField{Name: "note", Max: 5000}, // the reason of a return
		&core.TextField{Name: "actor", Max: 64},  // who acted (left out of the recipients)
		&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true},
		&core.TextField{Name: "email", Max: 255},
		&core.TextField{Name: "name", Max: 255},
		&core.TextField{Name: "subject", Max: 1000},
		&core.TextField{Name: "body", Max: 200000},
		&core.NumberField{Name: "attempts", OnlyInt: true},
		&core.DateField{Name: "next_try"},
		&core.DateField{Name: "sent_at"},
		&core.TextField{Name: "error", Max: 2000},
	)
	autodates(c)
	c.AddIndex("idx_mail_outbox_state_next", false, "state, next_try", "")
	return app.Save(c)
}

// dropMailOutbox is the down migration.
func dropMailOutbox(app core.App) error {
	if c, err := app.FindCollectionByNameOrId("mail_outbox"); err == nil {
		if err := app.Delete(c); err != nil {
			return err
		}
	}
	rounds, err := app.FindCollectionByNameOrId("rounds")
	if err != nil {
		return err
	}
	rounds.Fields.RemoveByName("launched_at")
	rounds.CreateRule = withoutGuard(rounds.CreateRule, launchedAtGuard)
	rounds.UpdateRule = withoutGuard(rounds.UpdateRule, launchedAtGuard)
	if err := app.Save(rounds); err != nil {
		return err
	}
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	users.Fields.RemoveByName("mail_off")
	users.UpdateRule = withoutGuard(users.UpdateRule, mailOffGuard)
	return app.Save(users)
}
