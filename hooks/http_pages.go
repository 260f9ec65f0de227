package hooks

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"time"
)

// frameName is the frame every page of pb_public shares: the document's
// head (character set, viewport, icon, app.css), the skip link, the header
// that js/layout.js fills (ward, who is signed in, menu) and the notice
// shown without JavaScript. It and the other files of pb_public's top
// folder whose names begin with _ (_parts.html: pieces several pages hold,
// {{template "name"}}) are parsed with it and are not served.
const frameName = "_layout.html"

// isFramePart reports whether name is the frame or a part parsed with it.
func isFramePart(name string) bool {
	return path.Dir(name) == "." && strings.HasPrefix(name, "_") && path.Ext(name) == ".html"
}

// framePages returns public with each page (every .html file but the
// frame) put in the frame, filled once when the program starts. A page's
// file holds only its own part: its first line, {{page "title.key"
// "/css/….css" "/js/….js" …}}, names its title (a catalog key) and the
// styles and modules its head loads after app.css; the rest of the file is
// what its <main> holds. A page that does not parse, lacks its page line
// or names a file that is neither .css nor .js stops the start with its
// name.
func framePages(public fs.FS) (fs.FS, error) {
	frame, err := template.New(frameName).Funcs(pageFuncs).ParseFS(public, "_*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string][]byte{}
	err = fs.WalkDir(public, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".html" || isFramePart(name) {
			return err
		}
		src, err := fs.ReadFile(public, name)
		if err != nil {
			return err
		}
		page, err := frame.Clone()
		if err != nil {
			return err
		}
		var own framed
		page.Funcs(template.FuncMap{"page": own.declare})
		if _, err := page.New(name).Parse(string(src)); err != nil {
			return err
		}
		var main, out bytes.Buffer
		if err := page.ExecuteTemplate(&main, name, nil); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if own.Head == "" {
			return fmt.Errorf("%s: no {{page …}} line naming its title and modules", name)
		}
		own.Main = template.HTML(main.String())
		if err := page.ExecuteTemplate(&out, frameName, own); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		pages[name] = out.Bytes()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return framedFS{public, pages}, nil
}

// framed is what a page puts in the frame: its own head (title, styles,
// modules) and what its <main> holds.
type framed struct {
	Head, Main template.HTML
}

// declare is a page's {{page "title.key" files…}}: the head's <title>
// (its text the catalog's, as layout.js fills it) and a <link> for each
// .css file, a module <script> for each .js file, in their order. It
// writes nothing where it stands.
func (f *framed) declare(title string, files ...string) (string, error) {
	if f.Head != "" {
		return "", fmt.Errorf("page: a second page line")
	}
	head := "\n  <title data-i18n=\"" + template.HTMLEscapeString(title) + "\">…</title>\n"
	for _, file := range files {
		src := template.HTMLEscapeString(file)
		switch path.Ext(file) {
		case ".css":
			head += "  <link rel=\"stylesheet\" href=\"" + src + "\">\n"
		case ".js":
			head += "  <script type=\"module\" src=\"" + src + "\"></script>\n"
		default:
			return "", fmt.Errorf("page: %q is neither a .css nor a .js file", file)
		}
	}
	f.Head = template.HTML(head)
	return "", nil
}

// pageFuncs are the functions a page's template may call: page (each
// page's own, framed.declare), args and field.
var pageFuncs = template.FuncMap{"page": (*framed).declare, "args": pageArgs, "field": formField}

// pageArgs makes the argument of a part that takes several,
// {{template "part" (args "name" value …)}}: the names with their values.
func pageArgs(pairs ...any) (map[string]any, error) {
	if len(pairs)%2 != 0 {
		return nil, fmt.Errorf("args: %d values, not name and value pairs", len(pairs))
	}
	m := make(map[string]any, len(pairs)/2)
	for i := 0; i < len(pairs); i += 2 {
		name, ok := pairs[i].(string)
		if !ok {
			return nil, fmt.Errorf("args: name %v is not a string", pairs[i])
		}
		m[name] = pairs[i+1]
	}
	return m, nil
}

// formField writes a form field as the pages lay one out,
// {{field "id" "catalog.key" `input name="…" …`}}: a <div> holding the
// label (its text the catalog's key) and the control named by id, whose
// opening tag is control: its element (input, select or textarea) and its
// other attributes, which may not hold < or >. A select or textarea is
// closed empty.
func formField(id, key, control string) (template.HTML, error) {
	tag, attrs, _ := strings.Cut(control, " ")
	closing := ""
	switch tag {
	case "input":
	case "select", "textarea":
		closing = "</" + tag + ">"
	default:
		return "", fmt.Errorf("field %s: %q is not input, select or textarea", id, tag)
	}
	if strings.ContainsAny(attrs, "<>") {
		return "", fmt.Errorf("field %s: the attributes hold < or >", id)
	}
	if attrs != "" {
		attrs = " " + attrs
	}
	id, key = template.HTMLEscapeString(id), template.HTMLEscapeString(key)
	return template.HTML("<div>\n  <label for=\"" + id + "\" data-i18n=\"" + key + "\"></label>\n  <" +
		tag + " id=\"" + id + "\"" + attrs + ">" + closing + "\n</div>"), nil
}

// framedFS is public with its pages framed (pages, by name) and the frame
// hidden.
type framedFS struct {
	public fs.FS
	pages  map[string][]byte
}

// Open opens a framed page from memory, anything else from public.
func (f framedFS) Open(name string) (fs.File, error) {
	if isFramePart(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	if b, ok := f.pages[name]; ok {
		return pageFile{bytes.NewReader(b), pageInfo{path.Base(name), int64(len(b))}}, nil
	}
	return f.public.Open(name)
}

// pageFile is an open framed page; it seeks, as http.ServeContent needs.
type pageFile struct {
	*bytes.Reader
	info pageInfo
}

func (p pageFile) Stat() (fs.FileInfo, error) { return p.info, nil }
func (p pageFile) Close() error               { return nil }

// pageInfo describes a framed page: read-only, with no time (as the
// embedded files have none).
type pageInfo struct {
	name string
	size int64
}

func (i pageInfo) Name() string       { return i.name }
func (i pageInfo) Size() int64        { return i.size }
func (i pageInfo) Mode() fs.FileMode  { return 0o444 }
func (i pageInfo) ModTime() time.Time { return time.Time{} }
func (i pageInfo) IsDir() bool        { return false }
func (i pageInfo) Sys() any           { return nil }
