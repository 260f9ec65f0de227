package e2e_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"sangkien/internal/clock"
	"sangkien/internal/deadline"
)

// TestDaysLeftSameInPagesAndServer: the pages' daysLeft (js/format.js, in a
// browser whose own zone is Los Angeles) gives the same number as the
// server's deadline.DaysLeft for the same instants: "còn N ngày" reads the
// same on every page and in every mail.
func TestDaysLeftSameInPagesAndServer(t *testing.T) {
	t.Parallel()
	d := clock.Date(2026, time.September, 25)
	noon := d.Add(12 * time.Hour)
	type pair struct{ now, until time.Time }
	var pairs []pair
	for _, until := range []time.Time{d, noon} {
		for _, now := range []time.Time{
			until.AddDate(0, 0, -291).Add(3 * time.Hour), until.AddDate(0, 0, -10).Add(-time.Minute),
			clock.Date(2026, time.September, 23).Add(23*time.Hour + 59*time.Minute), clock.Date(2026, time.September, 24),
			clock.Date(2026, time.September, 24).Add(16 * time.Hour), until.Add(-time.Millisecond), until, until.Add(time.Hour),
		} {
			pairs = append(pairs, pair{now, until})
		}
	}
	var list []map[string]int64
	for _, p := range pairs {
		list = append(list, map[string]int64{"now": p.now.UnixMilli(), "until": p.until.UnixMilli()})
	}
	b, _ := json.Marshal(list)
	p := NewPage(t)
	p.Go("/dang-nhap.html")
	got := Eval[[]int](p, `import("/js/format.js").then((m) => `+string(b)+`.map((x) => m.daysLeft(new Date(x.until), new Date(x.now))))`)
	for i, x := range pairs {
		if want := deadline.DaysLeft(x.now, x.until); got[i] != want {
			t.Errorf("now %s, deadline %s: pages say %d, server %d", clock.FormatDateTime(x.now), clock.FormatDateTime(x.until), got[i], want)
		}
	}
	if len(got) != len(pairs) {
		t.Fatal(fmt.Sprint("answers: ", got))
	}
}
