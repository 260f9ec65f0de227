package hooks_test

import (
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"sangkien/hooks"
	"sangkien/internal/apitest"
	"sangkien/internal/i18n"
	"sangkien/internal/testkit"
)

// pageLine finds a page file's first line, {{page "title.key" "/file" …}},
// naming its title and the styles and modules its head loads.
var pageLine = regexp.MustCompile(`^\{\{page ((?:"[^"]*" ?)+)\}\}\n`)

// pageWord finds the words of a page line.
var pageWord = regexp.MustCompile(`"([^"]*)"`)

// servedKey finds the catalog keys a served page asks for.
var servedKey = regexp.MustCompile(`data-i18n="([^"]*)"`)

// TestEveryPageIsServedInItsFrame: every page of pb_public answers as a
// whole document, the shared frame (doctype, viewport, app.css, skip
// link, the header the layout module fills, the notice without
// JavaScript) around the page's own title, modules and <main>, with no
// template text left and every data-i18n key in the catalog (the parts
// of _parts.html and {{field}} fill them in); the frame itself is not
// served.
func TestEveryPageIsServedInItsFrame(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	public := filepath.Join(testkit.Root, "pb_public")
	pages := 0
	err := filepath.WalkDir(public, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(file) != ".html" || strings.HasPrefix(d.Name(), "_") {
			return err
		}
		src, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(public, file)
		url := "/" + strings.TrimSuffix(filepath.ToSlash(rel), "index.html")
		res := apitest.Send(t, srv, http.MethodGet, url)
		body := res.Body
		page := string(body)
		if res.Status != http.StatusOK {
			t.Errorf("%s: status %d", url, res.Status)
			return nil
		}
		pages++
		for _, want := range []string{
			`<meta name="viewport" content="width=device-width, initial-scale=1">`,
			`<link rel="stylesheet" href="/css/app.css">`,
			`<a class="skip" href="#main" data-i18n="page.skip"></a>`,
			`<header data-layout></header>`,
			`<main id="main"`,
			`<noscript>`,
		} {
			if strings.Count(page, want) != 1 {
				t.Errorf("%s: %q %d times, want once", url, want, strings.Count(page, want))
			}
		}
		if !strings.HasPrefix(page, "<!doctype html>\n") || strings.Contains(page, "{{") {
			t.Errorf("%s: not a whole page:\n%.200s", url, page)
		}
		// the keys the parts are given are in the served page only.
		for _, m := range servedKey.FindAllStringSubmatch(page, -1) {
			if !i18n.Has(m[1]) {
				t.Errorf("%s: data-i18n %q is not in pb_public/i18n/vi.json", url, m[1])
			}
		}
		line := pageLine.FindStringSubmatch(string(src))
		if line == nil {
			t.Errorf("%s: its file does not begin with its {{page …}} line", rel)
			return nil
		}
		var own []string
		for i, m := range pageWord.FindAllStringSubmatch(line[1], -1) {
			switch {
			case i == 0:
				own = append(own, `<title data-i18n="`+m[1]+`">…</title>`)
			case strings.HasSuffix(m[1], ".css"):
				own = append(own, `<link rel="stylesheet" href="`+m[1]+`">`)
			default:
				own = append(own, `<script type="module" src="`+m[1]+`"></script>`)
			}
		}
		if len(own) < 2 {
			t.Errorf("%s: its file names %d of title and modules", rel, len(own))
		}
		if strings.Count(page, "<title") != 1 || !strings.Contains(page, `data-i18n="page.loading"`) {
			t.Errorf("%s: not one title, or no status line saying it loads", url)
		}
		head, _, _ := strings.Cut(page, "</head>")
		for _, line := range own {
			if !strings.Contains(head, line) {
				t.Errorf("%s: %s not in the served head", url, line)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// the parts of _parts.html are in the pages that hold them.
	for url, want := range map[string]string{
		"/dat-lai-mat-khau.html": `id="password-confirm"`, "/tai-khoan/mat-khau.html": `id="password-confirm"`,
		"/sang-kien/xem.html": `<dl id="facts"`, "/don-vi/xem.html": `<dl id="facts"`,
		"/van-phong/ket-qua.html": `<h1 data-i18n="office.title.results">`, "/van-phong/": `id="round-picker"`,
		"/van-phong/cai-dat.html":   `<label for="org-ward" data-i18n="office.org_ward"></label>`,
		"/van-phong/tai-khoan.html": `<table id="locks" class="list">`, "/sang-kien/moi.html": `aria-describedby="conditions-hint"`,
	} {
		if body := apitest.Send(t, srv, http.MethodGet, url).Body; strings.Count(string(body), want) != 1 {
			t.Errorf("%s: %s %d times, want once", url, want, strings.Count(string(body), want))
		}
	}
	if pages < 20 {
		t.Errorf("%d pages served; the walk missed them", pages)
	}
	for _, part := range []string{"/_layout.html", "/_parts.html"} {
		if res := apitest.Send(t, srv, http.MethodGet, part); res.Status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404 (the frame and its parts are not pages)", part, res.Status)
		}
	}
}

// TestABrokenPageStopsTheStart: a page that does not parse, lacks its
// page line (its title and modules), loads a file that is neither style
// nor module, or writes a field of no form control stops the program at
// its start with the page's name rather than serving half a page.
func TestABrokenPageStopsTheStart(t *testing.T) {
	t.Parallel()
	frame, err := os.ReadFile(filepath.Join(testkit.Root, "pb_public", "_layout.html"))
	if err != nil {
		t.Fatal(err)
	}
	for name, src := range map[string]string{
		"no-page.html":   `<p>a page with no title</p>`,
		"unclosed.html":  `{{page "x" "/js/a.js"}}{{if}}<p></p>`,
		"bad-file.html":  `{{page "x" "/img/a.png"}}<p></p>`,
		"twice.html":     `{{page "x" "/js/a.js"}}{{page "y" "/js/b.js"}}<p></p>`,
		"bad-field.html": `{{page "x" "/js/a.js"}}{{field "a" "b" "div"}}`,
	} {
		_, err := hooks.FramePages(fstest.MapFS{
			"_layout.html": {Data: frame},
			"a/" + name:    {Data: []byte(src)},
			"css/app.css":  {Data: []byte("body{}")},
		})
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %v, want one naming the page", name, err)
		}
	}
}
