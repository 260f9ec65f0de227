package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestOfficeResultsFollowTheRules: under a secret ballot with a novelty
// minimum of 20, the results page shows the count of an initiative whose
// sheets are all in, "phiếu kín" for one still missing a sheet, and says
// why an initiative is not recognised and that its members split; both it
// and the Chairman's page (at 390 px too) cite the round's own rule, as
// the documents print it.
func TestOfficeResultsFollowTheRules(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	o := newOfficeRound(t, time.Now().AddDate(0, 0, -2))
	council := o.seatCouncil(t)
	good := o.initiative(t, w.StaffA, "accepted", "Một cửa số hóa", map[string]any{"council": council.Id})
	weak := o.initiative(t, w.StaffB, "accepted", "Sổ tay thủ tục", map[string]any{"council": council.Id})
	testkit.Update(t, w.App, o.Round, map[string]any{"status": "review", "voting": "secret"})
	novelty, err := w.App.FindFirstRecordByFilter("criteria", "round = {:r} && code = 'novelty'", dbx.Params{"r": o.Round.Id})
	if err != nil {
		t.Fatal(err)
	}
	testkit.Update(t, w.App, novelty, map[string]any{"min_points": 20})
	voters := append([]*core.Record{w.Chair}, w.Members...)
	for i, m := range voters {
		w.Sheet(t, good, m, "submitted", testkit.Points(25, 15, 25, 15), true)
		if i < 3 {
			// totals 20, 50, 80: a spread of 24,49.
			step := float64(i) * 7.5
			w.Sheet(t, weak, m, "submitted", testkit.Points(10, 5+step, 2*step, 5+step), i == 0)
		}
	}
	p := NewPage(t)
	p.UseSession(officer(t), o.path("/van-phong/ket-qua.html"))
	p.WaitJS(`!!document.querySelector('#results tr[data-id="` + weak.Id + `"]')`)
	if got := p.Text(`#results tr[data-id="` + good.Id + `"] .votes`); !strings.HasPrefix(got, "4/4") {
		t.Errorf("good votes %q", got)
	}
	if got := p.Text(`#results tr[data-id="` + weak.Id + `"] .votes`); !strings.Contains(got, "phiếu kín") {
		t.Errorf("weak votes %q, want sealed", got)
	}
	// every result shows its spread: 0 for four equal totals, 24,49 for 20, 50, 80.
	if got := p.Text(`#results tr[data-id="` + good.Id + `"] .minmax`); !strings.Contains(got, "độ lệch 0") {
		t.Errorf("good spread %q", got)
	}
	if got := p.Text(`#results tr[data-id="` + weak.Id + `"] .minmax`); !strings.Contains(got, "độ lệch 24,49") {
		t.Errorf("weak spread %q", got)
	}
	why := p.Text(`#results tr[data-id="` + weak.Id + `"] .why`)
	for _, want := range []string{"tiêu chí “Tính mới, tính sáng tạo” 10 dưới mức 20", "ý kiến phân tán"} {
		if !strings.Contains(why, want) {
			t.Errorf("why %q lacks %q", why, want)
		}
	}
	if strings.Contains(why, "phiếu đồng ý") {
		t.Errorf("a sealed count shows in why: %q", why)
	}
	if got := p.Text(`#results tr[data-id="` + weak.Id + `"] .tier`); !strings.Contains(got, i18n.T("office.sealed")) {
		t.Errorf("weak outcome %q, want it sealed", got)
	}
	// the rule the page cites is the round's, as the documents print it.
	rule := "Công nhận khi điểm trung bình từ 50 trở lên, điểm trung bình tiêu chí “Tính mới, tính sáng tạo” từ 20 trở lên, các tiêu chí khác trên 0 và ít nhất 2/3 số thành viên bỏ phiếu kín đồng ý."
	if got := p.Text("#results-rule"); !strings.Contains(got, rule) {
		t.Errorf("results page rule %q", got)
	}
	p.CheckLabels()
	// on a desktop the table's many columns scroll inside the card, not the page.
	if w := Eval[float64](p, `document.scrollingElement.scrollWidth - innerWidth`); w > 0 {
		t.Errorf("at 1280 px the results page scrolls sideways by %.0f px", w)
	}
	p.CheckPhone("results rules")

	// the Chairman's page says the same: the rule, the sealed count, why.
	c := NewPage(t)
	c.UseSession(NewUser(t, "chairman"), o.path("/chu-tich/"))
	c.WaitJS(`!!document.querySelector('#results-table tr[data-id="` + weak.Id + `"]')`)
	if got := c.Text("#results-status"); !strings.Contains(got, rule) {
		t.Errorf("chairman's page rule %q", got)
	}
	if got := c.Text(`#results-table tr[data-id="` + good.Id + `"] .votes`); !strings.HasPrefix(got, "4/4") {
		t.Errorf("chairman's page: good votes %q", got)
	}
	weakRow := c.Text(`#results-table tr[data-id="` + weak.Id + `"]`)
	for _, want := range []string{"phiếu kín", i18n.T("office.sealed"), "tiêu chí “Tính mới, tính sáng tạo” 10 dưới mức 20", "ý kiến phân tán"} {
		if !strings.Contains(weakRow, want) {
			t.Errorf("chairman's page: the weak row %q lacks %q", weakRow, want)
		}
	}
	if strings.Contains(weakRow, "null") {
		t.Errorf("chairman's page: a sealed count reads %q", weakRow)
	}
	// the sealed count is a sentence: it wraps in its column instead of
	// pushing the outcome and why out of the card.
	if w := Eval[float64](c, `document.querySelector('#results-table tr[data-id="`+weak.Id+`"] .votes').getBoundingClientRect().width`); w > 200 {
		t.Errorf("chairman's page: the sealed count's column is %.0f px wide", w)
	}
	c.CheckPhone("chairman results rules")
	c.CheckLabels()
}
