package hooks

import (
	"github.com/pocketbase/pocketbase/core"
)

// refuseSecondOrganization keeps organization a single record: every
// document header and signature reads it, so a second one (possible for a
// superuser in the dashboard) would make them ambiguous. 400
// organization_single.
func refuseSecondOrganization(e *core.RecordEvent) error {
	n, err := e.App.CountRecords("organization")
	if err != nil {
		return err
	}
	if n > 0 {
		return badRequest("ward_name", "organization_single")
	}
	return e.Next()
}
