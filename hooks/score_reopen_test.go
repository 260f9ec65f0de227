package hooks_test

import (
	"net/http"
	"testing"
	"time"

	"sangkien/internal/apitest"
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
	member := apitest.As(w.Members[1])
	secretary := apitest.As(w.Members[0])
	sheet := w.Sheet(t, w.Ini, w.Members[1], "draft", testkit.Points(25, 15, 25, 15), true)
	path := "/api/reform/scores/" + sheet.Id
	first := clock.Date(w.Round.GetInt("year"), time.September, 26).Add(9 * time.Hour)

	setClock(w.App, first)
	apitest.Send(t, srv, http.MethodPost, path+"/submit", member).Want(t, 200)
	if got := reload(t, w.App, sheet).GetDateTime("submitted_at").Time(); !got.Equal(first) {
		t.Fatalf("submitted_at %v, want %v", got, first)
	}

	setClock(w.App, first.Add(time.Hour))
	out := apitest.Send(t, srv, http.MethodPost, path+"/reopen", secretary, apitest.JSON(map[string]any{"reason": "Ghi nhầm điểm"})).Want(t, 200)
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
	res := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+w.Round.GetString("year")+"/results", apitest.As(w.Secretariat)).Want(t, 200)
	if it := res["items"].([]any)[0].(map[string]any); it["sheets"] != 0.0 {
		t.Errorf("a reopened sheet still counts: %v sheets", it["sheets"])
	}

	again := first.Add(2 * time.Hour)
	setClock(w.App, again)
	apitest.Send(t, srv, http.MethodPost, path+"/submit", member).Want(t, 200)
	if got := reload(t, w.App, sheet).GetDateTime("submitted_at").Time(); !got.Equal(again) {
		t.Errorf("submitted again: submitted_at %v, want %v", got, again)
	}
}
