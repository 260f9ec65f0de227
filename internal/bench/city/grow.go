package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"sangkien/internal/bench/benchkit"
	"sangkien/internal/readers"
	"sangkien/internal/searchindex"
)

// city is what the benchmark needs to know of the grown ward: the ids its
// requests name and a signed-in token per role.
type city struct {
	Round, PastRound, OpenRound, Field, Council, Unit string
	RoundYear                                         string            // the year of Round, in the program's routes
	Tokens                                            map[string]string // role → token
	TokenUser                                         map[string]string // role → user id
	Staff, StaffID, StaffUnit                         []string          // tokens, ids and units of the bench staff, for creates and submits
	Scored                                            string            // an initiative of the review round with submitted sheets
	QueuePage                                         []string          // the first page of the council member's queue (ids, in code order)
	Admin, OtherUnit                                  string            // a superuser's token (the IT officer); a unit other than Unit
	Initiatives, Sheets, Audit, Users, Units          int
	AuditActor                                        string // the person with the most audit entries, the audit page's filter
	AuditCursor                                       string // where the audit page's page 99 (20 a page) ends as the secretariat reads it: its "next"
}

const (
	grownUnits = 60   // the demo's six and more, as a city's wards and offices
	grownStaff = 2000 // bench staff spread over the units
	auditPer   = 10   // audit rows per grown initiative
)

// grow adds to the demo ward in dir, through PocketBase's record API in
// batches of one transaction each (no hooks: the search index is written
// as the program's hook writes it), units, staff, n initiatives copied
// from the demo's with their score sheets, and audit rows.
func grow(dir string, n int) error {
	app, err := benchkit.OpenApp(dir)
	if err != nil {
		return err
	}
	defer app.ResetBootstrapState()
	rng := rand.New(rand.NewPCG(19, 2026))

	units, err := app.FindAllRecords("units")
	if err != nil {
		return err
	}
	hash, err := benchkit.DemoHash(app)
	if err != nil {
		return err
	}
	sources, err := app.FindRecordsByFilter("initiatives", "", "created", 0, 0)
	if err != nil {
		return err
	}
	rounds := map[string]int{}
	if rs, err := app.FindAllRecords("rounds"); err == nil {
		for _, r := range rs {
			rounds[r.Id] = r.GetInt("year")
		}
	}
	sheetsOf := map[string][]*core.Record{}
	allSheets, err := app.FindAllRecords("scores")
	if err != nil {
		return err
	}
	for _, s := range allSheets {
		sheetsOf[s.GetString("initiative")] = append(sheetsOf[s.GetString("initiative")], s)
	}

	unitCol, _ := app.FindCollectionByNameOrId("units")
	userCol, _ := app.FindCollectionByNameOrId("users")
	var staff []*core.Record
	err = app.RunInTransaction(func(tx core.App) error {
		for k := len(units); k < grownUnits; k++ {
			u := core.NewRecord(unitCol)
			u.Set("code", fmt.Sprintf("TDP%02d", k))
			u.Set("name", fmt.Sprintf("Tổ dân phố số %d", k))
			u.Set("kind", units[k%len(units)].GetString("kind"))
			u.Set("quota", 1)
			u.Set("active", true)
			if err := tx.SaveNoValidate(u); err != nil {
				return err
			}
			units = append(units, u)
		}
		var err error
		staff, err = benchkit.NewStaff(tx, userCol, hash, grownStaff, idsOf(units), func(k int) (string, string) {
			return fmt.Sprintf("canbo%04d@hoankiem.test", k), fmt.Sprintf("Cán bộ Thử %04d", k)
		})
		return err
	})
	if err != nil {
		return fmt.Errorf("grow units and staff: %w", err)
	}

	scoreCol, _ := app.FindCollectionByNameOrId("scores")
	seq := map[string]int{}
	const batch = 500
	for start := 0; start < n; start += batch {
		err := app.RunInTransaction(func(tx core.App) error {
			var audit []string
			params := dbx.Params{}
			for i := start; i < min(start+batch, n); i++ {
				src := sources[i%len(sources)]
				r := src.Fresh()
				r.Id = core.GenerateDefaultRandomId()
				r.MarkAsNew()
				owner := staff[rng.IntN(len(staff))]
				authors := []map[string]any{{"name": owner.GetString("name"), "position": "Chuyên viên", "workplace": "UBND phường", "share": 100, "user": owner.Id}}
				ids := []string{owner.Id}
				if rng.IntN(4) == 0 {
					co := staff[rng.IntN(len(staff))]
					if co.Id != owner.Id {
						authors[0]["share"] = 60
						authors = append(authors, map[string]any{"name": co.GetString("name"), "position": "Chuyên viên", "workplace": "UBND phường", "share": 40, "user": co.Id})
						ids = append(ids, co.Id)
					}
				}
				r.Set("owner", owner.Id)
				r.Set("author_users", ids)
				r.Set("authors", authors)
				r.Set("unit", owner.GetString("unit"))
				r.Set("title", fmt.Sprintf("%s (%d)", src.GetString("title"), i+1))
				if src.GetString("code") != "" {
					year := rounds[src.GetString("round")]
					seq[src.GetString("round")]++
					r.Set("code", fmt.Sprintf("SK-%d-%05d", year, 1000+seq[src.GetString("round")]))
				}
				at := src.GetDateTime("created").Time().Add(-time.Duration(rng.IntN(200*24)) * time.Hour)
				created, _ := types.ParseDateTime(at)
				r.SetRaw("created", created)
				r.SetRaw("updated", created)
				if err := tx.SaveNoValidate(r); err != nil {
					return err
				}
				if err := searchindex.Put(tx, r); err != nil {
					return err
				}
				for _, s := range sheetsOf[src.Id] {
					c := core.NewRecord(scoreCol)
					c.Load(s.FieldsData())
					c.Id = core.GenerateDefaultRandomId()
					c.Set("initiative", r.Id)
					if err := tx.SaveNoValidate(c); err != nil {
						return err
					}
				}
				for a := range auditPer {
					p := fmt.Sprintf("a%d_%d", i, a)
					audit = append(audit, fmt.Sprintf("({:%s_id}, 'update', {:%s_actor}, 'initiatives', {:%s_rec}, {:%s_rec}, {:%s_at}, {:%s_at}, '{}', '{}', FALSE)", p, p, p, p, p, p))
					params[p+"_id"] = core.GenerateDefaultRandomId()
					params[p+"_actor"] = owner.Id
					params[p+"_rec"] = r.Id
					params[p+"_at"] = at.Add(time.Duration(a) * time.Hour).UTC().Format(types.DefaultDateLayout)
				}
			}
			_, err := tx.DB().NewQuery("INSERT INTO audit_log (id, action, actor, collection, record, initiative, created, updated, before, after, draft) VALUES " +
				strings.Join(audit, ",")).Bind(params).Execute()
			return err
		})
		if err != nil {
			return fmt.Errorf("grow initiatives: %w", err)
		}
	}
	// the reader lists, as the program's hooks write them (the copies
	// carry their model's, for another unit, council and owner).
	return readers.RefreshAll(app)
}

