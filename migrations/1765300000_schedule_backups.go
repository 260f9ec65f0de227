package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration schedules PocketBase's own backups: every night at 02:00
// Hà Nội time (19:00 UTC, PocketBase's cron runs in UTC), the last 14 kept.
// Being a migration it runs once per data folder, so a schedule changed in
// the dashboard (Settings → Backups) stays as the ward set it; a schedule
// someone set before this migration ran is kept too.

func init() {
	m.Register(scheduleBackups, unscheduleBackups)
}

// BackupCron is the nightly backup schedule: 02:00 Asia/Ho_Chi_Minh.
const BackupCron = "0 19 * * *"

// BackupKeep is how many scheduled backups are kept (two weeks).
const BackupKeep = 14

// scheduleBackups is the up migration.
func scheduleBackups(app core.App) error {
	s := app.Settings()
	if s.Backups.Cron != "" {
		return nil
	}
	s.Backups.Cron = BackupCron
	s.Backups.CronMaxKeep = BackupKeep
	return app.Save(s)
}

// unscheduleBackups is the down migration: no scheduled backups, as before.
func unscheduleBackups(app core.App) error {
	s := app.Settings()
	if s.Backups.Cron != BackupCron {
		return nil
	}
	s.Backups.Cron = ""
	return app.Save(s)
}
