package hooks

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
)

// checkLevel is how a finding of `sangkien check` counts.
type checkLevel int

const (
	checkOK      checkLevel = iota // nothing to do
	checkNote                      // worth knowing, not a fault
	checkProblem                   // to fix: the command exits non-zero
)

// checkFinding is one line of the report.
type checkFinding struct {
	level checkLevel
	text  string
}

// backupMaxAge is how old the newest backup may be before check reports
// it: a nightly schedule missed once is still fine, twice is not.
const backupMaxAge = 48 * time.Hour

// newCheckCommand returns `sangkien check [--dir pb_data]`: the data
// folder's health for the operator, in Vietnamese, exit status 1 when a
// problem is found. fresh says the folder did not exist before the program
// started (it is then removed again and reported missing).
func newCheckCommand(app core.App, fresh bool) *cobra.Command {
	return &cobra.Command{
		Use:          "check",
		Short:        i18n.T("check.command"),
		Example:      "sangkien check --dir pb_data",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var findings []checkFinding
			if fresh {
				findings = []checkFinding{{checkProblem, i18n.T("check.no_folder", "dir", app.DataDir())}}
				if err := app.ResetBootstrapState(); err != nil {
					return err
				}
				if err := removeAll(app.DataDir()); err != nil {
					return err
				}
			} else {
				findings = runCheck(app, clock.Of(app).Now())
			}
			return reportCheck(cmd.OutOrStdout(), app.DataDir(), findings)
		},
	}
}

// reportCheck prints the findings and returns an error when one is a problem.
func reportCheck(w io.Writer, dir string, findings []checkFinding) error {
	fmt.Fprintf(w, "\n%s\n", i18n.T("check.title", "dir", dir))
	problems := 0
	for _, f := range findings {
		mark := i18n.T("check.ok")
		switch f.level {
		case checkNote:
			mark = i18n.T("check.note")
		case checkProblem:
			mark = i18n.T("check.problem")
			problems++
		}
		fmt.Fprintf(w, "  %-9s %s\n", mark, f.text)
	}
	fmt.Fprintln(w)
	if problems > 0 {
		return errors.New(i18n.T("check.failed", "count", strconv.Itoa(problems)))
	}
	fmt.Fprintf(w, "%s\n\n", i18n.T("check.passed"))
	return nil
}

// runCheck looks at the data folder app has open: the databases'
// integrity, migrations to come, backups, mail, the site address and the
// ward's names.
func runCheck(app core.App, now time.Time) []checkFinding {
	pending, hasData := pendingMigrations(app)
	if !hasData {
		return []checkFinding{{checkProblem, i18n.T("check.no_data", "dir", app.DataDir())}}
	}
	var out []checkFinding
	add := func(l checkLevel, key string, args ...string) {
		out = append(out, checkFinding{l, i18n.T(key, args...)})
	}

	for _, db := range []struct {
		name string
		conn dbx.Builder
	}{{"data.db", app.NonconcurrentDB()}, {"auxiliary.db", app.AuxNonconcurrentDB()}} {
		var result []string
		err := db.conn.NewQuery("PRAGMA integrity_check").Column(&result)
		switch {
		case err != nil:
			add(checkProblem, "check.integrity_error", "db", db.name, "error", err.Error())
		case len(result) == 1 && result[0] == "ok":
			add(checkOK, "check.integrity_ok", "db", db.name)
		default:
			add(checkProblem, "check.integrity_bad", "db", db.name, "error", strings.Join(result, "; "))
		}
	}
	if len(pending) > 0 {
		add(checkNote, "check.pending", "count", strconv.Itoa(len(pending)))
	}

	out = append(out, checkBackups(app, now)...)

	s := app.Settings()
	switch {
	case !s.SMTP.Enabled:
		add(checkNote, "check.mail_off")
	case s.SMTP.Host == "":
		add(checkProblem, "check.mail_no_host")
	default:
		addr := net.JoinHostPort(s.SMTP.Host, strconv.Itoa(s.SMTP.Port))
		if c, err := net.DialTimeout("tcp", addr, 5*time.Second); err != nil {
			add(checkProblem, "check.mail_unreachable", "addr", addr, "error", err.Error())
		} else {
			c.Close()
			add(checkOK, "check.mail_ok", "addr", addr, "sender", s.Meta.SenderAddress)
		}
		if strings.HasSuffix(s.Meta.SenderAddress, "@sangkien.local") {
			add(checkNote, "check.mail_sender", "sender", s.Meta.SenderAddress)
		}
	}

	switch {
	case !localSiteAddress(s.Meta.AppURL):
		add(checkOK, "check.url_ok", "url", s.Meta.AppURL)
	case s.SMTP.Enabled:
		add(checkProblem, "check.url_localhost_mail", "url", s.Meta.AppURL)
	default:
		add(checkNote, "check.url_localhost", "url", s.Meta.AppURL)
	}

	if org, err := app.FindFirstRecordByFilter("organization", ""); err == nil {
		if p := organizationPlaceholders(org); len(p) > 0 {
			add(checkNote, "check.org_placeholder", "fields", strings.Join(p, ", "))
		} else {
			add(checkOK, "check.org_ok", "ward", org.GetString("ward_name"), "city", org.GetString("city_name"))
		}
	}
	return out
}

// checkBackups reports the schedule, where backups go and the newest one's
// age. A folder younger than backupMaxAge may have none yet.
func checkBackups(app core.App, now time.Time) []checkFinding {
	var out []checkFinding
	add := func(l checkLevel, key string, args ...string) {
		out = append(out, checkFinding{l, i18n.T(key, args...)})
	}
	b := app.Settings().Backups
	if b.Cron == "" {
		add(checkProblem, "check.backup_unscheduled")
	} else {
		add(checkOK, "check.backup_scheduled", "cron", b.Cron, "keep", strconv.Itoa(b.CronMaxKeep))
	}
	where := i18n.T("check.backup_local")
	if b.S3.Enabled {
		where = i18n.T("check.backup_s3", "bucket", b.S3.Bucket, "endpoint", b.S3.Endpoint)
	} else {
		add(checkNote, "check.backup_only_here")
	}
	fsys, err := app.NewBackupsFilesystem()
	if err != nil {
		add(checkProblem, "check.backup_storage_error", "where", where, "error", err.Error())
		return out
	}
	defer fsys.Close()
	objs, err := fsys.List("")
	if err != nil {
		add(checkProblem, "check.backup_storage_error", "where", where, "error", err.Error())
		return out
	}
	var newest time.Time
	name := ""
	for _, o := range objs {
		if strings.HasSuffix(o.Key, ".zip") && o.ModTime.After(newest) {
			newest, name = o.ModTime, o.Key
		}
	}
	if name == "" {
		var first int64
		_ = app.DB().Select("MIN(applied)").From(core.DefaultMigrationsTable).Row(&first)
		if first > 0 && now.Sub(time.UnixMicro(first)) > backupMaxAge {
			add(checkProblem, "check.backup_none", "where", where)
		} else {
			add(checkNote, "check.backup_none_yet", "where", where)
		}
		return out
	}
	age := now.Sub(newest)
	args := []string{"name", name, "where", where, "when", clock.FormatDateTime(newest), "hours", strconv.Itoa(int(age.Hours()))}
	if age > backupMaxAge {
		add(checkProblem, "check.backup_old", args...)
	} else {
		add(checkOK, "check.backup_recent", args...)
	}
	return out
}
