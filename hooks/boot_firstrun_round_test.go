package hooks

import (
	"go/build"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"sangkien/internal/clock"
)

// TestFirstRunSeedsTheRoundStillAhead starts a fresh folder on 1/12 and on
// 1/3 (the clock injected): on 1/12 the year's deadline (25/9) has passed
// and next year's round is seeded; on 1/3 this year's. The first start
// says which round and its last days.
func TestFirstRunSeedsTheRoundStillAhead(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		at    time.Time
		year  int
		print string
	}{
		{"1/12/2026", clock.Date(2026, time.December, 1).Add(9 * time.Hour), 2027,
			"Đợt sáng kiến năm 2027: hạn nộp hết ngày 24/09/2027, hạn quyết định hết ngày 29/09/2027"},
		{"1/3/2026", clock.Date(2026, time.March, 1).Add(9 * time.Hour), 2026,
			"Đợt sáng kiến năm 2026: hạn nộp hết ngày 24/09/2026, hạn quyết định hết ngày 29/09/2026"},
		{"25/9/2026 00:00", clock.Date(2026, time.September, 25), 2027,
			"Đợt sáng kiến năm 2027: hạn nộp hết ngày 24/09/2027"},
		{"24/9/2026 23:59", clock.Date(2026, time.September, 25).Add(-time.Minute), 2026,
			"Đợt sáng kiến năm 2026: hạn nộp hết ngày 24/09/2026"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			app := newFirstRunAppAt(t, c.at)
			noAdminEnv(app)
			out, _ := serve(t, app, ":8090")
			if !strings.Contains(out, c.print) {
				t.Errorf("first start printed:\n%s\nwant %q", out, c.print)
			}
			rounds, err := app.FindAllRecords("rounds")
			if err != nil || len(rounds) != 1 {
				t.Fatalf("rounds %v %v", rounds, err)
			}
			r := rounds[0]
			sub, dec := r.GetDateTime("submission_deadline").Time(), r.GetDateTime("decision_deadline").Time()
			if r.GetInt("year") != c.year || !sub.Equal(clock.Date(c.year, time.September, 25)) ||
				!dec.Equal(clock.Date(c.year, time.September, 30)) || r.GetString("status") != "open" {
				t.Errorf("round %d %v %v %s, want %d on 25/9 and 30/9", r.GetInt("year"), sub, dec, r.GetString("status"), c.year)
			}
			if n, _ := app.CountRecords("criteria"); n != 4 {
				t.Errorf("criteria %d, want the rubric's 4", n)
			}
		})
	}
}

// TestReadmeFirstStartSample compares the README's first-start sample with
// what a first start on 2/12/2026 prints, the generated password aside.
func TestReadmeFirstStartSample(t *testing.T) {
	t.Parallel()
	app := newFirstRunAppAt(t, clock.Date(2026, time.December, 2).Add(9*time.Hour))
	noAdminEnv(app)
	out, _ := serve(t, app, "127.0.0.1:8090")
	out = strings.Replace(out, printedPassword(t, out), "<generated>", 1)
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```\n"+strings.TrimSpace(out)+"\n```") {
		t.Errorf("README lacks the first-start sample as printed:\n%s", strings.TrimSpace(out))
	}
}

// TestReadmeNamesOnlyFilesInTheRepository checks that every file or folder
// the README names (a path in backquotes, a line of its Layout
// block)
// exists in the repository (what make builds or creates aside).
func TestReadmeNamesOnlyFilesInTheRepository(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	var names []string
	for _, m := range regexp.MustCompile("`([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+/?)`").FindAllStringSubmatch(readme, -1) {
		// benchmark units such as ns/op; ./sangkien, ./pb_data are made by make.
		if !strings.HasSuffix(m[1], "/op") && !strings.HasPrefix(m[1], "./") {
			names = append(names, m[1])
		}
	}
	for _, m := range regexp.MustCompile("`([A-Za-z0-9_-]+\\.(?:md|txt|go|json|sh))`|\\b([A-Z][A-Za-z0-9_-]*\\.md)\\b").FindAllStringSubmatch(readme, -1) {
		names = append(names, m[1]+m[2])
	}
	if i := strings.Index(readme, "## Layout\n\n```\n"); i >= 0 {
		block := readme[i+len("## Layout\n\n```\n"):]
		block = block[:strings.Index(block, "```")]
		for line := range strings.Lines(block) {
			if f := strings.Fields(line); len(f) > 0 {
				names = append(names, f[0])
			}
		}
	} else {
		t.Error("no Layout block in the README")
	}
	if len(names) < 10 {
		t.Fatalf("found only %v; is the pattern still right?", names)
	}
	for _, name := range names {
		if !inRepository(name) && !isStdPackage(name) {
			t.Errorf("the README names %s, which is not in the repository", name)
		}
	}
}

// inRepository reports whether name is a file or folder of the repository,
// at its root or, as the Pages section names them, under pb_public/ or
// pb_public/i18n/.
func inRepository(name string) bool {
	for _, dir := range []string{"..", "../pb_public", "../pb_public/i18n"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return false
}

// isStdPackage reports whether name is a Go standard-library package
// (archive/zip, text/template), which the README may name too.
func isStdPackage(name string) bool {
	pkg, err := build.Default.Import(name, "", build.FindOnly)
	return err == nil && pkg.Goroot
}
