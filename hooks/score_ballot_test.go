package hooks_test

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/xuri/excelize/v2"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// ballotWard is a scoringWard whose round votes as voting says, with
// the sheets of Ini submitted through the API by the chair (approve),
// Members[0] (against) and Members[1] (approve), and Members[2]'s still a
// draft: one voter's sheet missing.
func ballotWard(t *testing.T, voting string) (*scoringWard, *httptest.Server, map[string]*core.Record) {
	t.Helper()
	w := newScoringWard(t)
	testkit.Update(t, w.App, w.Round, map[string]any{"voting": voting})
	srv := testkit.Serve(t, w.App)
	sheets := map[string]*core.Record{}
	for i, m := range w.voters() {
		sheets[m.Id] = w.Sheet(t, w.Ini, m, "draft", testkit.Points(20, 15, 20, 15), false)
		if i == 3 {
			continue
		}
		c := apitest.As(m)
		apitest.Send(t, srv, http.MethodPost, "/api/reform/scores/"+sheets[m.Id].Id+"/submit", c, apitest.JSON(map[string]any{"approve": i != 1})).Want(t, http.StatusOK)
	}
	return w, srv, sheets
}

// voteKey finds a sheet's vote in a JSON text: the "approve" key.
var voteKey = regexp.MustCompile(`"approve"\s*:`)

// escapedVoteKey finds a vote in a JSON text, also inside a JSON string
// (an audit entry's snapshot).
var escapedVoteKey = regexp.MustCompile(`\\?"approve\\?"\s*:`)

// othersVotes lists, in a JSON answer of sheets (a list, a record, or an
// initiative with its sheets expanded), the sheets of members other than
// reader that carry their vote.
func othersVotes(t *testing.T, raw []byte, reader string) []string {
	t.Helper()
	var found []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if _, ok := v["approve"]; ok && v["member"] != reader {
				found = append(found, fmt.Sprint(v["member"]))
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("not JSON: %s", raw)
	}
	walk(v)
	return found
}

// docxText is the text of word/document.xml of a .docx answer.
func docxText(t *testing.T, raw []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatalf("not a docx: %v: %.200s", err, raw)
	}
	f, err := zr.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, _ := io.ReadAll(f)
	return regexp.MustCompile(`<[^>]+>`).ReplaceAllString(string(doc), "")
}

// xlsxCells is every cell's text of every sheet of an .xlsx answer.
func xlsxCells(t *testing.T, raw []byte) []string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()
	var out []string
	for _, name := range f.GetSheetList() {
		rows, _ := f.GetRows(name)
		for _, r := range rows {
			out = append(out, r...)
		}
	}
	return out
}

// realtimeEvents subscribes reader to topic and returns a function giving
// everything the stream sent until a line holding want arrives (at most
// 10 s), and what follows it without a pause of 200 ms.
func realtimeEvents(t *testing.T, srv *httptest.Server, reader *core.Record, topic string) func(want string) string {
	t.Helper()
	res := apitest.Open(t, srv, http.MethodGet, "/api/realtime")
	lines := make(chan string, 1000)
	go func() {
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	clientID := ""
	deadline := time.After(5 * time.Second)
	for clientID == "" {
		select {
		case l := <-lines:
			if m := regexp.MustCompile(`"clientId":"([^"]+)"`).FindStringSubmatch(l); m != nil {
				clientID = m[1]
			}
		case <-deadline:
			t.Fatal("realtime: no client id")
		}
	}
	body := fmt.Sprintf(`{"clientId":%q,"subscriptions":[%q]}`, clientID, topic)
	if status := apitest.Send(t, srv, http.MethodPost, "/api/realtime", apitest.As(reader), apitest.JSON(body)).Status; status != http.StatusNoContent {
		t.Fatalf("subscribe %s: status %d", topic, status)
	}
	return func(want string) string {
		var b strings.Builder
		wait := time.NewTimer(10 * time.Second)
		defer wait.Stop()
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					return b.String()
				}
				b.WriteString(l + "\n")
				if strings.Contains(l, want) {
					wait.Reset(200 * time.Millisecond)
				}
			case <-wait.C:
				return b.String()
			}
		}
	}
}

