package report

import (
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
)

// statuses a report can show (drafts never appear).
var shownStatuses = []string{"submitted", "endorsed", "accepted", "recognized", "not_recognized", "returned", "withdrawn"}

// titleLines is the title of report k, with the unit line when the report
// holds one unit's rows only.
func (b *builder) titleLines(k Kind) (title, lines []string) {
	title = []string{i18n.T("report."+string(k)+".title", "year", fmt.Sprint(b.year))}
	if b.opts.Unit != "" {
		lines = append(lines, i18n.T("report.unit_line", "unit", b.unitName(b.opts.Unit)))
	}
	return title, lines
}

// generatedLine is the line saying when the report was made.
func (b *builder) generatedLine() string {
	return i18n.T("report.generated_at", "time", clock.FormatDateTime(b.opts.Now))
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

// initiativesSheet writes the consolidated list (Danh sách tổng hợp sáng
// kiến): every initiative of the round but drafts, in the order received.
func (b *builder) initiativesSheet(first bool) error {
	st := b.st
	statusNames := make([]string, len(shownStatuses))
	for i, s := range shownStatuses {
		statusNames[i] = statusLabel(s)
	}
	cols := []column{
		col(i18n.T("report.col.no"), st.number, 5, 6),
		col(i18n.T("report.col.code"), st.center, 13, 16, "SK-0000-000"),
		col(i18n.T("report.col.title"), st.text, 42, 42),
		col(i18n.T("report.col.authors"), st.text, 28, 28),
		col(i18n.T("report.col.position"), st.text, 18, 18),
		col(i18n.T("report.col.unit"), st.text, 16, 28, b.unitNames()...),
		col(i18n.T("report.col.field"), st.text, 16, 28, b.fieldNames()...),
		col(i18n.T("report.col.first_applied"), st.date, 12, 13),
		col(i18n.T("report.col.submitted_at"), st.date, 12, 13),
		col(i18n.T("report.col.timeliness"), st.center, 10, 12, i18n.T("report.timely.on_time"), i18n.T("report.timely.late")),
		col(i18n.T("report.col.status"), st.center, 12, 16, statusNames...),
	}
	title, lines := b.titleLines(Initiatives)
	s, err := b.newSheet(first, i18n.T("report.initiatives.sheet"), cols, title, append(lines, b.generatedLine()))
	if err != nil {
		return err
	}
	n, late := 0, 0
	err = b.eachInitiative(nil, func(r *initiative) error {
		names, positions := r.authors()
		if b.kept != nil && (r.Status == "recognized" || r.Nominated) {
			b.kept[r.ID] = *r
		}
		n++
		timely := i18n.T("report.timely.on_time")
		if r.Late {
			late++
			timely = i18n.T("report.timely.late")
		}
		return s.add(n, r.Code, r.Title, names, positions, b.unitName(r.Unit), b.fields[r.Field],
			day(r.FirstApply), day(r.SubmittedAt), timely, statusLabel(r.Status))
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
	return s.finish()
}
