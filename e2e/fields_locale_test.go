package e2e_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
)

// TestDatesAndNumbersInAnyLanguage: in an English-language Chromium as in
// a Vietnamese one, the form reads what a Vietnamese person types: a date
// day first ("15/03/2026" is 15 March, stored as that day in Hà Nội), a
// day that does not exist refused at the field, money with or without dots
// (shown with dots), an amount that could be misread refused; and a score
// typed with a decimal comma is stored as 12.5 and shown "12,5".
func TestDatesAndNumbersInAnyLanguage(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{English, defaultLang} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			w := Shared(t)
			p := NewPageIn(t, lang)
			staff := NewUser(t, "staff")
			p.UseSession(staff, "/sang-kien/moi.html")
			if got := Eval[string](p, `navigator.language`); got != lang {
				t.Errorf("the browser's language is %q, want %q", got, lang)
			}
			p.Fill(part("2", "staff.part.title"), "Sổ hẹn trả kết quả điện tử "+lang)

			label := part("4", "staff.part.first_applied")
			p.Fill(label, "31/02/2026")
			p.do("leave the field", chromedp.KeyEvent("\t"))
			p.WaitText(i18n.T("format.date_not_exist", "text", "31/02/2026"))
			p.Fill(label, "15/03/2026")
			p.do("leave the field", chromedp.KeyEvent("\t"))
			p.WaitJS(`!document.getElementById("first_applied-error")`)

			money := i18n.T("staff.part.benefit_value")
			p.Fill(money, "12.5")
			p.do("leave the field", chromedp.KeyEvent("\t"))
			p.WaitText(i18n.T("format.money_invalid", "text", "12.5"))
			p.Fill(money, "12.500.000")
			p.do("leave the field", chromedp.KeyEvent("\t"))
			p.WaitJS(`!document.getElementById("benefit_value-error")`)

			// the draft saves itself: what is stored is what was meant.
			var rec map[string]any
			deadline := time.Now().Add(slow * 15 * time.Second)
			for {
				r, err := w.App.FindFirstRecordByFilter("initiatives", "owner = {:o}", dbx.Params{"o": staff.Id})
				if err == nil && r.GetFloat("benefit_value") != 0 && !r.GetDateTime("first_applied").IsZero() {
					rec = map[string]any{"day": clock.FormatDate(r.GetDateTime("first_applied").Time()), "money": r.GetFloat("benefit_value"), "id": r.Id}
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("the draft was not saved with its date and amount: %v", err)
				}
				time.Sleep(200 * time.Millisecond)
			}
			if rec["day"] != "15/03/2026" || rec["money"] != 12500000.0 {
				t.Errorf("stored first_applied %v and benefit_value %v, want 15/03/2026 and 12500000", rec["day"], rec["money"])
			}
			p.Go("/sang-kien/sua.html?id=" + rec["id"].(string))
			if got := Eval[string](p, `document.getElementById("first_applied-text").value + " | " + document.getElementById("benefit_value-text").value`); got != "15/03/2026 | 12.500.000" {
				t.Errorf("the form shows %q, want \"15/03/2026 | 12.500.000\"", got)
			}
			p.CheckLabels()

			// a score with a decimal comma.
			cr := newCouncilRound(t, "review", 1, "Phiếu điện tử "+lang)
			m := NewPageIn(t, lang)
			m.UseSession(cr.Members[1], "/hoi-dong/cham.html?id="+cr.Items[0].Id)
			m.Fill(rubricLines[0].name, "12,5")
			m.do("leave the field", chromedp.KeyEvent("\t"))
			deadline = time.Now().Add(slow * 15 * time.Second)
			for {
				s, err := w.App.FindFirstRecordByFilter("scores", "member = {:m}", dbx.Params{"m": cr.Members[1].Id})
				if err == nil {
					pts := map[string]float64{}
					_ = s.UnmarshalJSONField("points", &pts)
					if pts["novelty"] == 12.5 {
						break
					}
				}
				if time.Now().After(deadline) {
					t.Fatalf("the sheet was not saved with novelty 12.5: %v", err)
				}
				time.Sleep(200 * time.Millisecond)
			}
			m.Go("/hoi-dong/cham.html?id=" + cr.Items[0].Id)
			if got := Eval[string](m, `document.getElementById("pt-novelty-text").value`); got != "12,5" {
				t.Errorf("the score box shows %q, want 12,5", got)
			}
			m.Fill(rubricLines[1].name, "1.2.3")
			m.do("leave the field", chromedp.KeyEvent("\t"))
			m.WaitText(i18n.T("format.decimal_invalid", "text", "1.2.3"))
			if !strings.Contains(m.Text("#total"), "12,5") {
				t.Errorf("the total does not read 12,5: %q", m.Text("#total"))
			}
		})
	}
}
