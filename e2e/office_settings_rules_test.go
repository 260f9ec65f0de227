package e2e_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"sangkien/internal/i18n"
)

// TestOfficeSettingsCouncilRules: the secretariat sets the council up as
// its regulation says — secret ballot, approval by score, tiers with a
// novelty minimum, its own legal bases, a co-author's least share — on
// the settings page, with the Vietnamese labels, and the round holds them.
// Before, every setting shows today's rule: threshold 50, 2/3, the mean,
// open vote, approval by vote, quorum 2/3, spread 15, no form rule, the
// tiers 90/70/50, each criterion's minimum 0 and today's legal bases.
func TestOfficeSettingsCouncilRules(t *testing.T) {
	t.Parallel()
	o := newOfficeRound(t, time.Now().AddDate(0, 0, 20))
	p := NewPage(t)
	p.UseSession(officer(t), o.path("/van-phong/cai-dat.html"))
	p.WaitText(i18n.T("office.council_rules"))
	p.CheckLabels()
	// today's rules shown as the defaults.
	if got := Eval[string](p, `document.getElementById('set-tiers').value`); got != "xuat_sac; Xuất sắc; 90\ntot; Tốt; 70\ndat; Đạt; 50" {
		t.Errorf("default tiers shown as %q", got)
	}
	shown := Eval[map[string]string](p, `(() => { const v = (id) => document.getElementById(id).value,
		s = (id) => { const e = document.getElementById(id); return e.options[e.selectedIndex].text; };
		return {threshold: v('set-threshold'), ratio: s('set-ratio'), aggregation: s('set-aggregation'), voting: s('set-voting'),
			basis: s('set-basis'), quorum: s('set-quorum'), spread: v('set-spread'), first: v('set-first-max'), share: v('set-min-share'),
			legal: v('set-legal').split('\n')[0],
			mins: [...document.querySelectorAll('input[name=min_points]')].map((e) => e.value).join(',')}; })()`)
	wantShown := map[string]string{"threshold": "50", "ratio": "2/3", "aggregation": i18n.T("office.aggregation.mean"),
		"voting": i18n.T("office.voting.open"), "basis": i18n.T("office.approval_basis.vote"), "quorum": "2/3", "spread": "15",
		"first": "0", "share": "0", "legal": "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025", "mins": "0,0,0,0"}
	for k, want := range wantShown {
		if shown[k] != want {
			t.Errorf("default %s shown as %q, want %q", k, shown[k], want)
		}
	}
	selectOption(p, i18n.T("office.set_voting"), i18n.T("office.voting.secret"))
	selectOption(p, i18n.T("office.set_approval_basis"), i18n.T("office.approval_basis.score"))
	selectOption(p, i18n.T("office.set_aggregation"), i18n.T("office.aggregation.median"))
	p.Fill(i18n.T("office.set_min_share"), "30")
	Eval[bool](p, `(() => { document.getElementById('set-tiers').value = "a; Loại A; 85; novelty; 30\nb; Loại B; 70; novelty; 20\nc; Loại C; 50";
		document.getElementById('set-legal').value = "Quyết định số 465/QĐ-SGDĐT ngày 02/3/2026 của Sở Giáo dục và Đào tạo"; return true; })()`)
	p.Click(i18n.T("office.save_round"))
	p.WaitText(i18n.T("office.round_saved"))
	r := reload(t, o.Round)
	if r.GetString("voting") != "secret" || r.GetString("approval_basis") != "score" || r.GetString("aggregation") != "median" ||
		r.GetFloat("min_author_share") != 30 {
		t.Errorf("stored %v", r.PublicExport())
	}
	var tiers []map[string]any
	_ = json.Unmarshal([]byte(r.GetString("tiers")), &tiers)
	want := []map[string]any{{"code": "a", "name": "Loại A", "min_total": 85.0, "criterion": "novelty", "min_criterion": 30.0},
		{"code": "b", "name": "Loại B", "min_total": 70.0, "criterion": "novelty", "min_criterion": 20.0},
		{"code": "c", "name": "Loại C", "min_total": 50.0}}
	if !reflect.DeepEqual(tiers, want) {
		t.Errorf("tiers stored %s", r.GetString("tiers"))
	}
	if got := r.GetString("legal_bases"); got != `["Quyết định số 465/QĐ-SGDĐT ngày 02/3/2026 của Sở Giáo dục và Đào tạo"]` {
		t.Errorf("legal bases stored %s", got)
	}
}
