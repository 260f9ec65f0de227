package report

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/xuri/excelize/v2"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
	"sangkien/internal/nd30"
	"sangkien/internal/results"
	"sangkien/internal/vocab"
)

// decisionSheet writes the annex to the recognition decision (Phụ lục kèm
// Quyết định công nhận): the recognised initiatives, best first, with
// authors, their positions, unit, field, mean and tier. It is signed as
// the decision is, by the signer recorded with it (CHỦ TỊCH, or KT. CHỦ
// TỊCH / PHÓ CHỦ TỊCH), and dated as the decision; no preparer signs it.
// Before the decision is recorded its number and date are left blank.
func (b *builder) decisionSheet(first bool) error {
	st := b.st
	cols := append(b.listedCols(30, 23, 16, 17),
		col(i18n.T("report.col.field"), st.text, 17, 17),
		col(i18n.T("report.col.mean"), st.score, 9, 9),
		col(i18n.T("report.col.tier"), st.center, 10, 10))
	d := b.decision(vocab.DecisionRecognition)
	title, lines := b.titleLines(Decision)
	title = append([]string{i18n.T("report.decision.annex")}, title...)
	lines = append([]string{b.decisionBasis(d)}, lines...)
	where, keep, err := b.recognizedList()
	if err != nil {
		return err
	}
	if b.draftDecision {
		title = append([]string{i18n.T("report.decision.draft")}, title...)
		lines = append(lines, i18n.T("report.decision.draft_note"))
	}
	// the chairman, or a vice-chairman for him when he is an author; the
	// name is written by hand until the decision is recorded.
	signing, err := results.DecisionSigner(b.app, b.round.Id, d.Signer)
	if err != nil {
		return err
	}
	if d.Signer == "" {
		signing.Sign.Name = ""
	}
	doc := document{issuer: nd30.Ward(b.org.Ward), title: title, lines: lines, right: &signing.Sign, dated: d.SignedOn}
	return b.rankedList(first, Decision, cols, doc, where, keep,
		func(ini *initiative, mean any, tier string) []any {
			return append(b.listedCells(ini), b.fields[ini.Field], mean, roundTierLabel(b.tiers(), tier))
		})
}

// cityDetails are the parts of an initiative's application form that the
// city list carries.
type cityDetails struct {
	ID           string  `db:"id"`
	Summary      string  `db:"summary"`
	Benefits     string  `db:"benefits"`
	BenefitValue float64 `db:"benefit_value"`
}

// citySheet writes the city nomination list (Danh sách đề nghị cấp thành
// phố): the nominated initiatives, best first, with the authors and
// their positions, the unit, the summary, the benefits and the money
// saved, and the tier the ward gave. It cites the submission (tờ trình,
// the round's city_nomination decision: its number and date) and the
// ward's recognition decision, and is signed by the ward's chairman for
// the People's Committee, dated as the submission.
func (b *builder) citySheet(first bool) error {
	st := b.st
	cols := append(b.listedCols(20, 18, 12, 13),
		col(i18n.T("report.col.summary"), st.text, 21, 21),
		col(i18n.T("report.col.benefits"), st.text, 21, 21),
		col(i18n.T("report.col.benefit_value"), st.money, 11, 11),
		col(i18n.T("report.col.ward_tier"), st.center, 9, 9))
	cols[6].cut, cols[7].cut = true, true
	submission, recognition := b.decision(vocab.DecisionCityNomination), b.decision(vocab.DecisionRecognition)
	title, lines := b.titleLines(City)
	lines = append([]string{b.submissionLine(submission), b.recognitionLine(recognition)}, lines...)
	chairman := nd30.CommitteeChairman(b.org.Chairman)
	doc := document{issuer: nd30.Ward(b.org.Ward), title: title, lines: lines, right: &chairman, dated: submission.SignedOn}
	details, err := b.cityDetails()
	if err != nil {
		return err
	}
	return b.rankedList(first, City, cols, doc, dbx.HashExp{"nominated": true},
		func(ini *initiative) bool { return ini.Nominated },
		func(ini *initiative, mean any, tier string) []any {
			d := details[ini.ID]
			var saved any
			if d.BenefitValue > 0 {
				saved = d.BenefitValue
			}
			return append(b.listedCells(ini), d.Summary, d.Benefits, saved, roundTierLabel(b.tiers(), tier))
		})
}

