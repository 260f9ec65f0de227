package hooks

import (
	"encoding/json/jsontext"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// guardRealtimeSubscribe checks a realtime subscription request (a
// superuser's is not held back): at most realtimeMaxSubscriptions topics;
// a collection's records only for a signed-in account, without expand,
// with a filter the allowlist accepts; no topic but collections, the
// SDK's PB_CONNECT and the sign-in's @oauth2 (the city's account: the
// provider's code comes back to the signing-in page on it, no record
// data, before anyone is signed in); the account within
// realtimeMaxPerAccount connections.
//
// A filter is as much an oracle as a list's emptiness (whether an event
// arrives). The options are read by PocketBase's own code (its client's
// Subscribe), so the filter checked is the filter that runs; and options
// that two JSON readers could read two ways (a name twice, a name in
// another case, anything but "query" and "headers" with text values) are
// refused with 400 subscription_options_not_allowed.
func (l *realtimeLimits) guardRealtimeSubscribe(e *core.RealtimeSubscribeRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	if len(e.Subscriptions) > realtimeMaxSubscriptions {
		return badRequest("subscriptions", "too_many_subscriptions", "max", strconv.Itoa(realtimeMaxSubscriptions))
	}
	for _, sub := range e.Subscriptions {
		if sub == "" || sub == "PB_CONNECT" || sub == oauth2Topic {
			continue // no record data
		}
		options, err := subscriptionOptions(sub)
		if err != nil {
			return badRequest("subscriptions", "subscription_options_not_allowed")
		}
		col := subscriptionCollection(e.App, sub)
		if col == nil {
			return badRequest("subscriptions", "subscription_not_allowed", "topic", subscriptionTopic(sub))
		}
		if e.Auth == nil {
			return fail(http.StatusUnauthorized, "subscriptions", "unauthorized")
		}
		if options.Query["expand"] != "" {
			return badRequest("subscriptions", "subscription_options_not_allowed")
		}
		if filter := options.Query["filter"]; filter != "" {
			if err := checkClientQuery(col.Name, []string{filter}, nil); err != nil {
				return err
			}
		}
	}
	if err := l.bindAccount(e); err != nil {
		return err
	}
	return e.Next()
}

// oauth2Topic is the topic PocketBase's OAuth2 redirect sends the
// provider's code on, to the client named by the sign-in's state.
const oauth2Topic = "@oauth2"

// errSubscriptionOptions is the error of options refused as ambiguous.
var errSubscriptionOptions = errors.New("subscription options not allowed")

// subscriptionOptions returns the options of subscription sub exactly as
// PocketBase stores them (its subscriptions client decodes them), after
// refusing any options text that is not one plain JSON object of "query"
// and "headers", each an object of text, number or boolean values whose
// names differ in more than letter case.
func subscriptionOptions(sub string) (subscriptions.SubscriptionOptions, error) {
	if u, err := url.Parse(sub); err == nil {
		raws := u.Query()["options"]
		if len(raws) > 1 {
			return subscriptions.SubscriptionOptions{}, errSubscriptionOptions
		}
		if len(raws) == 1 && raws[0] != "" {
			if err := checkOptionsText(raws[0]); err != nil {
				return subscriptions.SubscriptionOptions{}, err
			}
		}
	}
	c := subscriptions.NewDefaultClient()
	c.Subscribe(sub)
	return c.Subscriptions()[sub], nil
}

// checkOptionsText refuses options text that two JSON readers could read
// differently: not a single object, a top-level name other than exactly
// "query" or "headers", a name given twice or in two letter cases in one
// object, a nested value, invalid UTF-8, or anything after the object.
func checkOptionsText(raw string) error {
	dec := jsontext.NewDecoder(strings.NewReader(raw))
	err := readObject(dec, func(name string) string { return name }, func(name string) error {
		if name != "query" && name != "headers" {
			return errSubscriptionOptions
		}
		switch dec.PeekKind() {
		case 'n':
			if _, err := dec.ReadToken(); err != nil {
				return errSubscriptionOptions
			}
		case '{':
			return checkOptionsObject(dec)
		default:
			return errSubscriptionOptions
		}
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := dec.ReadToken(); err == nil {
		return errSubscriptionOptions // a second value after the object
	}
	return nil
}

// checkOptionsObject reads one object of scalar values from dec, refusing
// two names equal under Unicode case folding.
func checkOptionsObject(dec *jsontext.Decoder) error {
	return readObject(dec, foldName, func(string) error {
		v, err := dec.ReadToken()
		if err != nil {
			return errSubscriptionOptions
		}
		switch v.Kind() {
		case '"', '0', 't', 'f', 'n':
			return nil
		}
		return errSubscriptionOptions
	})
}

// readObject reads one object from dec, its braces included: for each
// name, value reads what follows it. A name whose key (key(name)) an
// earlier name of the object had is refused, as is anything but an
// object.
func readObject(dec *jsontext.Decoder, key func(string) string, value func(name string) error) error {
	if tok, err := dec.ReadToken(); err != nil || tok.Kind() != '{' {
		return errSubscriptionOptions
	}
	seen := map[string]bool{}
	for dec.PeekKind() != '}' {
		tok, err := dec.ReadToken()
		if err != nil || tok.Kind() != '"' {
			return errSubscriptionOptions
		}
		name := tok.String()
		if seen[key(name)] {
			return errSubscriptionOptions
		}
		seen[key(name)] = true
		if err := value(name); err != nil {
			return err
		}
	}
	if _, err := dec.ReadToken(); err != nil { // the closing brace
		return errSubscriptionOptions
	}
	return nil
}

// foldName maps every rune of s to the smallest rune of its Unicode case
// folding orbit, so that names a case-insensitive reader would match
// ("filter", "FILTER", "ſ" for "s", "K" for "k") fold alike.
func foldName(s string) string {
	var b strings.Builder
	for _, r := range s {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			m = min(m, f)
		}
		b.WriteRune(m)
	}
	return b.String()
}

// subscriptionTopic is sub without its query ("initiatives/*").
func subscriptionTopic(sub string) string {
	topic, _, _ := strings.Cut(sub, "?")
	return topic
}

// subscriptionCollection returns the collection whose record events sub
// receives (PocketBase matches "name/…" and "name?…" by the collection's
// name or id), or nil for any other topic.
func subscriptionCollection(app core.App, sub string) *core.Collection {
	name, _, _ := strings.Cut(subscriptionTopic(sub), "/")
	if name == "" {
		return nil
	}
	col, err := app.FindCachedCollectionByNameOrId(name)
	if err != nil {
		return nil
	}
	return col
}
