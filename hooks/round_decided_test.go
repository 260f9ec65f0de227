package hooks_test

import (
	"net/http"
	"testing"

	"sangkien/internal/testkit"
)

// TestDecidedRoundKeepsItsRules: once the recognition decision is made,
// how the round's results are computed no longer changes through the API
// (its rubric is fixed from review on by the criteria rules, see the
// authorization matrix).
func TestDecidedRoundKeepsItsRules(t *testing.T) {
	t.Parallel()
	var w *testkit.Ward
	roundURL := func(id string) string { return "/api/collections/rounds/records/" + id }
	var cases []actionCase
	for _, status := range []string{"decided", "closed"} {
		cases = append(cases,
			actionCase{
				name: "threshold of a " + status + " round", method: http.MethodPatch, caller: bySecretariat,
				url: roundURL, body: `{"threshold":60}`, setup: roundIn(&w, status),
				status: 400, content: []string{`"threshold":{"code":"round_decided"`, "quyết định công nhận"},
				check: expectRoundField("threshold", 50.0),
			},
			actionCase{
				name: "aggregation of a " + status + " round", method: http.MethodPatch, caller: bySecretariat,
				url: roundURL, body: `{"aggregation":"trimmed_mean"}`, setup: roundIn(&w, status),
				status: 400, content: []string{`"aggregation":{"code":"round_decided"`},
				check: expectRoundField("aggregation", "mean"),
			},
		)
	}
	cases = append(cases,
		actionCase{
			name: "the approval ratio of a round in review still changes", method: http.MethodPatch, caller: bySecretariat,
			url: roundURL, body: `{"approval_ratio":0.5}`, setup: roundIn(&w, "review"),
			status: 200, content: []string{`"approval_ratio":0.5`},
			check: expectRoundField("approval_ratio", 0.5),
		},
		actionCase{
			name: "the decision deadline of a decided round still changes", method: http.MethodPatch, caller: bySecretariat,
			url: roundURL, body: `{"decision_deadline":"2020-09-29 17:00:00.000Z"}`, setup: roundIn(&w, "decided"),
			status: 200, content: []string{`"decision_deadline":"2020-09-29 17:00:00.000Z"`},
		},
		actionCase{
			name: "a superuser may still, from the dashboard", method: http.MethodPatch, caller: bySuperuser,
			url: roundURL, body: `{"threshold":60}`, setup: roundIn(&w, "decided"),
			status: 200, content: []string{`"threshold":60`},
			check: expectRoundField("threshold", 60.0),
		},
	)
	runCases(t, cases)
}