// ballotLeaks walks every way a reader may see a sheet — the CRUD API's
// list, views and expand, the audit log, the results, the Excel, the
// minutes and the sheets document, and a realtime event when the last
// member submits — as the secretariat, the chairman and a member who has
// submitted, and lists every place where another member's vote (or a
// sealed count) shows; the realtime streams of the scores and of the audit
// log are read as the secretariat and the chairman.
func ballotLeaks(t *testing.T, voting string) []string {
	w, srv, sheets := ballotWard(t, voting)
	year := w.roundYear()
	readers := map[string]*core.Record{"secretariat": w.Secretariat, "chairman": w.Chairman, "member": w.Members[1]}
	var leaks []string
	leak := func(format string, args ...any) { leaks = append(leaks, fmt.Sprintf(format, args...)) }
	for who, r := range readers {
		paths := []string{"/api/collections/scores/records?perPage=200",
			"/api/collections/initiatives/records/" + w.Ini.Id + "?expand=scores_via_initiative",
			// fields= naming the vote: the page's own column picking (http_fields.go) hides no less
			"/api/collections/scores/records?perPage=200&fields=id,member,approve",
			"/api/collections/scores/records?perPage=200&fields=member,approve:excerpt(5)",
			"/api/collections/initiatives/records/" + w.Ini.Id + "?expand=scores_via_initiative&fields=id,expand"}
		for _, s := range sheets {
			paths = append(paths, "/api/collections/scores/records/"+s.Id, "/api/collections/scores/records/"+s.Id+"?fields=member,approve")
		}
		for _, p := range paths {
			status, raw := apitest.Send(t, srv, http.MethodGet, p, apitest.As(r)).StatusBody()
			if status == http.StatusOK && len(othersVotes(t, raw, r.Id)) > 0 {
				leak("%s %s: %v", who, p, othersVotes(t, raw, r.Id))
			}
		}
		// a filter or sort on the vote is an oracle: refused for everyone.
		for _, q := range []string{"filter=" + url.QueryEscape("approve = true"), "sort=approve",
			"filter=" + url.QueryEscape("initiative.scores_via_initiative.approve = true")} {
			if status, raw := apitest.Send(t, srv, http.MethodGet, "/api/collections/scores/records?"+q, apitest.As(r)).StatusBody(); status != http.StatusBadRequest {
				leak("%s scores ?%s: status %d %s", who, q, status, raw)
			}
		}
		if status, raw := apitest.Send(t, srv, http.MethodGet, "/api/collections/audit_log/records?perPage=500", apitest.As(r)).StatusBody(); status == http.StatusOK && voteKey.Match(raw) {
			leak("%s audit log", who)
		}
	}
	for who, r := range map[string]*core.Record{"secretariat": w.Secretariat, "chairman": w.Chairman} {
		raw := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/results", apitest.As(r)).Body
		var res resultsAnswer
		_ = json.Unmarshal(raw, &res)
		if !strings.Contains(string(raw), `"approvals":null`) {
			leak("%s results: the count before every sheet is in: %s", who, raw)
		}
		raw = apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/export.xlsx?report=scores", apitest.As(r)).Body
		if cells := strings.Join(xlsxCells(t, raw), "|"); !strings.Contains(cells, "|Kín|") {
			leak("%s Excel: the count shows", who)
		}
		raw = apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/documents/minutes.docx", apitest.As(r)).Body
		if text := docxText(t, raw); !strings.Contains(text, "Kín") {
			leak("%s minutes: the count shows", who)
		}
		for _, p := range []string{"/api/reform/rounds/" + year + "/documents/sheets.docx?member=" + w.Chair.Id,
			"/api/reform/scores/" + sheets[w.Chair.Id].Id + "/sheet.docx"} {
			status, raw := apitest.Send(t, srv, http.MethodGet, p, apitest.As(r)).StatusBody()
			if status != http.StatusOK {
				t.Fatalf("%s %s: status %d: %s", who, p, status, raw)
			}
			if text := docxText(t, raw); strings.Contains(text, "Đề nghị công nhận") {
				leak("%s sheets document %s: a vote is printed", who, p)
			}
		}
	}
	// the members' totals stay visible, as with an open vote.
	for who, r := range readers {
		if raw := apitest.Send(t, srv, http.MethodGet, "/api/collections/scores/records/"+sheets[w.Chair.Id].Id, apitest.As(r)).Body; !regexp.MustCompile(`"total"\s*:\s*70\b`).Match(raw) {
			t.Errorf("%s: %s does not read the chair's total: %s", voting, who, raw)
		}
	}
	if raw := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/export.xlsx?report=scores", apitest.As(w.Secretariat)).Body; count(xlsxCells(t, raw), "70.0") < 6 {
		// mean, min and max, then the three totals in on the members' sheet.
		t.Errorf("%s: the members' table does not show the totals: %q", voting, xlsxCells(t, raw))
	}
	// a sheet's own member still reads their vote.
	if raw := apitest.Send(t, srv, http.MethodGet, "/api/collections/scores/records/"+sheets[w.Members[1].Id].Id, apitest.As(w.Members[1])).Body; !voteKey.Match(raw) {
		t.Errorf("%s: the member does not see their own vote: %s", voting, raw)
	}
	// the last member submits: the secretariat's and another member's
	// realtime streams show no vote.
	events := map[string]func(string) string{
		"secretariat":       realtimeEvents(t, srv, w.Secretariat, "scores"),
		"chairman":          realtimeEvents(t, srv, w.Chairman, "scores"),
		"member":            realtimeEvents(t, srv, w.Members[1], "scores/"+sheets[w.Members[2].Id].Id),
		"secretariat audit": realtimeEvents(t, srv, w.Secretariat, "audit_log"),
		"chairman audit":    realtimeEvents(t, srv, w.Chairman, "audit_log"),
	}
	last := apitest.As(w.Members[2])
	apitest.Send(t, srv, http.MethodPost, "/api/reform/scores/"+sheets[w.Members[2].Id].Id+"/submit", last, apitest.JSON(map[string]any{"approve": true})).Want(t, http.StatusOK)
	for who, read := range events {
		got := read(sheets[w.Members[2].Id].Id)
		if !strings.Contains(got, sheets[w.Members[2].Id].Id) {
			t.Errorf("%s %s: no realtime event: %q", voting, who, got)
		}
		if escapedVoteKey.MatchString(got) {
			leak("%s realtime: %s", who, got)
		}
	}
	// every sheet in: the count, and only the count.
	raw := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/results", apitest.As(w.Secretariat)).Body
	if !strings.Contains(string(raw), `"approvals":3`) {
		t.Errorf("%s: every sheet in, the count is not shown: %s", voting, raw)
	}
	// the audit log as stored holds no vote either.
	entries, err := w.App.FindRecordsByFilter("audit_log", "collection = 'scores'", "", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if voteKey.MatchString(e.GetString("before") + e.GetString("after")) {
			leak("stored audit entry %s %s", e.GetString("action"), e.GetString("after"))
			break
		}
	}
	return leaks
}

