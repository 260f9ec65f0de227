package report

import (
	"strconv"

	"github.com/xuri/excelize/v2"

	"sangkien/internal/i18n"
	"sangkien/internal/results"
)

// scoresSheet writes the table of council scores (Bảng tổng hợp kết quả
// chấm điểm): each initiative in scoring, best first, with each voting
// member's total, the per-criterion means, mean, min, max, approvals out
// of voters, tier and rank, as internal/results computes them.
func (b *builder) scoresSheet(first bool) error {
	o, err := b.results()
	if err != nil {
		return err
	}
	st := b.st
	// one column per voting member, in council and position order.
	var members []results.Member
	memberCol := map[string]int{} // member's user id → their place among the member columns
	for _, m := range o.round.Members {
		if _, seen := memberCol[m.UserID]; m.Votes && !seen {
			memberCol[m.UserID] = len(members)
			members = append(members, m)
		}
	}
	tiers := []string{tierLabel(results.TierExcellent), tierLabel(results.TierGood), tierLabel(results.TierPass), tierLabel("")}
	cols := []column{
		col(i18n.T("report.col.no"), st.number, 5, 6),
		col(i18n.T("report.col.code"), st.center, 13, 16, "SK-0000-000"),
		col(i18n.T("report.col.title"), st.text, 40, 40),
		col(i18n.T("report.col.unit"), st.text, 16, 24, b.unitNames()...),
	}
	for _, m := range members {
		h := i18n.T("report.col.member", "name", m.Name, "position", i18n.T("report.position."+m.Position))
		cols = append(cols, column{header: h, style: st.score, width: max(headerWidth(h), 11)})
	}
	for _, c := range o.round.Criteria {
		h := i18n.T("report.col.criterion", "name", c.Name, "max", strconv.FormatFloat(c.Max, 'f', -1, 64))
		cols = append(cols, column{header: h, style: st.score, width: max(headerWidth(h), 12)})
	}
	fixed := []struct {
		key   string
		style int
	}{{"mean", st.score}, {"min", st.score}, {"max", st.score}, {"approvals", st.number}, {"voters", st.number}}
	for _, c := range fixed {
		cols = append(cols, col(i18n.T("report.col."+c.key), c.style, 10, 11))
	}
	tierCol := len(cols)
	cols = append(cols, col(i18n.T("report.col.tier"), st.center, 10, 12, tiers...), col(i18n.T("report.col.rank"), st.number, 8, 9))

	title, lines := b.titleLines(Scores)
	s, err := b.newSheet(first, i18n.T("report.scores.sheet"), cols, title, append(lines, b.generatedLine()))
	if err != nil {
		return err
	}
	entryAt := make(map[string]int, len(o.round.Entries))
	for i, e := range o.round.Entries {
		entryAt[e.ID] = i
	}
	n, recognized := 0, 0
	row := make([]any, 0, len(cols))
	for _, res := range o.ranked {
		unit := o.round.Units[res.ID]
		if b.opts.Unit != "" && unit != b.opts.Unit {
			continue
		}
		entry := o.round.Entries[entryAt[res.ID]]
		n++
		row = append(row[:0], n, res.Code, o.round.Titles[res.ID], b.unitName(unit))
		totals := row[len(row) : len(row)+len(members)]
		clear(totals)
		for _, sh := range entry.Sheets {
			if c, ok := memberCol[sh.Member]; ok && totals[c] == nil {
				totals[c] = sh.Total
			}
		}
		row = row[:len(row)+len(members)]
		scored := res.SheetCount > 0
		for _, m := range res.CriterionMeans {
			row = append(row, ifScored(scored, m))
		}
		row = append(row, ifScored(scored, res.Mean), ifScored(scored, res.Min), ifScored(scored, res.Max),
			res.Approvals, res.Voters, tierLabel(res.Tier), res.Rank)
		if res.Recognized {
			recognized++
		}
		if err := s.add(row...); err != nil {
			return err
		}
	}
	if err := s.total(2, map[int]excelize.Cell{
		2:       {StyleID: st.totalCount["initiatives"], Value: n},
		tierCol: {StyleID: st.totalCount["recognized"], Value: recognized},
	}, tierCol); err != nil {
		return err
	}
	return s.finish()
}

// ifScored is v when the initiative has sheets, else an empty cell.
func ifScored(scored bool, v float64) any {
	if !scored {
		return nil
	}
	return v
}
