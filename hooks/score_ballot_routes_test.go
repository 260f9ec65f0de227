package hooks_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/hooks"
	"sangkien/internal/apitest"
)

// sealedCount finds a count of approvals in a JSON answer.
var sealedCount = regexp.MustCompile(`"approvals"\s*:\s*[0-9]`)

// voteWords are how a document or the audit page writes one member's
// vote: the sheet form's ticked box, the audit page's field label.
var voteWords = []string{"☒ Đề nghị công nhận", "☒ Không đề nghị công nhận", "Tán thành công nhận"}

// answerText is the text of an answer: a JSON body as it is, a .docx's
// words, an .xlsx's cells, and each file of a .zip read the same way.
func answerText(t *testing.T, raw []byte) string {
	t.Helper()
	switch {
	case bytes.HasPrefix(raw, []byte("PK")):
		zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
		if err != nil {
			t.Fatalf("not a zip: %v", err)
		}
		if _, err := zr.Open("word/document.xml"); err == nil {
			return docxText(t, raw)
		}
		if _, err := zr.Open("xl/workbook.xml"); err == nil {
			return strings.Join(xlsxCells(t, raw), "|")
		}
		var b strings.Builder
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			inner, _ := io.ReadAll(rc)
			rc.Close()
			if bytes.HasPrefix(inner, []byte("PK")) {
				b.WriteString(answerText(t, inner) + "\n")
			}
		}
		return b.String()
	}
	return string(raw)
}

// everyGet is every GET route of the route table with its path
// parameters filled from w (and each Excel report, each way of asking the
// audit page and the search), as reader may call it.
func everyGet(w *scoringWard, sheets map[string]*core.Record) []string {
	year := w.roundYear()
	var paths []string
	for _, r := range hooks.Routes() {
		if r.Method != http.MethodGet {
			continue
		}
		p := strings.NewReplacer("{year}", year, "{userId}", w.Members[0].Id).Replace(r.Path)
		switch {
		case strings.Contains(p, "/initiatives/{id}"):
			p = strings.Replace(p, "{id}", w.Ini.Id, 1)
		case strings.Contains(p, "/councils/{id}"):
			p = strings.Replace(p, "{id}", w.Council.Id, 1)
		case strings.Contains(p, "/scores/{id}"):
			p = strings.Replace(p, "{id}", sheets[w.Members[0].Id].Id, 1)
		}
		switch {
		case strings.HasSuffix(p, "/export.xlsx"):
			for _, k := range []string{"initiatives", "scores", "quota", "decision", "city", "all", "people"} {
				paths = append(paths, p+"?report="+k)
			}
			continue
		case strings.HasSuffix(p, "/sheets.docx"):
			p += "?member=" + w.Members[0].Id
		case strings.HasSuffix(p, "/search"):
			p += "?q=" + w.Ini.GetString("code")
		case strings.HasSuffix(p, "/audit"):
			paths = append(paths, p+"?collection=scores")
		}
		paths = append(paths, p)
	}
	return paths
}

// routeLeaks calls every GET route (everyGet) as the secretariat, the
// chairman and a member who has submitted, with three of four sheets in,
// and lists every answer holding another member's vote (a JSON "approve",
// a ticked box of the sheet form, the audit page's vote field) or a count
// of approvals.
//
// decided: the round is first decided (the count may then show; a vote
// never may).
func routeLeaks(t *testing.T, voting string, decided bool) (leaks []string, called int) {
	w, srv, sheets := ballotWard(t, voting)
	if decided {
		apitest.Send(t, srv, http.MethodPost, "/api/reform/rounds/"+w.roundYear()+"/decide", apitest.As(w.Secretariat), apitest.JSON(
			map[string]any{"number": "12/QĐ-UBND", "signed_on": time.Now().Format("2006-01-02"), "signer": "Phạm Văn Phó", "reason": "một thành viên vắng"})).Want(t, http.StatusOK)

	}
	readers := map[string]*core.Record{"secretariat": w.Secretariat, "chairman": w.Chairman, "member": w.Members[1]}
	for who, r := range readers {
		// the CRUD API's ways to a sheet too.
		crud := []string{"/api/collections/scores/records?perPage=200", "/api/collections/audit_log/records?perPage=500",
			"/api/collections/initiatives/records/" + w.Ini.Id + "?expand=scores_via_initiative"}
		for _, sh := range sheets {
			crud = append(crud, "/api/collections/scores/records/"+sh.Id)
		}
		for _, p := range append(everyGet(w, sheets), crud...) {
			status, raw := apitest.Send(t, srv, http.MethodGet, p, apitest.As(r)).StatusBody()
			if status != http.StatusOK {
				continue
			}
			called++
			text := answerText(t, raw)
			if json.Valid(raw) {
				if others := othersVotes(t, raw, r.Id); len(others) > 0 {
					leaks = append(leaks, fmt.Sprintf("%s %s: votes of %v", who, p, others))
				}
				if !decided && sealedCount.Match(raw) {
					leaks = append(leaks, fmt.Sprintf("%s %s: a count", who, p))
				}
			}
			for _, v := range voteWords {
				if strings.Contains(text, v) && !(who == "member" && strings.Contains(p, "member="+r.Id)) {
					leaks = append(leaks, fmt.Sprintf("%s %s: %q", who, p, v))
				}
			}
		}
	}
	return leaks, called
}

// TestSecretBallotEveryRoute: with a secret ballot, neither a GET route
// of the route table (every Excel report, every document, the audit page,
// the people lists, the search) nor the CRUD API's lists, views and expand
// answers the secretariat, the chairman or another member with a member's
// vote, before the decision or after it, nor with the count of approvals
// before every sheet is in. The same walk on an open vote finds the votes
// in the results, the sheet forms, the audit page and the CRUD lists, so
// it can fail.
func TestSecretBallotEveryRoute(t *testing.T) {
	t.Parallel()
	for _, decided := range []bool{false, true} {
		leaks, called := routeLeaks(t, "secret", decided)
		t.Logf("decided %v: %d answers read", decided, called)
		if len(leaks) > 0 {
			t.Errorf("secret ballot, decided %v: %d leaks:\n%s", decided, len(leaks), strings.Join(leaks, "\n"))
		}
		if called < 40 {
			t.Errorf("decided %v: only %d answers read: the walk reaches too few routes", decided, called)
		}
	}
	open, _ := routeLeaks(t, "open", false)
	for _, want := range [][2]string{{"secretariat", "/results: a count"}, {"chairman", "/results: a count"},
		{"secretariat", "/api/reform/scores/"}, {"secretariat", "/documents/sheets.docx"},
		{"secretariat", "/api/reform/audit?collection=scores: \"Tán thành công nhận\""}, {"chairman", "/api/reform/audit"},
		{"member", "/api/collections/scores/records?perPage=200: votes"}} {
		found := false
		for _, l := range open {
			found = found || strings.HasPrefix(l, want[0]+" ") && strings.Contains(l, want[1])
		}
		if !found {
			t.Errorf("open vote: the walk does not see %s %q (found %d: %v)", want[0], want[1], len(open), open)
		}
	}
}
