package wordml

import (
	"fmt"
	"strings"
)

// Text is a string of data put in a document. Printed by a template
// ({{.Title}} inside a <w:t>) it is XML-escaped, its line breaks made
// <w:br/> and its tabs <w:tab/>, so data can never change the document's
// structure. The functions of Funcs take it as the plain text it holds.
type Text string

// String is t escaped for the inside of a <w:t> element.
func (t Text) String() string {
	return textXML(string(t))
}

// textXML escapes s for the inside of a <w:t xml:space="preserve">, ending
// and reopening the element around line breaks and tabs.
func textXML(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteString(`</w:t><w:br/><w:t xml:space="preserve">`)
		}
		for j, part := range strings.Split(line, "\t") {
			if j > 0 {
				b.WriteString(`</w:t><w:tab/><w:t xml:space="preserve">`)
			}
			b.WriteString(Escape(part))
		}
	}
	return b.String()
}

// Run is a piece of text with its own formatting, made in a template by
// the functions b, i, u and sz.
type Run struct {
	Text                string
	Bold, Italic, Under bool
	Size                int // half-points; 0 is the paragraph's
}

// toRun makes the argument of a template function into a run: Text and
// strings as they are, a Run kept, anything else printed.
func toRun(v any) Run {
	switch x := v.(type) {
	case Run:
		return x
	case Text:
		return Run{Text: string(x)}
	case string:
		return Run{Text: x}
	case nil:
		return Run{}
	case fmt.Stringer:
		return Run{Text: x.String()}
	}
	return Run{Text: fmt.Sprint(v)}
}

// String is r printed by a template on its own ({{b .Title}} in a
// paragraph): the run element, its text escaped, so that data never
// reaches the document unescaped.
func (r Run) String() string {
	return r.xml(Run{})
}

// xml writes r as a <w:r>, with base's formatting under its own.
func (r Run) xml(base Run) string {
	if r.Text == "" {
		return ""
	}
	var pr strings.Builder
	if r.Bold || base.Bold {
		pr.WriteString(`<w:b/><w:bCs/>`)
	}
	if r.Italic || base.Italic {
		pr.WriteString(`<w:i/><w:iCs/>`)
	}
	size := r.Size
	if size == 0 {
		size = base.Size
	}
	if size > 0 {
		fmt.Fprintf(&pr, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, size, size)
	}
	// the schema orders run properties: b, i, …, sz, …, u.
	if r.Under || base.Under {
		pr.WriteString(`<w:u w:val="single"/>`)
	}
	out := `<w:r>`
	if pr.Len() > 0 {
		out += `<w:rPr>` + pr.String() + `</w:rPr>`
	}
	return out + `<w:t xml:space="preserve">` + textXML(r.Text) + `</w:t></w:r>`
}
