package report_test

import (
	"fmt"
	"testing"

	"github.com/pocketbase/dbx"

	"sangkien/internal/report"
)

func TestInitiativesDuplicateColumn(t *testing.T) {
	fx := newFixture(t)
	db := fx.w.App.DB()
	if _, err := db.NewQuery("DELETE FROM initiative_similar").Execute(); err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		ini, other string
		p          int
	}{
		{fx.gamma.Id, fx.alpha.Id, 85}, // another unit's
		{fx.gamma.Id, fx.beta.Id, 30},  // under 40%: not shown
		{fx.delta.Id, fx.gamma.Id, 45}, // the same unit's
		{fx.beta.Id, fx.alpha.Id, 35},  // under 40%: empty cell
	} {
		if _, err := db.Insert("initiative_similar", dbx.Params{"initiative": r.ini, "other": r.other, "similarity": r.p}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	const sh = "Tổng hợp sáng kiến"
	f := open(t, fx.w.App, fx.w.Round, report.Initiatives, report.Options{Now: fx.now})
	expectRow(t, f, sh, 7, initiativesHeader...)
	for ref, want := range map[string]string{"L9": "", "L10": "", "L11": "85% SK-2026-001", "L12": "45% SK-2026-003"} {
		if got := shown(t, f, sh, ref); got != want {
			t.Errorf("ward list %s = %q, want %q", ref, got, want)
		}
	}
	// a unit's own list names no code of another unit's initiative.
	f = open(t, fx.w.App, fx.w.Round, report.Initiatives, report.Options{Now: fx.now, Unit: fx.w.UnitB.Id})
	other := fmt.Sprintf("85%% (đơn vị khác, năm %d)", fx.w.Round.GetInt("year"))
	for ref, want := range map[string]string{"L9": other, "L10": "45% SK-2026-003"} {
		if got := shown(t, f, sh, ref); got != want {
			t.Errorf("unit list %s = %q, want %q", ref, got, want)
		}
	}
}