// cityDetails reads the summary, benefits and money saved of the round's
// nominated initiatives (a few), by id.
func (b *builder) cityDetails() (map[string]cityDetails, error) {
	conds := []dbx.Expression{dbx.HashExp{"round": b.round.Id, "nominated": true}, dbx.NewExp("status != 'draft'")}
	if s := b.scope(); s != nil {
		conds = append(conds, s)
	}
	var rows []cityDetails
	if err := b.app.DB().Select("id", "summary", "benefits", "benefit_value").From("initiatives").
		Where(dbx.And(conds...)).All(&rows); err != nil {
		return nil, fmt.Errorf("city: %w", err)
	}
	out := make(map[string]cityDetails, len(rows))
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, nil
}

// listedCols are the first columns of a ranked list (the decision's annex,
// the city list): STT, then who and what each row is, code, title,
// authors, their positions and unit, the last four of the widths given.
func (b *builder) listedCols(title, authors, positions, unit float64) []column {
	st := b.st
	return []column{
		col(i18n.T("report.col.no"), st.number, 5, 5),
		col(i18n.T("report.col.code"), st.center, 13, 13, "SK-0000-000"),
		col(i18n.T("report.col.title"), st.text, title, title),
		col(i18n.T("report.col.authors"), st.text, authors, authors),
		col(i18n.T("report.col.position"), st.text, positions, positions),
		col(i18n.T("report.col.unit"), st.text, unit, unit),
	}
}

// listedCells are ini's cells under listedCols after STT (which
// rankedList writes).
func (b *builder) listedCells(ini *initiative) []any {
	names, positions := ini.authors()
	return []any{ini.Code, ini.Title, names, positions, b.unitName(ini.Unit)}
}

// rankedList writes a list of the initiatives that where (in SQL) and
// keep (in Go) both keep, ordered by their rank in the scoring results
// (unscored ones last, by code), with STT first and a total row. cells
// gives a row's other cells from the initiative, its mean (nil when
// unscored) and its tier.
func (b *builder) rankedList(first bool, k Kind, cols []column, doc document, where dbx.Expression,
	keep func(*initiative) bool, cells func(ini *initiative, mean any, tier string) []any) error {
	o, err := b.results()
	if err != nil {
		return err
	}
	var each func(fn func(*initiative) error) error
	if b.kept != nil {
		// the consolidated list of this workbook has read these rows already.
		rows := b.keptInOrder(o, keep)
		each = func(fn func(*initiative) error) error {
			for _, ini := range rows {
				if err := fn(ini); err != nil {
					return err
				}
			}
			return nil
		}
	} else {
		order, err := b.rankedIDs(o, where)
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		each = func(fn func(*initiative) error) error { return b.initiativesByID(order, fn) }
	}

	s, err := b.newSheet(first, i18n.T("report."+string(k)+".sheet"), cols, doc)
	if err != nil {
		return err
	}
	n := 0
	err = each(func(ini *initiative) error {
		var mean any
		tier := ini.Tier
		if res, ok := o.byID[ini.ID]; ok && res.SheetCount > 0 {
			mean = res.Mean
			if res.Tier != "" {
				tier = res.Tier
			}
		} else if ini.Mean > 0 {
			mean = ini.Mean
		}
		n++
		return s.add(append([]any{n}, cells(ini, mean, tier)...)...)
	})
	if err != nil {
		return err
	}
	if err := s.total(2, map[int]excelize.Cell{2: {StyleID: b.st.totalCount["initiatives"], Value: n}}); err != nil {
		return err
	}
	return s.finish()
}

