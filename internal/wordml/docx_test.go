package wordml

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"text/template"
)

// TestWriteParts checks that a written package holds every part Word
// needs, each well-formed, and the page of Nghị định 30.
func TestWriteParts(t *testing.T) {
	data, err := Bytes(Doc{Body: []byte(paragraph("center,b", Text("Xin chào"))), Title: "Thử & <thử>"})
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		parts[f.Name] = string(b)
		if err := WellFormed(b); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
		"word/styles.xml", "word/settings.xml", "word/header1.xml", "docProps/core.xml", "docProps/app.xml"} {
		if _, ok := parts[name]; !ok {
			t.Errorf("no part %s", name)
		}
	}
	doc := parts["word/document.xml"]
	for _, want := range []string{`<w:pgSz w:w="11906" w:h="16838"/>`, `w:left="1701"`, `w:top="1134"`, `<w:titlePg/>`, "Xin chào"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if !strings.Contains(parts["docProps/core.xml"], "Thử &amp; &lt;thử&gt;") {
		t.Error("the title is not escaped in the properties")
	}
	if !strings.Contains(parts["word/styles.xml"], `w:ascii="Times New Roman"`) {
		t.Error("the default font is not Times New Roman")
	}
}

// TestTextEscapes checks that data cannot change a document's structure,
// printed by a template or through the functions.
func TestTextEscapes(t *testing.T) {
	evil := Text(`</w:t></w:r></w:p><w:p>& "x" <y>` + "\nline 2\tcol")
	tpl := template.Must(template.New("t").Funcs(Funcs()).Parse(
		`<w:p><w:r><w:t xml:space="preserve">{{.}}</w:t></w:r></w:p>{{p "both" .}}{{tc 100 "" (b .)}}`))
	var out bytes.Buffer
	if err := tpl.Execute(&out, evil); err != nil {
		t.Fatal(err)
	}
	body := "<w:body " + `xmlns:w="w">` + out.String() + "</w:body>"
	if err := WellFormed([]byte(body)); err != nil {
		t.Fatalf("escaped data gave bad XML: %v\n%s", err, body)
	}
	if strings.Count(out.String(), "<w:p>") != 3 {
		t.Errorf("data opened a paragraph:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "<w:br/>") || !strings.Contains(out.String(), "<w:tab/>") {
		t.Error("line breaks and tabs are not kept")
	}
}

// TestLandscapeLast checks that the last section takes the orientation a
// template asked for last.
func TestLandscapeLast(t *testing.T) {
	for _, c := range []struct {
		body string
		want string
	}{
		{"", `w:w="11906" w:h="16838"/>`},
		{SectionBreak(false) + markLandscape, `w:w="16838" w:h="11906" w:orient="landscape"/>`},
		{SectionBreak(false) + markLandscape + SectionBreak(true) + markPortrait, `w:w="11906" w:h="16838"/>`},
	} {
		doc := string(documentXML(Doc{Body: []byte(c.body)}))
		last := doc[strings.LastIndex(doc, "<w:pgSz"):]
		if !strings.Contains(last, c.want) {
			t.Errorf("body %q: last section %s, want %s", c.body, last, c.want)
		}
	}
}

// TestWellFormedRefuses checks the refusals.
func TestWellFormedRefuses(t *testing.T) {
	for _, bad := range []string{"<a>", "<a></b>", "<a/><b/>", "text", "<a>&nbsp;</a>"} {
		if WellFormed([]byte(bad)) == nil {
			t.Errorf("%q passed", bad)
		}
	}
	for _, body := range []string{"<w:p>", "</w:body><w:body>", "<w:r><w:t>loose run</w:t></w:r>", "<w:t>x</w:t>"} {
		if _, err := Bytes(Doc{Body: []byte(body)}); err == nil {
			t.Errorf("Write took the body %q", body)
		}
	}
	if _, err := Bytes(Doc{Body: []byte("<w:p/><w:tbl><w:tblPr/><w:tblGrid/></w:tbl><!-- x -->")}); err != nil {
		t.Errorf("Write refused a valid body: %v", err)
	}
}

// TestValidate checks that a written package validates and that broken
// ones do not.
func TestValidate(t *testing.T) {
	good, err := Bytes(Doc{Body: []byte(`<w:tbl><w:tblPr/><w:tblGrid/></w:tbl>`)})
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(good); err != nil {
		t.Fatalf("a written package: %v", err)
	}
	doc := string(documentXML(Doc{Body: []byte(`<w:tbl><w:tblPr/><w:tblGrid/></w:tbl><!--x-->`)}))
	if !strings.Contains(doc, "</w:tbl><!--x--><w:p>") {
		t.Error("a body ending with a table gets no closing paragraph")
	}
	rewrite := func(drop, name, content string) []byte {
		zr, _ := zip.NewReader(bytes.NewReader(good), int64(len(good)))
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, f := range zr.File {
			if f.Name == drop {
				continue
			}
			w, _ := zw.Create(f.Name)
			r, _ := f.Open()
			_, _ = io.Copy(w, r)
			r.Close()
		}
		if name != "" {
			w, _ := zw.Create(name)
			_, _ = w.Write([]byte(content))
		}
		zw.Close()
		return buf.Bytes()
	}
	for what, data := range map[string][]byte{
		"no styles":      rewrite("word/styles.xml", "", ""),
		"broken header":  rewrite("word/header1.xml", "word/header1.xml", "<w:hdr>"),
		"untyped part":   rewrite("", "word/media/logo.png", "png"),
		"run in body":    rewrite("word/document.xml", "word/document.xml", `<w:document xmlns:w="w"><w:body><w:r/></w:body></w:document>`),
		"not a zip file": []byte("PK but not"),
	} {
		if Validate(data) == nil {
			t.Errorf("%s: validated", what)
		}
	}
}

// TestParagraphs checks that ps makes a paragraph of each line typed, the
// lead only in the first, and skips empty lines.
func TestParagraphs(t *testing.T) {
	got := paragraphs("both", Run{Text: "Nội dung: ", Italic: true}, Text("Bước 1.\r\n\nBước 2 & 3."))
	if n := strings.Count(got, "<w:p>"); n != 2 {
		t.Fatalf("%d paragraphs, want 2:\n%s", n, got)
	}
	if strings.Count(got, "Nội dung: ") != 1 || !strings.Contains(got, "Bước 2 &amp; 3.") || strings.Contains(got, "<w:br/>") {
		t.Errorf("paragraphs:\n%s", got)
	}
}

// TestBodyShapeNamesWhatIsWrong checks each refusal of the body's outline
// by its kind and the element or text it names, and that a body of
// paragraphs and tables with text only inside them passes.
func TestBodyShapeNamesWhatIsWrong(t *testing.T) {
	const open = `<w:document xmlns:w="w">`
	type refusal struct {
		kind error
		says string
	}
	for doc, want := range map[string]refusal{
		open + `<w:body/><w:body/></w:document>`:                      {ErrBadShape, "<body> beside the body"},
		open + `<w:hdr/></w:document>`:                                {ErrBadShape, "<hdr> beside the body"},
		open + `<w:body><w:p/><w:r/></w:body></w:document>`:           {ErrBadShape, "<w:r> directly in the body"},
		open + `<w:body><w:p/> loose </w:body></w:document>`:          {ErrBadShape, `text "loose" directly in the body`},
		open + `<w:body><w:p><w:r><w:t>ok</w:t></w:r></w:p></w:body>`: {ErrNotWellFormed, "line 1"},
	} {
		err := bodyShape([]byte(doc))
		if !errors.Is(err, want.kind) || !strings.Contains(err.Error(), want.says) {
			t.Errorf("%s: %v, want %v saying %q", doc, err, want.kind, want.says)
		}
	}
	good := open + `<w:body><w:p><w:r><w:t> text </w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl><w:sectPr/></w:body></w:document>`
	if err := bodyShape([]byte(good)); err != nil {
		t.Errorf("a good body: %v", err)
	}
}
