package report

import "sangkien/internal/results"

// OutcomeText says an initiative's outcome as every document writes it:
// "Công nhận, xếp loại Tốt", or "Không công nhận: " and every reason why.
// The Word minutes (internal/docs) use it too, so that the reasons read
// the same everywhere.
func OutcomeText(res *results.Result, r *results.Round) string {
	return outcomeText(res, r)
}
