package e2e_test

import (
	"strings"
	"testing"

	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// TestCouncilSecretBallotPage: in a secret-ballot round a member who has
// submitted sees the others' totals but their votes as "Kín", and is told
// the ballot is secret; their own vote is theirs to see.
func TestCouncilSecretBallotPage(t *testing.T) {
	t.Parallel()
	w := Shared(t)
	cr := newCouncilRound(t, "review", 1, "Cấp giấy xác nhận trực tuyến")
	testkit.Update(t, w.App, cr.Round, map[string]any{"voting": "secret"})
	ini, member, other := cr.Items[0], cr.Members[1], cr.Members[0]
	w.Sheet(t, ini, other, "submitted", testkit.Points(26, 18, 27.5, 17), true)
	w.Sheet(t, ini, member, "submitted", testkit.Points(20, 15, 20, 15), true)
	p := NewPage(t)
	p.UseSession(member, "/hoi-dong/cham.html?id="+ini.Id)
	p.WaitText(i18n.T("council.vote_secret_hint"))
	p.WaitJS(`!document.getElementById('others').hidden`)
	table := p.Text("#others-table")
	if !strings.Contains(table, "88,5") || !strings.Contains(table, i18n.T("council.vote_secret")) {
		t.Errorf("others: %q", table)
	}
	if strings.Count(table, i18n.T("council.vote_yes_short")) != 1 {
		t.Errorf("a vote other than one's own shows: %q", table)
	}
}
