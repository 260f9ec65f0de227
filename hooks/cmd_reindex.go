package hooks

import (
	"fmt"
	"io"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"sangkien/internal/i18n"
	"sangkien/internal/searchindex"
)

// newReindexCommand returns `sangkien reindex [--similar]`: it rebuilds the
// search and near-duplicate index from the initiatives (for a damaged
// index, or a database changed behind the program's back); with --similar
// it also compares every non-draft initiative again and keeps the result.
func newReindexCommand(app core.App) *cobra.Command {
	var withSimilar bool
	cmd := &cobra.Command{
		Use:          "reindex",
		Short:        i18n.T("reindex.command"),
		Example:      "sangkien reindex --dir pb_data --similar",
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !app.IsBootstrapped() {
				if err := app.Bootstrap(); err != nil {
					return err
				}
			}
			if err := app.RunAllMigrations(); err != nil {
				return err
			}
			return runReindex(app, cmd.OutOrStdout(), withSimilar)
		},
	}
	cmd.Flags().BoolVar(&withSimilar, "similar", false, i18n.T("reindex.similar_flag"))
	return cmd
}

// runReindex rebuilds the index and, when withSimilar, the stored similar
// lists, and prints what it did.
func runReindex(app core.App, out io.Writer, withSimilar bool) error {
	start := time.Now()
	if err := searchindex.CreateTables(app); err != nil {
		return err
	}
	n, err := searchindex.Rebuild(app)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, i18n.T("reindex.done", "count", fmt.Sprint(n), "seconds", fmt.Sprintf("%.1f", time.Since(start).Seconds())))
	if !withSimilar {
		return nil
	}
	start = time.Now()
	var ids []string
	if err := app.DB().NewQuery("SELECT id FROM initiatives WHERE status != 'draft' ORDER BY id").Column(&ids); err != nil {
		return err
	}
	err = app.RunInTransaction(func(tx core.App) error {
		for _, id := range ids {
			if _, err := searchindex.Store(tx, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(out, i18n.T("reindex.similar_done", "count", fmt.Sprint(len(ids)), "seconds", fmt.Sprintf("%.1f", time.Since(start).Seconds())))
	return nil
}
