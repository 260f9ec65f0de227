package hooks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// missingSheets returns, for round, each voting council member who has not
// submitted a sheet on an accepted initiative of their council that is not
// their own (order: user ids in the order found), and those initiatives
// per member (by code). The scoring reminder and the secretariat's to-do
// list both read it.
func missingSheets(app core.App, round *core.Record) (order []string, missing map[string][]*core.Record, err error) {
	councils, err := app.FindAllRecords("councils", dbx.HashExp{"round": round.Id})
	if err != nil {
		return nil, nil, err
	}
	missing = map[string][]*core.Record{} // user id → initiatives
	for _, c := range councils {
		inits, err := app.FindRecordsByFilter("initiatives", "council = {:c} && status = 'accepted'", "code", 0, 0, dbx.Params{"c": c.Id})
		if err != nil {
			return nil, nil, err
		}
		if len(inits) == 0 {
			continue
		}
		seats, err := app.FindAllRecords("council_members", dbx.HashExp{"council": c.Id, "votes": true})
		if err != nil {
			return nil, nil, err
		}
		for _, s := range seats {
			user := s.GetString("user")
			sheets, err := app.FindAllRecords("scores", dbx.HashExp{"member": user, "status": "submitted"})
			if err != nil {
				return nil, nil, err
			}
			done := map[string]bool{}
			for _, sh := range sheets {
				done[sh.GetString("initiative")] = true
			}
			for _, r := range inits {
				if isAuthor(r, user) || done[r.Id] {
					continue
				}
				if _, seen := missing[user]; !seen {
					order = append(order, user)
				}
				missing[user] = append(missing[user], r)
			}
		}
	}
	return order, missing, nil
}
