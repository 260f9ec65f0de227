package hooks_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestRoundCreatedThroughCRUDCarriesThePreviousRound: a round the
// secretariat creates through the CRUD API (as the dashboard does) gets
// the previous round's settings it was not sent, and a copy of its rubric
// with the criteria's minima, so it can be scored.
func TestRoundCreatedThroughCRUDCarriesThePreviousRound(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	tiers := []map[string]any{{"code": "a", "name": "Loại A", "min_total": 85, "criterion": "novelty", "min_criterion": 30},
		{"code": "b", "name": "Loại B", "min_total": 50}}
	testkit.Update(t, w.App, w.Round, map[string]any{"threshold": 60, "voting": "secret", "approval_basis": "score",
		"aggregation": "median", "tiers": tiers, "legal_bases": []string{"Quyết định 465/QĐ-SGDĐT"}, "min_author_share": 30})
	novelty, err := w.App.FindFirstRecordByFilter("criteria", "round = {:r} && code = 'novelty'", dbx.Params{"r": w.Round.Id})
	if err != nil {
		t.Fatal(err)
	}
	testkit.Update(t, w.App, novelty, map[string]any{"min_points": 10})
	srv := testkit.Serve(t, w.App)
	year := w.Round.GetInt("year") + 1
	body := `{"year":` + strconv.Itoa(year) + `,"submission_deadline":"` + strconv.Itoa(year) + `-09-24 17:00:00.000Z","decision_deadline":"` +
		strconv.Itoa(year) + `-09-29 17:00:00.000Z","threshold":55}`
	status, res := apitest.Send(t, srv, http.MethodPost, "/api/collections/rounds/records", apitest.As(w.Secretariat), apitest.JSON(body)).StatusJSON()
	if status != http.StatusOK {
		t.Fatalf("status %d: %v", status, res)
	}
	next := mustFind(t, w.App, "rounds", res["id"].(string))
	if next.GetFloat("threshold") != 55 || next.GetString("voting") != "secret" || next.GetString("approval_basis") != "score" ||
		next.GetString("aggregation") != "median" || next.GetFloat("min_author_share") != 30 || next.GetString("status") != "open" {
		t.Errorf("settings %v", next.PublicExport())
	}
	var gotTiers []map[string]any
	_ = json.Unmarshal([]byte(next.GetString("tiers")), &gotTiers)
	if len(gotTiers) != 2 || gotTiers[0]["code"] != "a" || gotTiers[0]["min_criterion"] != 30.0 {
		t.Errorf("tiers %s", next.GetString("tiers"))
	}
	if next.GetString("legal_bases") != `["Quyết định 465/QĐ-SGDĐT"]` {
		t.Errorf("legal bases %s", next.GetString("legal_bases"))
	}
	if got, want := rubric(t, w.App, next.Id), rubric(t, w.App, w.Round.Id); len(got) != 4 || len(got) != len(want) || got["novelty"] != want["novelty"] {
		t.Errorf("rubric %v, want %v", got, want)
	}
	copied, err := w.App.FindFirstRecordByFilter("criteria", "round = {:r} && code = 'novelty'", dbx.Params{"r": next.Id})
	if err != nil || copied.GetFloat("min_points") != 10 {
		t.Errorf("novelty minimum not carried: %v %v", err, copied)
	}
	if acts := auditActions(t, w.App, next.Id); len(acts) != 1 || acts[0] != "create" {
		t.Errorf("audit %v", acts)
	}
}

