package report

import (
	"fmt"
	"math"

	"github.com/pocketbase/dbx"
	"github.com/xuri/excelize/v2"

	"sangkien/internal/i18n"
	"sangkien/internal/searchindex"
	"sangkien/internal/vocab"
)

// statuses a report can show (drafts never appear).
var shownStatuses = []string{vocab.Submitted, vocab.Endorsed, vocab.Accepted, vocab.Recognized, vocab.NotRecognized, vocab.Returned, vocab.Withdrawn}

// setAside are the statuses of initiatives that are not consolidated:
// withdrawn by their author or returned to be completed. The list shows
// them in a section of their own, after the total.
var setAside = []any{vocab.Withdrawn, vocab.Returned}

// titleLines is the title of report k, with the unit line when the report
// holds one unit's rows only.
func (b *builder) titleLines(k Kind) (title, lines []string) {
	title = []string{i18n.T("report."+string(k)+".title", "year", fmt.Sprint(b.year))}
	if b.opts.Unit != "" {
		lines = append(lines, i18n.T("report.unit_line", "unit", b.unitName(b.opts.Unit)))
	}
	return title, lines
}

// unitNames and fieldNames list the names a column may hold, to fit it.
func (b *builder) unitNames() []string {
	names := make([]string, 0, len(b.units))
	for _, u := range b.units {
		names = append(names, u.Name)
	}
	return names
}

// fieldNames lists the fields' names.
func (b *builder) fieldNames() []string {
	names := make([]string, 0, len(b.fields))
	for _, n := range b.fields {
		names = append(names, n)
	}
	return names
}

// col makes a column whose width fits its header and the given texts,
// within lo..hi.
func col(header string, style int, lo, hi float64, texts ...string) column {
	return column{header: header, style: style, width: math.Max(headerWidth(header), fit(lo, hi, texts...))}
}

// duplicateText is the cell "Trùng lặp" of initiative id: the most similar
// other initiative (≥ 40%) with its percentage, marked when it is the
// author's own earlier initiative sent again; a unit's own list names no
// code of another unit's initiative.
func (b *builder) duplicateText(tops map[string]searchindex.Top, id string) string {
	top, ok := tops[id]
	if !ok {
		return ""
	}
	args := []string{"percent", fmt.Sprint(top.Similarity), "code", top.Code, "year", fmt.Sprint(top.Year)}
	switch {
	case b.opts.Unit != "" && top.Unit != b.opts.Unit:
		return i18n.T("report.duplicate.other_unit", args...)
	case top.Resubmission:
		return i18n.T("report.duplicate.resubmission", args...)
	}
	return i18n.T("report.duplicate", args...)
}

// initiativesSheet writes the consolidated list (Danh sách tổng hợp sáng
// kiến): every initiative of the round handed in and neither withdrawn
// nor returned, in the order received, with a total; then, in a section
// of their own, the withdrawn and returned ones. Drafts never appear.
func (b *builder) initiativesSheet(first bool) error {
	st := b.st
	statusNames := make([]string, len(shownStatuses))
	for i, s := range shownStatuses {
		statusNames[i] = statusLabel(s)
	}
	cols := []column{
		col(i18n.T("report.col.no"), st.number, 5, 5),
		col(i18n.T("report.col.code"), st.center, 13, 14, "SK-0000-0000"),
		// the title and authors give up the width of the column "Trùng
		// lặp", so the list still prints at 11 pt or more.
		col(i18n.T("report.col.title"), st.text, 19, 19),
		col(i18n.T("report.col.authors"), st.text, 17, 17),
		col(i18n.T("report.col.position"), st.text, 12, 12),
		col(i18n.T("report.col.unit"), st.text, 13, 13),
		col(i18n.T("report.col.field"), st.text, 12, 12),
		col(i18n.T("report.col.first_applied"), st.date, 11, 11),
		col(i18n.T("report.col.submitted_at"), st.date, 11, 11),
		col(i18n.T("report.col.timeliness"), st.center, 10, 10), // the total "NN trễ hạn" in bold
		col(i18n.T("report.col.status"), st.center, 10, 10),
		col(i18n.T("report.col.duplicate"), st.text, 11, 11),
	}
	tops, err := searchindex.RoundTops(b.app, b.round.Id)
	if err != nil {
		return err
	}
	title, lines := b.titleLines(Initiatives)
	var asideCount int
	aside := dbx.In("status", setAside...)
	if err := b.countInitiatives(aside, &asideCount); err != nil {
		return err
	}
	s, err := b.newSheet(first, i18n.T("report.initiatives.sheet"), cols, b.listDocument(title, lines))
	if err != nil {
		return err
	}
	row := func(n int, r *initiative) error {
		names, positions := r.authors()
		timely := i18n.T("report.timely.on_time")
		if r.Late {
			timely = i18n.T("report.timely.late")
		}
		return s.add(n, r.Code, r.Title, names, positions, b.unitName(r.Unit), b.fields[r.Field],
			day(r.FirstApply), day(r.SubmittedAt), timely, statusLabel(r.Status), b.duplicateText(tops, r.ID))
	}
	if asideCount > 0 {
		if err := s.section(i18n.T("report.section.consolidated")); err != nil {
			return err
		}
	}
	n, late := 0, 0
	err = b.eachInitiative(dbx.Not(aside), func(r *initiative) error {
		if b.kept != nil && (r.Status == vocab.Recognized || r.Nominated) {
			b.kept[r.ID] = *r
		}
		n++
		if r.Late {
			late++
		}
		return row(n, r)
	})
	if err != nil {
		return err
	}
	if err := s.total(2, map[int]excelize.Cell{
		2: {StyleID: st.totalCount["initiatives"], Value: n},
		9: {StyleID: st.totalCount["late"], Value: late},
	}); err != nil {
		return err
	}
	if asideCount > 0 {
		if err := s.section(i18n.T("report.section.set_aside")); err != nil {
			return err
		}
		m := 0
		if err := b.eachInitiative(aside, func(r *initiative) error {
			m++
			return row(m, r)
		}); err != nil {
			return err
		}
	}
	return s.finish()
}
