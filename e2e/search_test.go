package e2e_test

import (
	"strings"
	"testing"

	"sangkien/internal/i18n"
)

// TestSearchBox: on the staff home a person types without diacritics and
// finds their own initiative, the matched words marked in its snippet;
// a colleague's initiative with the same words is not shown. On the
// secretariat's page the same words find both.
func TestSearchBox(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	me, colleague := NewUser(t, "staff"), NewUser(t, "staff")
	mine := w.Initiative(t, me, "submitted", map[string]any{
		"title":   "Đào tạo kỹ năng số Quýtđỏ cho cán bộ một cửa",
		"summary": "Mỗi tháng một buổi đào tạo kỹ năng số cho cán bộ tiếp nhận hồ sơ.",
	})
	theirs := w.Initiative(t, colleague, "submitted", map[string]any{
		"title": "Đào tạo kỹ năng số Quýtđỏ cho tổ dân phố",
	})

	p := NewPage(t)
	p.UseSession(me, "/")
	// the field takes most of its row, on a desktop and on a phone (the
	// forms' full-width buttons once squeezed it to a sliver).
	fieldShare := `(() => { const i = document.querySelector(".search__input");
		return i.getBoundingClientRect().width / i.closest(".search__row").getBoundingClientRect().width; })()`
	p.WaitJS(`!!document.querySelector(".search__input")`)
	if share := Eval[float64](p, fieldShare); share < 0.6 {
		t.Errorf("at 1280 px the search field is %.0f%% of its row", share*100)
	}
	p.viewport(390, 844, true)
	p.WaitJS(`innerWidth === 390`)
	if share := Eval[float64](p, fieldShare); share < 0.6 {
		t.Errorf("at 390 px the search field is %.0f%% of its row", share*100)
	}
	p.CheckPhone("staff home search")
	p.viewport(1280, 900, false)
	p.Fill(i18n.T("search.label"), "dao tao quytdo")
	p.Click(i18n.T("search.submit"))
	p.WaitText(i18n.T("search.count", "count", "1", "q", "dao tao quytdo"))
	hits := p.Text(".search__hits")
	if !strings.Contains(hits, mine.GetString("title")) || strings.Contains(hits, theirs.GetString("title")) {
		t.Errorf("the staff home found:\n%s", hits)
	}
	marked := Eval[[]string](p, `[...document.querySelectorAll(".search__hits mark")].map((m) => m.textContent)`)
	if !containsAll(marked, "Đào", "tạo", "Quýtđỏ") {
		t.Errorf("marked words %q", marked)
	}
	// the hit leads to the initiative.
	p.Click(mine.GetString("title"))
	p.WaitJS(`location.pathname === "/sang-kien/xem.html"`)

	office := NewPage(t)
	office.UseSession(NewUser(t, "staff", "secretariat"), "/van-phong/")
	office.Fill(i18n.T("search.label"), "QUYTDO ky nang")
	office.Click(i18n.T("search.submit"))
	office.WaitText(i18n.T("search.count", "count", "2", "q", "QUYTDO ky nang"))
	office.CheckLabels()
}

// containsAll reports whether list holds every one of want.
func containsAll(list []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, s := range list {
			found = found || s == w
		}
		if !found {
			return false
		}
	}
	return true
}
