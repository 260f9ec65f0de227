package hooks

import (
	"errors"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// errAccountInactive ends the realtime stream of an inactive account.
var errAccountInactive = errors.New("account inactive")

// closeRealtimeOfInactive ends, once an account is saved inactive, every
// realtime stream it holds (PocketBase would keep it up to 30 minutes).
func closeRealtimeOfInactive(e *core.RecordEvent) error {
	if !e.Record.GetBool("active") {
		broker := e.App.SubscriptionsBroker()
		for id, client := range broker.Clients() {
			if realtimeAccountID(client) == e.Record.Id {
				broker.Unregister(id) // closes its channel: the stream ends
			}
		}
	}
	return e.Next()
}

// refuseRealtimeToInactive checks, before every message of a stream that
// has signed in, that the account is still active in the database (a
// change made behind the hooks' back included); if not, the message is
// not sent and the stream ends.
func refuseRealtimeToInactive(e *core.RealtimeMessageEvent) error {
	id := realtimeAccountID(e.Client)
	if id == "" {
		return e.Next()
	}
	user, err := e.App.FindRecordById("users", id)
	if err != nil || !user.GetBool("active") {
		e.App.SubscriptionsBroker().Unregister(e.Client.Id())
		return errAccountInactive
	}
	return e.Next()
}

// realtimeAccountID is the id of the ward account a realtime client has
// signed in as, or "" (signed out, or a superuser).
func realtimeAccountID(client subscriptions.Client) string {
	auth, _ := client.Get(apis.RealtimeClientAuthKey).(*core.Record)
	if auth == nil || auth.Collection().Name != "users" {
		return ""
	}
	return auth.Id
}
