package report

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
	"sangkien/internal/people"
)

// peopleSheet writes the list of people with a recognised initiative in
// the year (Danh sách cá nhân có sáng kiến được công nhận), for the
// emulation office: name, unit, position, initiative, share, tier, the
// level that recognised it and by which decision. The rows are
// people.Recognized's, the recognized-people route's. Signed as the
// office's lists are (listDocument: the preparer and the head of Phòng
// Văn hóa – Xã hội).
func (b *builder) peopleSheet(first bool) error {
	rows, err := people.Recognized(b.app, b.round)
	if err != nil {
		return err
	}
	st := b.st
	cols := []column{
		col(i18n.T("report.col.no"), st.number, 5, 5),
		col(i18n.T("report.col.person"), st.text, 18, 18),
		col(i18n.T("report.col.unit"), st.text, 16, 16),
		col(i18n.T("report.col.position"), st.text, 12, 12),
		col(i18n.T("report.col.code"), st.center, 13, 13, "SK-0000-000"),
		col(i18n.T("report.col.title"), st.text, 24, 24),
		col(i18n.T("report.col.share"), st.center, 8, 8),
		col(i18n.T("report.col.tier"), st.center, 9, 9),
		col(i18n.T("report.col.scope"), st.center, 11, 11),
		col(i18n.T("report.col.decision"), st.text, 18, 18),
	}
	title, lines := b.titleLines(People)
	s, err := b.newSheet(first, i18n.T("report.people.sheet"), cols, b.listDocument(title, lines))
	if err != nil {
		return err
	}
	persons := map[string]bool{}
	for i, r := range rows {
		key := r.Person
		if key == "" {
			key = "name:" + r.Name
		}
		persons[key] = true
		tier := r.TierName
		if tier == r.Tier {
			tier = tierLabel(r.Tier)
		}
		if err := s.add(i+1, r.Name, r.Unit, r.Position, r.Code, r.Title, people.ShareText(r.Share), tier,
			i18n.T("scope."+r.Scope), decisionText(r.Entry)); err != nil {
			return err
		}
	}
	if err := s.total(4, map[int]excelize.Cell{
		4: {StyleID: st.total, Value: i18n.T("report.people.count", "people", fmt.Sprint(len(persons)), "rows", fmt.Sprint(len(rows)))},
	}); err != nil {
		return err
	}
	return s.finish()
}

// decisionText names the decision that recognised the initiative at its
// scope: the higher level's for thanh_pho and toan_quoc, else the ward's.
func decisionText(e people.Entry) string {
	d := e.Decision
	if e.Scope != people.ScopeWard && e.ScopeDecision.Number != "" {
		d = e.ScopeDecision
	}
	if d.Number == "" {
		return ""
	}
	if day, err := time.ParseInLocation("2006-01-02", d.Date, clock.Zone); err == nil {
		return i18n.T("report.people.decision", "number", d.Number, "date", clock.FormatDate(day))
	}
	return d.Number
}
