package hooks_test

import (
	"net/http"
	"testing"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestVoteIsAJSONBoolean: a member's vote is true or false as JSON
// booleans; anything else ("yes", "true", 1) is refused with 400
// invalid_boolean on approve and nothing is stored, instead of being
// stored as a "no" vote cast.
func TestVoteIsAJSONBoolean(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	srv := testkit.Serve(t, w.App)
	member := apitest.As(w.Members[0])
	sheet := testkit.Save(t, w.App, "scores", map[string]any{
		"initiative": w.Ini.Id, "member": w.Members[0].Id, "points": map[string]float64{}, "status": "draft",
	})
	url := "/api/collections/scores/records/" + sheet.Id
	for _, v := range []any{"yes", "true", "false", 1, 0, "", []any{true}, map[string]any{"v": true}} {
		apitest.Send(t, srv, http.MethodPatch, url, member, apitest.JSON(map[string]any{"approve": v})).WantError(t, http.StatusBadRequest, "approve", "invalid_boolean")
		got := reload(t, w.App, sheet)
		if got.GetBool("voted") || got.GetBool("approve") {
			t.Fatalf("approve %#v: stored voted=%v approve=%v", v, got.GetBool("voted"), got.GetBool("approve"))
		}
	}
	// a new sheet with a vote that is not a boolean is not made either.
	other := apitest.As(w.Members[1])
	apitest.Send(t, srv, http.MethodPost, "/api/collections/scores/records", other, apitest.JSON(
		map[string]any{"initiative": w.Ini.Id, "approve": "yes"})).WantError(t, http.StatusBadRequest, "approve", "invalid_boolean")

	if n := w.count(t, "scores", "member = {:m}", map[string]any{"m": w.Members[1].Id}); n != 0 {
		t.Fatalf("%d sheets made with approve \"yes\"", n)
	}
	// the submit action's vote too.
	apitest.Send(t, srv, http.MethodPost, "/api/reform/scores/"+sheet.Id+"/submit", member, apitest.JSON(
		map[string]any{"approve": "yes"})).WantError(t, http.StatusBadRequest, "approve", "invalid_boolean")

	if got := reload(t, w.App, sheet); got.GetString("status") != "draft" || got.GetBool("voted") {
		t.Fatalf("submit with approve \"yes\": status %s voted %v", got.GetString("status"), got.GetBool("voted"))
	}
	// booleans are votes.
	apitest.Send(t, srv, http.MethodPatch, url, member, apitest.JSON(map[string]any{"approve": false})).Want(t, http.StatusOK)
	if got := reload(t, w.App, sheet); !got.GetBool("voted") || got.GetBool("approve") {
		t.Fatalf("approve false: voted=%v approve=%v", got.GetBool("voted"), got.GetBool("approve"))
	}
	apitest.Send(t, srv, http.MethodPatch, url, member, apitest.JSON(map[string]any{"approve": true})).Want(t, http.StatusOK)
	if got := reload(t, w.App, sheet); !got.GetBool("approve") {
		t.Fatal("approve true not stored")
	}
}
