package quota_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/deadline"
	"sangkien/internal/quota"
	"sangkien/internal/testkit"
	"sangkien/internal/vocab"
)

// statuses are every initiative status, in the order of the process.
var statuses = vocab.Statuses.Words

// expected counts the round's initiatives one record at a time with
// deadline.Unit and deadline.SubmittedLate: the rule Compute's one query
// must agree with.
func expected(t *testing.T, w *testkit.Ward) map[string]quota.Unit {
	t.Helper()
	inits, err := w.App.FindRecordsByFilter("initiatives", "round = {:r}", "", 0, 0, dbx.Params{"r": w.Round.Id})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]quota.Unit{}
	deadlines := map[string]time.Time{} // a unit's deadline, asked once
	for _, r := range inits {
		status := r.GetString("status")
		if !slices.Contains(statuses[1:6], status) {
			continue
		}
		until, ok := deadlines[r.GetString("unit")]
		if !ok {
			if until, _, err = deadline.Unit(w.App, w.Round, r.GetString("unit")); err != nil {
				t.Fatal(err)
			}
			deadlines[r.GetString("unit")] = until
		}
		q := out[r.GetString("unit")]
		late := deadline.SubmittedLate(r, until)
		if late {
			q.Late++
		} else {
			q.OnTime++
		}
		if slices.Contains(statuses[2:6], status) {
			q.Endorsed++
			if !late {
				q.Counted++
			}
		}
		if slices.Contains(statuses[3:6], status) {
			q.Accepted++
		}
		if status == "recognized" {
			q.Recog++
		}
		if r.GetBool("nominated") {
			q.Nomin++
		}
		out[r.GetString("unit")] = q
	}
	return out
}

// TestComputeAgreesWithTheRecordRule saves initiatives of two units (one
// with an extension) in every status, marked late or not, submitted
// before, at and after each deadline, nominated or not, and checks that
// Compute counts each unit as the record-by-record rule does.
func TestComputeAgreesWithTheRecordRule(t *testing.T) {
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	base := w.Round.GetDateTime("submission_deadline").Time()
	ext := base.AddDate(0, 0, 3)
	testkit.Save(t, w.App, "extensions", map[string]any{"round": w.Round.Id, "unit": w.UnitB.Id, "until": ext, "reason": "Gia hạn"})
	times := []time.Time{{}, base.Add(-time.Second), base, base.Add(time.Second), ext.Add(-time.Millisecond), ext, ext.Add(time.Hour)}
	n := 0
	for _, owner := range []*core.Record{w.StaffA, w.StaffB} {
		for _, status := range statuses {
			for _, at := range times {
				for _, late := range []bool{false, true} {
					n++
					fields := map[string]any{"submitted_at": at, "late": late, "nominated": n%3 == 0}
					if slices.Contains(statuses[2:6], status) && n%4 != 0 {
						// sent by the unit at another of the times (a quarter
						// endorsed before endorsed_at was recorded).
						fields["endorsed_at"] = times[(n*3)%len(times)]
					}
					w.Initiative(t, owner, status, fields)
				}
			}
		}
	}
	got, err := quota.Compute(w.App, w.Round, "")
	if err != nil {
		t.Fatal(err)
	}
	want := expected(t, w)
	if len(got) != 6 {
		t.Fatalf("%d units, want the 6 active ones", len(got))
	}
	for _, u := range got {
		e := want[u.Unit]
		counts := [7]int{u.OnTime, u.Late, u.Endorsed, u.Accepted, u.Recog, u.Nomin, u.Counted}
		wantCounts := [7]int{e.OnTime, e.Late, e.Endorsed, e.Accepted, e.Recog, e.Nomin, e.Counted}
		if counts != wantCounts {
			t.Errorf("%s: on time, late, endorsed, accepted, recognised, nominated, counted = %v, want %v",
				u.Code, counts, wantCounts)
		}
		if u.Met != (u.Counted >= u.Required) {
			t.Errorf("%s: met %v with %d of %d", u.Code, u.Met, u.Counted, u.Required)
		}
		if wantExt := u.Unit == w.UnitB.Id; u.Extended != wantExt || !u.Until.Equal(map[bool]time.Time{false: base, true: ext}[wantExt]) {
			t.Errorf("%s: deadline %v extended %v", u.Code, u.Until, u.Extended)
		}
	}
	if a := want[w.UnitA.Id]; a.OnTime == 0 || a.Late == 0 || a.Counted == 0 {
		t.Errorf("the fixture does not exercise both sides: %+v", a)
	}
	if b := want[w.UnitB.Id]; b.OnTime <= want[w.UnitA.Id].OnTime {
		t.Errorf("the extension should put more of unit B on time: B %+v, A %+v", b, want[w.UnitA.Id])
	}

	only, err := quota.Compute(w.App, w.Round, w.UnitB.Id)
	if err != nil {
		t.Fatal(err)
	}
	if len(only) != 1 || only[0].Unit != w.UnitB.Id || only[0].Counted != want[w.UnitB.Id].Counted {
		t.Errorf("only unit B: %+v", only)
	}
}

