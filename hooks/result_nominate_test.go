package hooks_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/testkit"
)

// recognizedWard puts w after the decision: Ini recognised, a second
// recognised initiative Ini2 and a not-recognised Ini3, set directly.
func recognizedWard(t testing.TB, w *scoringWard) (ini2, ini3 *core.Record) {
	t.Helper()
	w.setRound(t, "decided")
	testkit.Update(t, w.App, w.Ini, map[string]any{"status": "recognized", "result_mean": 92, "result_tier": "xuat_sac", "result_rank": 1})
	ini2 = w.Initiative(t, w.StaffB, "recognized", map[string]any{"code": "SK-2026-002", "council": w.Council.Id,
		"result_mean": 75, "result_tier": "tot", "result_rank": 2})
	ini3 = w.Initiative(t, w.StaffA2, "not_recognized", map[string]any{"code": "SK-2026-003", "council": w.Council.Id,
		"result_mean": 40, "result_rank": 3})
	return ini2, ini3
}

func nominateURL(ini *core.Record) string { return "/api/reform/initiatives/" + ini.Id + "/nominate" }

func TestNominate(t *testing.T) {
	t.Parallel()
	body := map[string]any{"number": "37/TTr-UBND", "signed_on": "2026-10-05", "signer": "Chu Thanh Lương"}
	nominations := func(t testing.TB, w *scoringWard) []*core.Record {
		t.Helper()
		ds, err := w.App.FindAllRecords("decisions")
		if err != nil {
			t.Fatal(err)
		}
		var out []*core.Record
		for _, d := range ds {
			if d.GetString("kind") == "city_nomination" {
				out = append(out, d)
			}
		}
		return out
	}
	none := func(t testing.TB, w *scoringWard, _ *http.Response) {
		if n := len(nominations(t, w)); n != 0 {
			t.Errorf("%d nomination decisions, want 0", n)
		}
	}
	var ini2 *core.Record
	runWardCases(t, []wardCase{
		{
			name: "POST /api/reform/initiatives/{id}/nominate - the secretariat nominates a recognised initiative",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				recognizedWard(t, w)
				return wardRequest{http.MethodPost, nominateURL(w.Ini), w.Secretariat, body}
			},
			status:  200,
			content: []string{`"nominated":true`, `"kind":"city_nomination"`, `"number":"37/TTr-UBND"`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				ds := nominations(t, w)
				if len(ds) != 1 || len(ds[0].GetStringSlice("initiatives")) != 1 || ds[0].GetStringSlice("initiatives")[0] != w.Ini.Id {
					t.Fatalf("nominations %v", ds)
				}
				if got := auditActions(t, w.App, w.Ini.Id); len(got) == 0 || got[len(got)-1] != "nominate" {
					t.Errorf("audit of the initiative %v, want … nominate", got)
				}
				if got := auditActions(t, w.App, ds[0].Id); len(got) != 1 || got[0] != "create" {
					t.Errorf("audit of the decision %v, want [create]", got)
				}
			},
		},
		{
			name: "POST /api/reform/initiatives/{id}/nominate - a second nomination extends the round's one decision",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				ini2, _ = recognizedWard(t, w)
				testkit.Save(t, w.App, "decisions", map[string]any{"round": w.Round.Id, "kind": "city_nomination",
					"number": "37/TTr-UBND", "initiatives": []string{w.Ini.Id}})
				testkit.Update(t, w.App, w.Ini, map[string]any{"nominated": true})
				return wardRequest{http.MethodPost, nominateURL(ini2), w.Chairman, map[string]any{}}
			},
			status:  200,
			content: []string{`"nominated":true`, `"number":"37/TTr-UBND"`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				ds := nominations(t, w)
				if len(ds) != 1 {
					t.Fatalf("%d nomination decisions, want 1", len(ds))
				}
				if got := ds[0].GetStringSlice("initiatives"); len(got) != 2 || got[0] != w.Ini.Id || got[1] != ini2.Id {
					t.Errorf("listed %v, want Ini then Ini2", got)
				}
				if got := auditActions(t, w.App, ds[0].Id); len(got) != 1 || got[0] != "update" {
					t.Errorf("audit of the decision %v, want [update]", got)
				}
			},
		},
		{
			name: "POST /api/reform/initiatives/{id}/nominate - the first nomination needs the document's number",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				recognizedWard(t, w)
				return wardRequest{http.MethodPost, nominateURL(w.Ini), w.Secretariat, map[string]any{"signed_on": "05/10/2026", "signer": "Chu Thanh Lương"}}
			},
			status:  400,
			content: []string{`"number":{"code":"required"`},
			after:   none,
		},
		{
			name: "POST /api/reform/initiatives/{id}/nominate - a not recognised initiative should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				_, ini3 := recognizedWard(t, w)
				return wardRequest{http.MethodPost, nominateURL(ini3), w.Secretariat, body}
			},
			status:  400,
			content: []string{`"status":{"code":"invalid_transition"`},
			after:   none,
		},
		{
			name: "POST /api/reform/initiatives/{id}/nominate - an initiative still in scoring should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, nominateURL(w.Ini), w.Secretariat, body}
			},
			status:  400,
			content: []string{`"status":{"code":"invalid_transition"`},
			after:   none,
		},
		{
			name: "POST /api/reform/initiatives/{id}/nominate - nominating twice should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				recognizedWard(t, w)
				testkit.Update(t, w.App, w.Ini, map[string]any{"nominated": true})
				return wardRequest{http.MethodPost, nominateURL(w.Ini), w.Secretariat, body}
			},
			status:  400,
			content: []string{`"status":{"code":"invalid_transition"`},
		},
		{
			name: "POST /api/reform/initiatives/{id}/nominate - staff should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				recognizedWard(t, w)
				return wardRequest{http.MethodPost, nominateURL(w.Ini), w.StaffA, body}
			},
			status:  403,
			content: []string{`"auth":{"code":"forbidden"`},
			after:   none,
		},
	})
}
