package hooks

import "github.com/pocketbase/pocketbase/tools/subscriptions"

// RealtimeOptions returns the options of a subscription as the realtime
// guard reads them, or the error that refuses them (exported for the tests
// of package hooks_test).
func RealtimeOptions(sub string) (subscriptions.SubscriptionOptions, error) {
	return subscriptionOptions(sub)
}