// TestOnTimeIsTheUnitsEndorsement: an initiative its author submitted in
// time counts toward the quota only when the unit head endorsed it before
// the unit's deadline; the deadline's own instant is too late.
func TestOnTimeIsTheUnitsEndorsement(t *testing.T) {
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	d := w.Round.GetDateTime("submission_deadline").Time()
	testkit.Update(t, w.App, w.UnitA, map[string]any{"quota": 5})
	testkit.Update(t, w.App, w.UnitB, map[string]any{"quota": 5})
	extUntil := d.AddDate(0, 0, 3)
	testkit.Save(t, w.App, "extensions", map[string]any{"round": w.Round.Id, "unit": w.UnitB.Id, "until": extUntil, "reason": "Gia hạn"})
	submitted := d.Add(-48 * time.Hour)
	for _, at := range []time.Time{d.Add(-time.Millisecond), d, d.Add(time.Hour)} {
		w.Initiative(t, w.StaffA, "endorsed", map[string]any{"submitted_at": submitted, "endorsed_at": at})
		w.Initiative(t, w.StaffB, "accepted", map[string]any{"submitted_at": submitted, "endorsed_at": extUntil.Add(at.Sub(d))})
	}
	got, err := quota.Compute(w.App, w.Round, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range got {
		if u.Unit != w.UnitA.Id && u.Unit != w.UnitB.Id {
			continue
		}
		if u.Counted != 1 || u.OnTime != 1 || u.Late != 2 || u.Endorsed != 3 {
			t.Errorf("%s: counted %d, on time %d, late %d, endorsed %d; want 1, 1, 2, 3 (only the endorsement before %v)",
				u.Code, u.Counted, u.OnTime, u.Late, u.Endorsed, u.Until)
		}
	}
}

// fill inserts n initiatives of the ward's round with plain SQL, spread
// over the units, statuses, both sides of the deadline and the late flag.
func fill(t testing.TB, w *testkit.Ward, n int) {
	t.Helper()
	units, err := w.App.FindAllRecords("units")
	if err != nil {
		t.Fatal(err)
	}
	base := w.Round.GetDateTime("submission_deadline").Time()
	err = w.App.RunInTransaction(func(tx core.App) error {
		q := tx.DB().NewQuery(`INSERT INTO initiatives (id, round, unit, status, submitted_at, late, nominated, created, updated)
			VALUES ({:id}, {:round}, {:unit}, {:status}, {:at}, {:late}, {:nominated}, {:at}, {:at})`).Prepare()
		defer q.Close()
		for i := 0; i < n; i++ {
			at := base.Add(time.Duration(i%48-40) * time.Hour).UTC().Format("2006-01-02 15:04:05.000Z")
			_, err := q.Bind(dbx.Params{
				"id": fmt.Sprintf("qi%013d", i), "round": w.Round.Id, "unit": units[i%len(units)].Id,
				"status": statuses[i%len(statuses)], "at": at, "late": i%17 == 0, "nominated": i%10 == 0,
			}).Execute()
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestComputeTenThousand counts a round of 10,000 initiatives and checks
// the totals against the record-by-record rule.
func TestComputeTenThousand(t *testing.T) {
	if testing.Short() {
		t.Skip("fills 10,000 initiatives")
	}
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	fill(t, w, 10000)
	start := time.Now()
	got, err := quota.Compute(w.App, w.Round, "")
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	want := expected(t, w)
	total := 0
	for _, u := range got {
		e := want[u.Unit]
		if u.OnTime != e.OnTime || u.Late != e.Late || u.Counted != e.Counted || u.Nomin != e.Nomin {
			t.Errorf("%s: %+v, want %+v", u.Code, u, e)
		}
		total += u.OnTime + u.Late
	}
	if total != 6250 { // 5 of the 8 statuses are submitted ones
		t.Errorf("%d submitted, want 6250", total)
	}
	t.Logf("Compute over 10,000 initiatives: %v", took)
}

// BenchmarkCompute measures Compute over a round of 10,000 initiatives.
func BenchmarkCompute(b *testing.B) {
	w := testkit.NewWard(b)
	defer w.App.Cleanup()
	fill(b, w, 10000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := quota.Compute(w.App, w.Round, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMetFromExactlyTheQuota: a unit meets its quota with as many
// initiatives counted as it owes; one fewer is not met.
func TestMetFromExactlyTheQuota(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	testkit.Update(t, w.App, w.UnitA, map[string]any{"quota": 2})
	line := func() quota.Unit {
		t.Helper()
		lines, err := quota.Compute(w.App, w.Round, w.UnitA.Id)
		if err != nil || len(lines) != 1 {
			t.Fatalf("Compute: %v %v", lines, err)
		}
		return lines[0]
	}
	w.Initiative(t, w.StaffA, vocab.Endorsed, nil)
	if u := line(); u.Counted != 1 || u.Met || u.Result != "not_met" {
		t.Errorf("1 counted of 2: counted %d, met %v, result %s; want not_met", u.Counted, u.Met, u.Result)
	}
	w.Initiative(t, w.StaffA2, vocab.Endorsed, nil)
	if u := line(); u.Counted != 2 || !u.Met || u.Result != "met" {
		t.Errorf("2 counted of 2: counted %d, met %v, result %s; want met", u.Counted, u.Met, u.Result)
	}
}
