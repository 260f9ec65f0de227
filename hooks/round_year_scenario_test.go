package hooks_test

import (
	"fmt"
	"github.com/pocketbase/dbx"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
	"sangkien/internal/clock"
	"sangkien/internal/testkit"
)

// TestYearEndToEnd runs a whole year on the REST API only, as the ward
// would: the secretariat opens next year's round with its rubric, staff
// draft initiatives, the council is set up, scores, the chairman decides,
// the best go to the city; then the audit log tells that story in order.
func TestYearEndToEnd(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	srv := testkit.Serve(t, w.App)
	as := apitest.As
	sec, chairman := as(w.Secretariat), as(w.Chairman)
	chair, secretary, member, drafter := as(w.Chair), as(w.Members[0]), as(w.Members[1]), as(w.Members[2])
	year := w.Round.GetInt("year") + 1
	id := func(out map[string]any) string { return out["id"].(string) }

	// the secretariat opens the round; it carries the previous round's
	// rubric over.
	round := id(apitest.Send(t, srv, http.MethodPost, "/api/collections/rounds/records", sec, apitest.JSON(map[string]any{
		"year":                year,
		"submission_deadline": fmt.Sprintf("%d-09-24 17:00:00.000Z", year),
		"decision_deadline":   fmt.Sprintf("%d-09-29 17:00:00.000Z", year),
	})).Want(t, 200))
	rubric, err := w.App.FindAllRecords("criteria", dbx.HashExp{"round": round})
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, c := range rubric {
		codes = append(codes, c.GetString("code"))
	}
	slices.Sort(codes)
	if want := []string{"applicability", "effectiveness", "novelty", "replicability"}; !slices.Equal(codes, want) {
		t.Fatalf("the new round's rubric: %v, want %v", codes, want)
	}

	// staff draft their initiatives; a council member drafts one too.
	draft := func(c apitest.Option, author *core.Record, title string) string {
		return id(apitest.Send(t, srv, http.MethodPost, "/api/collections/initiatives/records", c, apitest.JSON(map[string]any{
			"round": round, "field": w.Fields["c"].Id, "title": title,
			"summary": "Tóm tắt.", "solution": "Giải pháp.", "benefits": "Lợi ích.",

			"first_applied": clock.Now().AddDate(0, -2, 0).UTC().Format("2006-01-02 15:04:05.000Z"),
			"authors": []map[string]any{{"name": author.GetString("name"), "position": "Chuyên viên",
				"workplace": "UBND phường", "share": 100, "user": author.Id}},
		})).Want(t, 200))
	}
	ini1 := draft(as(w.StaffA), w.StaffA, "Số hóa sổ hộ tịch")
	ini2 := draft(as(w.StaffB), w.StaffB, "Nhắn tin hẹn lịch tiêm chủng")
	ini3 := draft(drafter, w.Members[2], "Sổ tay thi đua điện tử")
	ini4 := draft(as(w.StaffA2), w.StaffA2, "Một cửa không chờ")

	// each goes through the workflow: the author submits (the server gives
	// the code), the unit head endorses, the secretariat accepts.
	vhxh, err := w.App.FindRecordById("units", w.Members[2].GetString("unit"))
	if err != nil {
		t.Fatal(err)
	}
	heads := map[string]apitest.Option{
		w.UnitA.Id: as(w.HeadA), w.UnitB.Id: as(w.HeadB),
		vhxh.Id: as(w.User(t, "head.vhxh@phuong.test", "Lý Thị Nga", vhxh, "staff", "unit_head")),
	}
	accept := func(ini, code string, author *core.Record) {
		t.Helper()
		out := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+ini+"/submit", as(author)).Want(t, 200)
		if out["code"] != code {
			t.Fatalf("code %v, want %s", out["code"], code)
		}
		apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+ini+"/endorse", heads[author.GetString("unit")]).Want(t, 200)
		apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+ini+"/accept", sec).Want(t, 200)
	}
	accept(ini1, fmt.Sprintf("SK-%d-001", year), w.StaffA)
	accept(ini2, fmt.Sprintf("SK-%d-002", year), w.StaffB)
	accept(ini3, fmt.Sprintf("SK-%d-003", year), w.Members[2])

	// the council: created, it takes the accepted initiatives; one chair.
	council := id(apitest.Send(t, srv, http.MethodPost, "/api/collections/councils/records", sec, apitest.JSON(map[string]any{
		"round": round, "name": "Hội đồng đánh giá sáng kiến năm " + strconv.Itoa(year),
		"decision_number": "88/QĐ-UBND", "decision_date": clock.Now().UTC().Format("2006-01-02 15:04:05.000Z")})).Want(t, 200))
	seats := map[string]string{}
	for _, s := range []struct {
		user     *core.Record
		position string
	}{{w.Chair, "chair"}, {w.Members[0], "secretary"}, {w.Members[1], "member"}, {w.Members[2], "member"}} {
		seats[s.user.Id] = id(apitest.Send(t, srv, http.MethodPost, "/api/collections/council_members/records", sec, apitest.JSON(map[string]any{
			"council": council, "user": s.user.Id, "position": s.position, "votes": true})).Want(t, 200))
	}
	apitest.Send(t, srv, http.MethodPatch, "/api/collections/council_members/records/"+seats[w.Members[1].Id], sec, apitest.JSON(
		map[string]any{"position": "chair"})).WantError(t, 400, "position", "one_chair")

	for _, ini := range []string{ini1, ini2, ini3} {
		if got := apitest.Send(t, srv, http.MethodGet, "/api/collections/initiatives/records/"+ini, sec).Want(t, 200)["council"]; got != council {
			t.Fatalf("initiative %s council %v, want the new council", ini, got)
		}
	}
	// accepted after the council exists: assigned on acceptance.
	accept(ini4, fmt.Sprintf("SK-%d-004", year), w.StaffA2)
	if got := apitest.Send(t, srv, http.MethodGet, "/api/collections/initiatives/records/"+ini4, sec).Want(t, 200)["council"]; got != council {
		t.Fatalf("late initiative council %v, want the new council", got)
	}

	// submissions close; the council starts scoring.
	apitest.Send(t, srv, http.MethodPost, fmt.Sprintf("/api/reform/rounds/%d/review", year), sec).Want(t, 200)

	// scoring.
	create := func(c apitest.Option, ini string, p map[string]float64, approve bool) string {
		t.Helper()
		return id(apitest.Send(t, srv, http.MethodPost, scoresURL, c, apitest.JSON(map[string]any{"initiative": ini, "points": p, "approve": approve})).Want(t, 200))
	}
	submit := func(c apitest.Option, sheet string) {
		t.Helper()
		apitest.Send(t, srv, http.MethodPost, "/api/reform/scores/"+sheet+"/submit", c).Want(t, 200)
	}
	score := func(c apitest.Option, ini string, p map[string]float64, approve bool) string {
		t.Helper()
		s := create(c, ini, p, approve)
		submit(c, s)
		return s
	}
	apitest.Send(t, srv, http.MethodPost, scoresURL, drafter, apitest.JSON(map[string]any{"initiative": ini3})).WantError(t, 403, "initiative", "conflict_of_interest")
	apitest.Send(t, srv, http.MethodPost, scoresURL, member, apitest.JSON(
		map[string]any{"initiative": ini1, "points": map[string]any{"novelty": 35}})).WantError(t, 400, "points", "score_out_of_range")

	// the chair mistypes novelty on ini1 (17 for 27) and submits.
	chairOn1 := score(chair, ini1, testkit.Points(17, 18, 27, 18), true)
	score(secretary, ini1, testkit.Points(25, 17, 25, 17), true)
	score(drafter, ini1, testkit.Points(26, 17, 26, 17), true)
	// a member with a draft sees only their own sheet; once submitted, all.
	sheetsOn := func(c apitest.Option, ini string) float64 {
		out := apitest.Send(t, srv, http.MethodGet, scoresURL+"?filter="+url.QueryEscape("initiative='"+ini+"'"), c).Want(t, 200)
		return out["totalItems"].(float64)
	}
	memberOn1 := create(member, ini1, testkit.Points(24, 16, 24, 16), true)
	if n := sheetsOn(member, ini1); n != 1 {
		t.Fatalf("a member still drafting sees %v sheets, want 1", n)
	}
	submit(member, memberOn1)
	if n := sheetsOn(member, ini1); n != 4 {
		t.Fatalf("a member who submitted sees %v sheets, want 4", n)
	}
	// the secretary reopens the chair's sheet; the chair corrects it.
	apitest.Send(t, srv, http.MethodPost, "/api/reform/scores/"+chairOn1+"/reopen", secretary, apitest.JSON(
		map[string]any{"reason": "Chủ tịch Hội đồng ghi nhầm điểm tính mới."})).Want(t, 200)

	apitest.Send(t, srv, http.MethodPatch, scoresURL+"/"+chairOn1, chair, apitest.JSON(map[string]any{"points": testkit.Points(27, 18, 27, 18)})).Want(t, 200)
	submit(chair, chairOn1)

	score(chair, ini2, testkit.Points(20, 12, 20, 12), true)
	score(secretary, ini2, testkit.Points(18, 12, 18, 12), true)
	score(member, ini2, testkit.Points(19, 13, 19, 13), true)
	score(drafter, ini2, testkit.Points(16, 10, 16, 10), false)
	score(chair, ini3, testkit.Points(10, 8, 12, 6), false)
	score(secretary, ini3, testkit.Points(12, 8, 12, 8), false)
	score(member, ini3, testkit.Points(14, 10, 14, 8), false)
	score(chair, ini4, testkit.Points(29, 19, 29, 19), true)
	score(secretary, ini4, testkit.Points(28, 18, 28, 18), true)
	score(drafter, ini4, testkit.Points(27, 18, 27, 18), true)
	memberOn4 := create(member, ini4, testkit.Points(27, 18, 27, 18), true) // not yet submitted

	// results, for the secretariat and the chairman only.
	resultsURL := fmt.Sprintf("/api/reform/rounds/%d/results", year)
	apitest.Send(t, srv, http.MethodGet, resultsURL, as(w.StaffA)).WantError(t, 403, "auth", "forbidden")
	res := apitest.Send(t, srv, http.MethodGet, resultsURL, sec).Want(t, 200)
	items := res["items"].([]any)
	ranked := func(items []any) string {
		var b strings.Builder
		for _, it := range items {
			m := it.(map[string]any)
			fmt.Fprintf(&b, "%v %v %v/%v %v %v|", m["code"], m["mean"], m["sheets"], m["voters"], m["recognized"], m["tier"])
		}
		return b.String()
	}
	y := strconv.Itoa(year)
	want := "SK-" + y + "-004 92.67 3/4 true xuat_sac|SK-" + y + "-001 85 4/4 true tot|SK-" + y + "-002 60 4/4 true dat|SK-" + y + "-003 40.67 3/3 false |"
	if got := ranked(items); got != want {
		t.Fatalf("results\n got %s\nwant %s", got, want)
	}

	// the decision waits for the last sheet; it is signed on 28/9, the
	// server's day (a signing day after today is refused).
	setClock(w.App, clock.Date(year, time.September, 28).Add(10*time.Hour))
	decideURL := fmt.Sprintf("/api/reform/rounds/%d/decide", year)
	body := map[string]any{"number": "130/QĐ-UBND", "signed_on": fmt.Sprintf("28/09/%d", year),
		"signer": "Chu Thanh Lương", "summary": "Công nhận sáng kiến cải cách hành chính cấp phường."}
	apitest.Send(t, srv, http.MethodPost, decideURL, chairman, apitest.JSON(body)).WantError(t, 400, "reason", "sheets_missing")
	submit(member, memberOn4)
	decided := apitest.Send(t, srv, http.MethodPost, decideURL, chairman, apitest.JSON(body)).Want(t, 200)
	if warnings := decided["warnings"].([]any); len(warnings) != 0 {
		t.Errorf("warnings %v, want none before the deadline", warnings)
	}
	res = apitest.Send(t, srv, http.MethodGet, resultsURL, sec).Want(t, 200)
	want = "SK-" + y + "-004 92 4/4 true xuat_sac|SK-" + y + "-001 85 4/4 true tot|SK-" + y + "-002 60 4/4 true dat|SK-" + y + "-003 40.67 3/3 false |"
	if got := ranked(res["items"].([]any)); got != want {
		t.Fatalf("results after the decision\n got %s\nwant %s", got, want)
	}

	// the author sees the outcome of their own initiative, never the sheets.
	author := as(w.StaffA)
	mine := apitest.Send(t, srv, http.MethodGet, "/api/collections/initiatives/records/"+ini1, author).Want(t, 200)
	if mine["status"] != "recognized" || mine["result_mean"] != 85.0 || mine["result_tier"] != "tot" || mine["result_rank"] != 2.0 {
		t.Errorf("the author sees %v %v %v %v", mine["status"], mine["result_mean"], mine["result_tier"], mine["result_rank"])
	}
	if n := sheetsOn(author, ini1); n != 0 {
		t.Errorf("the author sees %v sheets", n)
	}
	if got := apitest.Send(t, srv, http.MethodGet, "/api/collections/initiatives/records/"+ini3, as(w.Members[2])).Want(t, 200)["status"]; got != "not_recognized" {
		t.Errorf("ini3 %v, want not_recognized", got)
	}

	// the best two go to the city, on one nomination list, on 6/10.
	setClock(w.App, clock.Date(year, time.October, 6).Add(9*time.Hour))
	nominate := map[string]any{"number": "41/TTr-UBND", "signed_on": fmt.Sprintf("%d-10-06", year), "signer": "Chu Thanh Lương"}
	apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+ini4+"/nominate", sec, apitest.JSON(nominate)).Want(t, 200)
	list := apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+ini1+"/nominate", chairman, apitest.JSON(map[string]any{})).Want(t, 200)
	if got := list["decision"].(map[string]any)["initiatives"].([]any); len(got) != 2 || got[0] != ini4 || got[1] != ini1 {
		t.Errorf("nomination list %v, want [ini4 ini1]", got)
	}
	apitest.Send(t, srv, http.MethodPost, "/api/reform/initiatives/"+ini3+"/nominate", sec, apitest.JSON(nominate)).WantError(t, 400, "status", "invalid_transition")

	// the audit log tells the story in order; all of it to a superuser.
	story := func(c apitest.Option) []string {
		log := apitest.Send(t, srv, http.MethodGet, "/api/collections/audit_log/records?sort=@rowid&perPage=500", c).Want(t, 200)
		var lines []string
		for _, it := range log["items"].([]any) {
			e := it.(map[string]any)
			lines = append(lines, fmt.Sprintf("%v %v %v", e["actor_name"], e["action"], e["collection"]))
		}
		return lines
	}
	// the secretariat reads it too, but not a draft sheet's points: of the
	// sheets, only their submissions and reopenings.
	secStory := strings.Join(story(sec), "\n")
	for _, want := range []string{"Vũ Văn Hải submit scores", "Bùi Thị Khánh reopen scores", "Chu Thanh Lương decide rounds"} {
		if !strings.Contains(secStory, want) {
			t.Errorf("the secretariat's audit log lacks %q", want)
		}
	}
	if strings.Contains(secStory, "create scores") || strings.Contains(secStory, "update scores") {
		t.Errorf("the secretariat reads a draft sheet's entries:\n%s", secStory)
	}
	full := story(as(w.Superuser))
	chapters := []string{
		"Đỗ Thị Giang create rounds",
		"Nguyễn Văn An create initiatives",
		"Ngô Thị Mai create initiatives",
		"Nguyễn Văn An submit initiatives",
		"Phạm Thị Dung endorse initiatives",
		"Đỗ Thị Giang accept initiatives",
		"Đỗ Thị Giang create councils",
		"system assign initiatives",
		"Đỗ Thị Giang create council_members",
		"system assign initiatives",
		"Đỗ Thị Giang accept initiatives",
		"Đỗ Thị Giang review rounds",
		"Vũ Văn Hải create scores",
		"Vũ Văn Hải submit scores",
		"Đặng Văn Long create scores",
		"Đặng Văn Long submit scores",
		"Bùi Thị Khánh reopen scores",
		"Vũ Văn Hải update scores",
		"Vũ Văn Hải submit scores",
		"Chu Thanh Lương create decisions",
		"Chu Thanh Lương recognize initiatives",
		"Chu Thanh Lương not_recognize initiatives",
		"Chu Thanh Lương decide rounds",
		"Đỗ Thị Giang create decisions",
		"Đỗ Thị Giang nominate initiatives",
		"Chu Thanh Lương update decisions",
		"Chu Thanh Lương nominate initiatives",
	}
	next := 0
	for _, line := range full {
		if next < len(chapters) && line == chapters[next] {
			next++
		}
	}
	if next < len(chapters) {
		t.Errorf("the audit log lacks, in order, %q (found %d of %d chapters); log:\n%s",
			chapters[next], next, len(chapters), strings.Join(full, "\n"))
	}
	// every write of the year kept the initiatives' reader lists
	testkit.ReaderListsFresh(t, w.App, "the year's end")
}
