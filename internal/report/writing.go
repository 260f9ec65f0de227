package report

import (
	"fmt"

	"sangkien/internal/i18n"
)

// writeSheets writes the sheets of reports sheets, one after the other, in
// that order in the workbook. The first keeps the rows that the decision
// and city lists need (kept).
func (b *builder) writeSheets(sheets []Kind) error {
	for i, k := range sheets {
		if err := b.sheet(k, i == 0); err != nil {
			return fmt.Errorf("report: %s: %w", k, err)
		}
	}
	return nil
}

// sheetNames are the names of the sheets of report k, in order: one,
// but for the scores table, followed by the members' sheets.
func (b *builder) sheetNames(k Kind) []string {
	names := []string{i18n.T("report." + string(k) + ".sheet")}
	if k == Scores {
		for i := range memberSheets(b.votingMembers()) {
			names = append(names, memberSheetName(i))
		}
	}
	return names
}
