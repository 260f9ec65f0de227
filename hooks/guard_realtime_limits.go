package hooks

import (
	"net/http"
	"strconv"
	"sync"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// The realtime caps. The pages need a handful of subscriptions on one
// connection per open tab; the address cap is wide enough for a ward
// behind one shared address.
const (
	realtimeMaxSubscriptions = 50  // per connection
	realtimeMaxPerAccount    = 10  // connections signed in as one account
	realtimeMaxPerAddress    = 100 // connections from one client IP
)

// realtimeLimits counts the open realtime connections per client IP and
// binds connections to accounts one at a time, so that no cap is passed
// by requests racing each other.
type realtimeLimits struct {
	mu     sync.Mutex
	perIP  map[string]int
	signIn sync.Mutex
}

// newRealtimeLimits returns empty counts.
func newRealtimeLimits() *realtimeLimits {
	return &realtimeLimits{perIP: map[string]int{}}
}

// connect refuses with 429 too_many_connections a realtime connection
// from an address that holds realtimeMaxPerAddress already, and gives the
// accepted one a wardClient (record events delivered outside the save,
// see realtimeDispatch); the count drops when the connection ends.
func (l *realtimeLimits) connect(e *core.RealtimeConnectRequestEvent) error {
	ip := e.RealIP()
	l.mu.Lock()
	if l.perIP[ip] >= realtimeMaxPerAddress {
		l.mu.Unlock()
		return fail(http.StatusTooManyRequests, "connection", "too_many_connections", "max", strconv.Itoa(realtimeMaxPerAddress))
	}
	l.perIP[ip]++
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		if l.perIP[ip]--; l.perIP[ip] <= 0 {
			delete(l.perIP, ip)
		}
		l.mu.Unlock()
	}()
	e.Client = newWardClient(e.Client)
	return e.Next()
}

// bindAccount ties the connection of a subscription request to its
// account, refusing with 429 too_many_connections an account that holds
// realtimeMaxPerAccount connections already. A connection already tied to
// the account is not counted again.
func (l *realtimeLimits) bindAccount(e *core.RealtimeSubscribeRequestEvent) error {
	if e.Auth == nil || e.Auth.Collection().Name != "users" || realtimeAccountID(e.Client) == e.Auth.Id {
		return nil
	}
	l.signIn.Lock()
	defer l.signIn.Unlock()
	held := 0
	for _, c := range e.App.SubscriptionsBroker().Clients() {
		if realtimeAccountID(c) == e.Auth.Id {
			held++
		}
	}
	if held >= realtimeMaxPerAccount {
		return fail(http.StatusTooManyRequests, "subscriptions", "too_many_connections", "max", strconv.Itoa(realtimeMaxPerAccount))
	}
	if existing, _ := e.Client.Get(apis.RealtimeClientAuthKey).(*core.Record); existing == nil {
		// PocketBase sets the same a moment later; set here, under the
		// lock, the next request counts it.
		e.Client.Set(apis.RealtimeClientAuthKey, e.Auth)
	}
	return nil
}
