package migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration turns PocketBase's per-IP rate limiter on again (1764000150
// had turned it off), for the sign-in and mail-sending routes only. A whole
// ward signs in from one public address, so the sign-in limit is generous:
// 30 attempts per 10 s from one address is 180 a minute, more than a ward's
// staff on the last evening, and far below the 20 a second an unlimited
// guesser sends. Guessing one account's password is stopped per identity
// instead (hooks/guard_sign_in.go: 5 failures in 5 minutes lock it for 5).
// Lists, views and writes stay unlimited: a shared address would hit any
// per-IP limit on them first.

func init() {
	m.Register(enableSignInRateLimits, disableSignInRateLimits)
}

// signInRateLimits are the rules this migration sets (labels as PocketBase
// tags its routes: "*:auth" is every auth-with-password, OAuth2 and OTP).
var signInRateLimits = []core.RateLimitRule{
	{Label: "*:auth", MaxRequests: 30, Duration: 10},
	{Label: "*:requestPasswordReset", MaxRequests: 5, Duration: 60},
	{Label: "*:requestVerification", MaxRequests: 5, Duration: 60},
	{Label: "*:requestEmailChange", MaxRequests: 5, Duration: 60},
	{Label: "*:requestOTP", MaxRequests: 5, Duration: 60},
}

// enableSignInRateLimits is the up migration.
func enableSignInRateLimits(app core.App) error {
	s := app.Settings()
	s.RateLimits.Enabled = true
	s.RateLimits.Rules = slices.Clone(signInRateLimits) // the table stays as written
	return app.Save(s)
}

// disableSignInRateLimits is the down migration: limits off, as before.
func disableSignInRateLimits(app core.App) error {
	s := app.Settings()
	s.RateLimits.Enabled = false
	return app.Save(s)
}
