package wordml

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
)

// Validate checks a .docx package the way a word processor opens it:
// every part Word needs is there, every part has a content type, every
// XML part is well-formed, every relationship points at a part, and the
// document's body has the shape Word accepts without a repair.
func Validate(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("docx: not a zip package: %w", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			return err
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return err
		}
		parts[f.Name] = b
	}
	for _, need := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml"} {
		if parts[need] == nil {
			return fmt.Errorf("docx: no part %s", need)
		}
	}
	for name, b := range parts {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			if err := WellFormed(b); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	var types struct {
		Default []struct {
			Extension string `xml:"Extension,attr"`
		} `xml:"Default"`
		Override []struct {
			PartName string `xml:"PartName,attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(parts["[Content_Types].xml"], &types); err != nil {
		return err
	}
	typed := map[string]bool{}
	for _, o := range types.Override {
		if parts[strings.TrimPrefix(o.PartName, "/")] == nil {
			return fmt.Errorf("docx: content type for a missing part %s", o.PartName)
		}
		typed[strings.TrimPrefix(o.PartName, "/")] = true
	}
	for name := range parts {
		ext := strings.TrimPrefix(path.Ext(name), ".")
		ok := typed[name]
		for _, d := range types.Default {
			ok = ok || strings.EqualFold(d.Extension, ext)
		}
		if !ok {
			return fmt.Errorf("docx: part %s has no content type", name)
		}
	}
	for name, b := range parts {
		if !strings.HasSuffix(name, ".rels") {
			continue
		}
		var rels struct {
			Rel []struct {
				Target     string `xml:"Target,attr"`
				TargetMode string `xml:"TargetMode,attr"`
			} `xml:"Relationship"`
		}
		if err := xml.Unmarshal(b, &rels); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		// _rels/.rels is relative to the root, word/_rels/x.rels to word/.
		base := path.Dir(path.Dir(name))
		for _, r := range rels.Rel {
			if r.TargetMode == "External" {
				continue
			}
			target := path.Clean(path.Join(base, r.Target))
			if parts[target] == nil {
				return fmt.Errorf("docx: %s points at a missing part %s", name, target)
			}
		}
	}
	return bodyShape(parts["word/document.xml"])
}
