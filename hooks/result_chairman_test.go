package hooks_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"sangkien/internal/testkit"
)

// TestChairmanAuthorDoesNotSign: when the ward's chairman co-authors an
// initiative of the round he is barred from judging it (he sits on its
// council here), the draft decision is signed "KT. CHỦ TỊCH / PHÓ CHỦ
// TỊCH", and a decision recorded in his name is refused; a
// vice-chairman's is taken and printed so.
func TestChairmanAuthorDoesNotSign(t *testing.T) {
	w := newScoringWard(t)
	scoredWard(t, w)
	w.AddMember(t, w.Chairman, "member")
	org, err := w.App.FindFirstRecordByFilter("organization", "id != ''")
	if err != nil {
		t.Fatal(err)
	}
	testkit.Update(t, w.App, org, map[string]any{"chairman_name": w.Chairman.GetString("name")})
	testkit.Update(t, w.App, w.Ini, map[string]any{"author_users": []string{w.StaffA.Id, w.Chairman.Id}})
	srv := testkit.Serve(t, w.App)
	year := w.roundYear()
	sec := apiClient{t, srv.URL, testkit.Token(t, w.Secretariat)}

	res := sec.must(http.StatusOK, http.MethodGet, "/api/reform/rounds/"+year+"/results", nil)
	var barred []string
	for _, b := range res["items"].([]any)[0].(map[string]any)["barred"].([]any) {
		barred = append(barred, b.(map[string]any)["member"].(string))
	}
	if len(barred) != 1 || barred[0] != w.Chairman.Id {
		t.Errorf("barred %v, want the chairman", barred)
	}

	_, raw := getRaw(t, srv, w.Secretariat, "/api/reform/rounds/"+year+"/documents/decision.docx")
	if doc := docxText(t, raw); !strings.Contains(doc, "KT. CHỦ TỊCH") || !strings.Contains(doc, "PHÓ CHỦ TỊCH") {
		t.Errorf("the draft decision is not signed for the chairman: %.300s", doc[max(0, len(doc)-300):])
	}
	day := time.Now().Format("2006-01-02")
	sec.mustFail(http.StatusBadRequest, "signer", "chairman_is_author", http.MethodPost, "/api/reform/rounds/"+year+"/decide",
		map[string]any{"number": "12/QĐ-UBND", "signed_on": day, "signer": w.Chairman.GetString("name"), "reason": "thiếu phiếu"})
	sec.must(http.StatusOK, http.MethodPost, "/api/reform/rounds/"+year+"/decide",
		map[string]any{"number": "12/QĐ-UBND", "signed_on": day, "signer": "Phạm Văn Phó", "reason": "thiếu phiếu"})
	_, raw = getRaw(t, srv, w.Secretariat, "/api/reform/rounds/"+year+"/documents/decision.docx")
	if doc := docxText(t, raw); !strings.Contains(doc, "KT. CHỦ TỊCH") || !strings.Contains(doc, "Phạm Văn Phó") {
		t.Errorf("the decision is not signed by the vice-chairman: %.300s", doc[max(0, len(doc)-300):])
	}
	// without the chairman among the authors, he signs as before.
	w2 := newScoringWard(t)
	srv2 := testkit.Serve(t, w2.App)
	_, raw = getRaw(t, srv2, w2.Secretariat, "/api/reform/rounds/"+w2.roundYear()+"/documents/decision.docx")
	if doc := docxText(t, raw); strings.Contains(doc, "KT. CHỦ TỊCH") {
		t.Errorf("signed for the chairman with no reason")
	}
}
