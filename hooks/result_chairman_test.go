package hooks_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// previewSignature is the signature of the decision preview as read by
// the secretariat.
func previewSignature(t *testing.T, srv *httptest.Server, c apitest.Option, year string) (head []string, name string, author bool) {
	t.Helper()
	sig := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/decision-preview", c).Want(t, http.StatusOK)["signature"].(map[string]any)
	for _, h := range sig["head"].([]any) {
		head = append(head, h.(string))
	}
	return head, sig["name"].(string), sig["chairman_author"].(bool)
}

// TestChairmanAuthorDoesNotSign: when an account with the chairman role
// (the ward's chairman, whatever name the ward's record gives him)
// co-authors an initiative of the round he is barred from judging it (he
// sits on its council here); the decision preview and the draft decision
// are signed "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" by the vice-chairman the ward's
// record names (the draft Excel annex under that title, the name left to
// write); a decision recorded in his name,
// or in the name the record gives the chairman, is refused; the
// vice-chairman's is taken and printed so.
func TestChairmanAuthorDoesNotSign(t *testing.T) {
	t.Parallel()
	w := newScoringWard(t)
	scoredWard(t, w)
	w.AddMember(t, w.Chairman, "member")
	org, err := w.App.FindFirstRecordByFilter("organization", "id != ''")
	if err != nil {
		t.Fatal(err)
	}
	// the record spells the chairman otherwise than his account: no name
	// match decides who signs.
	testkit.Update(t, w.App, org, map[string]any{"chairman_name": "Chu T. Lương", "vice_chairman_name": "Phạm Văn Phó"})
	testkit.Update(t, w.App, w.Chairman, map[string]any{"position": "Chủ tịch UBND phường"})
	testkit.Update(t, w.App, w.Ini, map[string]any{"author_users": []string{w.StaffA.Id, w.Chairman.Id}})
	srv := testkit.Serve(t, w.App)
	year := w.roundYear()
	sec := apitest.As(w.Secretariat)

	res := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/results", sec).Want(t, http.StatusOK)
	var barred []string
	for _, b := range res["items"].([]any)[0].(map[string]any)["barred"].([]any) {
		barred = append(barred, b.(map[string]any)["member"].(string))
	}
	if len(barred) != 1 || barred[0] != w.Chairman.Id {
		t.Errorf("barred %v, want the chairman", barred)
	}
	if head, name, author := previewSignature(t, srv, sec, year); !slices.Equal(head, []string{"KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}) || name != "Phạm Văn Phó" || !author {
		t.Errorf("preview signature %v %q %v", head, name, author)
	}
	raw := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/documents/decision.docx", apitest.As(w.Secretariat)).Body
	if doc := docxText(t, raw); !strings.Contains(doc, "KT. CHỦ TỊCH") || !strings.Contains(doc, "PHÓ CHỦ TỊCH") || !strings.Contains(doc, "Phạm Văn Phó") {
		t.Errorf("the draft decision is not signed for the chairman: %.300s", doc[max(0, len(doc)-300):])
	}
	// the annex before the decision leaves the name to write by hand.
	raw = apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/export.xlsx?report=decision", apitest.As(w.Secretariat)).Body
	if cells := xlsxCells(t, raw); !slices.Contains(cells, "KT. CHỦ TỊCH") || !slices.Contains(cells, "PHÓ CHỦ TỊCH") {
		t.Errorf("the draft annex is not signed for the chairman: %q", cells[max(0, len(cells)-8):])
	}
	day := time.Now().Format("2006-01-02")
	for _, name := range []string{w.Chairman.GetString("name"), "Chu T. Lương"} {
		apitest.Send(t, srv, http.MethodPost, "/api/reform/rounds/"+year+"/decide", sec, apitest.JSON(
			map[string]any{"number": "12/QĐ-UBND", "signed_on": day, "signer": name, "reason": "thiếu phiếu"})).WantError(t, http.StatusBadRequest, "signer", "chairman_is_author")

	}
	apitest.Send(t, srv, http.MethodPost, "/api/reform/rounds/"+year+"/decide", sec, apitest.JSON(
		map[string]any{"number": "12/QĐ-UBND", "signed_on": day, "signer": "Phạm Văn Phó", "reason": "thiếu phiếu"})).Want(t, http.StatusOK)

	raw = apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/documents/decision.docx", apitest.As(w.Secretariat)).Body
	if doc := docxText(t, raw); !strings.Contains(doc, "KT. CHỦ TỊCH") || !strings.Contains(doc, "Phạm Văn Phó") {
		t.Errorf("the decision is not signed by the vice-chairman: %.300s", doc[max(0, len(doc)-300):])
	}
	if head, name, _ := previewSignature(t, srv, sec, year); !slices.Equal(head, []string{"KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}) || name != "Phạm Văn Phó" {
		t.Errorf("recorded decision's signature %v %q", head, name)
	}
	raw = apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+year+"/export.xlsx?report=decision", apitest.As(w.Secretariat)).Body
	if cells := xlsxCells(t, raw); !slices.Contains(cells, "KT. CHỦ TỊCH") || !slices.Contains(cells, "Phạm Văn Phó") {
		t.Errorf("the annex is not signed by the vice-chairman: %q", cells[max(0, len(cells)-8):])
	}
}

// TestChairmanSignsWhenNotAnAuthor: with no chairman among the authors,
// or only a vice-chairman holding the chairman role (his position says
// so), the chairman signs the decision in his own name (CHỦ TỊCH).
func TestChairmanSignsWhenNotAnAuthor(t *testing.T) {
	t.Parallel()
	for _, vice := range []bool{false, true} {
		w := newScoringWard(t)
		org, err := w.App.FindFirstRecordByFilter("organization", "id != ''")
		if err != nil {
			t.Fatal(err)
		}
		testkit.Update(t, w.App, org, map[string]any{"chairman_name": "Nguyễn Văn Trưởng", "vice_chairman_name": "Phạm Văn Phó"})
		if vice {
			testkit.Update(t, w.App, w.Chairman, map[string]any{"position": "Phó Chủ tịch UBND phường"})
			testkit.Update(t, w.App, w.Ini, map[string]any{"author_users": []string{w.StaffA.Id, w.Chairman.Id}})
		}
		srv := testkit.Serve(t, w.App)
		sec := apitest.As(w.Secretariat)
		if head, name, author := previewSignature(t, srv, sec, w.roundYear()); !slices.Equal(head, []string{"CHỦ TỊCH"}) || name != "Nguyễn Văn Trưởng" || author {
			t.Errorf("vice-chairman author %v: signature %v %q %v", vice, head, name, author)
		}
		raw := apitest.Send(t, srv, http.MethodGet, "/api/reform/rounds/"+w.roundYear()+"/documents/decision.docx", apitest.As(w.Secretariat)).Body
		if doc := docxText(t, raw); strings.Contains(doc, "KT. CHỦ TỊCH") || !strings.Contains(doc, "Nguyễn Văn Trưởng") {
			t.Errorf("vice-chairman author %v: signed for the chairman with no reason: %.300s", vice, doc[max(0, len(doc)-300):])
		}
	}
}
