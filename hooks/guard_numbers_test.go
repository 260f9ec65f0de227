package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"sangkien/internal/testkit"
)

// notANumber are the spellings of NaN and the infinities that
// strconv.ParseFloat accepts, a number too large for a float64, and text.
var notANumber = []string{`"NaN"`, `"nan"`, `"Inf"`, `"+Inf"`, `"-Infinity"`, `"1e400"`, `"abc"`}

// recordOf returns a setup that picks a record of the ward, for a CRUD URL.
func recordOf(pick func(w *testkit.Ward) string) func(testing.TB, *testkit.Ward) string {
	return func(_ testing.TB, w *testkit.Ward) string { return pick(w) }
}

// records is the CRUD URL of a record of collection (as named in the path).
func records(collection string) func(id string) string {
	return func(id string) string { return "/api/collections/" + collection + "/records/" + id }
}

// numberKept checks that field of the record id of collection still holds want.
func numberKept(collection, field string, want float64) func(testing.TB, *testkit.Ward, string) {
	return func(t testing.TB, w *testkit.Ward, id string) {
		if got := mustFind(t, w.App, collection, id).GetFloat(field); got != want {
			t.Errorf("%s.%s = %v, want %v", collection, field, got, want)
		}
	}
}

// TestNumbersRefuseNaNAndInfinity sends NaN, the infinities and text where a
// number comes in: the authors' shares (saving the draft, and submitting a
// draft that already holds one), the benefit value, the round's threshold
// and approval ratio, a unit's quota (through the += modifier too), a
// criterion's maximum, a sheet's points. Each answers 400 invalid_number
// and stores nothing; the numbers people write still go through, and null
// or "" clear a number.
func TestNumbersRefuseNaNAndInfinity(t *testing.T) {
	t.Parallel()
	round := recordOf(func(w *testkit.Ward) string { return w.Round.Id })
	unit := recordOf(func(w *testkit.Ward) string { return w.UnitA.Id })
	var cases []actionCase
	for _, v := range notANumber {
		cases = append(cases,
			actionCase{
				name: "submit with a share of " + v, caller: byStaffA, url: action("submit"),
				setup: draftWith(func(*testkit.Ward) map[string]any {
					return map[string]any{"authors": authors("Nguyễn Văn An", strings.Trim(v, `"`))}
				}),
				status: 400, content: []string{`"authors":{"code":"invalid_number"`, "Tỷ lệ đóng góp của tác giả thứ 1"},
				check: func(t testing.TB, w *testkit.Ward, id string) { expectStatus(t, w.App, id, "draft") },
			},
			actionCase{
				name: "saving a share of " + v, method: http.MethodPatch, caller: byStaffA, url: crud,
				setup:  draftWith(func(*testkit.Ward) map[string]any { return nil }),
				body:   `{"authors":[{"name":"An","share":100},{"name":"Bình","share":` + v + `}]}`,
				status: 400, content: []string{`"authors":{"code":"invalid_number"`, "Tỷ lệ đóng góp của tác giả thứ 2"},
				check: func(t testing.TB, w *testkit.Ward, id string) {
					if s := mustFind(t, w.App, "initiatives", id).GetString("authors"); strings.Contains(s, "Bình") {
						t.Errorf("authors saved: %s", s)
					}
				},
			},
			actionCase{
				name: "saving a benefit value of " + v, method: http.MethodPatch, caller: byStaffA, url: crud,
				setup:  draftWith(func(*testkit.Ward) map[string]any { return map[string]any{"benefit_value": 1000} }),
				body:   `{"benefit_value":` + v + `}`,
				status: 400, content: []string{`"benefit_value":{"code":"invalid_number"`},
				check: numberKept("initiatives", "benefit_value", 1000),
			},
			actionCase{
				name: "a threshold of " + v, method: http.MethodPatch, caller: bySecretariat,
				setup: round, url: records("rounds"), body: `{"threshold":` + v + `}`,
				status: 400, content: []string{`"threshold":{"code":"invalid_number"`},
				check: numberKept("rounds", "threshold", 50),
			},
			actionCase{
				name: "an approval ratio of " + v, method: http.MethodPatch, caller: bySecretariat,
				setup: round, url: records("Rounds"), body: `{"approval_ratio":` + v + `}`,
				status: 400, content: []string{`"approval_ratio":{"code":"invalid_number"`},
			},
			actionCase{
				name: "adding " + v + " to a quota", method: http.MethodPatch, caller: bySecretariat,
				setup: unit, url: records("units"), body: `{"quota+":` + v + `}`,
				status: 400, content: []string{`"quota":{"code":"invalid_number"`},
				check: numberKept("units", "quota", 1),
			},
		)
	}
	cases = append(cases,
		actionCase{
			name: "a criterion's maximum of Infinity", caller: bySecretariat,
			url: func(string) string { return "/api/collections/criteria/records" },
			bodyOf: func(w *testkit.Ward) string {
				return `{"round":"` + w.Round.Id + `","code":"feasibility","name":"Tính khả thi","max_points":"Infinity"}`
			},
			status: 400, content: []string{`"max_points":{"code":"invalid_number"`},
		},
		actionCase{
			name: "shares written with a decimal comma", caller: byStaffA, url: action("submit"),
			setup: draftWith(func(*testkit.Ward) map[string]any {
				return map[string]any{"authors": authors("A", "33,5", "B", " 66.5 ")}
			}),
			status: 200, content: []string{`"status":"submitted"`},
		},
		actionCase{
			name: "a share written with a decimal comma is stored as a number", method: http.MethodPatch, caller: byStaffA, url: crud,
			setup:  draftWith(func(*testkit.Ward) map[string]any { return nil }),
			body:   `{"authors":[{"name":"An","share":"66,5"},{"name":"Bình","share":" 33.5"}]}`,
			status: 200, content: []string{`"share":66.5`, `"share":33.5`},
		},
		actionCase{
			name: "a benefit value written as text", method: http.MethodPatch, caller: byStaffA, url: crud,
			setup:  draftWith(func(*testkit.Ward) map[string]any { return nil }),
			body:   `{"benefit_value":"1500000"}`,
			status: 200, content: []string{`"benefit_value":1500000`},
		},
		actionCase{
			name: "a threshold of 60", method: http.MethodPatch, caller: bySecretariat,
			setup: round, url: records("rounds"), body: `{"threshold":60}`,
			status: 200, content: []string{`"threshold":60`},
		},
		actionCase{
			name: "adding 2 to a quota", method: http.MethodPatch, caller: bySecretariat,
			setup: unit, url: records("units"), body: `{"quota+":2}`,
			status: 200, content: []string{`"quota":3`},
		},
		actionCase{
			name: "saving a first author's share of text", method: http.MethodPatch, caller: byStaffA, url: crud,
			setup:  draftWith(func(*testkit.Ward) map[string]any { return nil }),
			body:   `{"authors":[{"name":"An","share":"abc"},{"name":"Bình","share":100}]}`,
			status: 400, content: []string{`"authors":{"code":"invalid_number"`, "Tỷ lệ đóng góp của tác giả thứ 1"},
		},
		actionCase{
			name: "saving a draft whose shares are not given yet (null, \"\")", method: http.MethodPatch, caller: byStaffA, url: crud,
			setup:  draftWith(func(*testkit.Ward) map[string]any { return nil }),
			body:   `{"authors":[{"name":"An","share":null},{"name":"Bình","share":""}]}`,
			status: 200, content: []string{`"name":"Bình"`},
		},
		// null and "" clear a number as PocketBase reads them: not refused.
		actionCase{
			name: "a quota of null", method: http.MethodPatch, caller: bySecretariat,
			setup: unit, url: records("units"), body: `{"quota":null}`,
			status: 200, content: []string{`"quota":0`},
		},
		actionCase{
			name: `a quota of ""`, method: http.MethodPatch, caller: bySecretariat,
			setup: unit, url: records("units"), body: `{"quota":""}`,
			status: 200, content: []string{`"quota":0`},
		},
	)
	runCasesSharingRefusals(t, cases)
}

