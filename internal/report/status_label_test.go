package report

import (
	"os"
	"testing"

	"sangkien/internal/i18n"
)

// TestStatusLabelIsTheCatalogs: the reports name a status as the pages
// and the messages do, with the catalog's status.<code>.
func TestStatusLabelIsTheCatalogs(t *testing.T) {
	if err := i18n.Load(os.DirFS("../../pb_public")); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"draft", "submitted", "endorsed", "accepted", "recognized", "not_recognized", "returned", "withdrawn"} {
		if got := statusLabel(s); got != i18n.T("status."+s) || !i18n.Has("status."+s) {
			t.Errorf("statusLabel(%s) = %q, want the catalog's %q", s, got, i18n.T("status."+s))
		}
	}
}
