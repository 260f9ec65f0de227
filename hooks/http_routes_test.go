package hooks_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/hooks"
	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestEveryReformRouteDeclaresItsProtection lists the /api/reform routes
// with who may call them, fails on a route whose protection is not
// declared, and on a route added anywhere but the table (a call such as
// Router.GET("/api/…") in another file of the package).
func TestEveryReformRouteDeclaresItsProtection(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, r := range hooks.Routes() {
		t.Logf("%-6s %-52s %s", r.Method, r.Path, r.Protection)
		if r.Protection == "" || strings.HasPrefix(r.Protection, "undeclared") {
			t.Errorf("%s %s declares no protection", r.Method, r.Path)
		}
		if seen[r.Method+" "+r.Path] {
			t.Errorf("%s %s is declared twice", r.Method, r.Path)
		}
		seen[r.Method+" "+r.Path] = true
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	registers := map[string]bool{"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true,
		"HEAD": true, "OPTIONS": true, "SEARCH": true, "Any": true, "Route": true, "Group": true}
	for _, file := range files {
		if strings.HasSuffix(file, "_test.go") || file == "http_routes.go" {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !registers[sel.Sel.Name] {
				return true
			}
			for _, arg := range call.Args {
				lit, ok := arg.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				if path, _ := strconv.Unquote(lit.Value); strings.HasPrefix(path, "/api/") {
					t.Errorf("%s: %s(%s) adds a route outside the table of http_routes.go", file, sel.Sel.Name, lit.Value)
				}
			}
			return true
		})
	}
}

// TestReformRoutesKeepOutWhomTheirProtectionNames calls every route of the
// table as nobody, a superuser, a ward account without the route's roles
// and one with them: nobody gets 401 unless the route is public, a
// superuser 403 from a ward-account route, an account without the roles
// 403, and an account holding them gets past the protection (the handler
// may still refuse the request itself, never with 401 or 403).
func TestReformRoutesKeepOutWhomTheirProtectionNames(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	srv := testkit.Serve(t, w.App)
	year := w.Round.GetString("year")
	holder := map[string]*core.Record{"secretariat": w.Secretariat, "chairman": w.Chairman}
	for _, r := range hooks.Routes() {
		path := strings.NewReplacer("{id}", "nokhongtontai00", "{year}", year).Replace(r.Path)
		name := r.Method + " " + r.Path
		status := apitest.Send(t, srv, r.Method, path, apitest.JSON("{}")).Status
		switch {
		case r.Protection == "public" && status == http.StatusUnauthorized:
			t.Errorf("%s, nobody signed in: 401 on a public route", name)
		case r.Protection != "public" && status != http.StatusUnauthorized:
			t.Errorf("%s, nobody signed in: %d, want 401", name, status)
		}
		if r.Protection == "public" {
			continue
		}
		status = apitest.Send(t, srv, r.Method, path, apitest.As(w.Superuser), apitest.JSON("{}")).Status
		if ward := strings.HasPrefix(r.Protection, "ward account"); ward != (status == http.StatusForbidden) {
			t.Errorf("%s (%s), superuser: %d", name, r.Protection, status)
		}
		if len(r.Roles) == 0 {
			continue
		}
		// the chairman holds no secretariat role; staff hold neither.
		without := w.StaffA
		if len(r.Roles) == 1 && r.Roles[0] == "secretariat" {
			without = w.Chairman
		}
		if status = apitest.Send(t, srv, r.Method, path, apitest.As(without), apitest.JSON("{}")).Status; status != http.StatusForbidden {
			t.Errorf("%s (%s), %s: %d, want 403", name, r.Protection, without.Email(), status)
		}
		if status = apitest.Send(t, srv, r.Method, path, apitest.As(holder[r.Roles[0]]), apitest.JSON("{}")).Status; status == http.StatusUnauthorized || status == http.StatusForbidden {
			t.Errorf("%s (%s), %s: %d", name, r.Protection, r.Roles[0], status)
		}
	}
}