// TestRoundCreatedInTheDashboardCarriesThePreviousRound: the dashboard
// creates a round through the same CRUD API as a superuser; it gets the
// previous round's settings and rubric too.
func TestRoundCreatedInTheDashboardCarriesThePreviousRound(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	testkit.Update(t, w.App, w.Round, map[string]any{"voting": "secret", "aggregation": "median", "quorum": 0.5})
	srv := testkit.Serve(t, w.App)
	year := strconv.Itoa(w.Round.GetInt("year") + 1)
	status, res := apitest.Send(t, srv, http.MethodPost, "/api/collections/rounds/records", apitest.As(w.Superuser), apitest.JSON(
		`{"year":`+year+`,"submission_deadline":"`+year+`-09-24 17:00:00.000Z","decision_deadline":"`+year+`-09-29 17:00:00.000Z"}`)).StatusJSON()

	if status != http.StatusOK {
		t.Fatalf("status %d: %v", status, res)
	}
	next := mustFind(t, w.App, "rounds", res["id"].(string))
	if next.GetString("voting") != "secret" || next.GetString("aggregation") != "median" || next.GetFloat("quorum") != 0.5 {
		t.Errorf("settings %v", next.PublicExport())
	}
	if got := rubric(t, w.App, next.Id); len(got) != 4 {
		t.Errorf("rubric %v", got)
	}
}

// TestNewRoundGetsTodaysRules: a round saved without the council's rules
// gets today's: open vote, approval by vote, quorum 2/3, spread 15, the
// tiers 90/70/50 and the legal bases the documents always cited.
func TestNewRoundGetsTodaysRules(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	r := testkit.Save(t, w.App, "rounds", map[string]any{"year": 2090})
	if r.GetString("voting") != "open" || r.GetString("approval_basis") != "vote" || r.GetFloat("spread_limit") != 15 ||
		r.GetFloat("quorum") < 0.666 || r.GetFloat("quorum") > 0.667 {
		t.Errorf("rules %v", r.PublicExport())
	}
	var tiers []map[string]any
	_ = json.Unmarshal([]byte(r.GetString("tiers")), &tiers)
	if len(tiers) != 3 || tiers[0]["code"] != "xuat_sac" || tiers[0]["min_total"] != 90.0 || tiers[2]["min_total"] != 50.0 {
		t.Errorf("tiers %s", r.GetString("tiers"))
	}
	var bases []string
	_ = json.Unmarshal([]byte(r.GetString("legal_bases")), &bases)
	if len(bases) != 6 || bases[1] != "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" {
		t.Errorf("legal bases %v", bases)
	}
	// the seeded round too (set by the migration).
	if w.Round.GetString("voting") != "open" || w.Round.GetString("tiers") == "" {
		t.Errorf("seeded round %v", w.Round.PublicExport())
	}
}

// TestFormRulesAtSubmit: the round's first-application age and least
// co-author share refuse a submission with their codes, exactly at the
// limit they let it through; with no rule (0) nothing is refused.
func TestFormRulesAtSubmit(t *testing.T) {
	t.Parallel()
	day := 24 * time.Hour
	cases := []struct {
		name   string
		rules  map[string]any
		extra  map[string]any
		status int
		code   string
		field  string
	}{
		{"first applied 366 days ago, at most 365", map[string]any{"first_applied_max_days": 365},
			map[string]any{"first_applied": time.Now().Add(-366 * day)}, 400, "first_applied_too_old", "first_applied"},
		{"first applied exactly 365 days ago", map[string]any{"first_applied_max_days": 365},
			map[string]any{"first_applied": time.Now().Add(-365 * day)}, 200, "", ""},
		{"first applied 10 years ago, no rule", nil,
			map[string]any{"first_applied": time.Now().Add(-3650 * day)}, 200, "", ""},
		{"a co-author at 25 %, at least 30", map[string]any{"min_author_share": 30},
			map[string]any{"authors": []map[string]any{{"name": "A", "share": 75}, {"name": "B", "share": 25}}}, 400, "author_share_too_small", "authors"},
		{"a co-author at exactly 30 %", map[string]any{"min_author_share": 30},
			map[string]any{"authors": []map[string]any{{"name": "A", "share": 70}, {"name": "B", "share": 30}}}, 200, "", ""},
		{"a co-author at 5 %, no rule", nil,
			map[string]any{"authors": []map[string]any{{"name": "A", "share": 95}, {"name": "B", "share": 5}}}, 200, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := testkit.NewWard(t)
			if c.rules != nil {
				testkit.Update(t, w.App, w.Round, c.rules)
			}
			ini := w.Initiative(t, w.StaffA, "draft", c.extra)
			srv := testkit.Serve(t, w.App)
			status, res := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+ini.Id+"/submit", apitest.As(w.StaffA), apitest.JSON("")).StatusJSON()
			if status != c.status || (c.code != "" && apitest.ErrCode(res, c.field) != c.code) {
				t.Errorf("status %d %v, want %d %s", status, res, c.status, c.code)
			}
			if want := map[bool]string{true: "submitted", false: "draft"}[c.status == 200]; reload(t, w.App, ini).GetString("status") != want {
				t.Errorf("stored status %s, want %s", reload(t, w.App, ini).GetString("status"), want)
			}
		})
	}
}

