package docs

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"sangkien/internal/i18n"
	"sangkien/internal/nd30"
	"sangkien/internal/report"
	"sangkien/internal/results"
	"sangkien/internal/vocab"
)

// Minutes is the data of the council's minutes (Biên bản họp Hội đồng):
// one part per council of the round.
type Minutes struct {
	Org      Org
	Year     int
	Councils []CouncilMinutes
	// LegalBases are the round's legal bases (căn cứ); Rules what the
	// minutes say of the round's rules beyond Rule, one sentence each.
	LegalBases []T
	Rules      []T
	// Rule is the clause saying when an initiative is recognised, as the
	// round's settings have it (report.RecognitionRule).
	Rule T
}

// CouncilMinutes is one council's part of the minutes.
type CouncilMinutes struct {
	Head               Head
	Name               T
	Held               T // "ngày 02 tháng 10 năm 2026", the day the last sheet was submitted; blanks when none
	Place              T
	Seats, Voting      int
	Present, Absent    []Person
	Barred             []Barred
	Items              []VoteRow
	Split              []T // the initiatives whose members split, discussed at the meeting
	SplitLimit         T   // the round's spread limit: "15"
	Recognized         int
	Threshold, Ratio   T // the round's rules: "50", "2/3"
	Chair, Secretary   Sign
	ChairName, SecName T
}

// Person is a member as the minutes name them.
type Person struct {
	No                   int
	Name, Seat, Position T
}

// Barred is a member who did not judge an initiative, and why.
type Barred struct {
	Name, Codes, Reason T
}

// VoteRow is one initiative's votes and result.
type VoteRow struct {
	No                                                   int
	Code, Title, Sheets, Approvals, Mean, Result, Reason T
}

