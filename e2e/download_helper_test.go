package e2e_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// SaveDownloads makes the tab save downloads into a fresh folder (under
// the names the page gives) and returns it.
func (p *Page) SaveDownloads() string {
	p.t.Helper()
	dir := p.t.TempDir()
	bc := chromedp.FromContext(p.ctx).BrowserContextID
	if _, err := chromedp.CallBrowser(p.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, BrowserContextID: bc, DownloadPath: dir,
	}); err != nil {
		p.t.Fatal(err)
	}
	return dir
}

// WaitDownload waits (15 s) for a file named name to be complete in dir
// and returns its path.
func WaitDownload(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
		if st, err := os.Stat(path); err == nil && st.Size() > 0 {
			return path
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	t.Fatalf("no download %s in %s (have: %s)", name, dir, strings.Join(names, ", "))
	return ""
}
