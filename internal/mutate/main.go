// Command mutate is the mutation run of the process rules: it changes one
// comparison at a time in the files given (< and <=, > and >=, == and !=,
// && and || swapped; a time's Before and After moved to the other side of
// their boundary; nil checks left alone), runs the tests that cover the
// file, and counts the mutants the tests kill. A mutant that survives is
// printed with its place, for a test to be added or for it to be shown
// equivalent.
//
//	go run ./internal/mutate [-list] [-run regexp] [-wide regexp] [-widepkg dir] [-skip regexp] [-at line:col,…] file.go[=regexp]…
//
// The files of one package are built once, every mutant in: each changed
// comparison becomes func() bool { if mutantOn(k) { return changed };
// return original }(), and the test binary is run once per mutant with
// MUTATE_MUTANT=k (0: none). A file's tests are those matching -run, or
// the regexp after its name. A mutant they leave alive is tried again
// with the -wide tests (the whole package with -wide .), so that a narrow
// first pass keeps the run affordable and a survivor is one that no test
// of the package notices (-widepkg: of that package instead, built with
// the mutants in: the hooks tests for internal/results). -skip names tests never run; -at keeps only the
// mutants at those places. The files are restored as soon as the binary
// is built, and on interrupt. The exit status is 1 when a mutant survived.
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
// put there instead. The expression spans [start, end) of the file; its
// operator (or method name) old, at offset at, becomes to, and prefix is
// put before the expression.
type mutant struct {
	file       string
	pos        token.Position
	old, to    string
	at         int
	start, end int
	prefix     string
	id         int    // its number in its package's build, from 1
	run        string // the tests that cover its file
}

func (m mutant) String() string {
	return fmt.Sprintf("%s:%d:%d %s → %s%s", m.file, m.pos.Line, m.pos.Column, m.old, m.prefix, m.to)
}

func main() {
	run := flag.String("run", "", "the tests to run (go test -run) for a file named without its own; all when empty")
	wide := flag.String("wide", "", "the tests a survivor is tried against (go test -run); none when empty")
	widePkg := flag.String("widepkg", "", "the package whose -wide tests run (default: the mutated one), built with the mutants in")
	skip := flag.String("skip", "", "tests never run (go test -skip)")
	at := flag.String("at", "", "only the mutants at these line:col places, comma-separated")
	list := flag.Bool("list", false, "list the mutants without running the tests")
	timeout := flag.Duration("timeout", 10*time.Minute, "the time a mutant's test run may take")
	flag.Parse()

	byDir := map[string][]mutant{}
	var dirs []string
	for _, arg := range flag.Args() {
		file, pattern, ok := strings.Cut(arg, "=")
		if !ok {
			pattern = *run
		}
		ms, err := mutants(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		dir := filepath.Dir(file)
		if _, seen := byDir[dir]; !seen {
			dirs = append(dirs, dir)
			byDir[dir] = nil
		}
		for _, m := range ms {
			if *at == "" || strings.Contains(","+*at+",", fmt.Sprintf(",%d:%d,", m.pos.Line, m.pos.Column)) {
				m.run = pattern
				byDir[dir] = append(byDir[dir], m)
			}
		}
	}
	if *list {
		for _, dir := range dirs {
			for _, m := range byDir[dir] {
				fmt.Println(m)
			}
		}
		return
	}
	total, killed, survived := 0, 0, []mutant{}
	for _, dir := range dirs {
		ms := byDir[dir]
		if len(ms) == 0 {
			continue
		}
		wideDir := dir
		if *widePkg != "" {
			wideDir = filepath.Clean(*widePkg)
		}
		bins, err := build(dir, ms, wideDir)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		bin, wideBin := bins[0], bins[len(bins)-1]
		defer os.RemoveAll(filepath.Dir(bin))
		// the tests must pass with no mutant, or they prove nothing.
		for _, pattern := range patterns(ms) {
			if dead, out := try(bin, dir, 0, pattern, *skip, *timeout); dead {
				fmt.Fprintf(os.Stderr, "%s: the tests (%s) fail with no mutant:\n%s", dir, pattern, out)
				os.Exit(2)
			}
		}
		for i, m := range ms {
			dead, _ := try(bin, dir, m.id, m.run, *skip, *timeout)
			mark := "killed"
			if !dead && *wide != "" {
				dead, _ = try(wideBin, wideDir, m.id, *wide, *skip, *timeout)
				mark = "killed by -wide"
			}
			if dead {
				killed++
			} else {
				mark = "SURVIVED"
				survived = append(survived, m)
			}
			total++
			fmt.Printf("%3d/%d %s: %s\n", i+1, len(ms), m, mark)
		}
	}
	fmt.Printf("mutants %d, killed %d, survived %d\n", total, killed, len(survived))
	for _, m := range survived {
		fmt.Printf("survived: %s\n", m)
	}
	if len(survived) > 0 {
		os.Exit(1)
	}
}

// patterns lists the distinct test patterns of ms.
func patterns(ms []mutant) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		if !seen[m.run] {
			seen[m.run] = true
			out = append(out, m.run)
		}
	}
	return out
}

