package docs

import (
	"testing"
	"time"
)

// FuzzTemplateBounds runs Check on any template and asserts that every run,
// whatever it holds, stays within the bounds: at most runBudget allocated
// (runtime.MemStats.TotalAlloc) and two seconds, refused or not.
//
//	go test -run '^$' -fuzz FuzzTemplateBounds -fuzztime 60s ./internal/docs/
func FuzzTemplateBounds(f *testing.F) {
	for _, key := range Keys {
		src, err := Default(key)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(0), string(src))
	}
	for _, src := range []string{
		tenfold(`printf "%1000000d" 1`, 4, `printf "%s%s%s%s%s%s%s%s%s%s"`),
		tenfold(`print "0123456789"`, 9, "print"),
		tenfold(`print "0123456789"`, 7, `p ""`),
		tenfold(`print "<&>\n\t"`, 7, `ps ""`),
		tenfold(`print "0123456789"`, 7, `upper`),
		`{{$a := print "x"}}{{range 20}}{{$a = print $a $a}}{{end}}{{join $a (list $a $a)}}`,
		`{{range 30}}{{range 30}}{{range 30}}{{print "%v" .}}{{end}}{{end}}{{end}}`,
		`{{define "r"}}{{if lt . 40}}{{template "r" (add . 1)}}{{template "r" (add . 1)}}{{end}}{{end}}{{template "r" 0}}`,
		`{{printf "%[1]v%[1]v%[1]v%[1]v" .}}`,
	} {
		f.Add(uint8(0), src)
	}
	f.Fuzz(func(t *testing.T, which uint8, src string) {
		key := Keys[int(which)%len(Keys)]
		var err error
		alloc, took := allocated(func() { err = Check(key, []byte(src)) })
		if alloc > runBudget {
			t.Errorf("%s: %.1f MB allocated (%v), want at most %.1f: %.200q", key, float64(alloc)/(1<<20), err,
				float64(runBudget)/(1<<20), src)
		}
		if took > 2*slow*time.Second {
			t.Errorf("%s: took %v (%v): %.200q", key, took, err, src)
		}
	})
}
