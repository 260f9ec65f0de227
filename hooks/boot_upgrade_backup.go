package hooks

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
)

// pendingMigrations returns the migrations (PocketBase's and the
// program's) not yet applied to app's database, and whether the folder
// holds a ward at all (one of the program's migrations applied).
func pendingMigrations(app core.App) (pending []string, hasData bool) {
	applied := appliedMigrations(app)
	for _, m := range core.AppMigrations.Items() {
		if applied[m.File] {
			hasData = true
		}
	}
	var all core.MigrationsList
	all.Copy(core.SystemMigrations)
	all.Copy(core.AppMigrations)
	for _, m := range all.Items() {
		if !applied[m.File] {
			pending = append(pending, m.File)
		}
	}
	return pending, hasData
}

// backupBeforeUpgrade takes a backup (PocketBase's own, in the configured
// backups storage) when a new version of the program is about to apply
// migrations to a folder that holds a ward, so an upgrade gone wrong is
// undone with `sangkien restore`. It returns the backup's name ("" when
// none was needed). A backup that fails stops the upgrade.
func backupBeforeUpgrade(app core.App) (string, error) {
	pending, hasData := pendingMigrations(app)
	if !hasData || len(pending) == 0 {
		return "", nil
	}
	name := "truoc_nang_cap_" + clock.Of(app).Now().UTC().Format("20060102_150405") + ".zip"
	if err := app.CreateBackup(context.Background(), name); err != nil {
		return "", fmt.Errorf("%s: %w", i18n.T("upgrade.backup_failed"), err)
	}
	app.Logger().Info("backup before migrations", slog.String("name", name), slog.Any("pending", pending))
	fmt.Fprintf(outputOf(app).Stderr, "%s\n", i18n.T("upgrade.backup_done", "name", name, "count", fmt.Sprint(len(pending))))
	return name, nil
}
