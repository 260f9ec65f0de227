package hooks

import "github.com/pocketbase/pocketbase/core"

// mailOn says whether the ward sends mail (SMTP on in the settings). It
// reads under the settings' lock (Clone): a save of the settings merges
// into the same value, under that lock, while the outbox's goroutine or a
// request reads it.
func mailOn(app core.App) bool {
	s, err := app.Settings().Clone()
	return err == nil && s.SMTP.Enabled
}
