// Package wordml writes minimal, valid WordprocessingML (.docx) packages with
// the standard library: the parts Word requires (content types, package and
// document relationships, document, styles, settings, core and app
// properties) and a header holding the page number, shown from page 2 on.
// The page is A4 with the margins of Nghị định 30/2020/NĐ-CP, the text Times
// New Roman 14. The document's body is given as WordprocessingML elements
// (what goes inside <w:body>, without the final section properties), so
// that it can come from a template; Write checks it is well-formed XML
// before anything is written.
package wordml

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Page geometry in twentieths of a point (twips): A4, and the margins of
// Nghị định 30 (top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right 15–20 mm).
const (
	A4Width      = 11906
	A4Height     = 16838
	MarginTop    = 1134 // 20 mm
	MarginBottom = 1134 // 20 mm
	MarginLeft   = 1701 // 30 mm
	MarginRight  = 1020 // 18 mm
	HeaderGap    = 567  // 10 mm: where the page number sits
)

// TextWidth is the width between the margins of a portrait page, in twips.
const TextWidth = A4Width - MarginLeft - MarginRight

// LandscapeTextWidth is the width between the margins of a landscape page.
const LandscapeTextWidth = A4Height - MarginLeft - MarginRight

// Font and sizes (half-points) of every document.
const (
	Font     = "Times New Roman"
	BodySize = 28 // 14 pt
)

// Doc is one document to write.
type Doc struct {
	// Body is the WordprocessingML inside <w:body>, without the last
	// section's properties (Write adds them).
	Body []byte
	// Landscape turns the last section's pages (or the only section) sideways.
	Landscape bool
	// Title, Creator and Created go to the file's properties.
	Title, Creator string
	Created        time.Time
}

// ErrNotWellFormed is returned (wrapped) when the body is not well-formed XML.
var ErrNotWellFormed = errors.New("docx: the document body is not well-formed XML")

// Write writes d as a .docx package to w.
func Write(w io.Writer, d Doc) error {
	doc := documentXML(d)
	if err := WellFormed(doc); err != nil {
		return err
	}
	if err := bodyShape(doc); err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	created := d.Created
	if created.IsZero() {
		created = time.Now()
	}
	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", []byte(contentTypes)},
		{"_rels/.rels", []byte(packageRels)},
		{"docProps/core.xml", []byte(coreProps(d.Title, d.Creator, created))},
		{"docProps/app.xml", []byte(appProps)},
		{"word/_rels/document.xml.rels", []byte(documentRels)},
		{"word/document.xml", doc},
		{"word/styles.xml", []byte(styles)},
		{"word/settings.xml", []byte(settings)},
		{"word/header1.xml", []byte(header)},
	}
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: created})
		if err != nil {
			return err
		}
		if _, err := f.Write(p.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// Bytes is Write into memory.
func Bytes(d Doc) ([]byte, error) {
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// WellFormed reports, as an error naming the line, whether data is not
// one well-formed XML document.
func WellFormed(data []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	roots := 0
	depth, err := walk(dec, func(tok xml.Token, depth int) error {
		if _, ok := tok.(xml.StartElement); ok && depth == 0 {
			roots++
		}
		return nil
	})
	if err != nil {
		return err
	}
	if roots != 1 || depth != 0 {
		return fmt.Errorf("%w: %d root elements", ErrNotWellFormed, roots)
	}
	return nil
}

// walk reads dec to its end, handing visit each token with its depth: the
// number of elements around it (the root's start and end at 0, the text in
// the root at 1). The first error of visit, or of the decoder
// (ErrNotWellFormed with the line), ends the walk. It returns the depth at
// the end: 0 when every element was closed.
func walk(dec *xml.Decoder, visit func(tok xml.Token, depth int) error) (int, error) {
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return depth, nil
		}
		if err != nil {
			line, _ := dec.InputPos()
			return depth, fmt.Errorf("%w: line %d: %v", ErrNotWellFormed, line, err)
		}
		if _, ok := tok.(xml.EndElement); ok {
			depth--
		}
		if err := visit(tok, depth); err != nil {
			return depth, err
		}
		if _, ok := tok.(xml.StartElement); ok {
			depth++
		}
	}
}