// TestVotingLockedOnceSheetsExist: how a round votes may change until its
// first sheet exists, never after (a secret ballot opened would show the
// votes cast in secret).
func TestVotingLockedOnceSheetsExist(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	srv := testkit.Serve(t, w.App)
	c := apitest.As(w.Secretariat)
	path := "/api/collections/rounds/records/" + w.Round.Id
	apitest.Send(t, srv, http.MethodPatch, path, c, apitest.JSON(map[string]any{"voting": "secret"})).Want(t, http.StatusOK)
	w.Sheet(t, w.Ini, w.Chair, "draft", testkit.Points(20, 15, 20, 15), true)
	apitest.Send(t, srv, http.MethodPatch, path, c, apitest.JSON(map[string]any{"voting": "open"})).WantError(t, http.StatusBadRequest, "voting", "voting_locked")
	apitest.Send(t, srv, http.MethodPatch, path, c, apitest.JSON(map[string]any{"approval_basis": "score"})).WantError(t, http.StatusBadRequest, "approval_basis", "voting_locked")
	apitest.Send(t, srv, http.MethodPatch, path, c, apitest.JSON(map[string]any{"spread_limit": 20})).Want(t, http.StatusOK)
	if r := reload(t, w.App, w.Round); r.GetString("voting") != "secret" || r.GetString("approval_basis") != "vote" {
		t.Errorf("stored %s %s", r.GetString("voting"), r.GetString("approval_basis"))
	}
}

// TestApprovalByScoreNeedsNoVote: with approval by score a sheet is
// submitted without a vote, and counts as an approval when its total
// reaches the threshold; with approval by vote the vote is still needed.
func TestApprovalByScoreNeedsNoVote(t *testing.T) {
	t.Parallel()
	for _, basis := range []string{"score", "vote"} {
		w := newScoringWard(t)
		testkit.Update(t, w.App, w.Round, map[string]any{"approval_basis": basis})
		srv := testkit.Serve(t, w.App)
		sheet := testkit.Save(t, w.App, "scores", map[string]any{"initiative": w.Ini.Id, "member": w.Chair.Id,
			"points": testkit.Points(15, 10, 15, 10), "total": 50, "status": "draft"})
		c := apitest.As(w.Chair)
		if basis == "vote" {
			apitest.Send(t, srv, http.MethodPost, "/api/reform/scores/"+sheet.Id+"/submit", c).WantError(t, http.StatusBadRequest, "points", "score_incomplete")
			continue
		}
		apitest.Send(t, srv, http.MethodPost, "/api/reform/scores/"+sheet.Id+"/submit", c).Want(t, http.StatusOK)
		res := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+w.roundYear()+"/results", apitest.As(w.Secretariat)).Want(t, http.StatusOK)

		item := res["items"].([]any)[0].(map[string]any)
		if item["approvals"] != 1.0 {
			t.Errorf("a total of exactly 50 is an approval by score: %v", item)
		}
	}
}

// resultsItem sets up w's sheets and round settings, and answers the
// results route's item of Ini.
func resultsItem(t *testing.T, w *scoringWard, round map[string]any, criteria map[string]map[string]any) map[string]any {
	t.Helper()
	if round != nil {
		testkit.Update(t, w.App, w.Round, round)
	}
	for code, fields := range criteria {
		c, err := w.App.FindFirstRecordByFilter("criteria", "round = {:r} && code = {:c}", dbx.Params{"r": w.Round.Id, "c": code})
		if err != nil {
			t.Fatal(err)
		}
		testkit.Update(t, w.App, c, fields)
	}
	srv := testkit.Serve(t, w.App)
	res := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+w.roundYear()+"/results", apitest.As(w.Secretariat)).Want(t, http.StatusOK)

	return res["items"].([]any)[0].(map[string]any)
}

