// Package report writes the Excel documents the ward office prints and
// signs (docs/domain.md, Documents): the consolidated list of initiatives, the
// table of council scores, the quota results by unit, the annex to the
// recognition decision and the city nomination list. Each sheet is laid out
// as a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP) and is
// written with excelize's stream writer, its rows read from SQLite in
// batches, so a large round keeps memory flat.
package report

import (
	"archive/zip"
	"fmt"
	"io"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/xuri/excelize/v2"

	"sangkien/internal/clock"
	"sangkien/internal/i18n"
)

// Kind names one report (one sheet), or All of them in one workbook.
type Kind string

// The reports, as named in ?report= of the export route.
const (
	Initiatives Kind = "initiatives" // Danh sách tổng hợp sáng kiến
	Scores      Kind = "scores"      // Bảng tổng hợp kết quả chấm điểm
	Quota       Kind = "quota"       // Kết quả thực hiện chỉ tiêu và tiêu chí thi đua
	Decision    Kind = "decision"    // Phụ lục kèm Quyết định công nhận
	City        Kind = "city"        // Danh sách đề nghị cấp thành phố
	All         Kind = "all"         // every sheet above, in one workbook
)

// sheetKinds are the one-sheet reports, in the order of an All workbook.
var sheetKinds = []Kind{Initiatives, Scores, Quota, Decision, City}

// ParseKind returns the report named s, and whether there is one.
func ParseKind(s string) (Kind, bool) {
	k := Kind(s)
	if k == All {
		return k, true
	}
	for _, sk := range sheetKinds {
		if sk == k {
			return k, true
		}
	}
	return "", false
}

// Sheets returns the one-sheet reports that k is made of.
func (k Kind) Sheets() []Kind {
	if k == All {
		return append([]Kind(nil), sheetKinds...)
	}
	return []Kind{k}
}

// FileName is the name a person recognises for report k of year
// ("Tong-hop-sang-kien-2026.xlsx"); suffix (a unit's code) is added when a
// report holds one unit's rows only.
func FileName(k Kind, year int, suffix string) string {
	name := fmt.Sprintf("%s-%d", i18n.T("report."+string(k)+".file"), year)
	if suffix != "" {
		name += "-" + suffix
	}
	return name + ".xlsx"
}

// Options narrow and sign a report.
type Options struct {
	// Unit, a unit id, keeps only that unit's rows ("" keeps every unit).
	Unit string
	// Preparer is the name written under NGƯỜI LẬP BIỂU (may be "").
	Preparer string
	// Now is when the report is made; zero means the app's clock.
	Now time.Time
}

// Stats count what a workbook holds.
type Stats struct {
	Sheets int
	Rows   int // table rows, header and total rows excluded
	Cells  int // every cell written, document header and signature included
}

// Workbook is a built report waiting to be written out. Close it.
type Workbook struct {
	f     *excelize.File
	Stats Stats
}

// Build makes report kind of round with opts. The sheets go to temporary
// storage as they are made (excelize keeps up to 16 MB of a sheet in
// memory, then moves it to a temporary file); nothing is written anywhere
// visible until WriteTo, so an error here can still be answered cleanly.
func Build(app core.App, round *core.Record, kind Kind, opts Options) (*Workbook, error) {
	if _, ok := ParseKind(string(kind)); !ok {
		return nil, fmt.Errorf("report: unknown report %q", kind)
	}
	if opts.Now.IsZero() {
		opts.Now = clock.Of(app).Now()
	}
	b, err := newBuilder(app, round, opts)
	if err != nil {
		return nil, err
	}
	sheets := kind.Sheets()
	if len(sheets) > 1 && sheets[0] == Initiatives {
		b.kept = map[string]initiative{}
	}
	for _, k := range sheets {
		if k == Scores || k == Decision || k == City {
			b.loadResults()
			break
		}
	}
	if err := b.writeSheets(sheets); err != nil {
		b.drain()
		_ = b.f.Close()
		return nil, err
	}
	return &Workbook{f: b.f, Stats: b.stats}, nil
}

// WriteTo writes the workbook as an .xlsx file to dst. The zip archive is
// written straight to dst, part by part, not first into a buffer.
func (w *Workbook) WriteTo(dst io.Writer) (int64, error) {
	cw := &countingWriter{w: dst}
	var zw *zip.Writer
	w.f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		// excelize hands us its own buffer; we write to dst instead.
		zw = zip.NewWriter(cw)
		return zw
	})
	buf, err := w.f.WriteToBuffer()
	if err != nil {
		return cw.n, err
	}
	if buf.Len() > 0 {
		return cw.n, fmt.Errorf("report: excelize wrote %d bytes to its own buffer", buf.Len())
	}
	return cw.n, nil
}

// Close removes the workbook's temporary files.
func (w *Workbook) Close() error {
	return w.f.Close()
}

// Write builds report kind of round with opts and writes it to dst.
func Write(app core.App, round *core.Record, kind Kind, opts Options, dst io.Writer) (Stats, error) {
	wb, err := Build(app, round, kind, opts)
	if err != nil {
		return Stats{}, err
	}
	defer wb.Close()
	_, err = wb.WriteTo(dst)
	return wb.Stats, err
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

// Write passes p on and counts it.
func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
