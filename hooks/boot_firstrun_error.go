package hooks

import (
	"errors"
	"slices"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"

	"sangkien/internal/i18n"
)

// firstRunSettings names the environment variable behind each field of the
// first accounts.
var firstRunSettings = map[string]string{
	"email":    "SANGKIEN_ADMIN_EMAIL",
	"password": "SANGKIEN_ADMIN_PASSWORD",
}

// firstRunError is err, from saving the first accounts, as the person who
// starts the program reads it: in Vietnamese, each refused value under the
// environment variable that gave it, with its rule (PocketBase's own
// message was "password: Must be at least 8 character(s).").
func firstRunError(err error) error {
	var fields validation.Errors
	if !errors.As(err, &fields) {
		return errors.New(i18n.T("firstrun.failed", "reason", err.Error()))
	}
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	slices.Sort(names)
	parts := make([]string, 0, len(names))
	for _, name := range names {
		setting, ok := firstRunSettings[name]
		if !ok {
			setting = name
		}
		msg := fields[name].Error()
		var fe validation.Error
		if errors.As(fields[name], &fe) && i18n.Has("pb."+fe.Code()) {
			msg = fillFromMessage(i18n.T("pb."+fe.Code(), paramArgs(fe.Params())...), fe.Error())
		}
		if rule := "firstrun.rule." + name; i18n.Has(rule) {
			msg += " " + i18n.T(rule)
		}
		parts = append(parts, setting+": "+msg)
	}
	return errors.New(i18n.T("firstrun.failed", "reason", strings.Join(parts, "; ")))
}