// TestPointsRefuseNaNAndInfinity gives a criterion NaN, an infinity or text
// on a new sheet and on a draft: 400 invalid_number, no sheet saved or
// changed; a number in range is still taken.
func TestPointsRefuseNaNAndInfinity(t *testing.T) {
	t.Parallel()
	var cases []wardCase
	for _, v := range append(notANumber, `"15"`) {
		cases = append(cases, wardCase{
			name: "POST scores - points of " + v + " should fail",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodPost, scoresURL, w.Members[1], map[string]any{
					"initiative": w.Ini.Id, "points": map[string]any{"novelty": strings.Trim(v, `"`)}}}
			},
			status: 400, content: []string{`"points":{"code":"invalid_number"`},
			after: func(t testing.TB, w *scoringWard, _ *http.Response) {
				if n := w.count(t, "scores", "id != ''", nil); n != 0 {
					t.Errorf("sheets = %d, want 0", n)
				}
			},
		})
	}
	cases = append(cases, wardCase{
		name: "POST scores - points of 15 are taken",
		setup: func(t testing.TB, w *scoringWard) wardRequest {
			return wardRequest{http.MethodPost, scoresURL, w.Members[1], map[string]any{
				"initiative": w.Ini.Id, "points": map[string]any{"novelty": 15}}}
		},
		status: 200, content: []string{`"total":15`},
	})
	runWardCases(t, cases)
}
