// Package lotest renders documents the way a person prints them, for
// tests: LibreOffice headless converts .xlsx/.docx files to PDF, and
// poppler reads the PDF back (text with pdftotext, the page count with
// pdfinfo, word boxes with pdftotext -bbox, page images with pdftoppm).
//
// Every test that uses it needs Debian's libreoffice (writer/calc, nogui)
// and poppler-utils (`make deps-docs` installs them). Without them the
// test fails, unless SANGKIEN_SKIP_DOCS=1 says to skip document tests.
//
// One LibreOffice profile is made per test process (soffice refuses to
// share one between processes) and reused by every conversion of the
// process; conversions are serialised. Call Close from TestMain to remove
// the profile at the end (otherwise it stays under the temp folder).
package lotest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// SkipEnv is the variable that, set to 1, skips the document tests.
const SkipEnv = "SANGKIEN_SKIP_DOCS"

// ScreenshotsEnv names the folder where Shoot writes page images.
const ScreenshotsEnv = "SANGKIEN_SCREENSHOTS"

// tools are the programs the package runs.
var tools = []string{"soffice", "pdftotext", "pdfinfo", "pdftoppm", "pdffonts"}

// the process's LibreOffice profile, made on first use.
var profile struct {
	mu  sync.Mutex // serialises conversions
	dir string
}

// Require skips t when SANGKIEN_SKIP_DOCS=1 and fails it when a tool is
// missing, naming the make target that installs it.
func Require(t testing.TB) {
	t.Helper()
	if os.Getenv(SkipEnv) == "1" {
		t.Skip(SkipEnv + "=1: document rendering tests skipped")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: run `make deps-docs` (Debian: libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils fonts-liberation fonts-liberation2), or set %s=1 to skip", tool, SkipEnv)
		}
	}
}

// PDF is one converted document.
type PDF struct {
	Name  string // the source file's name
	Path  string // the PDF on disk (in the test's temp folder)
	Pages int    // from pdfinfo
	Text  string // pdftotext -layout, pages separated by form feeds
}

// Convert writes files (name → content, the name's extension says the
// format) into a temporary folder of t and converts them all to PDF with
// one soffice call; it returns the PDFs by source name, each with its
// page count and text.
func Convert(t testing.TB, files map[string][]byte) map[string]*PDF {
	t.Helper()
	Require(t)
	dir := t.TempDir()
	var paths []string
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	out := filepath.Join(dir, "pdf")
	if err := soffice(out, paths); err != nil {
		t.Fatal(err)
	}
	pdfs := map[string]*PDF{}
	for name := range files {
		p := filepath.Join(out, strings.TrimSuffix(name, filepath.Ext(name))+".pdf")
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("soffice made no PDF of %s", name)
		}
		doc := &PDF{Name: name, Path: p}
		doc.Text = run(t, "pdftotext", "-layout", p, "-")
		doc.Pages = pages(t, p)
		pdfs[name] = doc
	}
	return pdfs
}

// soffice converts paths to PDF into out, in the process's profile.
func soffice(out string, paths []string) error {
	profile.mu.Lock()
	defer profile.mu.Unlock()
	if profile.dir == "" {
		d, err := os.MkdirTemp("", fmt.Sprintf("sangkien-lotest-%d-", os.Getpid()))
		if err != nil {
			return err
		}
		profile.dir = d
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + profile.dir, "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", out}, paths...)
	cmd := exec.CommandContext(ctx, "soffice", args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("soffice: %v: %s", err, stderr.String())
	}
	return nil
}

// Close removes the process's LibreOffice profile.
func Close() {
	profile.mu.Lock()
	defer profile.mu.Unlock()
	if profile.dir != "" {
		_ = os.RemoveAll(profile.dir)
		profile.dir = ""
	}
}

// run runs a poppler tool and returns its output.
func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return string(out)
}

// pagesLine is pdfinfo's page count line.
var pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)

// pages is the PDF's page count, from pdfinfo.
func pages(t testing.TB, path string) int {
	m := pagesLine.FindStringSubmatch(run(t, "pdfinfo", path))
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count", path)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// PageText is the text of page n (1-based) of the PDF.
func (p *PDF) PageText(n int) string {
	parts := strings.Split(p.Text, "\f")
	if n < 1 || n > len(parts) {
		return ""
	}
	return parts[n-1]
}

// Flat is the PDF's text with every run of white space made one space,
// so that a phrase can be found whatever the layout put between its words.
func (p *PDF) Flat() string {
	return strings.Join(strings.Fields(p.Text), " ")
}

// Shoot writes the PDF's pages as PNG images (prefix-1.png, …) to the
// folder named by SANGKIEN_SCREENSHOTS, when it is set, and returns their
// paths.
func (p *PDF) Shoot(t testing.TB, prefix string) []string {
	t.Helper()
	dir := os.Getenv(ScreenshotsEnv)
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(dir, prefix)
	run(t, "pdftoppm", "-png", "-r", "80", p.Path, base)
	shots, _ := filepath.Glob(base + "-*.png")
	return shots
}

// Fonts are the names of the fonts the PDF uses (pdffonts), without the
// subset prefix ("LiberationSerif-Bold").
func (p *PDF) Fonts(t testing.TB) []string {
	t.Helper()
	var names []string
	lines := strings.Split(run(t, "pdffonts", p.Path), "\n")
	for _, l := range lines[min(2, len(lines)):] {
		f := strings.Fields(l)
		if len(f) == 0 {
			continue
		}
		name := f[0]
		if i := strings.IndexByte(name, '+'); i >= 0 {
			name = name[i+1:]
		}
		names = append(names, name)
	}
	return names
}
