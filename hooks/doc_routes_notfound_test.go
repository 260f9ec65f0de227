package hooks_test

import (
	"net/http"
	"testing"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestDocumentOfAnotherAnswersAsUnknown: asking for the application form
// or the score sheet of a record one may not read answers exactly as for
// an id that does not exist (404 not_found, the same body), so the route
// does not tell which ids exist.
func TestDocumentOfAnotherAnswersAsUnknown(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	sheet := w.Sheet(t, w.Ini, w.Chair, "draft", testkit.Points(25, 15, 25, 15), true)
	srv := testkit.Serve(t, w.App)
	staffB := apitest.As(w.StaffB)
	for _, c := range []struct{ existing, unknown string }{
		{"/api/reform/initiatives/" + w.Ini.Id + "/application.docx", "/api/reform/initiatives/nosuchinitiat/application.docx"},
		{"/api/reform/scores/" + sheet.Id + "/sheet.docx", "/api/reform/scores/nosuchsheet123/sheet.docx"},
	} {
		s1, b1 := apitest.Send(t, srv, http.MethodGet, c.existing, staffB).StatusBody()
		s2, b2 := apitest.Send(t, srv, http.MethodGet, c.unknown, staffB).StatusBody()
		if s1 != http.StatusNotFound || s2 != http.StatusNotFound || string(b1) != string(b2) {
			t.Errorf("%s: %d %s\n%s: %d %s\nwant the same 404", c.existing, s1, b1, c.unknown, s2, b2)
		}
	}
}
