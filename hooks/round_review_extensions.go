package hooks

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
)

// refuseRunningExtensions answers 400 extension_running, naming the units
// and the last day of their extensions (data.reason.params.units holds their
// codes), while an extension of round has not ended by the server's clock:
// moving the round to review would shut those units out of sending their
// initiatives. An extension that ends at or before the round's own
// deadline moves nothing and does not count.
func refuseRunningExtensions(tx core.App, round *core.Record) error {
	extended, err := deadline.Extended(tx, round)
	if err != nil {
		return err
	}
	type running struct {
		code, name string
		until      time.Time
	}
	var list []running
	now := clock.Of(tx).Now()
	for unitID, until := range extended {
		if deadline.Passed(now, until) {
			continue
		}
		u, err := tx.FindRecordById("units", unitID)
		if err != nil {
			return err
		}
		list = append(list, running{u.GetString("code"), u.GetString("name"), until})
	}
	if len(list) == 0 {
		return nil
	}
	slices.SortFunc(list, func(a, b running) int { return strings.Compare(a.code, b.code) })
	codes := make([]string, len(list))
	names := make([]string, len(list))
	for i, r := range list {
		codes[i] = r.code
		names[i] = r.name + " (" + deadline.Show(r.until) + ")" // the last day it may still send
	}
	return failParams(http.StatusBadRequest, "reason", "extension_running",
		map[string]any{"units": codes}, "units", strings.Join(names, ", "))
}
