package e2e_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"sangkien/internal/i18n"
)

// part is the label of a numbered part of the form: "2. Tên sáng kiến".
func part(n, key string) string {
	return n + ". " + i18n.T(key)
}

// setValue sets the control with id to value as a person would leave it
// (input and change events), for dates and selects.
func (p *Page) setValue(id, value string) {
	p.t.Helper()
	ok := Eval[bool](p, `(() => { const e = document.getElementById(`+js(id)+`); if (!e) return false;
		e.value = `+js(value)+`; e.dispatchEvent(new Event("input", {bubbles: true}));
		e.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`)
	if !ok {
		p.t.Fatalf("no control #%s", id)
	}
}

// typeInto types text at the end of the control with id (keystrokes).
func (p *Page) typeInto(id, text string) {
	p.t.Helper()
	p.do("type into "+id, chromedp.SendKeys(chromedp.CSS("#"+id), text))
}

// attach chooses files for the file input with id.
func (p *Page) attach(id string, files ...string) {
	p.t.Helper()
	p.do("attach", chromedp.SetUploadFiles(chromedp.CSS("#"+id), files))
}

// pdfFile writes a small valid PDF of about size bytes and returns its path.
func pdfFile(t *testing.T, name string, size int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n")
	b.WriteString("2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n")
	for b.Len() < size {
		b.WriteString("% padding padding padding padding padding padding padding padding\n")
	}
	b.WriteString("trailer << /Root 1 0 R >>\n%%EOF\n")
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// formValue returns the value of the control with id.
func (p *Page) formValue(id string) string {
	p.t.Helper()
	return Eval[string](p, `(document.getElementById(`+js(id)+`) || {value: ""}).value`)
}

// reload reloads the tab and waits for the page.
func (p *Page) reload() {
	p.t.Helper()
	p.Go(strings.TrimPrefix(Eval[string](p, `location.pathname + location.search`), ""))
}

// viewShots writes what the screen shows (not the whole page: an open
// dialog sits in the viewport) as name-1280.png and name-360.png into
// $SANGKIEN_SCREENSHOTS.
func (p *Page) viewShots(name string) {
	p.t.Helper()
	dir := os.Getenv("SANGKIEN_SCREENSHOTS")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.t.Fatal(err)
	}
	shot := func(file string) {
		ctx, cancel := context.WithTimeout(p.ctx, 15*time.Second)
		defer cancel()
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			p.t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, file), png, 0o644); err != nil {
			p.t.Fatal(err)
		}
	}
	shot(name + "-1280.png")
	p.viewport(360, 740, true)
	p.WaitJS(`innerWidth === 360`)
	shot(name + "-360.png")
	p.viewport(1280, 900, false)
}
