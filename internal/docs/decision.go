package docs

import (
	"fmt"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/nd30"
	"sangkien/internal/results"
	"sangkien/internal/vocab"
)

// Decision is the data of the recognition decision (Quyết định công nhận
// sáng kiến cấp phường) and its annex.
type Decision struct {
	Org   Org
	Head  Head
	Year  int
	Draft bool // not recorded yet: DỰ THẢO, no number, no date
	// Number and SignedOn are the recorded decision's, "" in a draft.
	Number, SignedOn T
	Council          T   // the council whose proposal the decision follows
	LegalBases       []T // the round's legal bases (căn cứ), cited first
	Items            []AnnexRow
	Sign             Sign
}

// AnnexRow is one recognised initiative in the annex.
type AnnexRow struct {
	No                                                       int
	Code, Title, Authors, Positions, Unit, Field, Mean, Tier T
}

// LoadDecision reads the recognition decision of round: the recorded one
// (its number, date, signer and the initiatives it recognised, by rank),
// or, before it is recorded, a draft listing the initiatives the scores
// recognise now.
func LoadDecision(app core.App, round *core.Record) (*Decision, error) {
	o := loadOrg(app)
	year := round.GetInt("year")
	d := &Decision{Org: o.text(), Year: year, LegalBases: legalBases(round)}
	if c, err := app.FindFirstRecordByFilter("councils", "round = {:r}", dbx.Params{"r": round.Id}); err == nil {
		d.Council = T(c.GetString("name"))
	}
	lk, err := loadLookups(app)
	if err != nil {
		return nil, err
	}
	rec := latestDecision(app, round.Id, vocab.DecisionRecognition)
	var inis []*core.Record
	means := map[string]float64{}
	tiers := map[string]string{}
	if rec != nil {
		signed := day(rec.GetDateTime("signed_on"))
		d.Number, d.SignedOn = T(rec.GetString("number")), T(shortDate(signed))
		d.Head = o.head(nd30.Ward(o.Ward), rec.GetString("number"), "QĐ-UBND", signed, year)
		signing, err := results.DecisionSigner(app, round.Id, rec.GetString("signer"))
		if err != nil {
			return nil, err
		}
		d.Sign = sign(signing.Sign)
		inis, err = app.FindRecordsByIds("initiatives", rec.GetStringSlice("initiatives"))
		if err != nil {
			return nil, err
		}
		slices.SortStableFunc(inis, func(a, b *core.Record) int { return a.GetInt("result_rank") - b.GetInt("result_rank") })
		for _, ini := range inis {
			means[ini.Id], tiers[ini.Id] = ini.GetFloat("result_mean"), ini.GetString("result_tier")
		}
	} else {
		d.Draft = true
		d.Head = o.head(nd30.Ward(o.Ward), "", "QĐ-UBND", timeZero, year)
		signing, err := results.DecisionSigner(app, round.Id, "")
		if err != nil {
			return nil, err
		}
		d.Sign = sign(signing.Sign)
		r, err := results.Load(app, round)
		if err != nil {
			return nil, err
		}
		var ids []string
		for _, res := range r.ComputeShown() {
			if res.Recognized {
				ids = append(ids, res.ID)
				means[res.ID], tiers[res.ID] = res.Mean, res.Tier
			}
		}
		found, err := app.FindRecordsByIds("initiatives", ids)
		if err != nil {
			return nil, err
		}
		byID := map[string]*core.Record{}
		for _, f := range found {
			byID[f.Id] = f
		}
		for _, id := range ids {
			if ini := byID[id]; ini != nil {
				inis = append(inis, ini)
			}
		}
	}
	for i, ini := range inis {
		as := decodeAuthors(ini.GetString("authors"))
		d.Items = append(d.Items, AnnexRow{
			No: i + 1, Code: T(ini.GetString("code")), Title: T(ini.GetString("title")),
			Authors: T(authorNames(as, "\n")), Positions: T(authorPositions(as)),
			Unit: T(lk.units[ini.GetString("unit")]), Field: T(lk.fields[ini.GetString("field")]),
			Mean: T(nd30.Decimal(means[ini.Id])), Tier: T(roundTierLabel(round, tiers[ini.Id])),
		})
	}
	return d, nil
}

// DecisionDocx is the recognition decision of round as a .docx, and its
// file name.
func DecisionDocx(app core.App, round *core.Record) ([]byte, string, error) {
	d, err := LoadDecision(app, round)
	if err != nil {
		return nil, "", err
	}
	name := fmt.Sprintf("Quyet-dinh-cong-nhan-sang-kien-%d.docx", d.Year)
	if d.Draft {
		name = fmt.Sprintf("Du-thao-Quyet-dinh-cong-nhan-sang-kien-%d.docx", d.Year)
	}
	out, err := render(app, KeyDecision, fmt.Sprintf("Quyết định công nhận sáng kiến năm %d", d.Year), d)
	return out, name, err
}
