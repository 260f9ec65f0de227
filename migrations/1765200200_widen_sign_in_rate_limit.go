package migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration widens PocketBase's per-IP sign-in limit from 30 to 300
// attempts per 10 s. A ward signs in from one shared address, so a low
// per-address limit lets a few dozen junk sign-ins from inside keep a
// colleague's right password out. Guessing is held back per account and
// per source instead
// (hooks/guard_sign_in.go); the per-IP limit is left to stop a flood
// (30 a second, sustained) from taking the server's time.

func init() {
	m.Register(widenSignInRateLimit, narrowSignInRateLimit)
}

// setAuthLimit sets the "*:auth" rule's MaxRequests per 10 s, on a copy
// of the rules (the slice the settings hold may be shared with others).
func setAuthLimit(app core.App, n int) error {
	s := app.Settings()
	rules := slices.Clone(s.RateLimits.Rules)
	for i, r := range rules {
		if r.Label == "*:auth" {
			rules[i].MaxRequests = n
			rules[i].Duration = 10
		}
	}
	s.RateLimits.Rules = rules
	return app.Save(s)
}

// widenSignInRateLimit is the up migration.
func widenSignInRateLimit(app core.App) error { return setAuthLimit(app, 300) }

// narrowSignInRateLimit is the down migration: 30 per 10 s, as 1764004000.
func narrowSignInRateLimit(app core.App) error { return setAuthLimit(app, 30) }
