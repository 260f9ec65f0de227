package hooks

import (
	"errors"
	"math"
	"net/http"
	"net/mail"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
	"github.com/pocketbase/pocketbase/tools/router"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
)

// Sign-in throttling: a delay that grows with the failures, never a lock
// that someone who knows only an e-mail can turn against its owner.
//
// A source is one browser on one address: the client's IP and the device
// id the sign-in page sends (SignInDeviceHeader, a random value the browser
// keeps). After SignInFreeFailures wrong passwords of one source on one
// account, that source waits before its next try: 1 s, 2 s, 4 s … up to
// SignInMaxDelay. Other sources are not held back by it: a colleague at the
// next desk (the ward shares one address) signs in at once.
//
// Guessing from many sources is bounded per account: the failures of every
// source that has not signed in to that account before (an untrusted one)
// add up, and past SignInAccountFree they share one delay growing the same
// way, to SignInMaxDelay: at most one guess a minute on one account,
// 1,440 a day, from however many addresses. A browser that has signed in to
// the account before (its device id is remembered on success, in memory) is
// held back by its own failures only, so the owner's usual browser signs in
// with the right password within SignInMaxDelay at most whatever others
// send; a new browser shares the untrusted delay during an attack.
//
// Failures older than SignInWindow are forgotten; a right password clears
// its own source's (not others': the owner signing in gives a guesser no
// fresh tries). The owner is mailed when their account first reaches the
// shared delay (at most once an hour); the secretariat sees the accounts
// being throttled and clears one (GET /api/reform/sign-in-locks, POST
// /api/reform/sign-in-locks/clear). An address that is no account is
// counted and answered exactly like one, so the answers never tell which
// addresses are accounts.
const (
	SignInFreeFailures = 3
	SignInAccountFree  = 10
	SignInMaxDelay     = time.Minute
	SignInWindow       = 15 * time.Minute
	SignInDeviceHeader = "X-Sangkien-Device"
)

// signInTrustFor is how long a device stays trusted after a success.
const signInTrustFor = 90 * 24 * time.Hour

// signInMailEvery is the least time between two warnings to one owner.
const signInMailEvery = time.Hour

// signInLimiterKey is where an app keeps its throttle (app.Store()).
const signInLimiterKey = "sangkien.signInThrottle"

// signInThrottle holds the recent failures of every account tried.
type signInThrottle struct {
	mu       sync.Mutex
	accounts map[string]*signInAccount // by collection id, NUL, identity (lower case)
}

// signInAccount is one account's (or unknown address's) recent attempts.
type signInAccount struct {
	collection, identity string
	sources              map[string]*signInFailures // by IP, NUL, device id
	untrusted            signInFailures             // every untrusted source's failures together
	trusted              map[string]time.Time       // device id → last success
	lastIP               string
	mailed               time.Time
}

// signInFailures counts failures; last is the latest.
type signInFailures struct {
	n    int
	last time.Time
}

// current forgets f's failures when the latest is older than the window.
func (f *signInFailures) current(now time.Time) int {
	if f.n > 0 && now.Sub(f.last) >= SignInWindow {
		f.n = 0
	}
	return f.n
}

// wait is how long after f's latest failure the next try waits, free
// failures being allowed without any.
func (f *signInFailures) wait(now time.Time, free int) time.Duration {
	n := f.current(now)
	if n < free {
		return 0
	}
	d := time.Second << min(n-free, 6)
	return min(d, SignInMaxDelay) - now.Sub(f.last)
}

// throttleOf returns app's throttle, made on first use.
func throttleOf(app core.App) *signInThrottle {
	return app.Store().GetOrSet(signInLimiterKey, func() any {
		return &signInThrottle{accounts: map[string]*signInAccount{}}
	}).(*signInThrottle)
}

// account returns the state of key, made when create is set.
func (t *signInThrottle) account(key, collection, identity string, create bool) *signInAccount {
	a := t.accounts[key]
	if a == nil && create {
		a = &signInAccount{collection: collection, identity: identity,
			sources: map[string]*signInFailures{}, trusted: map[string]time.Time{}}
		t.accounts[key] = a
	}
	return a
}

// isTrusted reports whether device has signed in to a recently.
func (a *signInAccount) isTrusted(device string, now time.Time) bool {
	at, ok := a.trusted[device]
	return device != "" && ok && now.Sub(at) < signInTrustFor
}