// mutants lists the comparisons of file that may be changed: operators
// (not a nil check such as err != nil, nor one in a constant), and a
// time's Before and After, which become their boundary's other side
// (a.Before(b), a < b, becomes !a.After(b), a <= b).
func mutants(file string) ([]mutant, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, nil, 0)
	if err != nil {
		return nil, err
	}
	off := func(p token.Pos) int { return fset.Position(p).Offset }
	var out []mutant
	ast.Inspect(f, func(n ast.Node) bool {
		if d, ok := n.(*ast.GenDecl); ok && d.Tok == token.CONST {
			return false
		}
		if c, ok := n.(*ast.CallExpr); ok {
			if sel, ok := c.Fun.(*ast.SelectorExpr); ok && len(c.Args) == 1 {
				other := map[string]string{"Before": "After", "After": "Before"}[sel.Sel.Name]
				if other != "" {
					out = append(out, mutant{file: file, pos: fset.Position(sel.Sel.Pos()), old: sel.Sel.Name, to: other,
						at: off(sel.Sel.Pos()), start: off(c.Pos()), end: off(c.End()), prefix: "!"})
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
		out = append(out, mutant{file: file, pos: fset.Position(b.OpPos), old: b.Op.String(), to: to,
			at: off(b.OpPos), start: off(b.Pos()), end: off(b.End())})
		return true
	})
	sort.Slice(out, func(i, j int) bool { return out[i].at < out[j].at })
	return out, nil
}

// isNil reports whether e is the identifier nil.
func isNil(e ast.Expr) bool {
	id, ok := e.(*ast.Ident)
	return ok && id.Name == "nil"
}

// schema returns src with every mutant of ms (all of one file, numbered)
// made switchable: mutant k's expression becomes
// func() bool { if mutantOn(k) { return changed }; return original }(),
// its inner mutants switchable in both.
func schema(src []byte, ms []mutant) string {
	// render writes src[start:end) with the mutants that lie within it,
	// from index i on, switchable; change, when set, is applied to its
	// own operator.
	var render func(start, end int, inner []mutant, change *mutant) string
	render = func(start, end int, inner []mutant, change *mutant) string {
		var b strings.Builder
		pos := start
		for i := 0; i < len(inner); {
			m := inner[i]
			// the mutants within m follow it (sorted by start, outer first).
			j := i + 1
			for j < len(inner) && inner[j].start < m.end {
				j++
			}
			if change != nil && change.at >= pos && change.at < m.start {
				b.WriteString(string(src[pos:change.at]) + change.to)
				pos = change.at + len(change.old)
			}
			b.WriteString(string(src[pos:m.start]))
			kids := inner[i+1 : j]
			fmt.Fprintf(&b, "func() bool { if mutantOn(%d) { return %s%s }; return %s }()",
				m.id, m.prefix, render(m.start, m.end, kids, &m), render(m.start, m.end, kids, nil))
			pos = m.end
			i = j
		}
		if change != nil && change.at >= pos {
			b.WriteString(string(src[pos:change.at]) + change.to)
			pos = change.at + len(change.old)
		}
		b.WriteString(string(src[pos:end]))
		return b.String()
	}
	sorted := append([]mutant(nil), ms...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].start != sorted[j].start {
			return sorted[i].start < sorted[j].start
		}
		return sorted[i].end > sorted[j].end
	})
	return render(0, len(src), sorted, nil)
}

// build writes the schema of each file of ms (all in dir) and a file that
// reads MUTATE_MUTANT, builds dir's test binary (and wideDir's, when it is
// another package) and restores the files. It numbers the mutants from 1
// and returns the binaries' paths, dir's first.
func build(dir string, ms []mutant, wideDir string) ([]string, error) {
	for i := range ms {
		ms[i].id = i + 1
	}
	byFile := map[string][]mutant{}
	for _, m := range ms {
		byFile[m.file] = append(byFile[m.file], m)
	}
	originals := map[string][]byte{}
	switchFile := filepath.Join(dir, "zz_mutate_switch.go")
	restore := func() {
		for file, src := range originals {
			_ = os.WriteFile(file, src, 0o644)
		}
		_ = os.Remove(switchFile)
	}
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
	pkg := ""
	for file, fms := range byFile {
		src, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		originals[file] = src
		f, err := parser.ParseFile(token.NewFileSet(), file, src, parser.PackageClauseOnly)
		if err != nil {
			return nil, err
		}
		pkg = f.Name.Name
		if err := os.WriteFile(file, []byte(schema(src, fms)), 0o644); err != nil {
			return nil, err
		}
	}
	err := os.WriteFile(switchFile, []byte("package "+pkg+`

import (
	"os"
	"strconv"
)

var mutantActive, _ = strconv.Atoi(os.Getenv("MUTATE_MUTANT"))

func mutantOn(k int) bool { return mutantActive == k }
`), 0o644)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "mutate")
	if err != nil {
		return nil, err
	}
	pkgs := []string{dir}
	if wideDir != dir {
		pkgs = append(pkgs, wideDir)
	}
	var bins []string
	for i, pkg := range pkgs {
		bin := filepath.Join(tmp, fmt.Sprintf("pkg%d.test", i))
		out, err := exec.Command("go", "test", "-vet=off", "-c", "-o", bin, "./"+pkg+"/").CombinedOutput()
		if err != nil {
			return nil, fmt.Errorf("%s: the mutants do not build: %v\n%s", pkg, err, out)
		}
		bins = append(bins, bin)
	}
	return bins, nil
}

// try runs the test binary bin (of package dir) with mutant id switched on
// and the tests matching run; it reports whether they failed (the mutant
// is killed; one that hangs the tests past timeout is killed too), with
// their output.
func try(bin, dir string, id int, run, skip string, timeout time.Duration) (bool, string) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout+time.Minute)
	defer cancel()
	args := []string{"-test.count=1", "-test.failfast", "-test.timeout=" + timeout.String()}
	if run != "" {
		args = append(args, "-test.run="+run)
	}
	if skip != "" {
		args = append(args, "-test.skip="+skip)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), fmt.Sprintf("MUTATE_MUTANT=%d", id))
	out, err := cmd.CombinedOutput()
	return err != nil || ctx.Err() != nil, string(out)
}
