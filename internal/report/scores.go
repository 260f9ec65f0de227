package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"sangkien/internal/i18n"
	"sangkien/internal/nd30"
	"sangkien/internal/results"
)

// memberWidth is the width of a member's column in the members' table
// (a name's word longer than that wraps inside it): fixed, so that the
// number of sheets follows from the number of members alone.
const memberWidth = 10

// memberFixed are the widths of the members' table's first columns: STT,
// code, title.
var memberFixed = []float64{7, 13, 24}

// membersPerSheet is how many members' columns one sheet of the members'
// table holds and still prints at a readable size: a larger council's
// members go on several sheets, each a page wide.
var membersPerSheet = int((maxTableUnits(true) - memberFixed[0] - memberFixed[1] - memberFixed[2]) / memberWidth)

// memberSheets is the number of sheets of the members' table of a round
// with members voting members (none without members).
func memberSheets(members int) int {
	return (members + membersPerSheet - 1) / membersPerSheet
}

// memberSheetName is the name of members' sheet i (0-based).
func memberSheetName(i int) string {
	name := i18n.T("report.members.sheet")
	if i > 0 {
		name += fmt.Sprintf(" (%d)", i+1)
	}
	return name
}

// councilDocument is the issuing body and signatures of the council's
// tables: the council under the ward when the round has one council (the
// ward alone otherwise), signed by its secretary (left) and its chair
// (right), dated the day they are made.
func (b *builder) councilDocument(title, lines []string) document {
	c := b.roundCouncil()
	doc := document{issuer: nd30.Ward(b.org.Ward), title: title, lines: lines, dated: b.opts.Now}
	if c.Single && strings.TrimSpace(c.Name) != "" {
		doc.issuer = nd30.WardUnit(b.org.Ward, c.Name)
	}
	secretary, chair := nd30.CouncilSecretaryOf(c.Secretary), nd30.CouncilChairOf(c.Chair)
	doc.left, doc.right = &secretary, &chair
	return doc
}

// scoresSheet writes the table of council scores (Bảng tổng hợp kết quả
// chấm điểm): each initiative in scoring, best first, with the
// per-criterion means, mean, min, max, approvals out of voters, the
// outcome and why (recognised with its tier, or not and for what reason;
// a split to discuss, with the spread of the totals), and rank, as
// internal/results computes them. Each member's total follows on the
// members' sheets (membersSheet).
func (b *builder) scoresSheet(first bool) error {
	o, err := b.results()
	if err != nil {
		return err
	}
	st := b.st
	cols := []column{
		col(i18n.T("report.col.no"), st.number, 5, 5),
		col(i18n.T("report.col.code"), st.center, 13, 13, "SK-0000-000"),
		col(i18n.T("report.col.title_unit"), st.text, 28, 28),
	}
	for _, c := range o.round.Criteria {
		h := i18n.T("report.col.criterion", "name", c.Name, "max", nd30.Decimal(c.Max))
		cols = append(cols, column{header: h, style: st.score, width: max(headerWidth(h), 9)})
	}
	fixed := []struct {
		key   string
		style int
		width float64
	}{{"mean", st.score, 8}, {"min", st.score, 7}, {"max", st.score, 7}, {"approvals", st.number, 8}, {"voters", st.number, 8}}
	for _, c := range fixed {
		cols = append(cols, col(i18n.T("report.col."+c.key), c.style, c.width, c.width))
	}
	outcomeCol := len(cols)
	cols = append(cols, col(i18n.T("report.col.outcome"), st.text, 18, 18), col(i18n.T("report.col.rank"), st.number, 6, 6))

	title, lines := b.titleLines(Scores)
	lines = append(lines, b.outcomeRule(o.round)...)
	s, err := b.newSheet(first, i18n.T("report.scores.sheet"), cols, b.councilDocument(title, lines))
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
		n++
		row = append(row[:0], n, res.Code, o.round.Titles[res.ID]+"\n("+b.unitName(unit)+")")
		scored := res.SheetCount > 0
		for _, m := range res.CriterionMeans {
			row = append(row, ifScored(scored, m))
		}
		row = append(row, ifScored(scored, res.Mean), ifScored(scored, res.Min), ifScored(scored, res.Max),
			approvalsCell(&res), res.Voters, splitText(outcomeText(&res, o.round), &res), res.Rank)
		if res.Recognized {
			recognized++
		}
		if err := s.add(row...); err != nil {
			return err
		}
	}
	if err := s.total(2, map[int]excelize.Cell{
		2:          {StyleID: st.totalCount["initiatives"], Value: n},
		outcomeCol: {StyleID: st.totalCount["recognized"], Value: recognized},
	}, outcomeCol); err != nil {
		return err
	}
	if err := s.finish(); err != nil {
		return err
	}
	return b.membersSheets(o)
}

// outcomeRule is the lines under the scores table's title saying when an
// initiative is recognised (RecognitionRule), then the round's own tiers
// and quorum (RuleNotes).
func (b *builder) outcomeRule(r *results.Round) []string {
	lines := []string{i18n.T("report.scores.rule", "rule", RecognitionRule(r))}
	for _, n := range RuleNotes(r) {
		lines = append(lines, i18n.T("report.scores.note", "note", strings.TrimSuffix(n, ".")))
	}
	return lines
}

