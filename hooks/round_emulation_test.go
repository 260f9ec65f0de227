package hooks_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"sangkien/internal/apitest"
	"sangkien/internal/emulation"
	"sangkien/internal/testkit"
)

// TestEmulationPointsWho checks who may set a round's emulation points:
// the secretariat may, the chairman, a unit head, a council member and
// staff may not (the round is unchanged), and every ward account reads them.
func TestEmulationPointsWho(t *testing.T) {
	t.Parallel()
	body := `{"emulation_quota_met":8,"emulation_per_recognized":4,"emulation_per_nominated":6,"emulation_quota_missed":-5}`
	who := []struct {
		name   string
		user   func(w *testkit.Ward) *core.Record
		status int
	}{
		{"secretariat", func(w *testkit.Ward) *core.Record { return w.Secretariat }, 200},
		{"chairman", func(w *testkit.Ward) *core.Record { return w.Chairman }, 404},
		{"unit head", func(w *testkit.Ward) *core.Record { return w.HeadA }, 404},
		{"council member", func(w *testkit.Ward) *core.Record { return w.Chair }, 404},
		{"staff", func(w *testkit.Ward) *core.Record { return w.StaffA }, 404},
	}
	for _, c := range who {
		w := testkit.NewWard(t)
		want := emulation.Defaults
		if c.status == 200 {
			want = emulation.Points{QuotaMet: 8, PerRecognized: 4, PerNominated: 6, QuotaMissed: -5}
		}
		(&tests.ApiScenario{
			Name:           "PATCH /api/collections/rounds/records/{id} emulation points - " + c.name,
			Method:         http.MethodPatch,
			URL:            "/api/collections/rounds/records/" + w.Round.Id,
			Headers:        map[string]string{"Authorization": testkit.Token(t, c.user(w))},
			Body:           strings.NewReader(body),
			ExpectedStatus: c.status,
			ExpectedContent: func() []string {
				if c.status == 200 {
					return []string{`"emulation_quota_met":8`, `"emulation_quota_missed":-5`}
				}
				return []string{`"data":{}`}
			}(),
			TestAppFactory: func(testing.TB) *tests.TestApp { return w.App },
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				r, err := app.FindRecordById("rounds", w.Round.Id)
				if err != nil {
					t.Fatal(err)
				}
				if got := emulation.Of(r); got != want {
					t.Errorf("stored points %+v, want %+v", got, want)
				}
			},
		}).Test(t)
	}
	w := testkit.NewWard(t)
	// staff read the emulation points.
	res := apitest.Send(t, testkit.Handler(t, w.App), http.MethodGet, "/api/collections/rounds/records/"+w.Round.Id, apitest.As(w.StaffB))
	if res.Status != 200 {
		t.Errorf("staff read the round: %d %s", res.Status, res.Body)
	}
	for _, want := range []string{`"emulation_quota_met":10`, `"emulation_per_recognized":5`, `"emulation_per_nominated":10`, `"emulation_quota_missed":-10`} {
		if !strings.Contains(string(res.Body), want) {
			t.Errorf("the round lacks %s: %s", want, res.Body)
		}
	}
}

// TestEmulationDefaultsOnNewRound checks that a new round without points
// gets the defaults and one with points keeps them, and that points out
// of -100..100 are refused.
func TestEmulationDefaultsOnNewRound(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, body string
		status     int
		want       emulation.Points
	}{
		{"without points gets the defaults", `{"year":2031,"submission_deadline":"2031-09-24 17:00:00.000Z","decision_deadline":"2031-09-29 17:00:00.000Z"}`, 200, emulation.Defaults},
		{"with points keeps them", `{"year":2032,"submission_deadline":"2032-09-24 17:00:00.000Z","decision_deadline":"2032-09-29 17:00:00.000Z","emulation_quota_met":3}`, 200, emulation.Points{QuotaMet: 3}},
		{"points out of range", `{"year":2033,"submission_deadline":"2033-09-24 17:00:00.000Z","decision_deadline":"2033-09-29 17:00:00.000Z","emulation_per_nominated":500}`, 400, emulation.Points{}},
	}
	for _, c := range cases {
		w := testkit.NewWard(t)
		tok := testkit.Token(t, w.Secretariat)
		(&tests.ApiScenario{
			Name:            "POST /api/collections/rounds/records - " + c.name,
			Method:          http.MethodPost,
			URL:             "/api/collections/rounds/records",
			Headers:         map[string]string{"Authorization": tok},
			Body:            strings.NewReader(c.body),
			ExpectedStatus:  c.status,
			ExpectedContent: []string{map[bool]string{true: `"year":`, false: `"emulation_per_nominated":{"code":"validation_max_number_constraint"`}[c.status == 200]},
			TestAppFactory:  func(testing.TB) *tests.TestApp { return w.App },
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if c.status != 200 {
					return
				}
				r, err := app.FindFirstRecordByFilter("rounds", "year = {:y}", map[string]any{"y": c.body[8:12]})
				if err != nil {
					t.Fatal(err)
				}
				if got := emulation.Of(r); got != c.want {
					t.Errorf("points %+v, want %+v", got, c.want)
				}
			},
		}).Test(t)
	}
}
