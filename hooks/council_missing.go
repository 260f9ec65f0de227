package hooks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/readers"
	"sangkien/internal/vocab"
)

// missingSheets returns, for round, each voting council member who has not
// submitted a sheet on an accepted initiative of their council that is not
// their own (order: user ids in the order found), and those initiatives
// per member (by code). The scoring reminders read it; the secretariat's
// to-do counts the same with missingCounts.
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

// missingCount is a voting member of a round's councils and how many
// sheets they still owe.
type missingCount struct {
	User    string `db:"user"`
	Name    string `db:"name"`
	Missing int    `db:"missing"`
}

// missingCounts counts, in one aggregate, what missingSheets lists: per
// voting seat of the round's councils, the council's accepted initiatives
// the member did not write and has no submitted sheet on (the list
// readers.Scored the server keeps with every sheet), summed per member,
// members in the order missingSheets finds them (councils as stored, then
// by account id, the order of the seats' index), those owing nothing left
// out. A sheet counts as the scores rule shows it to the caller me: on an
// initiative of a council where me holds a voting seat, another member's
// sheet only once me's own is submitted (the overview's count; the to-do
// must not tell a seated secretariat who has scored before it has).
// Name is the account's name, its id when it has none or is gone. The joins go councils, their seats,
// then the initiatives of the round (a council's initiatives are of its
// round: the assignment refuses council_other_round), whose every column
// here the index idx_initiatives_round_overview holds: 15 seats × 10,000
// initiatives read no initiative's row. The sheet test comes first: once
// the sheets are in it drops nearly every pair before the authors are
// read (70 → 46 ms in the SQLite shell).
func missingCounts(app core.App, round *core.Record, me string) ([]missingCount, error) {
	out := []missingCount{}
	err := app.DB().NewQuery(`SELECT m.user AS user, COALESCE(NULLIF(u.name, ''), m.user) AS name, count(*) AS missing
		FROM councils c
		CROSS JOIN council_members m ON m.council = c.id AND m.votes = TRUE
		CROSS JOIN initiatives i ON i.round = c.round AND i.council = c.id AND i.status = {:accepted}
		LEFT JOIN users u ON u.id = m.user
		LEFT JOIN council_members mine ON mine.council = c.id AND mine.user = {:me} AND mine.votes = TRUE
		WHERE c.round = {:r} AND (instr(i.` + readers.Scored + `, m.user) = 0
			OR (m.user != {:me} AND mine.id IS NOT NULL AND instr(i.` + readers.Scored + `, {:me}) = 0))
			AND i.owner != m.user AND instr(i.author_users, '"' || m.user || '"') = 0
		GROUP BY m.user ORDER BY min(c.rowid), m.user`).
		Bind(dbx.Params{"r": round.Id, "me": me, "accepted": vocab.Accepted}).All(&out)
	return out, err
}