// ErrBadShape is returned (wrapped) when the body is well-formed XML but
// not what Word accepts without a repair: one w:body holding only
// paragraphs, tables and section properties.
var ErrBadShape = errors.New("docx: the document body is not valid WordprocessingML")

// bodyElements are the elements a w:body may hold here.
var bodyElements = map[string]bool{"p": true, "tbl": true, "sectPr": true, "bookmarkStart": true, "bookmarkEnd": true, "sdt": true}

// bodyShape checks document.xml's outline: the w:document root, one
// w:body in it, and only bodyElements in the body.
func bodyShape(doc []byte) error {
	bodies := 0
	_, err := walk(xml.NewDecoder(bytes.NewReader(doc)), func(tok xml.Token, depth int) error {
		if err := refusedToken(tok); err != nil { // refused.go
			return err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch depth {
			case 1:
				if el.Name.Local != "body" || bodies > 0 {
					return fmt.Errorf("%w: <%s> beside the body", ErrBadShape, el.Name.Local)
				}
				bodies++
			case 2:
				if !bodyElements[el.Name.Local] {
					return fmt.Errorf("%w: <w:%s> directly in the body (put it in a paragraph)", ErrBadShape, el.Name.Local)
				}
			}
		case xml.CharData:
			if depth == 2 && len(bytes.TrimSpace(el)) > 0 {
				return fmt.Errorf("%w: text %q directly in the body (put it in a paragraph)", ErrBadShape, bytes.TrimSpace(el))
			}
		}
		return nil
	})
	return err
}

// SectPr is the section properties of an A4 page (landscape or not) with
// the Nghị định 30 margins and the page-number header from page 2 on.
func SectPr(landscape bool) string {
	w, h, orient := A4Width, A4Height, ""
	if landscape {
		w, h, orient = A4Height, A4Width, ` w:orient="landscape"`
	}
	return fmt.Sprintf(`<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/>`+
		`<w:pgSz w:w="%d" w:h="%d"%s/>`+
		`<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`+
		`<w:cols w:space="708"/><w:titlePg/><w:docGrid w:linePitch="381"/></w:sectPr>`,
		w, h, orient, MarginTop, MarginRight, MarginBottom, MarginLeft, HeaderGap, HeaderGap)
}

// SectionBreak is a paragraph that ends the current section with the
// given orientation; what follows starts a new page.
func SectionBreak(landscape bool) string {
	return `<w:p><w:pPr>` + SectPr(landscape) + `</w:pPr></w:p>`
}

// Markers left (as XML comments) by the template functions landscape and
// portrait, so that the last section takes the orientation asked last.
const (
	markLandscape = "<!--sangkien:landscape-->"
	markPortrait  = "<!--sangkien:portrait-->"
)

// documentXML wraps d's body into word/document.xml.
func documentXML(d Doc) []byte {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>`)
	b.Write(d.Body)
	body := string(d.Body)
	if endsWithTable(body) {
		// Word ends a body with a paragraph; a tiny one, so that no page is added.
		b.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>`)
	}
	// the last section is landscape when the template turned it so.
	landscape := d.Landscape || strings.LastIndex(body, markLandscape) > strings.LastIndex(body, markPortrait)
	b.WriteString(SectPr(landscape))
	b.WriteString(`</w:body></w:document>`)
	return []byte(b.String())
}

// endsWithTable reports whether body's last element is a table (white
// space and comments after it aside).
func endsWithTable(body string) bool {
	for {
		body = strings.TrimSpace(body)
		if !strings.HasSuffix(body, "-->") {
			break
		}
		i := strings.LastIndex(body, "<!--")
		if i < 0 {
			break
		}
		body = body[:i]
	}
	return strings.HasSuffix(body, "</w:tbl>")
}

// Escape returns s with the XML special characters escaped, and the
// characters XML 1.0 forbids dropped.
func Escape(s string) string {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		return ""
	}
	// EscapeText writes a newline as &#xA;, which Word shows as a space.
	return b.String()
}

// coreProps is docProps/core.xml.
func coreProps(title, creator string, created time.Time) string {
	ts := created.UTC().Format("2006-01-02T15:04:05Z")
	return xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + Escape(title) + `</dc:title><dc:creator>` + Escape(creator) + `</dc:creator>` +
		`<dc:language>vi-VN</dc:language>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:modified></cp:coreProperties>`
}
