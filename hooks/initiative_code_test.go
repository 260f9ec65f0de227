package hooks_test

import (
	"fmt"
	"net/http"
	"sort"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestCodesUnderRace sends 100 submissions at once over real HTTP and
// expects 100 distinct, gap-free codes SK-YYYY-001 … SK-YYYY-100.
func TestCodesUnderRace(t *testing.T) {
	t.Parallel()
	const n = 100
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	owners := []*core.Record{w.StaffA, w.StaffA2, w.StaffB, w.HeadA}
	ids := make([]string, n)
	tokens := make([]string, n)
	for i := range ids {
		o := owners[i%len(owners)]
		ids[i] = w.Initiative(t, o, "draft", nil).Id
		tokens[i] = testkit.Token(t, o)
	}
	codes := make([]string, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			status, body := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+ids[i]+"/submit", apitest.Token(tokens[i]), apitest.JSON("")).StatusJSON()
			if status != 200 {
				t.Errorf("submit %d: %d %v", i, status, body)
				return
			}
			codes[i], _ = body["code"].(string)
		}()
	}
	close(start)
	wg.Wait()
	year := w.Round.GetInt("year")
	want := make([]string, n)
	for i := range want {
		want[i] = fmt.Sprintf("SK-%d-%03d", year, i+1)
	}
	sort.Strings(codes)
	for i := range want {
		if codes[i] != want[i] {
			t.Fatalf("codes[%d] = %q, want %q (codes %v)", i, codes[i], want[i], codes)
		}
	}
	// the stored codes are the answered ones.
	rows, err := w.App.FindRecordsByFilter("initiatives", "code != ''", "code", 0, 0)
	if err != nil || len(rows) != n {
		t.Fatalf("%d initiatives with a code, %v", len(rows), err)
	}
	for i, r := range rows {
		if r.GetString("code") != want[i] || r.GetString("status") != "submitted" {
			t.Fatalf("stored %d: %s %s", i, r.GetString("code"), r.GetString("status"))
		}
	}
}

func TestCodeNumbering(t *testing.T) {
	t.Parallel()
	yr := func(w *testkit.Ward) int { return w.Round.GetInt("year") }
	runCases(t, []actionCase{
		{
			name: "the next number after the highest given, withdrawn ones included", caller: byStaffA, url: action("submit"),
			setup: func(t testing.TB, w *testkit.Ward) string {
				w.Initiative(t, w.StaffB, "submitted", map[string]any{"code": fmt.Sprintf("SK-%d-041", yr(w))})
				w.Initiative(t, w.StaffB, "withdrawn", map[string]any{"code": fmt.Sprintf("SK-%d-042", yr(w))})
				w.Initiative(t, w.StaffB, "submitted", map[string]any{"code": fmt.Sprintf("SK-%d-009", yr(w))})
				return w.Initiative(t, w.StaffA, "draft", nil).Id
			},
			status: 200, content: []string{`-043"`},
		},
		{
			name: "past 999 the numbers have four digits and count as numbers", caller: byStaffA, url: action("submit"),
			setup: func(t testing.TB, w *testkit.Ward) string {
				for _, n := range []string{"999", "1000", "998"} {
					w.Initiative(t, w.StaffB, "submitted", map[string]any{"code": fmt.Sprintf("SK-%d-%s", yr(w), n)})
				}
				return w.Initiative(t, w.StaffA, "draft", nil).Id
			},
			status: 200, content: []string{`-1001"`},
		},
		{
			name: "codes a superuser typed in another shape do not set the number", caller: byStaffA, url: action("submit"),
			setup: func(t testing.TB, w *testkit.Ward) string {
				// the code field takes any text of 20: the dashboard may hold these
				for _, c := range []string{"041", "007b", "0050", "7"} {
					w.Initiative(t, w.StaffB, "submitted", map[string]any{"code": fmt.Sprintf("SK-%d-%s", yr(w), c)})
				}
				return w.Initiative(t, w.StaffA, "draft", nil).Id
			},
			status: 200, content: []string{`-042"`},
		},
		{
			name: "another year's codes do not count", caller: byStaffA, url: action("submit"),
			setup: func(t testing.TB, w *testkit.Ward) string {
				old := testkit.Save(t, w.App, "rounds", map[string]any{"year": yr(w) - 1, "status": "closed",
					"submission_deadline": "2000-09-24 17:00:00.000Z", "decision_deadline": "2000-09-29 17:00:00.000Z"})
				w.Initiative(t, w.StaffB, "recognized", map[string]any{"round": old.Id, "code": fmt.Sprintf("SK-%d-017", yr(w)-1)})
				return w.Initiative(t, w.StaffA, "draft", nil).Id
			},
			status: 200, content: []string{`-001"`},
			check: func(t testing.TB, w *testkit.Ward, id string) {
				if got := mustFind(t, w.App, "initiatives", id).GetString("code"); got != fmt.Sprintf("SK-%d-001", yr(w)) {
					t.Errorf("code = %s", got)
				}
			},
		},
	})
}

// TestRefusedSubmissionTakesNoNumber: a refused submission leaves no gap.
func TestRefusedSubmissionTakesNoNumber(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	bad := w.Initiative(t, w.StaffA, "draft", map[string]any{"summary": ""})
	good := w.Initiative(t, w.StaffA2, "draft", nil)
	if s := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+bad.Id+"/submit", apitest.As(w.StaffA), apitest.JSON("")).Status; s != 400 {
		t.Fatalf("incomplete submit: %d", s)
	}
	body := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+good.Id+"/submit", apitest.As(w.StaffA2), apitest.JSON("")).JSON()
	if want := fmt.Sprintf("SK-%d-001", w.Round.GetInt("year")); body["code"] != want {
		t.Errorf("code %v, want %s", body["code"], want)
	}
}

func TestCodeUniqueIndex(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	w.Initiative(t, w.StaffA, "submitted", map[string]any{"code": "SK-2026-005"})
	col, _ := w.App.FindCollectionByNameOrId("initiatives")
	dup := core.NewRecord(col)
	dup.Load(mustFind(t, w.App, "initiatives", w.Initiative(t, w.StaffB, "draft", nil).Id).FieldsData())
	dup.Id = ""
	dup.Set("code", "SK-2026-005")
	if err := w.App.Save(dup); err == nil {
		t.Fatal("a duplicate code was saved")
	}
}
