package lotest

import (
	"encoding/xml"
	"strings"
	"testing"
)

// Word is one word on a page, as pdftotext -bbox places it (points from
// the page's top left corner).
type Word struct {
	Page                   int
	XMin, YMin, XMax, YMax float64
	Text                   string
}

// Height is the height of the word's box, in points.
func (w Word) Height() float64 { return w.YMax - w.YMin }

// serifBox is the height of a word's box over its font size for Liberation
// Serif (LibreOffice's Times New Roman): pdftotext sizes every box of a
// font alike, from the font's own metrics, whatever the letters; measured
// here at 12 and 20 pt (TestConvert).
const serifBox = 1.30

// Size is the printed font size of the word, in points, read from its box
// (the font is Times New Roman or its metric twin Liberation Serif).
func (w Word) Size() float64 { return w.Height() / serifBox }

// Words returns every word of the PDF with its box, page by page.
func (p *PDF) Words(t testing.TB) []Word {
	t.Helper()
	out := run(t, "pdftotext", "-bbox", p.Path, "-")
	var doc struct {
		Pages []struct {
			Words []struct {
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(strings.NewReader(out))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("pdftotext -bbox %s: %v", p.Path, err)
	}
	var words []Word
	for i, pg := range doc.Pages {
		for _, w := range pg.Words {
			words = append(words, Word{Page: i + 1, XMin: w.XMin, YMin: w.YMin, XMax: w.XMax, YMax: w.YMax, Text: w.Text})
		}
	}
	return words
}