// idsOf are the records' ids.
func idsOf(records []*core.Record) []string {
	out := make([]string, len(records))
	for i, r := range records {
		out[i] = r.Id
	}
	return out
}

// describe reads from the grown ward in dir the ids and tokens the
// measures use.
func describe(dir string) (*city, error) {
	app, err := benchkit.OpenApp(dir)
	if err != nil {
		return nil, err
	}
	defer app.ResetBootstrapState()
	c := &city{Tokens: map[string]string{}, TokenUser: map[string]string{}}
	one := func(sql string, out *string) error {
		if err := app.DB().NewQuery(sql).Row(out); err != nil {
			return fmt.Errorf("%s: %w", sql, err)
		}
		return nil
	}
	for _, q := range []struct {
		sql string
		out *string
	}{
		{"SELECT id FROM rounds WHERE status = 'review'", &c.Round},
		{"SELECT CAST(year AS TEXT) FROM rounds WHERE status = 'review'", &c.RoundYear},
		{"SELECT id FROM rounds WHERE status = 'decided'", &c.PastRound},
		{"SELECT id FROM rounds WHERE status = 'open'", &c.OpenRound},
		{"SELECT id FROM fields ORDER BY sort LIMIT 1", &c.Field},
		{"SELECT id FROM councils WHERE round = (SELECT id FROM rounds WHERE status = 'review')", &c.Council},
		{"SELECT initiative FROM scores WHERE status = 'submitted' AND initiative IN (SELECT id FROM initiatives WHERE round = (SELECT id FROM rounds WHERE status = 'review')) LIMIT 1", &c.Scored},
		{"SELECT id FROM units WHERE id != (SELECT unit FROM users WHERE email = 'hanhdt@hoankiem.test') ORDER BY id LIMIT 1", &c.OtherUnit},
	} {
		if err := one(q.sql, q.out); err != nil {
			return nil, err
		}
	}
	// one account per role: the demo's, and a grown staff member with
	// initiatives of their own.
	for role, email := range map[string]string{
		"secretariat": "longlh@hoankiem.test", "unit_head": "hanhdt@hoankiem.test",
		"council": "hantt@hoankiem.test", "chairman": "luongct@hoankiem.test", "staff": "canbo0001@hoankiem.test",
	} {
		u, err := app.FindAuthRecordByEmail("users", email)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", email, err)
		}
		if c.Tokens[role], err = u.NewAuthToken(); err != nil {
			return nil, err
		}
		c.TokenUser[role] = u.Id
		if role == "unit_head" {
			c.Unit = u.GetString("unit")
		}
	}
	// the council page's first page of the member's queue (hooks.QueueFilter)
	if err := app.DB().NewQuery("SELECT id FROM initiatives WHERE council = {:c} AND owner != {:me} AND author_users NOT LIKE {:like} ORDER BY code, created LIMIT {:n}").
		Bind(dbx.Params{"c": c.Council, "me": c.TokenUser["council"], "like": "%" + c.TokenUser["council"] + "%", "n": queuePage}).Column(&c.QueuePage); err != nil {
		return nil, err
	}
	admins, err := app.FindAllRecords(core.CollectionNameSuperusers)
	if err != nil || len(admins) == 0 {
		return nil, fmt.Errorf("no superuser in the folder: %v", err)
	}
	if c.Admin, err = admins[0].NewAuthToken(); err != nil {
		return nil, err
	}
	staff, err := app.FindRecordsByFilter("users", "email ~ 'canbo0%@hoankiem.test'", "email", 64, 0)
	if err != nil {
		return nil, err
	}
	for _, u := range staff {
		t, err := u.NewAuthToken()
		if err != nil {
			return nil, err
		}
		c.Staff = append(c.Staff, t)
		c.StaffID = append(c.StaffID, u.Id)
		c.StaffUnit = append(c.StaffUnit, u.GetString("unit"))
	}
	for _, q := range []struct {
		sql string
		out *int
	}{
		{"SELECT count(*) FROM initiatives", &c.Initiatives}, {"SELECT count(*) FROM scores", &c.Sheets},
		{"SELECT count(*) FROM audit_log", &c.Audit}, {"SELECT count(*) FROM users", &c.Users},
		{"SELECT count(*) FROM units", &c.Units},
	} {
		if err := app.DB().NewQuery(q.sql).Row(q.out); err != nil {
			return nil, err
		}
	}
	if err := app.DB().NewQuery("SELECT actor FROM audit_log GROUP BY actor ORDER BY count(*) DESC, actor LIMIT 1").Row(&c.AuditActor); err != nil {
		return nil, err
	}
	// drafts' entries are hidden from the secretariat (the grown log holds
	// no sheets' entries, the other entries the rule may hide)
	var at string
	var row int64
	if err := app.DB().NewQuery("SELECT created, rowid FROM audit_log WHERE draft = FALSE ORDER BY created DESC, rowid DESC LIMIT 1 OFFSET 1979").Row(&at, &row); err != nil {
		return nil, err
	}
	c.AuditCursor = fmt.Sprintf("%s~%d", at, row)
	return c, nil
}

// plainRules sets the initiatives list, view, create and update rules of
// the folder dir to "signed in", the third column of the comparison (the
// update rule for the submit's floor, a PATCH of the same fields).
func plainRules(dir string) error {
	app, err := benchkit.OpenApp(dir)
	if err != nil {
		return err
	}
	defer app.ResetBootstrapState()
	col, err := app.FindCollectionByNameOrId("initiatives")
	if err != nil {
		return err
	}
	rule := `@request.auth.id != ""`
	col.ListRule, col.ViewRule, col.CreateRule, col.UpdateRule = &rule, &rule, &rule, &rule
	return app.Save(col)
}
