package wordml

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"text/template"
)

// Funcs are the template functions that write WordprocessingML: a
// template calls them with its data (Text, escaped by them) and with
// literal text (escaped as well), and gets elements back.
//
//	{{p "center,b,sz13" "QUYẾT ĐỊNH"}}            a paragraph
//	{{p "both,ind" (b "Điều 1. ") .Text}}          runs with their own formatting
//	{{ps "both,ind" (i "Nội dung: ") .Solution}}   one paragraph per line of the last text
//	{{tbl "grid" 700 3000}} {{trh}}{{tc 700 "center,b" "STT"}}…</w:tr> … </w:tbl>
//	{{rule 4000 1600}}                             the short line under a heading
//	{{pagebreak}} {{landscape}} {{portrait}}       page and section breaks
//
// Paragraph options, comma separated: left, center, right, both; b, i, u;
// szN (points); ind (first line 1 cm); leftN (left indent, twips);
// beforeN, afterN (points); lineN (line spacing, 240 = single); keep
// (with the next paragraph); vcenter (a cell's text in the middle).
func Funcs() template.FuncMap {
	return template.FuncMap{
		"p":         paragraph,
		"ps":        paragraphs,
		"b":         func(vs ...any) Run { r := runOf(vs); r.Bold = true; return r },
		"i":         func(vs ...any) Run { r := runOf(vs); r.Italic = true; return r },
		"u":         func(vs ...any) Run { r := runOf(vs); r.Under = true; return r },
		"sz":        func(pt int, vs ...any) Run { r := runOf(vs); r.Size = 2 * pt; return r },
		"pick":      pick,
		"tbl":       table,
		"trh":       func() string { return `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>` },
		"tr":        func() string { return `<w:tr><w:trPr><w:cantSplit/></w:trPr>` },
		"tc":        cell,
		"tcspan":    spanCell,
		"rule":      rule,
		"pagebreak": func() string { return `<w:p><w:r><w:br w:type="page"/></w:r></w:p>` },
		"landscape": func() string { return SectionBreak(false) + markLandscape }, // ends the portrait part before it
		"portrait":  func() string { return SectionBreak(true) + markPortrait },   // ends the landscape part before it
		"tcopen":    func(w int) string { return fmt.Sprintf(`<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, w) },
		"textwidth": func() int { return TextWidth },
		"wide":      func() int { return LandscapeTextWidth },
		"upper":     func(v any) Text { return Text(strings.ToUpper(toRun(v).Text)) }, // data stays escaped
		"add":       func(a, b int) int { return a + b },
		"seq":       func(i int) int { return i + 1 },
		"join":      join,
		"list":      func(vs ...any) []any { return vs },
	}
}

// runOf is one run of the texts of vs; a single run keeps its formatting.
func runOf(vs []any) Run {
	if len(vs) == 1 {
		return toRun(vs[0])
	}
	var b strings.Builder
	for _, v := range vs {
		b.WriteString(toRun(v).Text)
	}
	return Run{Text: b.String()}
}

// pick is a when cond holds (true, non-zero, non-empty), else b.
func pick(cond, a, b any) any {
	if truth(cond) {
		return a
	}
	return b
}

// truth is text/template's truth of v.
func truth(v any) bool {
	if v == nil {
		return false
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Bool:
		return rv.Bool()
	case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
		return rv.Len() > 0
	case reflect.Int, reflect.Int64, reflect.Int32:
		return rv.Int() != 0
	case reflect.Float64, reflect.Float32:
		return rv.Float() != 0
	case reflect.Pointer, reflect.Interface:
		return !rv.IsNil()
	}
	return true
}

// join joins the texts of vs with sep. The result is data text (escaped
// when printed), like each of vs.
func join(sep string, vs []Text) Text {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = string(v)
	}
	return Text(strings.Join(parts, sep))
}

// paraOpts are the parsed options of a paragraph.
type paraOpts struct {
	pPr  strings.Builder
	base Run
	jc   string
	cell cellOpts
}

// cellOpts are the options that belong to a table cell.
type cellOpts struct{ vcenter bool }

// parseOpts reads a paragraph's comma-separated options.
func parseOpts(opts string) *paraOpts {
	o := &paraOpts{}
	var ind, spacing strings.Builder
	for _, tok := range strings.Split(opts, ",") {
		tok = strings.TrimSpace(tok)
		num := func(prefix string) (int, bool) {
			if !strings.HasPrefix(tok, prefix) {
				return 0, false
			}
			n, err := strconv.Atoi(tok[len(prefix):])
			return n, err == nil
		}
		switch tok {
		case "left", "center", "right", "both":
			o.jc = tok
			continue
		case "b":
			o.base.Bold = true
			continue
		case "i":
			o.base.Italic = true
			continue
		case "u":
			o.base.Under = true
			continue
		case "ind":
			ind.WriteString(` w:firstLine="567"`)
			continue
		case "keep":
			o.pPr.WriteString(`<w:keepNext/>`)
			continue
		case "vcenter":
			o.cell.vcenter = true
			continue
		}
		if n, ok := num("sz"); ok {
			o.base.Size = 2 * n
		} else if n, ok := num("left"); ok {
			fmt.Fprintf(&ind, ` w:left="%d"`, n)
		} else if n, ok := num("before"); ok {
			fmt.Fprintf(&spacing, ` w:before="%d"`, 20*n)
		} else if n, ok := num("after"); ok {
			fmt.Fprintf(&spacing, ` w:after="%d"`, 20*n)
		} else if n, ok := num("line"); ok {
			fmt.Fprintf(&spacing, ` w:line="%d" w:lineRule="auto"`, n)
		}
	}
	if spacing.Len() > 0 {
		o.pPr.WriteString(`<w:spacing` + spacing.String() + `/>`)
	}
	if ind.Len() > 0 {
		o.pPr.WriteString(`<w:ind` + ind.String() + `/>`)
	}
	if o.jc != "" {
		o.pPr.WriteString(`<w:jc w:val="` + o.jc + `"/>`)
	}
	return o
}

// paragraph is the template function p: one paragraph of runs.
func paragraph(opts string, args ...any) string {
	return para(parseOpts(opts), args)
}

// para writes a paragraph with options o and the runs of args.
func para(o *paraOpts, args []any) string {
	var b strings.Builder
	b.WriteString(`<w:p>`)
	pPr := o.pPr.String()
	if o.base.Size > 0 || o.base.Bold {
		// the paragraph mark's size sets the height of an empty line.
		rpr := ""
		if o.base.Bold {
			rpr += `<w:b/>`
		}
		if o.base.Size > 0 {
			rpr += fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, o.base.Size, o.base.Size)
		}
		pPr += `<w:rPr>` + rpr + `</w:rPr>`
	}
	if pPr != "" {
		b.WriteString(`<w:pPr>` + pPr + `</w:pPr>`)
	}
	for _, a := range args {
		b.WriteString(toRun(a).xml(o.base))
	}
	b.WriteString(`</w:p>`)
	return b.String()
}

// paragraphs is the template function ps: like p, but the last argument
// (a long text as a person typed it) is split at its line breaks into
// paragraphs of their own, the other arguments leading the first. A
// justified line that ends in a soft break would be stretched across the
// page; a paragraph's last line is not.
func paragraphs(opts string, args ...any) string {
	if len(args) == 0 {
		return paragraph(opts)
	}
	lead, last := args[:len(args)-1], toRun(args[len(args)-1])
	lines := strings.Split(strings.ReplaceAll(last.Text, "\r\n", "\n"), "\n")
	var b strings.Builder
	for i, line := range lines {
		r := last
		r.Text = line
		if i == 0 {
			b.WriteString(paragraph(opts, append(append([]any(nil), lead...), r)...))
			continue
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		b.WriteString(paragraph(opts, r))
	}
	return b.String()
}

// table is the template function tbl: the start of a table of columns of
// the given widths (twips), "grid" with borders or "plain" without, up to
// its grid; the template ends it with </w:tbl>.
func table(kind string, widths ...int) string {
	total := 0
	var grid strings.Builder
	for _, w := range widths {
		total += w
		fmt.Fprintf(&grid, `<w:gridCol w:w="%d"/>`, w)
	}
	style := `<w:tblStyle w:val="TableGrid"/>`
	borders := ""
	if kind != "grid" {
		style = ""
		borders = `<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>` +
			`<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>`
	}
	return fmt.Sprintf(`<w:tbl><w:tblPr>%s<w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/>%s`+
		`<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>`+
		`</w:tblPr><w:tblGrid>%s</w:tblGrid>`, style, total, borders, grid.String())
}

// cell is the template function tc: a cell of width w (twips) holding one
// paragraph with options opts; a Text holding line breaks gives lines.
func cell(w int, opts string, args ...any) string {
	return spanCell(w, 1, opts, args...)
}

// spanCell is the template function tcspan: a cell spanning n grid columns.
func spanCell(w, n int, opts string, args ...any) string {
	o := parseOpts(opts)
	var pr strings.Builder
	fmt.Fprintf(&pr, `<w:tcW w:w="%d" w:type="dxa"/>`, w)
	if n > 1 {
		fmt.Fprintf(&pr, `<w:gridSpan w:val="%d"/>`, n)
	}
	if o.cell.vcenter {
		pr.WriteString(`<w:vAlign w:val="center"/>`)
	}
	return `<w:tc><w:tcPr>` + pr.String() + `</w:tcPr>` + para(o, args) + `</w:tc>`
}

// rule is the template function rule: the short line (length twips)
// centred under a heading in a block width twips wide (Nghị định 30: under
// the issuing body and under the motto).
func rule(width, length int) string {
	side := (width - length) / 2
	if side < 0 {
		side = 0
	}
	return fmt.Sprintf(`<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr>`+
		`<w:spacing w:before="0" w:after="60" w:line="100" w:lineRule="exact"/><w:ind w:left="%d" w:right="%d"/>`+
		`<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>`, side, side)
}
