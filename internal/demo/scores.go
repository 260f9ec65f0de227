package demo

import (
	"math"
	"math/rand/v2"
)

// sheetPlan says which council members have a sheet on an accepted
// initiative (by its index in specs) and whether it is submitted.
type sheetPlan struct {
	initiative int
	quality    float64 // how good the council finds it, 0..1
	sheets     []sheetOf
}

// sheetOf is one member's sheet in a plan.
type sheetOf struct {
	key       string
	submitted bool
}

// sheetPlans: the first accepted initiative is fully scored (six sheets:
// its co-author Trương Thị Hải Yến sits on the council and may not score
// it); the second is half way; the third has just started.
var sheetPlans = []sheetPlan{
	{0, 0.82, []sheetOf{
		{"hantt", true}, {"gianglth", true}, {"loanntm", true}, {"huytq", true}, {"khainv", true}, {"thinhhv", true},
	}},
	{1, 0.72, []sheetOf{
		{"gianglth", true}, {"loanntm", true}, {"huytq", true}, {"khainv", true}, {"hantt", false}, {"thinhhv", false},
	}},
	{2, 0.64, []sheetOf{
		{"loanntm", true}, {"khainv", true}, {"gianglth", false},
	}},
}

// criterion is one line of the round's rubric.
type criterion struct {
	code string
	max  float64
}

// comments are what members write on their sheets.
var comments = []string{
	"Giải pháp thiết thực, đã có số liệu áp dụng cụ thể.",
	"Đề nghị bổ sung số liệu so sánh trước và sau khi áp dụng.",
	"Có khả năng nhân rộng tại các phường khác.",
	"Cách làm mới tại phường, hiệu quả rõ đối với người dân.",
	"Cần làm rõ chi phí duy trì khi áp dụng lâu dài.",
	"Đồng ý đề nghị công nhận.",
}

// points draws a sheet's points: per criterion the quality plus the
// member's leniency plus noise, as a share of the maximum, in steps of 0.5
// within 0..max. It returns the points and their total.
func points(rng *rand.Rand, rubric []criterion, quality, leniency float64) (map[string]float64, float64) {
	out := make(map[string]float64, len(rubric))
	total := 0.0
	for _, c := range rubric {
		f := quality + leniency + (rng.Float64()-0.5)*0.16
		f = math.Max(0.3, math.Min(1, f))
		p := math.Round(f*c.max*2) / 2
		p = math.Max(0, math.Min(c.max, p))
		out[c.code] = p
		total += p
	}
	return out, total
}