// LoadMinutes reads the minutes of round from its councils, sheets and
// results (internal/results): who sat, who scored, who was barred as an
// author, each initiative's votes and outcome.
func LoadMinutes(app core.App, round *core.Record) (*Minutes, error) {
	o := loadOrg(app)
	r, err := results.Load(app, round)
	if err != nil {
		return nil, err
	}
	m := &Minutes{Org: o.text(), Year: r.Year, LegalBases: legalBases(round), Rules: roundRules(r),
		Rule: T(report.RecognitionRule(r))}
	ranked := r.ComputeShown()
	councils, err := app.FindRecordsByFilter("councils", "round = {:r}", "created", 0, 0, dbx.Params{"r": round.Id})
	if err != nil {
		return nil, err
	}
	users, err := app.FindRecordsByFilter("users", "id != ''", "", 0, 0)
	if err != nil {
		return nil, err
	}
	userBy := map[string]*core.Record{}
	for _, u := range users {
		userBy[u.Id] = u
	}
	entries := map[string]*results.Entry{}
	for i := range r.Entries {
		entries[r.Entries[i].ID] = &r.Entries[i]
	}
	for _, c := range councils {
		cm := CouncilMinutes{Name: T(c.GetString("name")), Threshold: T(nd30.Decimal(r.Params.Threshold)),
			Ratio: T(report.RatioText(r.Params.ApprovalRatio))}
		cm.Head = o.head(nd30.WardUnit(o.Ward, c.GetString("name")), "", "", timeZero, r.Year)
		cm.Head.PlaceDate = ""
		cm.Place = T("Trụ sở " + nd30.CommitteeOf(o.Ward))
		if o.Address != "" {
			cm.Place += T(", " + o.Address)
		}
		var held struct {
			At string `db:"at"`
		}
		_ = app.DB().NewQuery(`SELECT COALESCE(NULLIF(MAX(s.submitted_at), ''), MAX(s.updated), '') AS at FROM scores s
			JOIN initiatives i ON i.id = s.initiative WHERE i.council = {:c} AND s.status = 'submitted'`).
			Bind(dbx.Params{"c": c.Id}).One(&held)
		cm.Held = T(nd30.BlankDate(r.Year))
		if dt, err := types.ParseDateTime(held.At); err == nil && !dt.IsZero() {
			cm.Held = T(nd30.Date(ward(dt.Time())))
		}

		scored := map[string]bool{} // members with a submitted sheet counted here
		var mine []results.Result
		for _, res := range ranked {
			if r.Councils[res.ID] == c.Id {
				mine = append(mine, res)
				for _, s := range entries[res.ID].Sheets {
					scored[s.Member] = true
				}
			}
		}
		seatOf := map[string]string{}
		for _, s := range r.Members {
			if s.Council != c.Id {
				continue
			}
			cm.Seats++
			seatOf[s.UserID] = s.Position
			pos := ""
			if u := userBy[s.UserID]; u != nil {
				pos = u.GetString("position")
			}
			p := Person{Name: T(s.Name), Seat: T(seatTitle(s.Position)), Position: T(pos)}
			switch s.Position {
			case vocab.PositionChair:
				cm.Chair, cm.ChairName = sign(nd30.CouncilChairOf(s.Name)), T(s.Name)
			case vocab.PositionSecretary:
				cm.Secretary, cm.SecName = sign(nd30.CouncilSecretaryOf(s.Name)), T(s.Name)
			}
			if !s.Votes {
				p.Seat += " (không biểu quyết)"
			} else {
				cm.Voting++
			}
			if scored[s.UserID] || !s.Votes {
				p.No = len(cm.Present) + 1
				cm.Present = append(cm.Present, p)
			} else {
				p.No = len(cm.Absent) + 1
				cm.Absent = append(cm.Absent, p)
			}
		}
		if cm.Chair.Head == nil {
			cm.Chair = sign(nd30.CouncilChairOf(""))
		}
		if cm.Secretary.Head == nil {
			cm.Secretary = sign(nd30.CouncilSecretaryOf(""))
		}

		// barred: a seat holder who wrote (or drafted) an initiative of this council.
		inis, err := app.FindRecordsByFilter("initiatives", "council = {:c}", "code", 0, 0, dbx.Params{"c": c.Id})
		if err != nil {
			return nil, err
		}
		barred := map[string][]string{}
		var barredOrder []string
		for _, ini := range inis {
			if !slices.Contains([]string{vocab.Accepted, vocab.Recognized, vocab.NotRecognized}, ini.GetString("status")) {
				continue
			}
			authors := append(ini.GetStringSlice("author_users"), ini.GetString("owner"))
			for _, s := range r.Members {
				if s.Council == c.Id && slices.Contains(authors, s.UserID) && !slices.Contains(barred[s.UserID], ini.GetString("code")) {
					if barred[s.UserID] == nil {
						barredOrder = append(barredOrder, s.UserID)
					}
					barred[s.UserID] = append(barred[s.UserID], ini.GetString("code"))
				}
			}
		}
		for _, uid := range barredOrder {
			name := ""
			if u := userBy[uid]; u != nil {
				name = u.GetString("name")
			}
			cm.Barred = append(cm.Barred, Barred{Name: T(name), Codes: T(strings.Join(barred[uid], ", ")),
				Reason: "là tác giả, đồng tác giả của sáng kiến nên không chấm điểm, không biểu quyết sáng kiến đó"})
		}

		for i, res := range mine {
			row := VoteRow{No: i + 1, Code: T(res.Code), Title: T(r.Titles[res.ID]),
				Sheets:    T(fmt.Sprintf("%d/%d", res.SheetCount, res.Voters)),
				Approvals: T(report.ApprovalsText(&res)),
				Mean:      T(nd30.Decimal(res.Mean))}
			if res.Recognized {
				cm.Recognized++
			}
			row.Result = T(report.OutcomeText(&res, r))
			cm.Items = append(cm.Items, row)
			if res.Split {
				limit := r.Params.SpreadLimit
				if limit <= 0 {
					limit = results.DefaultSpreadLimit
				}
				cm.SplitLimit = T(nd30.Decimal(limit))
				approvals := report.ApprovalsText(&res)
				if !res.Sealed {
					approvals = i18n.T("report.col.approvals") + " " + approvals
				}
				cm.Split = append(cm.Split, T(i18n.T("minutes.split_item", "code", res.Code, "title", r.Titles[res.ID],
					"spread", nd30.Decimal(res.Spread), "approvals", approvals)))
			}
		}
		m.Councils = append(m.Councils, cm)
	}
	return m, nil
}

// MinutesDocx is the minutes of round as a .docx, and its file name.
func MinutesDocx(app core.App, round *core.Record) ([]byte, string, error) {
	m, err := LoadMinutes(app, round)
	if err != nil {
		return nil, "", err
	}
	out, err := render(app, KeyMinutes, fmt.Sprintf("Biên bản họp Hội đồng năm %d", m.Year), m)
	return out, fmt.Sprintf("Bien-ban-hop-Hoi-dong-%d.docx", m.Year), err
}

// roundRules says, one sentence each, what the minutes add to the
// recognition clause (report.RecognitionRule): that the ballot was
// secret, the round's own tiers and quorum (report.RuleNotes).
func roundRules(r *results.Round) []T {
	var out []T
	if r.Voting == "secret" {
		out = append(out, T(i18n.T("minutes.rules.secret")))
	}
	for _, n := range report.RuleNotes(r) {
		out = append(out, T(n))
	}
	return out
}
