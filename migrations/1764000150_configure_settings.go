package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration names the application and its mail sender, and keeps the
// batch API off: /api/batch runs CRUD without the router middleware that
// explains refused server-set fields (the API rules still refuse them).

func init() {
	m.Register(configureSettings, nil)
}

// configureSettings is the up migration.
func configureSettings(app core.App) error {
	s := app.Settings()
	s.Meta.AppName = "Sáng kiến CCHC phường"
	s.Meta.SenderName = "Sáng kiến CCHC phường"
	s.Meta.SenderAddress = "no-reply@sangkien.local"
	s.Batch.Enabled = false
	// staff of a ward sit behind one address; a per-IP login limit would
	// lock them out on the last evening, so rate limits stay off.
	s.RateLimits.Enabled = false
	return app.Save(s)
}
