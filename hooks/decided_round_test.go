package hooks_test

import (
	"net/http"
	"testing"

	"sangkien/internal/testkit"
)

// decidedRoundIn returns a setup that puts the ward's round in status and
// returns its id.
func decidedRoundIn(status string) func(testing.TB, *testkit.Ward) string {
	return func(t testing.TB, w *testkit.Ward) string {
		testkit.Update(t, w.App, w.Round, map[string]any{"status": status})
		return w.Round.Id
	}
}

// expectRoundField checks the stored round's field.
func expectRoundField(field string, want any) func(testing.TB, *testkit.Ward, string) {
	return func(t testing.TB, w *testkit.Ward, _ string) {
		if got := mustFind(t, w.App, "rounds", w.Round.Id).Get(field); got != want {
			t.Errorf("round %s = %v, want %v", field, got, want)
		}
	}
}

// TestDecidedRoundKeepsItsRules: once the recognition decision is made,
// how the round's results are computed no longer changes through the API
// (its rubric is fixed from review on by the criteria rules, see the
// authorization matrix).
func TestDecidedRoundKeepsItsRules(t *testing.T) {
	roundURL := func(id string) string { return "/api/collections/rounds/records/" + id }
	var cases []actionCase
	for _, status := range []string{"decided", "closed"} {
		cases = append(cases,
			actionCase{
				name: "threshold of a " + status + " round", method: http.MethodPatch, caller: bySecretariat,
				url: roundURL, body: `{"threshold":60}`, setup: decidedRoundIn(status),
				status: 400, content: []string{`"threshold":{"code":"round_decided"`, "quyết định công nhận"},
				check: expectRoundField("threshold", 50.0),
			},
			actionCase{
				name: "aggregation of a " + status + " round", method: http.MethodPatch, caller: bySecretariat,
				url: roundURL, body: `{"aggregation":"trimmed_mean"}`, setup: decidedRoundIn(status),
				status: 400, content: []string{`"aggregation":{"code":"round_decided"`},
				check: expectRoundField("aggregation", "mean"),
			},
		)
	}
	cases = append(cases,
		actionCase{
			name: "the approval ratio of a round in review still changes", method: http.MethodPatch, caller: bySecretariat,
			url: roundURL, body: `{"approval_ratio":0.5}`, setup: decidedRoundIn("review"),
			status: 200, content: []string{`"approval_ratio":0.5`},
			check: expectRoundField("approval_ratio", 0.5),
		},
		actionCase{
			name: "the decision deadline of a decided round still changes", method: http.MethodPatch, caller: bySecretariat,
			url: roundURL, body: `{"decision_deadline":"2020-09-29 17:00:00.000Z"}`, setup: decidedRoundIn("decided"),
			status: 200, content: []string{`"decision_deadline":"2020-09-29 17:00:00.000Z"`},
		},
		actionCase{
			name: "a superuser may still, from the dashboard", method: http.MethodPatch, caller: bySuperuser,
			url: roundURL, body: `{"threshold":60}`, setup: decidedRoundIn("decided"),
			status: 200, content: []string{`"threshold":60`},
			check: expectRoundField("threshold", 60.0),
		},
	)
	runCases(t, cases)
}