// rankedIDs returns the ids of the initiatives that where keeps, in the
// order of rankedList: ranked ones by rank, then the others by code.
func (b *builder) rankedIDs(o *outcome, where dbx.Expression) ([]string, error) {
	// the ids are few (the chosen ones); their rows are read in batches.
	var ids []struct {
		ID   string `db:"id"`
		Code string `db:"code"`
	}
	conds := []dbx.Expression{dbx.HashExp{"round": b.round.Id}, dbx.NewExp("status != 'draft'"), where}
	if s := b.scope(); s != nil {
		conds = append(conds, s)
	}
	if err := b.app.DB().Select("id", "code").From("initiatives").Where(dbx.And(conds...)).
		OrderBy("code", "id").All(&ids); err != nil {
		return nil, err
	}
	sort.SliceStable(ids, func(i, j int) bool {
		ri, iok := o.byID[ids[i].ID]
		rj, jok := o.byID[ids[j].ID]
		if iok != jok {
			return iok
		}
		return iok && ri.Rank < rj.Rank
	})
	order := make([]string, len(ids))
	for i, r := range ids {
		order[i] = r.ID
	}
	return order, nil
}

// keptInOrder returns the kept rows that keep keeps, in the order of
// rankedList: ranked ones by rank, then the others by code and id.
func (b *builder) keptInOrder(o *outcome, keep func(*initiative) bool) []*initiative {
	type ranked struct {
		ini  *initiative
		rank int // 0 when unranked
	}
	var rows []ranked
	for id := range b.kept {
		if ini := b.kept[id]; keep(&ini) {
			r := ranked{ini: &ini}
			if res, ok := o.byID[id]; ok {
				r.rank = res.Rank
			}
			rows = append(rows, r)
		}
	}
	slices.SortFunc(rows, func(x, y ranked) int {
		switch {
		case x.rank > 0 && y.rank > 0:
			return cmp.Compare(x.rank, y.rank)
		case x.rank > 0:
			return -1
		case y.rank > 0:
			return 1
		}
		return cmp.Or(strings.Compare(x.ini.Code, y.ini.Code), strings.Compare(x.ini.ID, y.ini.ID))
	})
	out := make([]*initiative, len(rows))
	for i, r := range rows {
		out[i] = r.ini
	}
	return out
}

// decisionBasis is the line naming the recognition decision this list is
// annexed to, with blanks to fill by hand when it is not recorded yet.
func (b *builder) decisionBasis(d decisionRecord) string {
	number, date := b.numberDate(d, "report.decision.number_blank")
	return i18n.T("report.decision.basis", "number", number, "date", date, "chairman", nd30.ChairmanOf(b.org.Ward))
}

// submissionLine is the city list's line naming the submission (tờ
// trình) it goes with: the round's city_nomination decision.
func (b *builder) submissionLine(d decisionRecord) string {
	number, date := b.numberDate(d, "report.city.number_blank")
	return i18n.T("report.city.submission", "number", number, "date", date, "committee", nd30.CommitteeOf(b.org.Ward))
}

// recognitionLine is the city list's line naming the ward's decision
// that recognised the initiatives.
func (b *builder) recognitionLine(d decisionRecord) string {
	number, date := b.numberDate(d, "report.decision.number_blank")
	return i18n.T("report.city.recognized_by", "number", number, "date", date, "chairman", nd30.ChairmanOf(b.org.Ward))
}

// numberDate are a decision's number and date (dd/mm/yyyy) as a line
// cites them, blanks to fill by hand when they are not recorded.
func (b *builder) numberDate(d decisionRecord, blankKey string) (number, date string) {
	number = strings.TrimSpace(d.Number)
	if number == "" {
		number = i18n.T(blankKey)
	}
	date = i18n.T("report.decision.date_blank", "year", fmt.Sprint(b.year))
	if !d.SignedOn.IsZero() {
		date = clock.FormatDate(d.SignedOn)
	}
	return number, date
}
