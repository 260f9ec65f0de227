package main

import (
	"fmt"
	"os/exec"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

// demoPassword is every demo account's password (internal/demo).
const demoPassword = "demo12345"

// people are the accounts of a run: the staff who submit, the unit heads
// of their units and the secretariat officer.
type people struct {
	staff, heads []string
	secretariat  string
}

// makeWard fills dir with the demo ward (`program demo`) and adds n staff
// accounts (the demo's password), spread over the units that have a unit
// head, through PocketBase's record API with no hooks of the program.
func makeWard(program, dir string, n int) error {
	if out, err := exec.Command(program, "demo", "--dir", dir).CombinedOutput(); err != nil {
		return fmt.Errorf("demo: %v\n%s", err, out)
	}
	app, err := openApp(dir)
	if err != nil {
		return err
	}
	defer app.ResetBootstrapState()
	heads, err := app.FindRecordsByFilter("users", `roles ~ '"unit_head"' && active = true`, "email", 0, 0)
	if err != nil || len(heads) == 0 {
		return fmt.Errorf("the demo ward's unit heads: %v (%d)", err, len(heads))
	}
	hash := heads[0].GetString("password:hash")
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	return app.RunInTransaction(func(tx core.App) error {
		for k := range n {
			u := core.NewRecord(users)
			u.Set("email", staffEmail(k))
			u.Set("name", fmt.Sprintf("Cán bộ Nộp %03d", k+1))
			u.Set("position", "Chuyên viên")
			u.Set("unit", heads[k%len(heads)].GetString("unit"))
			u.Set("roles", []string{"staff"})
			u.Set("active", true)
			u.Set("verified", true)
			u.SetRaw("password", &core.PasswordFieldValue{Hash: hash})
			u.Set("tokenKey", security.RandomString(50))
			if err := tx.SaveNoValidate(u); err != nil {
				return err
			}
		}
		return nil
	})
}

// staffEmail is the e-mail of the k-th added staff member.
func staffEmail(k int) string { return fmt.Sprintf("nop%03d@hoankiem.test", k+1) }

// wardPeople reads from the ward in dir the accounts of a run of n staff.
func wardPeople(dir string, n int) (people, error) {
	app, err := openApp(dir)
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

// openApp bootstraps a bare PocketBase app on dir: no hooks of the
// program run in it.
func openApp(dir string) (*pocketbase.PocketBase, error) {
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: dir, DefaultDev: false})
	if err := app.Bootstrap(); err != nil {
		return nil, err
	}
	return app, nil
}
