package e2e_test

import (
	"fmt"
	"strings"
	"testing"

	"sangkien/internal/testkit"
)

// TestChairmanAuthorSignatureShown: in a year the ward's chairman (his
// account, the chairman role) co-authors an initiative, the Chairman's
// page and the office's results page say the decision is signed "KT. CHỦ
// TỊCH / PHÓ CHỦ TỊCH" by the vice-chairman the settings page names, and
// propose his name as the signer; the settings page shows that name. At
// 390 px and on a desktop.
func TestChairmanAuthorSignatureShown(t *testing.T) {
	w := Shared(t)
	cr := newCouncilRound(t, "review", 1, "Sổ tay thủ tục bằng mã QR")
	chairman := NewUser(t, "chairman")
	testkit.Update(t, w.App, chairman, map[string]any{"position": "Chủ tịch UBND phường"})
	cr.Add(t, cr.Staff, "Phần mềm theo dõi nhiệm vụ Chủ tịch giao", map[string]any{"author_users": []string{cr.Staff.Id, chairman.Id}})
	org, err := w.App.FindFirstRecordByFilter("organization", "id != ''")
	if err != nil {
		t.Fatal(err)
	}
	before := org.GetString("vice_chairman_name")
	testkit.Update(t, w.App, org, map[string]any{"vice_chairman_name": "Phạm Văn Phó"})
	t.Cleanup(func() { testkit.Update(t, w.App, org, map[string]any{"vice_chairman_name": before}) })
	const want = "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH – Phạm Văn Phó"

	p := NewPage(t)
	p.UseSession(chairman, fmt.Sprintf("/chu-tich/?year=%d", cr.Year))
	p.WaitJS(`document.getElementById("preview-signature").textContent !== ""`)
	if got := p.Text("#preview-signature"); !strings.Contains(got, want) || !strings.Contains(got, "tác giả") {
		t.Errorf("chairman's page: signature %q", got)
	}
	p.WaitJS(`!document.getElementById("decide").hidden`)
	if got := Eval[string](p, `document.getElementById("signer").value`); got != "Phạm Văn Phó" {
		t.Errorf("chairman's page: signer %q, want the vice-chairman", got)
	}
	p.CheckPhone("chairman signature")
	p.CheckLabels()

	o := NewPage(t)
	o.UseSession(officer(t), fmt.Sprintf("/van-phong/ket-qua.html?year=%d", cr.Year))
	o.WaitJS(`document.getElementById("preview-signature").textContent !== "" && !document.getElementById("decide-card").hidden`)
	if got := o.Text("#preview-signature"); !strings.Contains(got, want) {
		t.Errorf("results page: signature %q", got)
	}
	if got := Eval[string](o, `document.getElementById("decide-signer").value`); got != "Phạm Văn Phó" {
		t.Errorf("results page: signer %q, want the vice-chairman", got)
	}
	o.CheckPhone("results signature")

	o.Go("/van-phong/cai-dat.html#co-quan")
	o.WaitJS(`!document.getElementById("co-quan").hidden`)
	if got := Eval[string](o, `document.getElementById("org-vice-chairman").value`); got != "Phạm Văn Phó" {
		t.Errorf("settings page: vice-chairman %q", got)
	}
	o.CheckPhone("settings vice-chairman")
	o.CheckLabels()
}
