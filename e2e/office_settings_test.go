package e2e_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"sangkien/internal/i18n"
)

// TestOfficeSettings: while the round is open the secretariat changes its
// deadline and threshold, a criterion's guidance, gives a unit an
// extension with a reason, and opens next year's round.
func TestOfficeSettings(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	o := newOfficeRound(t, time.Now().AddDate(0, 0, 20))
	p := NewPage(t)
	p.UseSession(officer(t), o.path("/van-phong/cai-dat.html"))
	p.WaitText(i18n.T("office.criteria"))
	p.CheckLabels()
	p.CheckNarrow("office-settings")
	p.Screenshots("office-settings")

	day := time.Date(o.Year, 9, 25, 0, 0, 0, 0, time.UTC)
	setDate(p, i18n.T("office.set_submission"), day)
	p.WaitText(i18n.T("format.last_day", "date", "24/09/"+itoa(o.Year)))
	p.Fill(i18n.T("office.set_threshold"), "60")
	p.Click(i18n.T("office.save_round"))
	p.WaitText(i18n.T("office.round_saved"))
	r := reload(t, o.Round)
	if got := r.GetDateTime("submission_deadline").Time().UTC(); !got.Equal(time.Date(o.Year, 9, 24, 17, 0, 0, 0, time.UTC)) {
		t.Errorf("deadline stored %v, want 25/09 00:00 Hà Nội", got)
	}
	if r.GetFloat("threshold") != 60 {
		t.Errorf("threshold %v", r.GetFloat("threshold"))
	}

	// a criterion's guidance.
	Eval[bool](p, `(() => { const f = document.querySelector('form.criterion[data-code="novelty"]');
		f.elements.guidance.value = "Mới so với cách làm trước đây tại phường"; return true; })()`)
	clickIn(p, `form.criterion[data-code="novelty"]`, i18n.T("office.criterion_save"))
	p.WaitText(i18n.T("office.criterion_saved", "code", "novelty"))
	c, err := w.App.FindFirstRecordByFilter("criteria", "round = {:r} && code = 'novelty'", dbx.Params{"r": o.Round.Id})
	if err != nil || c.GetString("guidance") != "Mới so với cách làm trước đây tại phường" {
		t.Errorf("guidance not saved: %v %q", err, c.GetString("guidance"))
	}

	// an extension with a reason; without one the server's message shows.
	selectOption(p, i18n.T("page.unit"), w.UnitB.GetString("name"))
	setDate(p, i18n.T("office.extension_until"), time.Now().AddDate(0, 0, 30))
	p.Allow("/api/collections/extensions/records", 400)
	p.Click(i18n.T("office.extension_add_button"))
	p.WaitJS(`document.getElementById("ext-reason").getAttribute("aria-invalid") === "true"`)
	p.Fill(i18n.T("office.reason"), "Đơn vị mới sáp nhập <script>window.xss=1</script>")
	p.Click(i18n.T("office.extension_add_button"))
	p.WaitText(i18n.T("office.extension_added"))
	if got := p.Text(`#extensions tr[data-unit="TYT"]`); !strings.Contains(got, "<script>") {
		t.Errorf("extension row %q", got)
	}
	xssInert(t, p)

	// next year's round: asked first; cancel opens nothing.
	next := i18n.T("office.next_button", "year", itoa(o.Year+1))
	p.Click(next)
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	p.Click(i18n.T("office.cancel"))
	p.WaitJS(`!document.querySelector("dialog[open]")`)
	if _, err := w.App.FindFirstRecordByFilter("rounds", "year = {:y}", dbx.Params{"y": o.Year + 1}); err == nil {
		t.Fatal("cancel opened next year's round")
	}
	p.Click(next)
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	p.Click(next)
	p.WaitText(i18n.T("office.next_done", "year", itoa(o.Year+1)))
	if _, err := w.App.FindFirstRecordByFilter("rounds", "year = {:y}", dbx.Params{"y": o.Year + 1}); err != nil {
		t.Errorf("next round: %v", err)
	}
	// next year's round, opened by mistake, holds nothing: it can be
	// removed, and the question says that is final.
	p.Go(fmt.Sprintf("/van-phong/cai-dat.html?year=%d", o.Year+1))
	remove := i18n.T("office.remove_button", "year", itoa(o.Year+1))
	p.Click(remove)
	p.WaitJS(`!!document.querySelector("dialog[open]")`)
	if q := p.Text("dialog[open]"); !strings.Contains(q, "không hoàn tác") {
		t.Errorf("the removal does not say it is final:\n%s", q)
	}
	p.Click(remove)
	p.WaitText(i18n.T("office.removed", "year", itoa(o.Year+1)))
	if _, err := w.App.FindFirstRecordByFilter("rounds", "year = {:y}", dbx.Params{"y": o.Year + 1}); err == nil {
		t.Error("the removed round is still there")
	}
}
