package docs

import (
	"strings"
	"testing"

	"sangkien/internal/wordml"
)

// TestFunctionsKeepDataEscaped: upper and join gave back plain strings, and
// b, i, u, sz a run printed as a Go struct, so a ward template printing
// {{upper .Title}}, {{join ", " .Signers}} or {{b .Title}} put a
// staff member's title or author names into the document unescaped: a
// title with "<" broke the document (500 for everyone who prints it), a
// crafted one added its own XML (a field that fetches a remote picture,
// say). Their results are data text now, escaped when printed, plain when
// given to p or tc.
func TestFunctionsKeepDataEscaped(t *testing.T) {
	evil := `Giảm 30% <thời gian></w:t></w:r><w:r><w:fldSimple w:instr="INCLUDEPICTURE x"/></w:r><w:r><w:t>`
	src := `<w:p><w:r><w:t>{{upper .Title}}|{{join ", " .Signers}}</w:t></w:r></w:p>` +
		`<w:p>{{b .Title}}{{i (upper .Title)}}{{sz 13 .Title}}</w:p>` +
		`{{p "" (upper .Title)}}{{p "" (join ", " .Signers)}}`
	body, err := Execute(KeyApplication, []byte(src), &Application{Title: T(evil), Signers: []T{T(evil), "Lê Văn B"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wordml.Bytes(wordml.Doc{Body: body}); err != nil {
		t.Fatalf("the document is broken by the data: %v", err)
	}
	if strings.Contains(string(body), "fldSimple") && !strings.Contains(string(body), "&lt;w:fldSimple") &&
		!strings.Contains(string(body), "&lt;W:FLDSIMPLE") {
		t.Errorf("the data's XML reached the document: %s", body)
	}
	if strings.Contains(string(body), "&amp;lt;") {
		t.Errorf("the data is escaped twice: %s", body)
	}
	if !strings.Contains(string(body), "GIẢM 30% &lt;THỜI GIAN&gt;") {
		t.Errorf("upper's text is not in the document, escaped: %s", body)
	}
}
