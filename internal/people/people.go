// Package people gives the emulation office (thi đua, DOMAIN.md §6b) its
// lists: every person with an initiative recognised in a year, and one
// person's initiatives over the years, each with its outcome, tier and
// the level that recognised its effect (scope), by which decision. The
// route, the pages and the Excel read the same rows.
package people

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"sangkien/internal/clock"
	"sangkien/internal/results"
	"sangkien/internal/vocab"
)

// Scopes: the level that recognised an initiative's effect.
const (
	ScopeWard    = vocab.ScopeWard    // the ward's own decision (cấp cơ sở)
	ScopeCity    = vocab.ScopeCity    // the city's
	ScopeCountry = vocab.ScopeCountry // national
)

// Decision is a decision's number and date (yyyy-mm-dd, "" when none).
type Decision struct {
	Number string `json:"number"`
	Date   string `json:"date"`
}

// Row is one person's share in one recognised initiative of a year.
type Row struct {
	Person   string  `json:"person"` // the user id; "" for an author without an account
	Name     string  `json:"name"`
	Unit     string  `json:"unit"` // the account's unit, or the workplace written on the form
	Position string  `json:"position"`
	Share    float64 `json:"share"`
	Year     int     `json:"year"`
	Entry
}

// Entry is an initiative as the emulation office reads it.
type Entry struct {
	Initiative string `json:"initiative"`
	Code       string `json:"code"`
	Title      string `json:"title"`
	Status     string `json:"status"`
	Tier       string `json:"tier"`
	TierName   string `json:"tier_name"`
	Scope      string `json:"scope"`
	// Decision is the ward's recognition decision; ScopeDecision the
	// higher level's, for a scope above the ward.
	Decision      Decision `json:"decision"`
	ScopeDecision Decision `json:"scope_decision"`
}

// HistoryRow is one of a person's initiatives in a year.
type HistoryRow struct {
	Year  int     `json:"year"`
	Share float64 `json:"share"`
	Entry
}

// author is one author as the form holds it.
type author struct {
	Name      string  `json:"name"`
	Position  string  `json:"position"`
	Workplace string  `json:"workplace"`
	Share     float64 `json:"share"`
	User      string  `json:"user"`
}

// initiativeRow is what is read of an initiative.
type initiativeRow struct {
	ID           string `db:"id"`
	Round        string `db:"round"`
	Code         string `db:"code"`
	Title        string `db:"title"`
	Status       string `db:"status"`
	Tier         string `db:"result_tier"`
	Scope        string `db:"scope"`
	ScopeNumber  string `db:"scope_decision_number"`
	ScopeDate    string `db:"scope_decision_date"`
	Authors      string `db:"authors"`
	RoundYear    int    `db:"year"`
	RoundTiers   string `db:"tiers"`
	DecisionNo   string `db:"decision_number"`
	DecisionDate string `db:"decision_date"`
	ResultRank   int    `db:"result_rank"`
}

// selectInitiatives reads initiatives with their round's year and tiers and
// its recognition decision (the latest), where where holds.
func selectInitiatives(app core.App, where dbx.Expression) ([]initiativeRow, error) {
	var rows []initiativeRow
	err := app.DB().Select("i.id", "i.round", "i.code", "i.title", "i.status", "i.result_tier", "i.scope",
		"i.scope_decision_number", "i.scope_decision_date", "i.authors", "i.result_rank", "r.year", "r.tiers",
		"COALESCE((SELECT d.number FROM decisions d WHERE d.round = i.round AND d.kind = 'recognition' ORDER BY d.created DESC LIMIT 1), '') AS decision_number",
		"COALESCE((SELECT d.signed_on FROM decisions d WHERE d.round = i.round AND d.kind = 'recognition' ORDER BY d.created DESC LIMIT 1), '') AS decision_date").
		From("initiatives i").InnerJoin("rounds r", dbx.NewExp("r.id = i.round")).
		Where(where).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("people: initiatives: %w", err)
	}
	return rows, nil
}

