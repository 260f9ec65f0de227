package docs_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"sangkien/internal/clock"
	"sangkien/internal/docs"
	"sangkien/internal/lotest"
	"sangkien/internal/testkit"
)

// TestDocumentsPrint renders every document of a ward's year, converts
// them in one LibreOffice call and reads them as an officer would.
func TestDocumentsPrint(t *testing.T) {
	w := newWard(t)
	files := map[string][]byte{}
	add := func(name string, data []byte, _ string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		files[name] = data
	}
	d, n, err := docs.DecisionDocx(w.App, w.Round)
	add("decision-draft.docx", d, n, err)
	d, n, err = docs.MinutesDocx(w.App, w.Round)
	add("minutes.docx", d, n, err)
	d, n, err = docs.ApplicationDocx(w.App, w.A)
	add("application.docx", d, n, err)
	sheet, err := w.App.FindFirstRecordByFilter("scores", "initiative = {:i} && member = {:m}", map[string]any{"i": w.A.Id, "m": w.Members[0].Id})
	if err != nil {
		t.Fatal(err)
	}
	d, n, err = docs.SheetDocx(w.App, sheet)
	add("sheet.docx", d, n, err)
	d, n, err = docs.EstablishmentDocx(w.App, w.Council)
	add("establishment.docx", d, n, err)

	w.record(t, "Nguyễn Thị Thu Hà", clock.Date(2026, 9, 28))
	d, n, err = docs.DecisionDocx(w.App, w.Round)
	add("decision.docx", d, n, err)
	testkit.Update(t, w.App, w.A, map[string]any{"nominated": true})
	testkit.Save(t, w.App, "decisions", map[string]any{"round": w.Round.Id, "kind": "city_nomination",
		"number": "45/TTr-UBND", "signed_on": clock.Date(2026, 10, 5), "signer": "Chu Thanh Lương", "initiatives": []string{w.A.Id}})
	c, _, err := docs.LoadCitySubmission(w.App, w.Round)
	if err != nil || len(c.Items) != 1 {
		t.Fatalf("city submission: %v %+v", err, c)
	}
	var zipped bytes.Buffer
	if err := docs.CityDossier(w.App, w.Round, &zipped); err != nil {
		t.Fatal(err)
	}
	for name, data := range unzip(t, zipped.Bytes()) {
		if strings.HasPrefix(name, "01-") {
			files["city-submission.docx"] = data
		}
	}

	pdfs := lotest.Convert(t, files)
	for name, p := range pdfs {
		p.Shoot(t, "doc-"+strings.TrimSuffix(name, ".docx"))
	}
	_ = time.Now
}
