// Command mutate is the mutation run of the process rules: it changes one
// comparison at a time in the files given (< and <=, > and >=, == and !=,
// && and || swapped; nil checks left alone), runs the tests that cover the file, and
// counts the mutants the tests kill. A mutant that survives is printed
// with its place, for a test to be added or for it to be shown equivalent.
//
//	go run ./internal/mutate [-list] [-run regexp] [-wide regexp] [-skip regexp] [-at line:col,…] [-pkg ./path/] file.go…
//
// A mutant that the -run tests leave alive is tried again with the -wide
// tests (all of the package's with -wide ., less -skip), so that a narrow
// first pass keeps the run affordable and a survivor is one that no test
// of the package notices. -at keeps only the mutants at those places.
//
// The file is restored after each mutant, and on interrupt. The exit
// status is 1 when a mutant survived.
package main

import (
	"context"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// swap is each operator's mutant.
var swap = map[token.Token]string{
	token.LSS: "<=", token.LEQ: "<", token.GTR: ">=", token.GEQ: ">",
	token.EQL: "!=", token.NEQ: "==",
	token.LAND: "||", token.LOR: "&&",
}

// mutant is one changed comparison: where, what was there and what is
// put there instead (at offset pos, old replaced by to; prefix, when set,
// inserted at prefixAt).
type mutant struct {
	file     string
	pos      token.Position
	old, to  string
	prefixAt int
	prefix   string
}

func main() {
	run := flag.String("run", "", "the tests to run (go test -run); all when empty")
	pkg := flag.String("pkg", "", "the package whose tests run (default: each file's own)")
	timeout := flag.Duration("timeout", 10*time.Minute, "the time a mutant's test run may take")
	list := flag.Bool("list", false, "list the mutants without running the tests")
	wide := flag.String("wide", "", "the tests a survivor of -run is tried against (go test -run); none when empty")
	skip := flag.String("skip", "", "tests never run (go test -skip)")
	at := flag.String("at", "", "only the mutants at these line:col places, comma-separated")
	flag.Parse()
	var all []mutant
	for _, file := range flag.Args() {
		ms, err := mutants(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		for _, m := range ms {
			if *at == "" || strings.Contains(","+*at+",", fmt.Sprintf(",%d:%d,", m.pos.Line, m.pos.Column)) {
				all = append(all, m)
			}
		}
	}
	if *list {
		for _, m := range all {
			fmt.Printf("%s:%d:%d %s → %s%s\n", m.file, m.pos.Line, m.pos.Column, m.old, m.prefix, m.to)
		}
		return
	}
	killed, survived := 0, []mutant{}
	for i, m := range all {
		p := *pkg
		if p == "" {
			p = "./" + filepath.Dir(m.file) + "/"
		}
		dead, err := try(m, p, *run, *skip, *timeout)
		mark := "killed"
		if err == nil && !dead && *wide != "" {
			dead, err = try(m, p, *wide, *skip, *timeout)
			mark = "killed by -wide"
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if dead {
			killed++
		} else {
			mark = "SURVIVED"
			survived = append(survived, m)
		}
		fmt.Printf("%3d/%d %s:%d:%d %s → %s%s: %s\n", i+1, len(all), m.file, m.pos.Line, m.pos.Column, m.old, m.prefix, m.to, mark)
	}
	fmt.Printf("mutants %d, killed %d, survived %d\n", len(all), killed, len(survived))
	for _, m := range survived {
		fmt.Printf("survived: %s:%d %s → %s%s\n", m.file, m.pos.Line, m.old, m.prefix, m.to)
	}
	if len(survived) > 0 {
		os.Exit(1)
	}
}

// mutants lists the comparisons of file that may be changed: operators
// (not a nil check such as err != nil), and a time's Before and After,
// which become their boundary's other side (a.Before(b), a < b, becomes
// !a.After(b), a <= b).
func mutants(file string) ([]mutant, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, 0)
	if err != nil {
		return nil, err
	}
	var out []mutant
	ast.Inspect(f, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			if sel, ok := c.Fun.(*ast.SelectorExpr); ok && len(c.Args) == 1 {
				other := map[string]string{"Before": "After", "After": "Before"}[sel.Sel.Name]
				if other != "" {
					out = append(out, mutant{file: file, pos: fset.Position(sel.Sel.Pos()), old: sel.Sel.Name, to: other,
						prefixAt: fset.Position(c.Pos()).Offset, prefix: "!"})
				}
			}
			return true
		}
		b, ok := n.(*ast.BinaryExpr)
		if !ok {
			return true
		}
		to, ok := swap[b.Op]
		if !ok || isNil(b.X) || isNil(b.Y) {
			return true
		}
		out = append(out, mutant{file: file, pos: fset.Position(b.OpPos), old: b.Op.String(), to: to, prefixAt: -1})
		return true
	})
	sort.Slice(out, func(i, j int) bool { return out[i].pos.Offset < out[j].pos.Offset })
	return out, nil
}

// isNil reports whether e is the identifier nil.
func isNil(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "nil"
}

// try writes mutant m into its file, runs pkg's tests matching run and
// restores the file; it reports whether the tests failed (the mutant is
// killed; a mutant that does not build is killed by the compiler).
func try(m mutant, pkg, run, skip string, timeout time.Duration) (bool, error) {
	orig, err := os.ReadFile(m.file)
	if err != nil {
		return false, err
	}
	restore := func() { _ = os.WriteFile(m.file, orig, 0o644) }
	defer restore()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	defer signal.Stop(sig)
	go func() {
		if _, ok := <-sig; ok {
			restore()
			os.Exit(130)
		}
	}()
	if string(orig[m.pos.Offset:m.pos.Offset+len(m.old)]) != m.old {
		return false, fmt.Errorf("%s:%d: %s not at its offset", m.file, m.pos.Line, m.old)
	}
	mutated := string(orig[:m.pos.Offset]) + m.to + string(orig[m.pos.Offset+len(m.old):])
	if m.prefixAt >= 0 {
		mutated = mutated[:m.prefixAt] + m.prefix + mutated[m.prefixAt:]
	}
	if err := os.WriteFile(m.file, []byte(mutated), 0o644); err != nil {
		return false, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	args := []string{"test", "-count=1", "-failfast"}
	if run != "" {
		args = append(args, "-run", run)
	}
	if skip != "" {
		args = append(args, "-skip", skip)
	}
	cmd := exec.CommandContext(ctx, "go", append(args, pkg)...)
	err = cmd.Run()
	if ctx.Err() != nil {
		return true, nil // a mutant that hangs the tests is caught too
	}
	return err != nil, nil
}
