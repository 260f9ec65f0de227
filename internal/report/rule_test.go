package report

import (
	"os"
	"reflect"
	"testing"

	"sangkien/internal/i18n"
	"sangkien/internal/results"
)

// TestRecognitionRuleSaysTheRoundsSettings: the rule every document cites
// says the round's own aggregation, criterion minima, ballot, approval
// basis, ratio, tiers and quorum; today's rules read as they always did.
func TestRecognitionRuleSaysTheRoundsSettings(t *testing.T) {
	if err := i18n.Load(os.DirFS("../../pb_public")); err != nil {
		t.Fatal(err)
	}
	criteria := func(novelty float64) []results.Criterion {
		return []results.Criterion{{Code: "novelty", Name: "Tính mới", Max: 30, Min: novelty}, {Code: "applicability", Name: "Khả năng áp dụng", Max: 20}}
	}
	round := func(voting string, p results.Params, novelty float64) *results.Round {
		if p.Threshold == 0 {
			p.Threshold = 50
		}
		if p.ApprovalRatio == 0 {
			p.ApprovalRatio = 2.0 / 3.0
		}
		return &results.Round{Voting: voting, Params: p, Criteria: criteria(novelty)}
	}
	sector := []results.TierRule{
		{Code: "a", Name: "Loại A", MinTotal: 85, Criterion: "novelty", MinCriterion: 30},
		{Code: "b", Name: "Loại B", MinTotal: 50}}
	cases := []struct {
		name  string
		r     *results.Round
		rule  string
		notes []string
	}{
		{"today's rules", round("open", results.Params{Quorum: 2.0 / 3.0, Tiers: results.DefaultTiers}, 0),
			"điểm trung bình từ 50 trở lên, không tiêu chí nào có điểm trung bình bằng 0 và ít nhất 2/3 số thành viên biểu quyết đồng ý", nil},
		{"median, a criterion's minimum, a secret ballot", round("secret", results.Params{Aggregation: results.Median, Threshold: 60}, 10),
			"điểm trung vị tổng điểm của các thành viên từ 60 trở lên, điểm trung bình tiêu chí “Tính mới” từ 10 trở lên, các tiêu chí khác trên 0 và ít nhất 2/3 số thành viên bỏ phiếu kín đồng ý", nil},
		{"trimmed mean, approval by score at half", round("secret", results.Params{Aggregation: results.TrimmedMean, ApprovalBasis: results.BasisScore, ApprovalRatio: 0.5}, 0),
			"điểm trung bình (bỏ một tổng điểm cao nhất và một thấp nhất khi có từ 5 phiếu) từ 50 trở lên, không tiêu chí nào có điểm trung bình bằng 0 và ít nhất 1/2 số thành viên chấm tổng điểm từ 50 trở lên", nil},
		{"sector tiers with a criterion's minimum, a quorum of all", round("open", results.Params{Tiers: sector, Quorum: 1, ApprovalRatio: 0.7}, 0),
			"điểm trung bình từ 50 trở lên, không tiêu chí nào có điểm trung bình bằng 0 và ít nhất 70% số thành viên biểu quyết đồng ý",
			[]string{"Xếp loại: Loại A từ 85 điểm, tiêu chí “Tính mới” từ 30 điểm; Loại B từ 50 điểm.",
				"Kết quả chỉ chính thức khi có từ 1/1 số thành viên biểu quyết nộp phiếu chấm; trước đó là kết quả tạm."}},
	}
	for _, c := range cases {
		if got := RecognitionRule(c.r); got != c.rule {
			t.Errorf("%s: rule\n%q\nwant\n%q", c.name, got, c.rule)
		}
		if got := RuleNotes(c.r); !reflect.DeepEqual(got, c.notes) {
			t.Errorf("%s: notes %q, want %q", c.name, got, c.notes)
		}
	}
}
