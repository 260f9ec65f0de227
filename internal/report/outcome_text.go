package report

import (
	"fmt"

	"sangkien/internal/i18n"
	"sangkien/internal/results"
)

// OutcomeText says an initiative's outcome as every document writes it:
// "Công nhận, xếp loại Tốt", or "Không công nhận: " and every reason why.
// The Word minutes (internal/docs) use it too, so that the reasons read
// the same everywhere.
func OutcomeText(res *results.Result, r *results.Round) string {
	return outcomeText(res, r)
}

// ApprovalsText writes an initiative's approvals out of its voters
// ("4/6"), or, while a secret ballot's count is sealed, says so.
func ApprovalsText(res *results.Result) string {
	if res.Sealed {
		return i18n.T("report.ballot_sealed")
	}
	return fmt.Sprintf("%d/%d", res.Approvals, res.Voters)
}

// approvalsCell is the approvals cell of the scores table: the count, or
// while a secret ballot's count is sealed, a word saying so.
func approvalsCell(res *results.Result) any {
	if res.Sealed {
		return i18n.T("report.ballot_sealed")
	}
	return res.Approvals
}