// entry is the Entry of ini.
func (ini initiativeRow) entry() Entry {
	e := Entry{Initiative: ini.ID, Code: ini.Code, Title: ini.Title, Status: ini.Status, Tier: ini.Tier, Scope: ini.Scope,
		Decision: Decision{Number: ini.DecisionNo, Date: dateOnly(ini.DecisionDate)}}
	if ini.Status == "recognized" {
		if e.Scope == "" {
			e.Scope = ScopeWard
		}
		if e.Scope != ScopeWard {
			e.ScopeDecision = Decision{Number: ini.ScopeNumber, Date: dateOnly(ini.ScopeDate)}
		}
	} else {
		e.Scope = ""
	}
	if e.Tier != "" {
		e.TierName = tierName(ini.RoundTiers, e.Tier)
	}
	return e
}

// tierName is the name of tier code in a round's tiers (raw JSON), or the
// code itself.
func tierName(raw, code string) string {
	if name := results.TierName(results.RoundTiers(raw), code); name != "" {
		return name
	}
	return code
}

// dateOnly is the day of a stored date (yyyy-mm-dd in the ward's zone
// for a date-time), "" for none.
func dateOnly(stored string) string {
	if stored == "" {
		return ""
	}
	dt, err := types.ParseDateTime(stored)
	if err != nil || dt.IsZero() {
		return ""
	}
	return dt.Time().In(clock.Zone).Format("2006-01-02")
}

// Recognized lists every author of every initiative recognised in round:
// one row per author and initiative, by initiative rank then the order of
// the form's authors.
func Recognized(app core.App, round *core.Record) ([]Row, error) {
	inis, err := selectInitiatives(app, dbx.HashExp{"i.round": round.Id, "i.status": "recognized"})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(inis, func(a, b int) bool {
		if inis[a].ResultRank != inis[b].ResultRank {
			return inis[a].ResultRank < inis[b].ResultRank
		}
		return inis[a].Code < inis[b].Code
	})
	users, err := accounts(app)
	if err != nil {
		return nil, err
	}
	out := []Row{}
	for _, ini := range inis {
		var authors []author
		_ = json.Unmarshal([]byte(ini.Authors), &authors)
		for _, a := range authors {
			row := Row{Person: a.User, Name: strings.TrimSpace(a.Name), Unit: a.Workplace, Position: a.Position,
				Share: a.Share, Year: ini.RoundYear, Entry: ini.entry()}
			if u, ok := users[a.User]; ok {
				row.Unit = u.Unit
				if row.Position == "" {
					row.Position = u.Position
				}
			} else {
				row.Person = ""
			}
			out = append(out, row)
		}
	}
	return out, nil
}

// History lists the initiatives of which user is a linked author, every
// year but drafts, newest year first, then by code.
func History(app core.App, user string) ([]HistoryRow, error) {
	inis, err := selectInitiatives(app, dbx.And(
		dbx.NewExp("EXISTS (SELECT 1 FROM json_each(i.author_users) WHERE json_each.value = {:user})", dbx.Params{"user": user}),
		dbx.NewExp("i.status != 'draft'")))
	if err != nil {
		return nil, err
	}
	sort.SliceStable(inis, func(a, b int) bool {
		if inis[a].RoundYear != inis[b].RoundYear {
			return inis[a].RoundYear > inis[b].RoundYear
		}
		return inis[a].Code < inis[b].Code
	})
	out := []HistoryRow{}
	for _, ini := range inis {
		var authors []author
		_ = json.Unmarshal([]byte(ini.Authors), &authors)
		share := 0.0
		for _, a := range authors {
			if a.User == user {
				share = a.Share
			}
		}
		out = append(out, HistoryRow{Year: ini.RoundYear, Share: share, Entry: ini.entry()})
	}
	return out, nil
}

// account is what the lists show of a ward account.
type account struct {
	Unit, Position string
}

// accounts reads every ward account's unit name and position, by id.
func accounts(app core.App) (map[string]account, error) {
	var rows []struct {
		ID       string `db:"id"`
		Unit     string `db:"unit"`
		Position string `db:"position"`
	}
	err := app.DB().NewQuery(`SELECT u.id, COALESCE(n.name, '') AS unit, u.position FROM users u LEFT JOIN units n ON n.id = u.unit`).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("people: accounts: %w", err)
	}
	out := make(map[string]account, len(rows))
	for _, r := range rows {
		out[r.ID] = account{Unit: r.Unit, Position: r.Position}
	}
	return out, nil
}

// ShareText writes a share as the lists do ("60%").
func ShareText(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64) + "%"
}