// TestResultsFollowTheRoundSettings: the same four sheets (totals 80, 70,
// 100, 50; three approvals) give, through the results route, a different
// outcome under each round setting, with the failed condition named.
func TestResultsFollowTheRoundSettings(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		round    map[string]any
		criteria map[string]map[string]any
		check    func(t *testing.T, item map[string]any)
	}{
		{"defaults: mean 75, tốt, spread 18.03 over 15 is split", nil, nil, func(t *testing.T, it map[string]any) {
			if it["recognized"] != true || it["tier"] != "tot" || it["mean"] != 75.0 || it["spread"] != 18.03 || it["split"] != true ||
				it["provisional"] != false || it["quorum_needed"] != 3.0 {
				t.Errorf("%v", it)
			}
		}},
		{"median 75 under a threshold of 76", map[string]any{"aggregation": "median", "threshold": 76}, nil, func(t *testing.T, it map[string]any) {
			why := it["why"].([]any)
			if it["recognized"] != false || it["mean"] != 75.0 || len(why) != 1 || why[0].(map[string]any)["code"] != "mean_below_threshold" {
				t.Errorf("%v", it)
			}
		}},
		{"by score at threshold 75: 80 and 100 approve, 2 of 4 is short", map[string]any{"approval_basis": "score", "threshold": 75}, nil, func(t *testing.T, it map[string]any) {
			why := it["why"].([]any)
			if it["approvals"] != 2.0 || it["recognized"] != false || len(why) != 1 || why[0].(map[string]any)["code"] != "approvals_short" {
				t.Errorf("%v", it)
			}
		}},
		{"novelty at least 23: its mean is 22.5", nil, map[string]map[string]any{"novelty": {"min_points": 23}}, func(t *testing.T, it map[string]any) {
			why := it["why"].([]any)
			if it["recognized"] != false || len(why) != 1 || why[0].(map[string]any)["criterion"] != "novelty" || why[0].(map[string]any)["need"] != 23.0 {
				t.Errorf("%v", it)
			}
		}},
		{"sector tiers: 75 with novelty 22.5 is b", map[string]any{"tiers": []map[string]any{
			{"code": "a", "name": "Loại A", "min_total": 85, "criterion": "novelty", "min_criterion": 30},
			{"code": "b", "name": "Loại B", "min_total": 70, "criterion": "novelty", "min_criterion": 20},
			{"code": "c", "name": "Loại C", "min_total": 50}}}, nil, func(t *testing.T, it map[string]any) {
			if it["recognized"] != true || it["tier"] != "b" {
				t.Errorf("%v", it)
			}
		}},
		// a ratio of 1/2 needs 2 approvals: 3 is not at the line.
		{"half to approve, spread 18.03 over the default 15: split", map[string]any{"approval_ratio": 0.5}, nil, func(t *testing.T, it map[string]any) {
			if it["split"] != true {
				t.Errorf("%v", it)
			}
		}},
		{"half to approve, spread limit 20: not split", map[string]any{"approval_ratio": 0.5, "spread_limit": 20}, nil, func(t *testing.T, it map[string]any) {
			if it["split"] != false {
				t.Errorf("%v", it)
			}
		}},
		{"quorum of all four: four sheets in are final", map[string]any{"quorum": 1}, nil, func(t *testing.T, it map[string]any) {
			if it["provisional"] != false || it["quorum_needed"] != 4.0 {
				t.Errorf("four sheets in: %v", it)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newScoringWard(t)
			scoredWard(t, w)
			c.check(t, resultsItem(t, w, c.round, c.criteria))
		})
	}
	// the quorum: with one sheet reopened, three of four are provisional
	// under a quorum of all, final under the default 2/3.
	for quorum, provisional := range map[float64]bool{1: true, 2.0 / 3.0: false} {
		w := newScoringWard(t)
		scoredWard(t, w)
		sheet, err := w.App.FindFirstRecordByFilter("scores", "initiative = {:i} && member = {:m}", dbx.Params{"i": w.Ini.Id, "m": w.Members[2].Id})
		if err != nil {
			t.Fatal(err)
		}
		testkit.Update(t, w.App, sheet, map[string]any{"status": "draft"})
		if it := resultsItem(t, w, map[string]any{"quorum": quorum}, nil); it["provisional"] != provisional || it["sheets"] != 3.0 {
			t.Errorf("quorum %v: %v", quorum, it)
		}
	}
}

