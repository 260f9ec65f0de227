package wordml

import (
	"encoding/xml"
	"errors"
	"fmt"
)

// ErrRefused is returned (wrapped) when the body holds what a document the
// ward signs never needs and what makes Word reach outside the document
// when it is opened: a DOCTYPE (entities, an external DTD), a processing
// instruction, a field (INCLUDEPICTURE "\\host\share\x" sends the reader's
// Windows credentials to that host, INCLUDETEXT and LINK fetch, DDE runs a
// program), or a relationship reference other than the page header's.
// Templates are the only way such things get in (data is escaped), so
// these are refused by default rather than picked field by field; the page
// number field lives in the header part, which the package writes itself.
var ErrRefused = errors.New("docx: the document body holds a field, a DOCTYPE, a processing instruction or a link to another part")

// refusedElements are the elements refused in the body (fields).
var refusedElements = map[string]bool{"fldSimple": true, "instrText": true, "fldChar": true}

// relationshipsNS is the namespace of r:id and the other relationship references.
const relationshipsNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

// relationshipHolders are the elements that may name a relationship: the
// section's header (and footer) references that SectPr writes.
var relationshipHolders = map[string]bool{"headerReference": true, "footerReference": true}

// refusedToken returns ErrRefused (wrapped, naming what) for a token of
// document.xml that the body may not hold, nil for any other.
func refusedToken(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.Directive:
		return fmt.Errorf("%w: <!%.40s…>", ErrRefused, t)
	case xml.ProcInst:
		if t.Target != "xml" {
			return fmt.Errorf("%w: <?%s?>", ErrRefused, t.Target)
		}
	case xml.StartElement:
		if refusedElements[t.Name.Local] {
			return fmt.Errorf("%w: <w:%s>", ErrRefused, t.Name.Local)
		}
		for _, a := range t.Attr {
			if a.Name.Space == relationshipsNS && !relationshipHolders[t.Name.Local] {
				return fmt.Errorf("%w: <w:%s r:%s>", ErrRefused, t.Name.Local, a.Name.Local)
			}
		}
	}
	return nil
}
