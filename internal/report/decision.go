package report

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/xuri/excelize/v2"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
	"sangkien/internal/results"
)

// decisionSheet writes the annex to the recognition decision (Phụ lục kèm
// Quyết định công nhận): the recognised initiatives, best first, with
// authors, unit, field, mean and tier.
func (b *builder) decisionSheet(first bool) error {
	st := b.st
	cols := []column{
		col(i18n.T("report.col.no"), st.number, 5, 6),
		col(i18n.T("report.col.code"), st.center, 13, 16, "SK-0000-000"),
		col(i18n.T("report.col.title"), st.text, 42, 42),
		col(i18n.T("report.col.authors"), st.text, 28, 28),
		col(i18n.T("report.col.position"), st.text, 18, 18),
		col(i18n.T("report.col.unit"), st.text, 16, 28, b.unitNames()...),
		col(i18n.T("report.col.field"), st.text, 16, 28, b.fieldNames()...),
		col(i18n.T("report.col.mean"), st.score, 10, 11),
		col(i18n.T("report.col.tier"), st.center, 10, 12, tierLabel(results.TierExcellent), tierLabel(results.TierGood)),
	}
	title, lines := b.titleLines(Decision)
	title = append([]string{i18n.T("report.decision.annex")}, title...)
	lines = append(append([]string{b.decisionBasis()}, lines...), b.generatedLine())
	where, keep, err := b.recognizedList()
	if err != nil {
		return err
	}
	if b.draftDecision {
		title = append([]string{i18n.T("report.decision.draft")}, title...)
		lines = append(lines, i18n.T("report.decision.draft_note"))
	}
	return b.rankedList(first, Decision, cols, title, lines, where, keep,
		func(ini *initiative, mean any, tier string) []any {
			names, positions := ini.authors()
			return []any{ini.Code, ini.Title, names, positions, b.unitName(ini.Unit), b.fields[ini.Field], mean, tierLabel(tier)}
		})
}

// citySheet writes the city nomination list (Danh sách đề nghị cấp thành
// phố): the nominated initiatives, best first.
func (b *builder) citySheet(first bool) error {
	st := b.st
	cols := []column{
		col(i18n.T("report.col.no"), st.number, 5, 6),
		col(i18n.T("report.col.code"), st.center, 13, 16, "SK-0000-000"),
		col(i18n.T("report.col.title"), st.text, 42, 42),
		col(i18n.T("report.col.authors"), st.text, 28, 28),
		col(i18n.T("report.col.unit"), st.text, 16, 28, b.unitNames()...),
		col(i18n.T("report.col.field"), st.text, 16, 28, b.fieldNames()...),
		col(i18n.T("report.col.mean"), st.score, 10, 11),
		col(i18n.T("report.col.tier"), st.center, 10, 12, tierLabel(results.TierExcellent), tierLabel(results.TierGood)),
		col(i18n.T("report.col.note"), st.text, 14, 14),
	}
	title, lines := b.titleLines(City)
	return b.rankedList(first, City, cols, title, append(lines, b.generatedLine()), dbx.HashExp{"nominated": true},
		func(ini *initiative) bool { return ini.Nominated },
		func(ini *initiative, mean any, tier string) []any {
			names, _ := ini.authors()
			return []any{ini.Code, ini.Title, names, b.unitName(ini.Unit), b.fields[ini.Field], mean, tierLabel(tier), nil}
		})
}

// rankedList writes a list of the initiatives that where (in SQL) and
// keep (in Go) both keep, ordered by their rank in the scoring results
// (unscored ones last, by code), with STT first and a total row. cells
// gives a row's other cells from the initiative, its mean (nil when
// unscored) and its tier.
func (b *builder) rankedList(first bool, k Kind, cols []column, title, lines []string, where dbx.Expression,
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

	s, err := b.newSheet(first, i18n.T("report."+string(k)+".sheet"), cols, title, lines)
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
func (b *builder) decisionBasis() string {
	var d struct {
		Number   string `db:"number"`
		SignedOn string `db:"signed_on"`
	}
	_ = b.app.DB().NewQuery(`SELECT number, signed_on FROM decisions
		WHERE round = {:round} AND kind = 'recognition' ORDER BY created DESC LIMIT 1`).
		Bind(dbx.Params{"round": b.round.Id}).One(&d)
	number := strings.TrimSpace(d.Number)
	if number == "" {
		number = i18n.T("report.decision.number_blank")
	}
	date := i18n.T("report.decision.date_blank", "year", fmt.Sprint(b.year))
	if dt, err := types.ParseDateTime(d.SignedOn); err == nil && !dt.IsZero() {
		date = clock.FormatDate(dt.Time())
	}
	return i18n.T("report.decision.basis", "number", number, "date", date, "ward", b.org.Ward)
}