// admit decides whether the source src (device its device id, ip its
// address) may try key now: it answers how long it still waits, or 0 and
// then counts the try as a failure already, so that tries sent together
// are let through one by one as if each had failed; succeed or undo
// take it back.
func (t *signInThrottle) admit(key, collection, identity, src, device, ip string, now time.Time) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.accounts) > 10000 {
		t.sweep(now)
	}
	a := t.account(key, collection, identity, true)
	s := a.sources[src]
	if s == nil {
		s = &signInFailures{}
		a.sources[src] = s
	}
	trusted := a.isTrusted(device, now)
	d := s.wait(now, SignInFreeFailures)
	if !trusted {
		d = max(d, a.untrusted.wait(now, SignInAccountFree))
	}
	if d > 0 {
		return d
	}
	s.n++
	s.last = now
	a.lastIP = ip
	if !trusted {
		a.untrusted.n++
		a.untrusted.last = now
	}
	return 0
}

// undo takes back a try admit counted that was no wrong password (a
// deactivated account, a server error).
func (t *signInThrottle) undo(key, src, device string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	a := t.accounts[key]
	if a == nil {
		return
	}
	if s := a.sources[src]; s != nil && s.n > 0 {
		s.n--
	}
	if !a.isTrusted(device, now) && a.untrusted.n > 0 {
		a.untrusted.n--
	}
}

// failed confirms a try admit counted as a wrong password; warn is set
// when the owner is to be told (the untrusted failures have just reached
// the shared delay, and the owner was not told within the hour).
func (t *signInThrottle) failed(key, device string, now time.Time) (warn bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	a := t.accounts[key]
	if a == nil || a.isTrusted(device, now) {
		return false
	}
	if a.untrusted.n >= SignInAccountFree && now.Sub(a.mailed) >= signInMailEvery {
		a.mailed = now
		return true
	}
	return false
}

// succeed forgets the failures of src on key after a right password (its
// own try included), and trusts device. Others' failures stay: the owner
// signing in does not give a guesser fresh tries.
func (t *signInThrottle) succeed(key, collection, identity, src, device string, now time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	a := t.account(key, collection, identity, true)
	if !a.isTrusted(device, now) && a.untrusted.n > 0 {
		a.untrusted.n-- // this try was no guess
	}
	delete(a.sources, src)
	if device != "" {
		if len(a.trusted) >= 20 {
			// the oldest goes.
			oldest := ""
			for d, at := range a.trusted {
				if oldest == "" || at.Before(a.trusted[oldest]) {
					oldest = d
				}
			}
			delete(a.trusted, oldest)
		}
		a.trusted[device] = now
	}
}

// clear forgets every failure on key (the secretariat's unlock); trusted
// devices stay.
func (t *signInThrottle) clear(key string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	a := t.accounts[key]
	if a == nil {
		return false
	}
	had := len(a.sources) > 0 || a.untrusted.n > 0
	a.sources = map[string]*signInFailures{}
	a.untrusted = signInFailures{}
	return had
}

// sweep drops the accounts with no failure in the window, no trusted
// device and no warning mailed within the hour: what a fresh account would
// hold, so that a sweep changes no answer and no mail (the owner is still
// warned at most once an hour).
func (t *signInThrottle) sweep(now time.Time) {
	for k, a := range t.accounts {
		for src, s := range a.sources {
			if s.current(now) == 0 {
				delete(a.sources, src)
			}
		}
		if len(a.sources) == 0 && a.untrusted.current(now) == 0 && len(a.trusted) == 0 && now.Sub(a.mailed) >= signInMailEvery {
			delete(t.accounts, k)
		}
	}
}

// signInLock is one throttled account as the secretariat sees it.
type signInLock struct {
	Identity  string    `json:"identity"`
	Account   string    `json:"account"` // the users record's id ("" when no account)
	Name      string    `json:"name"`
	Failures  int       `json:"failures"` // from untrusted sources, within the window
	Wait      int       `json:"wait"`     // seconds an untrusted source still waits
	LastIP    string    `json:"last_ip"`
	LastAt    time.Time `json:"last_at"`
	Throttled bool      `json:"throttled"` // untrusted sources share a delay now
}

// locks lists the ward accounts (users collection usersID) with failures
// within the window, the most recent first.
func (t *signInThrottle) locks(usersID string, now time.Time) []signInLock {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := []signInLock{}
	for _, a := range t.accounts {
		if a.collection != usersID {
			continue
		}
		n := a.untrusted.current(now)
		last := a.untrusted.last
		for _, s := range a.sources {
			if s.current(now) > 0 && s.last.After(last) {
				last = s.last
			}
		}
		if n == 0 && last.IsZero() || now.Sub(last) >= SignInWindow {
			continue
		}
		wait := max(a.untrusted.wait(now, SignInAccountFree), 0)
		out = append(out, signInLock{Identity: a.identity, Failures: n, Wait: int(math.Ceil(wait.Seconds())),
			LastIP: a.lastIP, LastAt: last, Throttled: n >= SignInAccountFree})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].LastAt.After(out[j].LastAt) })
	return out
}

