package report

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/xuri/excelize/v2"

	"sangkien/internal/i18n"
)

// unitCounts are one unit's figures for the quota report.
type unitCounts struct {
	Unit       string `db:"unit"`
	OnTime     int    `db:"on_time"`
	Late       int    `db:"late"`
	Counted    int    `db:"counted"`
	Recognized int    `db:"recognized"`
	Nominated  int    `db:"nominated"`
}

// quotaQuery counts a round's initiatives by unit. An initiative counts
// toward its unit's quota (DOMAIN.md §1) once endorsed, or further on,
// if it was not late; withdrawn and returned ones do not count. Drafts are
// not submitted; withdrawn ones are no longer.
const quotaQuery = `SELECT unit,
	SUM(CASE WHEN status NOT IN ('draft', 'withdrawn') AND late != TRUE THEN 1 ELSE 0 END) AS on_time,
	SUM(CASE WHEN status NOT IN ('draft', 'withdrawn') AND late = TRUE THEN 1 ELSE 0 END) AS late,
	SUM(CASE WHEN status IN ('endorsed', 'accepted', 'recognized', 'not_recognized') AND late != TRUE THEN 1 ELSE 0 END) AS counted,
	SUM(CASE WHEN status = 'recognized' THEN 1 ELSE 0 END) AS recognized,
	SUM(CASE WHEN nominated = TRUE AND status != 'draft' THEN 1 ELSE 0 END) AS nominated
	FROM initiatives WHERE round = {:round} GROUP BY unit`

// quotaSheet writes the quota and emulation results by unit (Kết quả thực
// hiện chỉ tiêu và tiêu chí thi đua): required, submitted on time, late,
// counted, recognised, nominated, met or not, with a total row.
func (b *builder) quotaSheet(first bool) error {
	var counts []unitCounts
	if err := b.app.DB().NewQuery(quotaQuery).Bind(dbx.Params{"round": b.round.Id}).All(&counts); err != nil {
		return fmt.Errorf("quota: %w", err)
	}
	byUnit := map[string]unitCounts{}
	for _, c := range counts {
		byUnit[c.Unit] = c
	}
	st := b.st
	met, notMet := i18n.T("report.quota.met"), i18n.T("report.quota.not_met")
	cols := []column{
		col(i18n.T("report.col.no"), st.number, 5, 6),
		col(i18n.T("report.col.unit"), st.text, 24, 40, b.unitNames()...),
		col(i18n.T("report.col.quota"), st.number, 10, 11),
		col(i18n.T("report.col.on_time"), st.number, 10, 11),
		col(i18n.T("report.col.late"), st.number, 10, 11),
		col(i18n.T("report.col.counted"), st.number, 10, 11),
		col(i18n.T("report.col.recognized"), st.number, 11, 12),
		col(i18n.T("report.col.nominated"), st.number, 11, 12),
		col(i18n.T("report.col.quota_result"), st.center, 12, 16, met, notMet, "99 đơn vị đạt"),
	}
	title, lines := b.titleLines(Quota)
	s, err := b.newSheet(first, i18n.T("report.quota.sheet"), cols, title, append(lines, b.generatedLine()))
	if err != nil {
		return err
	}
	var sum unitCounts
	quota, units, unitsMet := 0, 0, 0
	for _, u := range b.units {
		c, has := byUnit[u.ID]
		if b.opts.Unit != "" && u.ID != b.opts.Unit || !u.Active && !has {
			continue
		}
		units++
		result := notMet
		if c.Counted >= u.Quota {
			result = met
			unitsMet++
		}
		quota += u.Quota
		sum.OnTime += c.OnTime
		sum.Late += c.Late
		sum.Counted += c.Counted
		sum.Recognized += c.Recognized
		sum.Nominated += c.Nominated
		if err := s.add(units, u.Name, u.Quota, c.OnTime, c.Late, c.Counted, c.Recognized, c.Nominated, result); err != nil {
			return err
		}
	}
	if err := s.total(2, map[int]excelize.Cell{
		2: {StyleID: st.total, Value: quota},
		3: {StyleID: st.total, Value: sum.OnTime},
		4: {StyleID: st.total, Value: sum.Late},
		5: {StyleID: st.total, Value: sum.Counted},
		6: {StyleID: st.total, Value: sum.Recognized},
		7: {StyleID: st.total, Value: sum.Nominated},
		8: {StyleID: st.totalCount["units_met"], Value: unitsMet},
	}); err != nil {
		return err
	}
	return s.finish()
}