// outcomeText says an initiative's outcome and, when it is not
// recognised, every condition it failed (results.Why): no sheet, a
// criterion under its minimum (0: at 0), the mean under the threshold,
// not enough approvals.
func outcomeText(res *results.Result, r *results.Round) string {
	if res.Recognized {
		return i18n.T("report.outcome.recognized", "tier", tierLabel(res.Tier))
	}
	if res.Sealed && len(res.Why) == 0 {
		return i18n.T("report.outcome.sealed")
	}
	var why []string
	for _, w := range res.Why {
		switch w.Code {
		case results.WhyNoSheets:
			why = append(why, i18n.T("report.outcome.no_sheets"))
		case results.WhyMean:
			key := "report.outcome.below_threshold"
			if r.Params.Aggregation == results.Median {
				key += "_median"
			}
			why = append(why, i18n.T(key, "threshold", nd30.Decimal(w.Need)))
		case results.WhyCriterion:
			name := w.Criterion
			for _, c := range r.Criteria {
				if c.Code == w.Criterion {
					name = c.Name
				}
			}
			if w.Need > 0 {
				why = append(why, i18n.T("report.outcome.below_min", "name", name, "min", nd30.Decimal(w.Need)))
			} else {
				why = append(why, i18n.T("report.outcome.zero_criterion", "name", name))
			}
		case results.WhyApprovals:
			why = append(why, i18n.T("report.outcome.votes", "approvals", strconv.Itoa(res.Approvals),
				"voters", strconv.Itoa(res.Voters), "needed", strconv.Itoa(res.Needed)))
		}
	}
	return i18n.T("report.outcome.not_recognized", "reasons", strings.Join(why, "; "))
}

// splitText adds to an outcome, when the members split (results.Result
// Split: the spread of their totals over the round's limit, or the votes
// at the line), that the meeting discusses it, with the spread.
func splitText(outcome string, res *results.Result) string {
	if !res.Split {
		return outcome
	}
	return outcome + "\n" + i18n.T("report.outcome.split", "spread", nd30.Decimal(res.Spread))
}

// votingMembersOf are the round's voting members, each once, in council
// and position order: the members' table's columns.
func votingMembersOf(r *results.Round) []results.Member {
	var members []results.Member
	seen := map[string]bool{}
	for _, m := range r.Members {
		if m.Votes && !seen[m.UserID] {
			seen[m.UserID] = true
			members = append(members, m)
		}
	}
	return members
}

// membersSheets writes the members' table (Bảng điểm của từng thành
// viên): each initiative in scoring, best first, with each voting
// member's total; a member who is an author of the initiative reads
// "Tác giả — không chấm", one who has not submitted "Chưa chấm". The
// members are split over as many sheets as it takes to print each a page
// wide at a readable size (membersPerSheet).
func (b *builder) membersSheets(o *outcome) error {
	members := votingMembersOf(o.round)
	st := b.st
	entryAt := make(map[string]int, len(o.round.Entries))
	for i, e := range o.round.Entries {
		entryAt[e.ID] = i
	}
	sheets := memberSheets(len(members))
	for part := range sheets {
		from := part * membersPerSheet
		group := members[from:min(from+membersPerSheet, len(members))]
		cols := []column{
			{header: i18n.T("report.col.no"), style: st.number, width: memberFixed[0]},
			{header: i18n.T("report.col.code"), style: st.center, width: memberFixed[1]},
			{header: i18n.T("report.col.title"), style: st.text, width: memberFixed[2]},
		}
		// a small council's columns share a portrait page's width.
		width := memberWidth
		if len(group) > 0 {
			width = max(memberWidth, min(15, int((maxTableUnits(false)-memberFixed[0]-memberFixed[1]-memberFixed[2])/float64(len(group)))))
		}
		for _, m := range group {
			h := i18n.T("report.col.member", "name", m.Name, "position", i18n.T("report.position."+m.Position))
			cols = append(cols, column{header: h, style: st.score, width: float64(width)})
		}
		title := []string{i18n.T("report.members.title", "year", fmt.Sprint(b.year))}
		var lines []string
		if b.opts.Unit != "" {
			lines = append(lines, i18n.T("report.unit_line", "unit", b.unitName(b.opts.Unit)))
		}
		if sheets > 1 {
			lines = append(lines, i18n.T("report.members.part", "from", strconv.Itoa(from+1),
				"to", strconv.Itoa(from+len(group)), "total", strconv.Itoa(len(members))))
		}
		s, err := b.newSheet(false, memberSheetName(part), cols, b.councilDocument(title, lines))
		if err != nil {
			return err
		}
		n := 0
		row := make([]any, len(cols))
		for _, res := range o.ranked {
			unit := o.round.Units[res.ID]
			if b.opts.Unit != "" && unit != b.opts.Unit {
				continue
			}
			n++
			entry := o.round.Entries[entryAt[res.ID]]
			row[0], row[1], row[2] = n, res.Code, o.round.Titles[res.ID]
			barred := o.round.Barred[res.ID]
			for j, m := range group {
				var v any = excelize.Cell{StyleID: st.barred, Value: i18n.T("report.members.missing")}
				if m.Council != o.round.Councils[res.ID] {
					// a member of another council does not score it.
					v = nil
				} else if slices.Contains(barred, m.UserID) {
					v = excelize.Cell{StyleID: st.barred, Value: i18n.T("report.members.barred")}
				} else if i := slices.IndexFunc(entry.Sheets, func(sh results.Sheet) bool { return sh.Member == m.UserID }); i >= 0 {
					v = entry.Sheets[i].Total
				}
				row[3+j] = v
			}
			if err := s.add(row...); err != nil {
				return err
			}
		}
		if err := s.total(2, map[int]excelize.Cell{2: {StyleID: st.totalCount["initiatives"], Value: n}}, 2); err != nil {
			return err
		}
		if err := s.finish(); err != nil {
			return err
		}
	}
	return nil
}

// ifScored is v when the initiative has sheets, else an empty cell.
func ifScored(scored bool, v float64) any {
	if !scored {
		return nil
	}
	return v
}