// signInKey is the throttle's key of an identity of a collection.
func signInKey(collectionID, identity string) string {
	return collectionID + "\x00" + strings.ToLower(strings.TrimSpace(identity))
}

// limitSignIn throttles PocketBase's password sign-in (ward accounts and
// superusers alike): 429 too_many_attempts with the seconds to wait while
// the source waits, before the password is even checked; a try is counted
// as a failure when it is let through (tries sent together queue), a
// success takes its own back, clears its source's and trusts the device.
func limitSignIn(e *core.RecordAuthWithPasswordRequestEvent) error {
	t := throttleOf(e.App)
	identity := strings.ToLower(strings.TrimSpace(e.Identity))
	key := signInKey(e.Collection.Id, identity)
	ip := e.RealIP()
	device := strings.TrimSpace(e.Request.Header.Get(SignInDeviceHeader))
	if len(device) > 64 {
		device = device[:64]
	}
	src := ip + "\x00" + device
	now := clock.Of(e.App).Now()
	if d := t.admit(key, e.Collection.Id, identity, src, device, ip, now); d > 0 {
		return tooManyAttempts(d)
	}
	err := e.Next()
	var ae *router.ApiError
	switch {
	case err == nil:
		t.succeed(key, e.Collection.Id, identity, src, device, now)
	case errors.As(err, &ae) && ae.Status == http.StatusBadRequest:
		if t.failed(key, device, now) && e.Record != nil {
			warnOwner(e.App, e.Record, ip)
		}
	default:
		t.undo(key, src, device, now)
	}
	return err
}

// tooManyAttempts is the 429 of a source that waits d more.
func tooManyAttempts(d time.Duration) *router.ApiError {
	return fail(http.StatusTooManyRequests, "identity", "too_many_attempts",
		"seconds", strconv.Itoa(int(math.Ceil(d.Seconds()))))
}

// warnOwner mails the owner of account that wrong passwords are being
// tried on it, from ip; a failed mail is logged.
func warnOwner(app core.App, account *core.Record, ip string) {
	args := []string{"name", account.GetString("name"), "ip", ip, "failures", strconv.Itoa(SignInAccountFree),
		"url", app.Settings().Meta.AppURL}
	if account.Collection().Name == core.CollectionNameSuperusers {
		args[1] = account.Email()
	}
	body := i18n.T("mail.sign_in_failures.body", args...)
	msg := &mailer.Message{
		From:    mail.Address{Name: app.Settings().Meta.SenderName, Address: app.Settings().Meta.SenderAddress},
		To:      []mail.Address{{Name: account.GetString("name"), Address: account.Email()}},
		Subject: i18n.T("mail.sign_in_failures.subject", args...),
		HTML:    textToHTML(body),
		Text:    body + "\n\n" + i18n.T("mail.signature", "url", app.Settings().Meta.AppURL),
	}
	if err := app.NewMailClient().Send(msg); err != nil {
		app.Logger().Error("sign-in warning mail failed", "account", account.Id, "error", err)
	}
}

// signInLocksRoute handles GET /api/reform/sign-in-locks: the ward accounts
// with wrong passwords within the window (identity, the account's name,
// failures from untrusted sources, the seconds they still wait, the last
// address), for the secretariat only (the route table: http_routes.go).
func signInLocksRoute(e *core.RequestEvent) error {
	users, err := e.App.FindCachedCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	out := throttleOf(e.App).locks(users.Id, clock.Of(e.App).Now())
	for i := range out {
		if u, err := e.App.FindAuthRecordByEmail(users, out[i].Identity); err == nil {
			out[i].Account, out[i].Name = u.Id, u.GetString("name")
		}
	}
	return e.JSON(http.StatusOK, map[string]any{"items": out})
}

// clearSignInLockRoute handles POST /api/reform/sign-in-locks/clear
// {"identity"}: the secretariat forgets the failures on a ward account, so
// that every source may try at once again; written to the audit log when
// the address is an account. 404 not_found when nothing is held.
func clearSignInLockRoute(e *core.RequestEvent) error {
	identity, err := bodyText(e, "identity")
	if err != nil {
		return err
	}
	identity = strings.ToLower(identity)
	users, err := e.App.FindCachedCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	if identity == "" || !throttleOf(e.App).clear(signInKey(users.Id, identity)) {
		return notFound()
	}
	if u, err := e.App.FindAuthRecordByEmail(users, identity); err == nil {
		if err := Audit(e.App, e, "clear_sign_in_lock", u, nil, nil, ""); err != nil {
			e.App.Logger().Error("audit of a sign-in unlock failed", "error", err)
		}
	}
	return e.NoContent(http.StatusNoContent)
}
