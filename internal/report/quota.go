package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"sangkien/internal/i18n"
	"sangkien/internal/quota"
)

// quotaSheet writes the quota and emulation results by unit (Kết quả thực
// hiện chỉ tiêu và tiêu chí thi đua): required, submitted on time, late,
// counted, recognised, nominated, met or not, with a total row. The
// figures are quota.Compute's, the quota route's: every active unit (or
// the one of Options.Unit), in the ward's order of units.
func (b *builder) quotaSheet(first bool) error {
	figures, err := quota.Compute(b.app, b.round, b.opts.Unit)
	if err != nil {
		return fmt.Errorf("quota: %w", err)
	}
	byUnit := make(map[string]quota.Unit, len(figures))
	for _, l := range figures {
		byUnit[l.Unit] = l
	}
	st := b.st
	met, notMet := i18n.T("report.quota.met"), i18n.T("report.quota.not_met")
	running := i18n.T("report.quota.under_extension")
	cols := []column{
		col(i18n.T("report.col.no"), st.number, 5, 6),
		col(i18n.T("report.col.unit"), st.text, 24, 40, b.unitNames()...),
		col(i18n.T("report.col.quota"), st.number, 10, 11),
		col(i18n.T("report.col.on_time"), st.number, 10, 11),
		col(i18n.T("report.col.late"), st.number, 10, 11),
		col(i18n.T("report.col.counted"), st.number, 10, 11),
		col(i18n.T("report.col.recognized"), st.number, 11, 12),
		col(i18n.T("report.col.nominated"), st.number, 11, 12),
		col(i18n.T("report.col.quota_result"), st.center, 12, 16, met, notMet, running, "99 đơn vị đạt"),
	}
	title, lines := b.titleLines(Quota)
	s, err := b.newSheet(first, i18n.T("report.quota.sheet"), cols, title, append(lines, b.generatedLine()))
	if err != nil {
		return err
	}
	var sum quota.Unit
	units, unitsMet := 0, 0
	for _, u := range b.units {
		c, listed := byUnit[u.ID]
		if !listed {
			continue
		}
		units++
		result := notMet
		switch c.Result {
		case "met":
			result = met
			unitsMet++
		case "under_extension":
			result = running
		}
		sum.Required += c.Required
		sum.OnTime += c.OnTime
		sum.Late += c.Late
		sum.Counted += c.Counted
		sum.Recog += c.Recog
		sum.Nomin += c.Nomin
		if err := s.add(units, u.Name, c.Required, c.OnTime, c.Late, c.Counted, c.Recog, c.Nomin, result); err != nil {
			return err
		}
	}
	if err := s.total(2, map[int]excelize.Cell{
		2: {StyleID: st.total, Value: sum.Required},
		3: {StyleID: st.total, Value: sum.OnTime},
		4: {StyleID: st.total, Value: sum.Late},
		5: {StyleID: st.total, Value: sum.Counted},
		6: {StyleID: st.total, Value: sum.Recog},
		7: {StyleID: st.total, Value: sum.Nomin},
		8: {StyleID: st.totalCount["units_met"], Value: unitsMet},
	}); err != nil {
		return err
	}
	return s.finish()
}
