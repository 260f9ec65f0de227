package hooks_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/xuri/excelize/v2"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// previewURL is the decision preview of w's round.
func previewURL(w *scoringWard) string {
	return "/api/reform/rounds/" + strconv.Itoa(w.Round.GetInt("year")) + "/decision-preview"
}

// previewAnswer is the decoded answer of the decision preview.
type previewAnswer struct {
	Draft       bool           `json:"draft"`
	Decision    map[string]any `json:"decision"`
	Initiatives []struct {
		ID, Code, Title, Tier string
		UnitName              string `json:"unit_name"`
		Mean                  float64
		Rank                  int
	} `json:"initiatives"`
}

// codes lists the codes of the preview's initiatives in order.
func (p previewAnswer) codes() []string {
	out := []string{}
	for _, it := range p.Initiatives {
		out = append(out, it.Code)
	}
	return out
}

func TestDecisionPreviewAccess(t *testing.T) {
	t.Parallel()
	as := func(pick func(w *scoringWard) *core.Record) func(t testing.TB, w *scoringWard) wardRequest {
		return func(t testing.TB, w *scoringWard) wardRequest {
			decidedWard(t, w)
			var who *core.Record
			if pick != nil {
				who = pick(w)
			}
			return wardRequest{http.MethodGet, previewURL(w), who, nil}
		}
	}
	draft := func(t testing.TB, w *scoringWard, res *http.Response) {
		var p previewAnswer
		if err := json.NewDecoder(res.Body).Decode(&p); err != nil {
			t.Fatal(err)
		}
		// Ini: mean 75, tốt; Ini2 (mean 50, one approval of two) is not.
		if !p.Draft || p.Decision != nil || !slices.Equal(p.codes(), []string{"SK-2026-001"}) ||
			p.Initiatives[0].Mean != 75 || p.Initiatives[0].Tier != "tot" || p.Initiatives[0].UnitName != "Văn phòng HĐND và UBND" {
			t.Errorf("preview %+v, want a draft listing SK-2026-001 (75, tot)", p)
		}
	}
	runWardCases(t, []wardCase{
		{name: "GET /api/reform/rounds/{year}/decision-preview - the chairman reads the draft he is to sign",
			setup: as(func(w *scoringWard) *core.Record { return w.Chairman }), status: 200,
			content: []string{`"draft":true`}, after: draft},
		{name: "GET /api/reform/rounds/{year}/decision-preview - the secretariat reads it",
			setup: as(func(w *scoringWard) *core.Record { return w.Secretariat }), status: 200,
			content: []string{`"draft":true`}, after: draft},
		{name: "GET /api/reform/rounds/{year}/decision-preview - an author may not",
			setup: as(func(w *scoringWard) *core.Record { return w.StaffA }), status: 403,
			content: []string{code("forbidden")}},
		{name: "GET /api/reform/rounds/{year}/decision-preview - a council member may not",
			setup: as(func(w *scoringWard) *core.Record { return w.Members[1] }), status: 403,
			content: []string{code("forbidden")}},
		{name: "GET /api/reform/rounds/{year}/decision-preview - a unit head may not",
			setup: as(func(w *scoringWard) *core.Record { return w.HeadA }), status: 403,
			content: []string{code("forbidden")}},
		{name: "GET /api/reform/rounds/{year}/decision-preview - a guest may not",
			setup: as(nil), status: 401, content: []string{`"status":401`}},
		{name: "GET /api/reform/rounds/1999/decision-preview - an unknown year",
			setup: func(t testing.TB, w *scoringWard) wardRequest {
				return wardRequest{http.MethodGet, "/api/reform/rounds/1999/decision-preview", w.Chairman, nil}
			},
			status: 404, content: []string{code("not_found")}},
	})
}

// TestDecisionPreviewThenDecide: the chairman reads the draft list and the
// draft annex (DỰ THẢO); recording the decision fixes the list, which a
// later change to a sheet no longer moves.
func TestDecisionPreviewThenDecide(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	defer w.App.Cleanup()
	ini2 := decidedWard(t, w)
	srv := testkit.Serve(t, w.App)
	chairman := apitest.As(w.Chairman)
	preview := func() previewAnswer {
		t.Helper()
		raw, _ := json.Marshal(apitest.Send(t, srv, http.MethodGet, previewURL(w), chairman).Want(t, 200))
		var p previewAnswer
		if err := json.Unmarshal(raw, &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	annex := func() [][]string {
		t.Helper()
		res := apitest.Send(t, srv, http.MethodGet, exportURL(w.Ward, "decision"), chairman)
		if res.Status != 200 {
			t.Fatalf("export: status %d", res.Status)
		}
		f, err := excelize.OpenReader(bytes.NewReader(res.Body))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows(f.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	has := func(rows [][]string, text string) bool {
		for _, r := range rows {
			if slices.ContainsFunc(r, func(c string) bool { return strings.Contains(c, text) }) {
				return true
			}
		}
		return false
	}

	if p := preview(); !p.Draft || !slices.Equal(p.codes(), []string{"SK-2026-001"}) {
		t.Fatalf("before the decision: %+v", p)
	}
	rows := annex()
	if !has(rows, "DỰ THẢO") || !has(rows, "SK-2026-001") || has(rows, "SK-2026-002") {
		t.Errorf("the annex before the decision should be a draft listing SK-2026-001 only:\n%v", rows)
	}

	apitest.Send(t, srv, http.MethodPost, decideURL(w), chairman, apitest.JSON(decisionBody(nil))).Want(t, 200)
	// a sheet changed afterwards (from the dashboard) would make Ini2 pass.
	sheet, err := w.App.FindFirstRecordByFilter("scores", "initiative = {:i} && member = {:m}",
		map[string]any{"i": ini2.Id, "m": w.Members[2].Id})
	if err != nil {
		t.Fatal(err)
	}
	testkit.Update(t, w.App, sheet, map[string]any{"approve": true})

	p := preview()
	if p.Draft || p.Decision == nil || p.Decision["number"] != "125/QĐ-UBND" || !slices.Equal(p.codes(), []string{"SK-2026-001"}) {
		t.Errorf("after the decision the list is the decision's: %+v", p)
	}
	rows = annex()
	if has(rows, "DỰ THẢO") || !has(rows, "125/QĐ-UBND") || !has(rows, "SK-2026-001") {
		t.Errorf("the annex after the decision is no draft and names it:\n%v", rows)
	}
}
