package report_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/report"
)

// TestManyRowsInBatches checks that reading the round in batches of 500
// loses and repeats no row, even when submission times tie across the
// edge of a batch.
func TestManyRowsInBatches(t *testing.T) {
	fx := newFixture(t)
	const n = 1203
	err := fx.w.App.RunInTransaction(func(tx core.App) error {
		q := tx.DB().NewQuery(`INSERT INTO initiatives (id, code, round, unit, field, title, authors, status, submitted_at, created, updated)
			VALUES ({:id}, {:code}, {:round}, {:unit}, '', {:title}, '[]', 'submitted', {:at}, '', '')`).Prepare()
		defer q.Close()
		for i := 0; i < n; i++ {
			// seven initiatives share each submission time.
			_, err := q.Bind(dbx.Params{"id": fmt.Sprintf("mb%013d", n-i), "code": fmt.Sprintf("SK-2027-%05d", i),
				"round": fx.w.Round.Id, "unit": fx.w.UnitB.Id, "title": "Hàng " + strconv.Itoa(i),
				"at": fmt.Sprintf("2026-09-20 %02d:%02d:00.000Z", i/7/60, i/7%60)}).Execute()
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	f := open(t, fx.w.App, fx.w.Round, report.Initiatives, report.Options{Now: fx.now})
	rows, err := f.GetRows("Tổng hợp sáng kiến")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	stt := 0
	for _, r := range rows[7:] {
		if len(r) > 0 && strings.HasPrefix(r[0], "I. ") {
			continue // the consolidated section's heading
		}
		if len(r) < 3 || r[0] == "Tổng cộng" {
			break
		}
		stt++
		if r[0] != strconv.Itoa(stt) {
			t.Fatalf("STT %q after %d", r[0], stt-1)
		}
		seen[r[1]]++
	}
	// the fixture's four consolidated initiatives (its withdrawn one
	// stands in a section of its own, after the total).
	if stt != n+4 {
		t.Errorf("%d rows, want %d", stt, n+4)
	}
	for i := 0; i < n; i++ {
		if c := seen[fmt.Sprintf("SK-2027-%05d", i)]; c != 1 {
			t.Errorf("SK-2027-%05d appears %d times", i, c)
		}
	}
}
