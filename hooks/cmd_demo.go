package hooks

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
	"sangkien/internal/demo"
	"sangkien/internal/i18n"
	"sangkien/internal/searchindex"
)

// demoAddress is where `sangkien serve` listens by default.
const demoAddress = "http://127.0.0.1:8090"

// newDemoCommand returns `sangkien demo [--dir pb_data]`: it fills a fresh
// data folder with the demo ward and prints the accounts to try it with.
// --dir is PocketBase's own global flag.
func newDemoCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:          "demo",
		Short:        i18n.T("demo.command"),
		Example:      "sangkien demo --dir pb_data",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDemo(app, cmd.OutOrStdout(), clock.Of(app).Now())
		},
	}
}

// runDemo bootstraps app, applies the migrations (so a new folder holds
// the seeded ward), fills it as of now and prints what to log in with. A
// folder that already holds a ward's data (initiatives, its own accounts)
// is refused with a Vietnamese error, which makes the program exit non-zero.
func runDemo(app core.App, out io.Writer, now time.Time) error {
	if !app.IsBootstrapped() {
		if err := app.Bootstrap(); err != nil {
			return err
		}
	}
	if err := app.RunAllMigrations(); err != nil {
		return err
	}
	acc, err := demo.Fill(app, now)
	switch {
	case errors.Is(err, demo.ErrNotEmpty):
		return errors.New(i18n.T("demo.not_empty", "dir", app.DataDir()))
	case errors.Is(err, demo.ErrNoRound):
		return errors.New(i18n.T("demo.no_round", "year", fmt.Sprint(now.Year())))
	case err != nil:
		return err
	}
	if _, err := searchindex.Drain(app); err != nil { // the demo leaves its ward searchable
		return err
	}
	printDemo(out, acc, now, app.DataDir())
	return nil
}

// printDemo writes the demo's summary, its moved deadlines and the accounts.
func printDemo(out io.Writer, acc *demo.Accounts, now time.Time, dir string) {
	day := func(t time.Time) string { return clock.FormatDate(t) }
	fmt.Fprintf(out, "\n%s\n", i18n.T("demo.title", "ward", acc.Ward, "city", acc.City, "dir", dir))
	fmt.Fprintf(out, "  %s\n\n", i18n.T("demo.summary",
		"users", fmt.Sprint(acc.Users), "initiatives", fmt.Sprint(acc.Initiatives), "sheets", fmt.Sprint(acc.Sheets)))

	fmt.Fprintf(out, "%s\n", i18n.T("demo.schedule_title", "year", fmt.Sprint(acc.Year)))
	fmt.Fprintf(out, "  %s\n", i18n.T("demo.schedule_why", "today", day(now)))
	fmt.Fprintf(out, "  - %s\n", i18n.T("demo.schedule_deadline", "deadline", deadline.Show(acc.Deadline), "old", deadline.Show(acc.OldDeadline)))
	fmt.Fprintf(out, "  - %s\n", i18n.T("demo.schedule_extension", "until", deadline.Show(acc.ExtensionUntil), "units", strings.Join(acc.ExtendedUnits, ", ")))
	fmt.Fprintf(out, "  - %s\n", i18n.T("demo.schedule_decision", "decision", deadline.Show(acc.Decision), "old", deadline.Show(acc.OldDecision)))
	fmt.Fprintf(out, "  - %s\n", i18n.T("demo.schedule_review"))
	fmt.Fprintf(out, "  - %s\n", i18n.T("demo.past", "year", fmt.Sprint(acc.PastYear),
		"recognized", fmt.Sprint(acc.PastRecognized), "not_recognized", fmt.Sprint(acc.PastNotRecognized)))
	if acc.NextYear != 0 {
		fmt.Fprintf(out, "  - %s\n", i18n.T("demo.next", "year", fmt.Sprint(acc.NextYear), "deadline", deadline.Show(acc.NextDeadline)))
	}
	fmt.Fprintln(out)

	fmt.Fprintf(out, "%s\n", i18n.T("demo.accounts_title", "password", acc.Password))
	for _, l := range acc.Logins {
		fmt.Fprintf(out, "  %-38s %-24s %s — %s, %s\n", i18n.T("role."+l.Role), l.Email, l.Name, l.Position, l.Unit)
	}
	if acc.Superuser != "" {
		fmt.Fprintf(out, "  %-38s %-24s %s\n", i18n.T("demo.superuser"), acc.Superuser, i18n.T("demo.superuser_note"))
	} else {
		fmt.Fprintf(out, "  %-38s %s\n", i18n.T("demo.superuser"), i18n.T("demo.superuser_existing"))
	}
	fmt.Fprintf(out, "\n%s\n", i18n.T("demo.addresses_title", "dir", dir))
	fmt.Fprintf(out, "  %-38s %s/\n", i18n.T("firstrun.portal")+":", demoAddress)
	fmt.Fprintf(out, "  %-38s %s/_/\n", i18n.T("firstrun.dashboard")+":", demoAddress)
	fmt.Fprintf(out, "\n%s\n\n", i18n.T("demo.warning"))
}
