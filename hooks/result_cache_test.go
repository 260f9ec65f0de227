package hooks_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"testing"

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
	sheet, err := w.App.FindFirstRecordByFilter("scores", "initiative = {:i} && member = {:m}", map[string]any{"i": w.Ini.Id, "m": w.Members[2].Id})
	if err != nil {
		t.Fatal(err)
	}
	// sheetsOf is how many sheets of Ini the answer counts, and its mean.
	sheetsOf := func(body string) (int, float64) {
		var a resultsAnswer
		if err := json.Unmarshal([]byte(body), &a); err != nil {
			t.Fatal(err)
		}
		for _, it := range a.Items {
			if it.ID == w.Ini.Id {
				return it.Sheets, it.Mean
			}
		}
		t.Fatalf("%s not in %s", w.Ini.GetString("code"), body)
		return 0, 0
	}
	steps := []struct {
		name   string
		change func()
		sheets int
		mean   float64
	}{
		{"as scored", func() {}, 4, 75},
		{"asked again", func() {}, 4, 75},
		{"a sheet reopened", func() { testkit.Update(t, w.App, sheet, map[string]any{"status": "draft"}) }, 3, 83.33},
		{"submitted again", func() { testkit.Update(t, w.App, sheet, map[string]any{"status": "submitted"}) }, 4, 75},
		{"its total changed in SQL", func() {
			if _, err := w.App.DB().NewQuery("UPDATE scores SET total = 90 WHERE id = {:id}").Bind(map[string]any{"id": sheet.Id}).Execute(); err != nil {
				t.Fatal(err)
			}
		}, 4, 85},
		{"the sheet deleted", func() {
			if err := w.App.Delete(sheet); err != nil {
				t.Fatal(err)
			}
		}, 3, 83.33},
	}
	for _, s := range steps {
		s.change()
		status, body := resultsBody(t, srv, w, token)
		if status != http.StatusOK {
			t.Fatalf("%s: %d %s", s.name, status, body)
		}
		if n, mean := sheetsOf(body); n != s.sheets || mean != s.mean {
			t.Errorf("%s: %s shows %d sheets, mean %v; want %d, %v", s.name, w.Ini.GetString("code"), n, mean, s.sheets, s.mean)
		}
		// the same answer as one computed with nothing kept (the order of
		// a map's keys aside).
		w.App.Store().Remove("sangkien.results")
		var kept, computed any
		_, fresh := resultsBody(t, srv, w, token)
		_ = json.Unmarshal([]byte(body), &kept)
		_ = json.Unmarshal([]byte(fresh), &computed)
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
