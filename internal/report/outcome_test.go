package report

import (
	"os"
	"testing"

	"sangkien/internal/i18n"
	"sangkien/internal/results"
)

// TestOutcomeText checks that the scores table says why an initiative is
// not recognised, every reason at once.
func TestOutcomeText(t *testing.T) {
	if err := i18n.Load(os.DirFS("../../pb_public")); err != nil {
		t.Fatal(err)
	}
	r := &results.Round{
		Params:   results.Params{Threshold: 50, ApprovalRatio: 2.0 / 3.0},
		Criteria: []results.Criterion{{Code: "novelty", Name: "Tính mới, tính sáng tạo", Max: 30}, {Code: "applicability", Name: "Khả năng áp dụng", Max: 20}},
	}
	cases := []struct {
		res  results.Result
		want string
	}{
		{results.Result{SheetCount: 7, Voters: 7, Approvals: 6, Mean: 93.5, CriterionMeans: []float64{28, 19}, Recognized: true, Tier: results.TierExcellent},
			"Công nhận, xếp loại Xuất sắc"},
		{results.Result{SheetCount: 7, Voters: 7, Approvals: 6, Mean: 45, CriterionMeans: []float64{20, 10},
			Why: []results.Why{{Code: results.WhyMean, Value: 45, Need: 50}}},
			"Không công nhận: điểm trung bình dưới 50"},
		{results.Result{SheetCount: 7, Voters: 7, Approvals: 4, Needed: 5, Mean: 80, CriterionMeans: []float64{28, 19},
			Why: []results.Why{{Code: results.WhyApprovals, Value: 4, Need: 5}}},
			"Không công nhận: không đủ phiếu đồng ý (4/7, cần 5)"},
		{results.Result{SheetCount: 6, Voters: 6, Approvals: 6, Mean: 60, CriterionMeans: []float64{0, 20},
			Why: []results.Why{{Code: results.WhyCriterion, Criterion: "novelty"}}},
			"Không công nhận: tiêu chí “Tính mới, tính sáng tạo” bằng 0"},
		{results.Result{SheetCount: 6, Voters: 6, Approvals: 1, Needed: 4, Mean: 20, CriterionMeans: []float64{20, 0},
			Why: []results.Why{{Code: results.WhyMean, Value: 20, Need: 50}, {Code: results.WhyCriterion, Criterion: "applicability"},
				{Code: results.WhyApprovals, Value: 1, Need: 4}}},
			"Không công nhận: điểm trung bình dưới 50; tiêu chí “Khả năng áp dụng” bằng 0; không đủ phiếu đồng ý (1/6, cần 4)"},
		{results.Result{Voters: 6, CriterionMeans: []float64{0, 0}, Why: []results.Why{{Code: results.WhyNoSheets, Need: 1}}},
			"Không công nhận: chưa có phiếu chấm"},
		{results.Result{SheetCount: 6, Voters: 6, Approvals: 6, Mean: 60, CriterionMeans: []float64{9.5, 20},
			Why: []results.Why{{Code: results.WhyCriterion, Criterion: "novelty", Value: 9.5, Need: 10}}},
			"Không công nhận: tiêu chí “Tính mới, tính sáng tạo” dưới mức tối thiểu 10"},
	}
	for _, c := range cases {
		if got := outcomeText(&c.res, r); got != c.want {
			t.Errorf("outcomeText(%+v) = %q, want %q", c.res, got, c.want)
		}
	}
}
