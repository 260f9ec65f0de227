package main

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/bench/benchkit"
)

// demoPassword is every demo account's password (internal/demo).
const demoPassword = "demo12345"

// people are the accounts of a run: the staff who submit, the unit heads
// of their units and the secretariat officer.
type people struct {
	staff, heads []string
	secretariat  string
}

// addStaff adds to the demo ward in dir n staff accounts (the demo's
// password), spread over the units that have a unit head, through
// PocketBase's record API with no hooks of the program.
func addStaff(dir string, n int) error {
	app, err := benchkit.OpenApp(dir)
	if err != nil {
		return err
	}
	defer app.ResetBootstrapState()
	heads, err := app.FindRecordsByFilter("users", `roles ~ '"unit_head"' && active = true`, "email", 0, 0)
	if err != nil || len(heads) == 0 {
		return fmt.Errorf("the demo ward's unit heads: %v (%d)", err, len(heads))
	}
	hash, err := benchkit.DemoHash(app)
	if err != nil {
		return err
	}
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	var units []string
	for _, h := range heads {
		units = append(units, h.GetString("unit"))
	}
	return app.RunInTransaction(func(tx core.App) error {
		_, err := benchkit.NewStaff(tx, users, hash, n, units, func(k int) (string, string) {
			return staffEmail(k), fmt.Sprintf("Cán bộ Nộp %03d", k+1)
		})
		return err
	})
}

// staffEmail is the e-mail of the k-th added staff member.
func staffEmail(k int) string { return fmt.Sprintf("nop%03d@hoankiem.test", k+1) }

// wardPeople reads from the ward in dir the accounts of a run of n staff.
func wardPeople(dir string, n int) (people, error) {
	app, err := benchkit.OpenApp(dir)
	if err != nil {
		return people{}, err
	}
	defer app.ResetBootstrapState()
	var p people
	heads, err := app.FindRecordsByFilter("users", `roles ~ '"unit_head"' && active = true`, "email", 0, 0)
	if err != nil {
		return p, err
	}
	for _, h := range heads {
		p.heads = append(p.heads, h.Email())
	}
	office, err := app.FindFirstRecordByFilter("users", `roles ~ '"secretariat"' && active = true`)
	if err != nil {
		return p, fmt.Errorf("the secretariat: %w", err)
	}
	p.secretariat = office.Email()
	for k := range n {
		if _, err := app.FindAuthRecordByEmail("users", staffEmail(k)); err != nil {
			return p, fmt.Errorf("%s: %w (grow the ward again with -fresh)", staffEmail(k), err)
		}
		p.staff = append(p.staff, staffEmail(k))
	}
	return p, nil
}
