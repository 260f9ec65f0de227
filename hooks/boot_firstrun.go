package hooks

import (
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"

	"sangkien/internal/deadline"
	"sangkien/internal/i18n"
	"sangkien/internal/vocab"
	"sangkien/migrations"
)

// firstRun creates, on a database with no superuser, the superuser and a
// matching ward account (secretariat role) from SANGKIEN_ADMIN_EMAIL and
// SANGKIEN_ADMIN_PASSWORD, or with a generated password printed once, so a
// fresh start needs no reading. It replaces PocketBase's installer link.
func firstRun(se *core.ServeEvent) error {
	if se.Server == nil { // a test router, not a real serve
		return se.Next()
	}
	total, err := se.App.CountRecords(core.CollectionNameSuperusers)
	if err != nil || total > 0 {
		return se.Next()
	}
	email := strings.TrimSpace(envOf(se.App).Getenv("SANGKIEN_ADMIN_EMAIL"))
	if email == "" {
		email = "admin@sangkien.local"
	}
	password := envOf(se.App).Getenv("SANGKIEN_ADMIN_PASSWORD")
	generated := password == ""
	if generated {
		password = security.RandomStringWithAlphabet(16, "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
	}
	if err := createFirstAccounts(se.App, email, password); err != nil {
		return firstRunError(err)
	}
	se.InstallerFunc = nil

	base := "http://" + displayHost(se.Server.Addr)
	fmt.Fprint(outputOf(se.App).Stdout, firstRunMessage(se.App, base, email, password, generated))
	return se.Next()
}

// firstRunMessage is what the first start prints: where the dashboard and
// the staff pages are, the account (the password only when generated), and
// the round the ward was seeded with and its deadlines, and the backups'
// schedule.
func firstRunMessage(app core.App, base, email, password string, generated bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s\n", i18n.T("firstrun.title"))
	fmt.Fprintf(&b, "  %-26s %s/_/\n", i18n.T("firstrun.dashboard")+":", base)
	fmt.Fprintf(&b, "  %-26s %s/\n", i18n.T("firstrun.portal")+":", base)
	fmt.Fprintf(&b, "  %-26s %s\n", i18n.T("firstrun.email")+":", email)
	if generated {
		fmt.Fprintf(&b, "  %-26s %s\n  %s\n", i18n.T("firstrun.password")+":", password, i18n.T("firstrun.note"))
	} else {
		fmt.Fprintf(&b, "  %-26s (SANGKIEN_ADMIN_PASSWORD)\n", i18n.T("firstrun.password")+":")
	}
	if rounds, err := app.FindRecordsByFilter("rounds", "status = 'open'", "-year", 1, 0); err == nil && len(rounds) == 1 {
		r := rounds[0]
		fmt.Fprintf(&b, "  %s\n", i18n.T("firstrun.round", "year", strconv.Itoa(r.GetInt("year")),
			"submission", deadline.Show(r.GetDateTime("submission_deadline").Time()),
			"decision", deadline.Show(r.GetDateTime("decision_deadline").Time())))
	}
	if backups := app.Settings().Backups; backups.Cron != "" {
		where := i18n.T("firstrun.backups_local")
		if backups.S3.Enabled {
			where = i18n.T("firstrun.backups_s3", "bucket", backups.S3.Bucket)
		}
		key := "firstrun.backups_cron"
		if backups.Cron == migrations.BackupCron {
			key = "firstrun.backups_nightly"
		}
		fmt.Fprintf(&b, "  %s\n", i18n.T(key, "cron", backups.Cron, "keep", strconv.Itoa(backups.CronMaxKeep), "where", where))
	}
	b.WriteString("\n")
	return b.String()
}

// createFirstAccounts saves the superuser and, unless a ward account with
// that e-mail exists, a ward account in the Culture–Society Office with the
// staff and secretariat roles, both with the same password.
func createFirstAccounts(app core.App, email, password string) error {
	return app.RunInTransaction(func(tx core.App) error {
		supers, err := tx.FindCollectionByNameOrId(core.CollectionNameSuperusers)
		if err != nil {
			return err
		}
		su := core.NewRecord(supers)
		su.SetEmail(email)
		su.SetPassword(password)
		if err := tx.Save(su); err != nil {
			return err
		}
		if _, err := tx.FindAuthRecordByEmail("users", email); err == nil {
			return nil
		}
		users, err := tx.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		u := core.NewRecord(users)
		u.SetEmail(email)
		u.SetPassword(password)
		u.SetVerified(true)
		u.Set("name", "Quản trị hệ thống")
		u.Set("position", "Cán bộ Phòng Văn hóa – Xã hội")
		u.Set("roles", []string{vocab.RoleStaff, vocab.RoleSecretariat})
		if unit, err := tx.FindFirstRecordByData("units", "code", "VHXH"); err == nil {
			u.Set("unit", unit.Id)
		}
		return tx.Save(u)
	})
}

// displayHost turns a listen address such as ":8090" or "0.0.0.0:8090"
// into one a browser on this machine can open.
func displayHost(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}