// TestDecisionStoresTheRoundsTier: the decision stores the tier code of
// the round's own tiers on the initiative, recognised at the ward's level
// (scope co_so).
func TestDecisionStoresTheRoundsTier(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	scoredWard(t, w)
	testkit.Update(t, w.App, w.Round, map[string]any{"tiers": []map[string]any{
		{"code": "a", "name": "Loại A", "min_total": 85}, {"code": "b", "name": "Loại B", "min_total": 50}}})
	srv := testkit.Serve(t, w.App)
	c := apitest.As(w.Secretariat)
	apitest.Send(t, srv, http.MethodPost, "/api/reform/rounds/"+w.roundYear()+"/decide", c, apitest.JSON(
		map[string]any{"number": "12/QĐ-UBND", "signed_on": time.Now().Format("2006-01-02"), "signer": "Chu Thanh Lương", "reason": "thiếu phiếu"})).Want(t, http.StatusOK)

	if ini := reload(t, w.App, w.Ini); ini.GetString("status") != "recognized" || ini.GetString("result_tier") != "b" || ini.GetString("scope") != "co_so" {
		t.Errorf("stored %s %q scope %q", ini.GetString("status"), ini.GetString("result_tier"), ini.GetString("scope"))
	}
	// the decision the Chairman signs names the round's tier, not its code.
	year := w.roundYear()
	status, raw := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/documents/decision.docx", apitest.As(w.Secretariat)).StatusBody()
	if doc := docxText(t, raw); status != http.StatusOK || !strings.Contains(doc, "Loại B") {
		t.Errorf("decision.docx (%d) does not name the tier: %.800s", status, doc)
	}
	status, raw = apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/export.xlsx?report=decision", apitest.As(w.Secretariat)).StatusBody()
	if status != http.StatusOK || !slices.Contains(xlsxCells(t, raw), "Loại B") {
		t.Errorf("the decision's Excel list (%d) does not name the tier", status)
	}
}

