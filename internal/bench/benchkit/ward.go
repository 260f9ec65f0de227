// Package benchkit is what the benchmark commands (internal/bench/city,
// internal/bench/deadline) share: the ward folder a command makes once and
// keeps between runs, a bare PocketBase app on a folder, the program
// served on loopback and the request sender with its timings.
package benchkit

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

// Ward is a command's flags for its ward: -dir (the work folder),
// -program (the program's binary), -fresh (make the ward again) and the
// ward's size (city's -n initiatives, deadline's -staff accounts).
type Ward struct {
	Dir, Program *string
	Fresh        *bool
	Size         *int
}

// Size is the flag of a ward's size: its name, default and usage.
type Size struct {
	Flag    string
	Default int
	Usage   string
}

// WardFlags declares the -dir, -program and -fresh flags and the size's:
// the work folder defaults to name under the system's temporary folder,
// made says what the command does to the ward ("grown") and make what
// -fresh does again ("grow").
func WardFlags(name, made, make string, size Size) Ward {
	return Ward{
		Dir:     flag.String("dir", filepath.Join(os.TempDir(), name), "work folder (the "+made+" ward is kept there between runs)"),
		Program: flag.String("program", "./sangkien", "the program's binary"),
		Fresh:   flag.Bool("fresh", false, make+" the ward again even when the work folder holds one"),
		Size:    flag.Int(size.Flag, size.Default, size.Usage),
	}
}

// madeFile is the file of a ward's folder that says what fill made it to.
const madeFile = "made.txt"

// Master returns the folder name of the work folder holding the ward
// that fill makes to made (what the ward's size flags say, "20000").
// When it holds none, one made to something else (or by a build that did
// not say), or with -fresh, it is made again: the demo ward (`program
// demo`), then fill on it. Then the program is started on it once, which
// applies its migrations not yet in the folder (a ward made by an older
// build); each run serves a copy (Copy).
func (w Ward) Master(name, made string, fill func(dir string) error) (string, error) {
	master := filepath.Join(*w.Dir, name)
	if w.stale(master, made) {
		os.RemoveAll(master)
		if out, err := exec.Command(*w.Program, "demo", "--dir", master).CombinedOutput(); err != nil {
			return "", fmt.Errorf("demo: %v\n%s", err, out)
		}
		if err := fill(master); err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(master, madeFile), []byte(made), 0o644); err != nil {
			return "", err
		}
	}
	t0 := time.Now()
	migrate, err := Serve(*w.Program, master)
	if err != nil {
		return "", err
	}
	log.Printf("the program's first start on the folder (its pending migrations, with the backup before them): %s",
		time.Since(t0).Round(100*time.Millisecond))
	migrate.Stop()
	return master, nil
}

// stale reports whether the ward in master must be made again to made:
// with -fresh, when it holds no database, or when it was made to
// something else.
func (w Ward) stale(master, made string) bool {
	if *w.Fresh {
		return true
	}
	if _, err := os.Stat(filepath.Join(master, "data.db")); err != nil {
		return true
	}
	was, err := os.ReadFile(filepath.Join(master, madeFile))
	return err != nil || string(was) != made
}

// Copy makes dir a copy of the folder master, in place of what dir held.
func Copy(master, dir string) error {
	os.RemoveAll(dir)
	if out, err := exec.Command("cp", "-a", master, dir).CombinedOutput(); err != nil {
		return fmt.Errorf("cp: %v %s", err, out)
	}
	return nil
}

// OpenApp bootstraps a bare PocketBase app on dir: no hooks of the
// program run in it, so what it writes is only what its caller writes.
func OpenApp(dir string) (*pocketbase.PocketBase, error) {
	app := pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: dir, DefaultDev: false})
	if err := app.Bootstrap(); err != nil {
		return nil, err
	}
	return app, nil
}

// DemoHash is the password hash of the demo ward's accounts (they share
// the demo's password), read from the first account that has one.
func DemoHash(app core.App) (string, error) {
	users, err := app.FindAllRecords("users")
	if err != nil {
		return "", err
	}
	for _, u := range users {
		if h := u.GetString("password:hash"); h != "" {
			return h, nil
		}
	}
	return "", fmt.Errorf("no account of the ward has a password")
}

// NewAccount saves in tx, with no hooks, an active and verified account
// of the users collection, a Chuyên viên of unit with roles, whose password
// is hash (one the demo ward's accounts hold: the demo's password).
func NewAccount(tx core.App, users *core.Collection, hash, email, name, unit string, roles ...string) (*core.Record, error) {
	u := core.NewRecord(users)
	u.Set("email", email)
	u.Set("name", name)
	u.Set("position", "Chuyên viên")
	u.Set("unit", unit)
	u.Set("roles", roles)
	u.Set("active", true)
	u.Set("verified", true)
	u.SetRaw("password", &core.PasswordFieldValue{Hash: hash})
	u.Set("tokenKey", security.RandomString(50))
	return u, tx.SaveNoValidate(u)
}

// NewStaff saves in tx n staff accounts (NewAccount): the k-th is named
// by who(k), its e-mail and name, and is of the unit units[k%len(units)].
func NewStaff(tx core.App, users *core.Collection, hash string, n int, units []string, who func(k int) (email, name string)) ([]*core.Record, error) {
	out := make([]*core.Record, 0, n)
	for k := range n {
		email, name := who(k)
		u, err := NewAccount(tx, users, hash, email, name, units[k%len(units)], "staff")
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// Uptime is the machine's load as `uptime` tells it, for a report's head.
func Uptime() string {
	up, _ := exec.Command("uptime").Output()
	return strings.TrimSpace(string(up))
}
