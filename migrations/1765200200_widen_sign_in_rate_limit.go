package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration widens PocketBase's per-IP sign-in limit from 30 to 300
// attempts per 10 s. A ward signs in from one shared address, so 31 junk
// sign-ins sent from inside it made a colleague's right password answer
// 429. Guessing is held back per account and per source instead
// (hooks/guard_sign_in.go); the per-IP limit is left to stop a flood
// (30 a second, sustained) from taking the server's time.

func init() {
	m.Register(widenSignInRateLimit, narrowSignInRateLimit)
}

// setAuthLimit sets the "*:auth" rule's MaxRequests per 10 s.
func setAuthLimit(app core.App, n int) error {
	s := app.Settings()
	for i, r := range s.RateLimits.Rules {
		if r.Label == "*:auth" {
			s.RateLimits.Rules[i].MaxRequests = n
			s.RateLimits.Rules[i].Duration = 10
		}
	}
	return app.Save(s)
}

// widenSignInRateLimit is the up migration.
func widenSignInRateLimit(app core.App) error { return setAuthLimit(app, 300) }

// narrowSignInRateLimit is the down migration: 30 per 10 s, as 1764004000.
func narrowSignInRateLimit(app core.App) error { return setAuthLimit(app, 30) }