// TestDocumentsCiteTheRoundsRules: the decision, the council's
// establishment decision and the minutes cite the round's own legal bases
// (not the default list); the minutes and the scores table state the
// round's own rule (median, a criterion's minimum, secret ballot, tiers
// with a criterion's minimum, quorum) and say why an initiative is not
// recognised; the minutes list the initiatives whose members split.
func TestDocumentsCiteTheRoundsRules(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	scoredWard(t, w)
	testkit.Update(t, w.App, w.Round, map[string]any{"legal_bases": []string{"Quyết định số 465/QĐ-SGDĐT ngày 02/3/2026 của Sở Giáo dục và Đào tạo"},
		"aggregation": "median", "quorum": 1, "voting": "secret", "tiers": []map[string]any{
			{"code": "a", "name": "Loại A", "min_total": 85, "criterion": "novelty", "min_criterion": 30}, {"code": "b", "name": "Loại B", "min_total": 50}}})
	novelty, err := w.App.FindFirstRecordByFilter("criteria", "round = {:r} && code = 'novelty'", dbx.Params{"r": w.Round.Id})
	if err != nil {
		t.Fatal(err)
	}
	testkit.Update(t, w.App, novelty, map[string]any{"min_points": 10})
	srv := testkit.Serve(t, w.App)
	year := w.roundYear()
	text := func(path string) string {
		status, raw := apitest.Send(t, srv, http.MethodGet, path, apitest.As(w.Secretariat)).StatusBody()
		if status != http.StatusOK {
			t.Fatalf("%s: status %d: %s", path, status, raw)
		}
		return docxText(t, raw)
	}
	own := "Căn cứ Quyết định số 465/QĐ-SGDĐT ngày 02/3/2026 của Sở Giáo dục và Đào tạo;"
	for _, path := range []string{"/api/reform/rounds/" + year + "/documents/decision.docx",
		"/api/reform/councils/" + w.Council.Id + "/establishment.docx", "/api/reform/rounds/" + year + "/documents/minutes.docx"} {
		doc := text(path)
		if !strings.Contains(doc, own) || strings.Contains(doc, "Căn cứ Nghị định số 13/2012/NĐ-CP") {
			t.Errorf("%s does not cite the round's own legal bases: %.600s", path, doc)
		}
	}
	minutes := text("/api/reform/rounds/" + year + "/documents/minutes.docx")
	rule := "điểm trung vị tổng điểm của các thành viên từ 50 trở lên, điểm trung bình tiêu chí “Tính mới, tính sáng tạo” từ 10 trở lên, " +
		"các tiêu chí khác trên 0 và ít nhất 2/3 số thành viên bỏ phiếu kín đồng ý"
	quorum := "Kết quả chỉ chính thức khi có từ 1/1 số thành viên biểu quyết nộp phiếu chấm"
	for _, want := range []string{"sáng kiến được công nhận khi " + rule + " (không tính thành viên là tác giả)", quorum,
		"Hội đồng biểu quyết bằng phiếu kín", "Xếp loại: Loại A từ 85 điểm, tiêu chí “Tính mới, tính sáng tạo” từ 30 điểm; Loại B từ 50 điểm.",
		"ý kiến phân tán", "SK-2026-001 – ", "Không công nhận: điểm trung vị dưới 50"} {
		if !strings.Contains(minutes, want) {
			t.Errorf("the minutes lack %q", want)
		}
	}
	if strings.Contains(minutes, "điểm trung bình từ 50") {
		t.Errorf("the minutes still cite the mean: %.2000s", minutes)
	}
	// the results route gives the pages the same rule and notes.
	res := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/results", apitest.As(w.Secretariat)).Want(t, http.StatusOK)
	if r := res["round"].(map[string]any); r["rule"] != rule || len(r["rule_notes"].([]any)) != 2 {
		t.Errorf("results route: rule %q notes %v", r["rule"], r["rule_notes"])
	}
	// the scores table says the same rule under its title.
	status, raw := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/export.xlsx?report=scores", apitest.As(w.Secretariat)).StatusBody()
	cells := xlsxCells(t, raw)
	for _, want := range []string{"(Công nhận khi " + rule + ")", "(" + quorum + "; trước đó là kết quả tạm)",
		"(Xếp loại: Loại A từ 85 điểm, tiêu chí “Tính mới, tính sáng tạo” từ 30 điểm; Loại B từ 50 điểm)",
		"Không công nhận: điểm trung vị dưới 50"} {
		if status != http.StatusOK || !slices.Contains(cells, want) {
			t.Errorf("the scores table (%d) lacks %q: %q", status, want, cells[:min(8, len(cells))])
		}
	}
	// a round with today's rules prints today's legal bases.
	w2 := newScoringWard(t)
	srv2 := testkit.Serve(t, w2.App)
	raw = apitest.Send(t, srv2, http.MethodGet, "/api/reform/rounds/"+w2.roundYear()+"/documents/decision.docx", apitest.As(w2.Secretariat)).Body
	if doc := docxText(t, raw); !strings.Contains(doc, "Căn cứ Nghị định số 13/2012/NĐ-CP ngày 02 tháng 3 năm 2012 của Chính phủ ban hành Điều lệ Sáng kiến;") {
		t.Errorf("default legal bases missing: %.600s", doc)
	}
}

