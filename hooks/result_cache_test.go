package hooks_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/hooks"
	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// resultsBody is the results route's answer to token, its status and body.
func resultsBody(t *testing.T, srv *httptest.Server, w *scoringWard, token string) (int, string) {
	t.Helper()
	res := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+strconv.Itoa(w.Round.GetInt("year"))+"/results", apitest.Token(token))
	return res.Status, string(res.Body)
}

// scoredServer serves a scoredWard; token is the secretariat's.
func scoredServer(t *testing.T) (w *scoringWard, srv *httptest.Server, token string) {
	t.Helper()
	w = newScoringWard(t)
	scoredWard(t, w)
	srv = httptest.NewServer(testkit.Handler(t, w.App))
	t.Cleanup(srv.Close)
	return w, srv, testkit.Token(t, w.Secretariat)
}

func TestResultsAnswerFollowsEveryChangeToTheSheets(t *testing.T) {
	t.Parallel()
	w, srv, token := scoredServer(t)
	ini2, err := w.App.FindFirstRecordByFilter("initiatives", "code = 'SK-2026-002'")
	if err != nil {
		t.Fatal(err)
	}
	sheetOf := func(ini *core.Record, member *core.Record) *core.Record {
		sheet, err := w.App.FindFirstRecordByFilter("scores", "initiative = {:i} && member = {:m}", map[string]any{"i": ini.Id, "m": member.Id})
		if err != nil {
			t.Fatal(err)
		}
		return sheet
	}
	sheet, draft := sheetOf(w.Ini, w.Members[2]), sheetOf(ini2, w.Members[2])
	setTotal := func(total int) {
		if _, err := w.App.DB().NewQuery("UPDATE scores SET total = {:t} WHERE id = {:id}").Bind(map[string]any{"t": total, "id": sheet.Id}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	// sheetsOf is how many sheets of ini the answer counts, and its mean.
	sheetsOf := func(body string, ini *core.Record) (int, float64) {
		var a resultsAnswer
		if err := json.Unmarshal([]byte(body), &a); err != nil {
			t.Fatal(err)
		}
		for _, it := range a.Items {
			if it.ID == ini.Id {
				return it.Sheets, it.Mean
			}
		}
		t.Fatalf("%s not in %s", ini.GetString("code"), body)
		return 0, 0
	}
	// Ini's totals: 80, 70, 100 and Members[2]'s 50; ini2's: 60, 80, and 60 in draft.
	steps := []struct {
		name    string
		change  func()
		sheets  int
		mean    float64
		sheets2 int
		refresh bool // computed from the answer kept before
	}{
		{"as scored", func() {}, 4, 75, 2, false},
		{"asked again", func() {}, 4, 75, 2, false},
		{"a sheet reopened", func() { testkit.Update(t, w.App, sheet, map[string]any{"status": "draft"}) }, 3, 83.33, 2, true},
		{"submitted again", func() { testkit.Update(t, w.App, sheet, map[string]any{"status": "submitted"}) }, 4, 75, 2, true},
		{"its total changed in SQL", func() { setTotal(90) }, 4, 85, 2, true},
		{"two initiatives' sheets changed before a read", func() {
			testkit.Update(t, w.App, draft, map[string]any{"status": "submitted"})
			setTotal(50)
		}, 4, 75, 3, true},
		{"the round's threshold, then a sheet", func() {
			testkit.Update(t, w.App, w.Round, map[string]any{"threshold": 60})
			setTotal(90)
		}, 4, 85, 3, false},
		{"more sheet changes than results_changes names (4096)", func() {
			for i := range 4097 {
				setTotal([]int{90, 50}[i%2])
			}
		}, 4, 85, 3, false},
		{"the sheet deleted", func() {
			if err := w.App.Delete(sheet); err != nil {
				t.Fatal(err)
			}
		}, 3, 83.33, 3, true},
	}
	for _, s := range steps {
		refreshes := hooks.ResultsRefreshes(w.App)
		s.change()
		status, body := resultsBody(t, srv, w, token)
		if status != http.StatusOK {
			t.Fatalf("%s: %d %s", s.name, status, body)
		}
		if n, mean := sheetsOf(body, w.Ini); n != s.sheets || mean != s.mean {
			t.Errorf("%s: %s shows %d sheets, mean %v; want %d, %v", s.name, w.Ini.GetString("code"), n, mean, s.sheets, s.mean)
		}
		if n, _ := sheetsOf(body, ini2); n != s.sheets2 {
			t.Errorf("%s: %s shows %d sheets; want %d", s.name, ini2.GetString("code"), n, s.sheets2)
		}
		if got := hooks.ResultsRefreshes(w.App) > refreshes; got != s.refresh {
			t.Errorf("%s: computed from the kept answer %v, want %v", s.name, got, s.refresh)
		}
		// the same answer as one computed from the whole round (the order
		// of a map's keys aside).
		round, err := w.App.FindRecordById("rounds", w.Round.Id)
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := hooks.FreshResults(w.App, round)
		if err != nil {
			t.Fatal(err)
		}
		var kept, computed any
		_ = json.Unmarshal([]byte(body), &kept)
		_ = json.Unmarshal(fresh, &computed)
		if !reflect.DeepEqual(kept, computed) {
			t.Errorf("%s: the answer differs from one computed afresh:\n%s\n%s", s.name, body, fresh)
		}
	}
}

func TestResultsKeptAreNotShownToWhoLostTheRight(t *testing.T) {
	t.Parallel()
	w, srv, token := scoredServer(t)
	if status, body := resultsBody(t, srv, w, token); status != http.StatusOK {
		t.Fatalf("the secretariat: %d %s", status, body)
	}
	testkit.Update(t, w.App, w.Secretariat, map[string]any{"roles": []string{"staff"}})
	if status, body := resultsBody(t, srv, w, token); status != http.StatusForbidden {
		t.Errorf("no longer the secretariat: %d %s", status, body)
	}
}
