package hooks_test

import (
	"net/http"
	"testing"
	"time"

	"sangkien/internal/clock"
	"sangkien/internal/testkit"
)

// TestReopenedSheetLosesSubmittedAt: a sheet submitted through the API
// carries the server's time of submission; reopened, it is a draft again
// with no submission time (the audit entry keeps the old one) and leaves
// the tally; submitted again, it carries the new time.
func TestReopenedSheetLosesSubmittedAt(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	member := apiClient{t, srv.URL, testkit.Token(t, w.Members[1])}
	secretary := apiClient{t, srv.URL, testkit.Token(t, w.Members[0])}
	sheet := w.Sheet(t, w.Ini, w.Members[1], "draft", testkit.Points(25, 15, 25, 15), true)
	path := "/api/reform/scores/" + sheet.Id
	first := clock.Date(w.Round.GetInt("year"), time.September, 26).Add(9 * time.Hour)

	setClock(w.App, first)
	member.must(200, http.MethodPost, path+"/submit", nil)
	if got := reload(t, w.App, sheet).GetDateTime("submitted_at").Time(); !got.Equal(first) {
		t.Fatalf("submitted_at %v, want %v", got, first)
	}

	setClock(w.App, first.Add(time.Hour))
	out := secretary.must(200, http.MethodPost, path+"/reopen", map[string]any{"reason": "Ghi nhầm điểm"})
	if out["status"] != "draft" || out["submitted_at"] != "" {
		t.Errorf("reopened: status %v, submitted_at %q; want draft and none", out["status"], out["submitted_at"])
	}
	s := reload(t, w.App, sheet)
	if s.GetString("status") != "draft" || !s.GetDateTime("submitted_at").IsZero() {
		t.Errorf("stored: status %q, submitted_at %v", s.GetString("status"), s.GetDateTime("submitted_at"))
	}
	entries := auditEntries(t, w.App, sheet.Id, "reopen")
	if len(entries) != 1 || entries[0].GetString("after") != `{"reopen_reason":"Ghi nhầm điểm","status":"draft","submitted_at":""}` {
		t.Errorf("reopen audit %v", entries)
	}
	res := apiClient{t, srv.URL, testkit.Token(t, w.Secretariat)}.must(200, http.MethodGet, "/api/reform/rounds/"+w.Round.GetString("year")+"/results", nil)
	if it := res["items"].([]any)[0].(map[string]any); it["sheets"] != 0.0 {
		t.Errorf("a reopened sheet still counts: %v sheets", it["sheets"])
	}

	again := first.Add(2 * time.Hour)
	setClock(w.App, again)
	member.must(200, http.MethodPost, path+"/submit", nil)
	if got := reload(t, w.App, sheet).GetDateTime("submitted_at").Time(); !got.Equal(again) {
		t.Errorf("submitted again: submitted_at %v, want %v", got, again)
	}
}