// TestRoundRulesAreChecked: tiers and legal bases that are not what the
// documents can print are refused with their codes.
func TestRoundRulesAreChecked(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	c := apitest.As(w.Secretariat)
	path := "/api/collections/rounds/records/" + w.Round.Id
	for _, bad := range []any{
		[]map[string]any{{"code": "b", "name": "B", "min_total": 50}, {"code": "a", "name": "A", "min_total": 85}}, // lowest first
		[]map[string]any{{"code": "A B", "name": "A", "min_total": 85}},
		[]map[string]any{{"code": "a", "name": "", "min_total": 85}},
		[]map[string]any{{"code": "a", "name": "A", "min_total": 185}},
		[]map[string]any{{"code": "a", "name": "A", "min_total": 85, "min_criterion": 10}},
		[]map[string]any{{"code": "a", "name": "A", "min_total": 85, "extra": 1}},
		"xuat_sac",
	} {
		apitest.Send(t, srv, http.MethodPatch, path, c, apitest.JSON(map[string]any{"tiers": bad})).WantError(t, http.StatusBadRequest, "tiers", "invalid_tiers")
	}
	for _, bad := range []any{[]string{"   "}, "Luật", []any{1}} {
		apitest.Send(t, srv, http.MethodPatch, path, c, apitest.JSON(map[string]any{"legal_bases": bad})).WantError(t, http.StatusBadRequest, "legal_bases", "invalid_legal_bases")
	}
	apitest.Send(t, srv, http.MethodPatch, path, c, apitest.JSON(map[string]any{
		"tiers":       []map[string]any{{"code": "a", "name": "Loại A", "min_total": 85, "criterion": "novelty", "min_criterion": 30}, {"code": "b", "name": "Loại B", "min_total": 50}},
		"legal_bases": []string{"Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"}})).Want(t, http.StatusOK)

}

// TestProvisionalResultNeedsAReason: under a quorum of every voter, three
// sheets of four make the result provisional; the decision is refused
// without a reason (sheets_missing naming the initiative) and nothing is
// written; with a reason it is recorded, and the round's audit entry
// keeps the reason.
func TestProvisionalResultNeedsAReason(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	testkit.Update(t, w.App, w.Round, map[string]any{"quorum": 1})
	for _, m := range w.voters()[:3] {
		w.Sheet(t, w.Ini, m, "submitted", testkit.Points(25, 15, 25, 15), true)
	}
	srv := testkit.Serve(t, w.App)
	c := apitest.As(w.Secretariat)
	year := w.roundYear()
	item := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/results", c).Want(t, http.StatusOK)["items"].([]any)[0].(map[string]any)
	if item["provisional"] != true || item["quorum_needed"] != 4.0 || item["recognized"] != true {
		t.Fatalf("not provisional: %v", item)
	}
	body := map[string]any{"number": "12/QĐ-UBND", "signed_on": time.Now().Format("2006-01-02"), "signer": "Phạm Văn Phó"}
	raw, _ := json.Marshal(body)
	status, res := apitest.Send(t, srv, http.MethodPost, "/api/reform/rounds/"+year+"/decide", apitest.As(w.Secretariat), apitest.JSON(string(raw))).StatusJSON()
	if status != http.StatusBadRequest || apitest.ErrCode(res, "reason") != "sheets_missing" || !strings.Contains(fmt.Sprint(res), w.Ini.GetString("code")) {
		t.Errorf("without a reason: %d %v", status, res)
	}
	if r := reload(t, w.App, w.Round); r.GetString("status") != "review" || reload(t, w.App, w.Ini).GetString("status") != "accepted" {
		t.Fatalf("written despite the refusal: round %s", r.GetString("status"))
	}
	body["reason"] = "Một thành viên ốm dài ngày; Hội đồng thống nhất không chờ phiếu."
	apitest.Send(t, srv, http.MethodPost, "/api/reform/rounds/"+year+"/decide", c, apitest.JSON(body)).Want(t, http.StatusOK)
	entry, err := w.App.FindFirstRecordByFilter("audit_log", "record = {:r} && action = 'decide'", dbx.Params{"r": w.Round.Id})
	if err != nil || entry.GetString("reason") != body["reason"] {
		t.Errorf("the reason is not kept: %v %v", err, entry)
	}
}
