package hooks

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"sangkien/internal/clock"
)

// The per-identity sign-in lock: after SignInFailures wrong passwords for
// one identity (e-mail) within SignInWindow, that identity is refused for
// SignInLock, the right password too, whoever asks and from wherever. A
// ward sits behind one address, so the per-IP limit (migration
// 1764004000) is generous; this lock is what stops guessing one account's
// password. It answers the same for an account that does not exist, so it
// tells nobody which addresses are accounts.
const (
	SignInFailures = 5
	SignInWindow   = 5 * time.Minute
	SignInLock     = 5 * time.Minute
)

// signInLimiterKey is where an app keeps its limiter (app.Store()).
const signInLimiterKey = "sangkien.signInLimiter"

// signInLimiter counts recent failures per identity.
type signInLimiter struct {
	mu      sync.Mutex
	entries map[string]*signInEntry
}

// signInEntry is one identity's recent failures and lock.
type signInEntry struct {
	failures []time.Time // within the window, oldest first
	until    time.Time   // locked before this instant
}

// limiterOf returns app's limiter, made on first use.
func limiterOf(app core.App) *signInLimiter {
	return app.Store().GetOrSet(signInLimiterKey, func() any {
		return &signInLimiter{entries: map[string]*signInEntry{}}
	}).(*signInLimiter)
}

// locked reports whether key is locked at now.
func (l *signInLimiter) locked(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.entries[key]
	return e != nil && now.Before(e.until)
}

// fail records a failure of key at now, locking it at the limit.
func (l *signInLimiter) fail(key string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.entries) > 10000 {
		l.sweep(now)
	}
	e := l.entries[key]
	if e == nil {
		e = &signInEntry{}
		l.entries[key] = e
	}
	kept := e.failures[:0]
	for _, t := range e.failures {
		if now.Sub(t) < SignInWindow {
			kept = append(kept, t)
		}
	}
	e.failures = append(kept, now)
	if len(e.failures) >= SignInFailures {
		e.until = now.Add(SignInLock)
		e.failures = nil
	}
}

// succeed forgets key's failures after a right password.
func (l *signInLimiter) succeed(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.entries, key)
}

// sweep drops the entries with neither a lock nor a failure in the window.
func (l *signInLimiter) sweep(now time.Time) {
	for k, e := range l.entries {
		if !now.Before(e.until) && (len(e.failures) == 0 || now.Sub(e.failures[len(e.failures)-1]) >= SignInWindow) {
			delete(l.entries, k)
		}
	}
}

// limitSignIn is the per-identity lock around PocketBase's password sign-in
// (ward accounts and superusers alike): 429 too_many_attempts while the
// identity is locked, before the password is even checked; a failure is
// counted, a success clears the count.
func limitSignIn(e *core.RecordAuthWithPasswordRequestEvent) error {
	l := limiterOf(e.App)
	key := e.Collection.Id + "\x00" + strings.ToLower(strings.TrimSpace(e.Identity))
	if l.locked(key, clock.Of(e.App).Now()) {
		return tooManyAttempts()
	}
	err := e.Next()
	var ae *router.ApiError
	switch {
	case err == nil:
		l.succeed(key)
	case errors.As(err, &ae) && ae.Status == http.StatusBadRequest:
		l.fail(key, clock.Of(e.App).Now())
	}
	return err
}

// tooManyAttempts is the 429 of a locked identity.
func tooManyAttempts() *router.ApiError {
	return fail(http.StatusTooManyRequests, "identity", "too_many_attempts",
		"minutes", strconv.Itoa(int(SignInLock/time.Minute)))
}