// TestSecretBallotShowsNoVote: with a secret ballot nobody — the
// secretariat, the chairman, another member — finds a member's vote by
// any route, realtime event, export, document or audit entry, and the
// count of approvals shows only once every sheet is in; the members'
// totals stay visible. The same walk on
// an open vote finds the votes everywhere, so the walk can fail.
func TestSecretBallotShowsNoVote(t *testing.T) {
	t.Parallel()
	if leaks := ballotLeaks(t, "secret"); len(leaks) > 0 {
		t.Errorf("secret ballot: %d leaks:\n%s", len(leaks), strings.Join(leaks, "\n"))
	}
	open := ballotLeaks(t, "open")
	for _, want := range []string{"secretariat /api/collections/scores/records?", "chairman /api/collections/scores/records?",
		"member /api/collections/scores/records?", "secretariat audit log", "secretariat results", "secretariat Excel",
		"secretariat minutes", "secretariat sheets document", "secretariat realtime", "chairman realtime", "member realtime",
		"secretariat audit realtime", "chairman audit realtime", "stored audit entry"} {
		found := false
		for _, l := range open {
			found = found || strings.HasPrefix(l, want)
		}
		if !found {
			t.Errorf("open vote: the walk does not see %q (found %d: %v)", want, len(open), open)
		}
	}
}

// TestSecretBallotPreviewWaits: three of four sheets in, all approving (3
// approvals reach the line): an open vote's draft decision lists the
// initiative already; a secret ballot's does not until the last sheet is
// in, and then does.
func TestSecretBallotPreviewWaits(t *testing.T) {
	t.Parallel()
	for _, voting := range []string{"open", "secret"} {
		w := newScoringWard(t)
		testkit.Update(t, w.App, w.Round, map[string]any{"voting": voting})
		for _, m := range w.voters()[:3] {
			w.Sheet(t, w.Ini, m, "submitted", testkit.Points(20, 15, 20, 15), true)
		}
		last := w.Sheet(t, w.Ini, w.voters()[3], "draft", testkit.Points(20, 15, 20, 15), true)
		srv := testkit.Serve(t, w.App)
		path := "/api/reform/rounds/" + w.roundYear() + "/decision-preview"
		raw := apitest.Send(t, srv, http.MethodGet, path, apitest.As(w.Chairman)).Body
		if listed := strings.Contains(string(raw), w.Ini.Id); listed != (voting == "open") {
			t.Errorf("%s: listed %v before the last sheet: %s", voting, listed, raw)
		}
		apitest.Send(t, srv, http.MethodPost, "/api/reform/scores/"+last.Id+"/submit", apitest.As(w.voters()[3]), apitest.JSON(map[string]any{"approve": false})).Want(t, http.StatusOK)
		if raw = apitest.Send(t, srv, http.MethodGet, path, apitest.As(w.Chairman)).Body; !strings.Contains(string(raw), w.Ini.Id) {
			t.Errorf("%s: not listed once every sheet is in: %s", voting, raw)
		}
	}
}

// count is how many of cells are v.
func count(cells []string, v string) int {
	n := 0
	for _, c := range cells {
		if c == v {
			n++
		}
	}
	return n
}
