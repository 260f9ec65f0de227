package report

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"sangkien/internal/emulation"
	"sangkien/internal/i18n"
	"sangkien/internal/nd30"
	"sangkien/internal/quota"
)

// quotaSheet writes the quota and emulation results by unit (Kết quả thực
// hiện chỉ tiêu và tiêu chí thi đua): required, submitted on time, late,
// counted, recognised, nominated, met or not, and the unit's emulation
// points from the round's (emulation.Points), with a total row. The
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
	points := emulation.Of(b.round)
	st := b.st
	met, notMet := i18n.T("report.quota.met"), i18n.T("report.quota.not_met")
	running := i18n.T("report.quota.under_extension")
	cols := []column{
		col(i18n.T("report.col.no"), st.number, 5, 5),
		col(i18n.T("report.col.unit"), st.text, 19, 19),
		col(i18n.T("report.col.quota"), st.number, 9, 9),
		col(i18n.T("report.col.on_time"), st.number, 8, 8),
		col(i18n.T("report.col.late"), st.number, 8, 8),
		col(i18n.T("report.col.counted"), st.number, 8, 8),
		col(i18n.T("report.col.recognized"), st.number, 8, 8),
		col(i18n.T("report.col.nominated"), st.number, 8, 8),
		col(i18n.T("report.col.quota_result"), st.center, 13, 13),
		col(i18n.T("report.col.emulation"), st.points, 9, 9),
	}
	title, lines := b.titleLines(Quota)
	lines = append(lines, i18n.T("report.quota.emulation_rule",
		"met", signed(points.QuotaMet), "recognized", signed(points.PerRecognized),
		"nominated", signed(points.PerNominated), "missed", signed(points.QuotaMissed)))
	s, err := b.newSheet(first, i18n.T("report.quota.sheet"), cols, b.listDocument(title, lines))
	if err != nil {
		return err
	}
	var sum quota.Unit
	units, unitsMet, sumPoints := 0, 0, 0.0
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
		p := points.Unit(c.Result, c.Recog, c.Nomin)
		sumPoints += p
		if err := s.add(units, u.Name, c.Required, c.OnTime, c.Late, c.Counted, c.Recog, c.Nomin, result, p); err != nil {
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
		9: {StyleID: st.totalPoints, Value: sumPoints},
	}); err != nil {
		return err
	}
	return s.finish()
}

// signed writes points with their sign, as the quota report's line
// under the title does: "+10", "-10", "+2,5", "0".
func signed(v float64) string {
	if v > 0 {
		return "+" + nd30.Decimal(v)
	}
	return nd30.Decimal(v)
}
