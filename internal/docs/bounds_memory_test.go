package docs

import (
	"errors"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// allocated runs f and returns what it allocated (runtime.MemStats
// TotalAlloc, every allocation of the process meanwhile counted) and how
// long it took.
func allocated(f func()) (uint64, time.Duration) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	f()
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, took
}

// runBudget is the most one run of a template may allocate, all its
// garbage counted (runtime.MemStats.TotalAlloc; what it holds at once is
// far less): a body at its cap allocates about 18 times the body, most of
// it reading the XML back to check it (Check, wordml.Bytes).
const runBudget = 24 * MaxBody

// tenfold is a template that makes the value $v0 and then n values each
// ten times the one before, printing only the last: `printf "%1000000d"`
// (a 1 MB value) made tenfold four times is the finding's template (about
// 250 bytes written tightly) that ran the server out of memory at the
// upload check.
func tenfold(first string, n int, fn string) string {
	var b strings.Builder
	b.WriteString(`{{$v0 := ` + first + `}}`)
	for i := 1; i <= n; i++ {
		prev := "$v" + string(rune('0'+i-1))
		b.WriteString(`{{$v` + string(rune('0'+i)) + ` := ` + fn + ` ` + strings.Repeat(prev+" ", 10) + `}}`)
	}
	b.WriteString(`<w:p><w:r><w:t>{{len $v` + string(rune('0'+n)) + `}}</w:t></w:r></w:p>`)
	return b.String()
}

// TestHostileTemplatesBoundedInMemory: a template that builds large values
// without printing them — printf with a width, or print, p, join and upper
// fed a value many times — is refused at the upload check within a second,
// allocating at most runBudget; so is a template that grows only on real
// data (the document's size checked as it is written).
func TestHostileTemplatesBoundedInMemory(t *testing.T) {
	pf := `printf "%s%s%s%s%s%s%s%s%s%s"`
	cases := map[string]string{
		"printf width, tenfold twice (100 MB)": tenfold(`printf "%1000000d" 1`, 2, pf),
		"printf width, tenfold four times":     tenfold(`printf "%1000000d" 1`, 4, pf),
		"printf width from a value":            `{{$f := print "%" "1000000" "d"}}{{$a := printf $f 1}}{{len $a}}`,
		"printf precision":                     `{{$a := printf "%.1000000f" 1.5}}{{len $a}}`,
		"printf star width":                    `{{$a := printf "%*d" 1000000 1}}{{len $a}}`,
		"printf indexed star width":            `{{$a := printf "%[2]*[1]d" 1 1000000}}{{len $a}}`,
		"print tenfold nine times":             tenfold(`print "0123456789"`, 9, "print"),
		"p tenfold seven times":                tenfold(`print "0123456789"`, 7, `p ""`),
		"upper of a value at the cap, tenfold": `{{$a := print "x"}}{{range 20}}{{$a = print $a $a}}{{end}}{{$u := upper (print $a $a $a $a $a $a $a $a $a $a)}}`,
		"a value's line breaks as paragraphs":  `{{$a := print "x"}}{{range 17}}{{$a = print $a $a}}{{end}}{{$n := ps "" (print $a "` + strings.Repeat(`\n`, 100) + `")}}{{$m := ps "" (printf "%s%s%s%s%s%s%s%s" $n $n $n $n $n $n $n $n)}}`,
		"many arguments at the cap":            `{{$a := print "x"}}{{range 20}}{{$a = print $a $a}}{{end}}{{$b := print ` + strings.Repeat("$a ", 300) + `}}`,
		"the same value, over and over":        `{{$a := print "x"}}{{range 19}}{{$a = print $a $a}}{{end}}{{range 100000}}{{$b := print $a}}{{end}}`,
		"writes past the body's cap":           `{{$a := print "x"}}{{range 19}}{{$a = print $a $a}}{{end}}{{range 100}}<w:p><w:r><w:t>{{$a}}</w:t></w:r></w:p>{{end}}`,
		"html and js escaping tenfold":         tenfold(`print "<<<<<<<<<<"`, 7, "js"),
		"small paragraphs past the body's cap": `{{range 100000}}<w:p><w:r><w:t>` + strings.Repeat("x", 50) + `</w:t></w:r></w:p>{{end}}`,
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			var err error
			alloc, took := allocated(func() { err = Check(KeyDecision, []byte(src)) })
			t.Logf("%d bytes of template: %v, %.1f MB allocated in %v", len(src), err, float64(alloc)/(1<<20), took)
			if !errors.Is(err, ErrTemplate) {
				t.Errorf("Check = %.300v, want ErrTemplate", err)
			}
			if alloc > runBudget {
				t.Errorf("allocated %.1f MB, want at most %.1f", float64(alloc)/(1<<20), float64(runBudget)/(1<<20))
			}
			if took > slow*time.Second {
				t.Errorf("took %v, want under %v", took, slow*time.Second)
			}
		})
	}
}

// TestDefaultsWithinValueBounds: the embedded templates run within the
// bounds on data whose every text is the longest a form allows (20,000
// characters, a line break every 40), so real data is never refused.
func TestDefaultsWithinValueBounds(t *testing.T) {
	long := strings.Repeat(strings.Repeat("Cải cách & đổi mới ", 2)+"\n", 20000/40)
	for key, empty := range emptyData {
		data := fillWith(empty, long)
		src, err := Default(key)
		if err != nil {
			t.Fatal(err)
		}
		alloc, took := allocated(func() { _, err = Execute(key, src, data) })
		if err != nil {
			t.Errorf("%s: %v", key, err)
		}
		t.Logf("%s: %.1f MB allocated in %v", key, float64(alloc)/(1<<20), took)
	}
}

// fillWith returns a copy of empty (a pointer to a document's data) with
// one item in every list and every text set to text.
func fillWith(empty any, text string) any {
	data := reflect.New(reflect.TypeOf(empty).Elem())
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			v.SetString(text)
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice:
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
			walk(v.Index(0))
		}
	}
	walk(data.Elem())
	return data.Interface()
}
