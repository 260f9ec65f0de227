package hooks_test

import (
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"sangkien/internal/apitest"
	"sangkien/internal/docs"
	"sangkien/internal/testkit"
)

// TestHostileTemplateBoundedOverHTTP: the finding's template (a 1 MB
// printf value made tenfold four times, never printed) is refused at
// upload with 400 file.template_invalid at once; a template that grows
// only on real data (the sample has one council member, the ward four)
// is accepted, and its download answers 500 template.template_invalid
// quickly, each request allocating tens of MB at most instead of taking
// the server down.
func TestHostileTemplateBoundedOverHTTP(t *testing.T) {
	// not in parallel: it counts the whole process's allocations.
	w := testkit.NewWard(t)
	t.Cleanup(w.App.Cleanup)
	srv := testkit.Serve(t, w.App)
	measure := func(f func()) (uint64, time.Duration) {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		f()
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc, took
	}
	const budget = 64 << 20

	pf := `printf "%s%s%s%s%s%s%s%s%s%s" `
	finding := `{{$a:=printf "%1000000d" 1}}{{$b:=` + pf + strings.Repeat("$a ", 10) + `}}{{$c:=` + pf + strings.Repeat("$b ", 10) +
		`}}{{$d:=` + pf + strings.Repeat("$c ", 10) + `}}{{$e:=` + pf + strings.Repeat("$d ", 10) + `}}{{len $e}}`
	var status int
	var out map[string]any
	alloc, took := measure(func() { status, out = uploadTemplate(t, srv, w.Secretariat, docs.KeyEstablishment, finding) })
	t.Logf("upload of the finding's template (%d bytes): %d, %.1f MB allocated in %v", len(finding), status, float64(alloc)/(1<<20), took)
	if status != http.StatusBadRequest || apitest.ErrCode(out, "file") != "template_invalid" {
		t.Fatalf("upload: %d %v, want 400 file.template_invalid", status, out)
	}
	if alloc > budget || took > 5*time.Second {
		t.Errorf("upload: %.1f MB in %v", float64(alloc)/(1<<20), took)
	}

	src, err := docs.Default(docs.KeyEstablishment)
	if err != nil {
		t.Fatal(err)
	}
	bomb := `{{if gt (len .Members) 1}}{{$a := print "x"}}{{range 40}}{{$a = print $a $a}}{{end}}{{end}}`
	status, out = uploadTemplate(t, srv, w.Secretariat, docs.KeyEstablishment, strings.Replace(string(src), "{{", bomb+"{{", 1))
	if status != http.StatusOK {
		t.Fatalf("upload of a template that grows on real data only: %d %v", status, out)
	}
	secretariat := testkit.Token(t, w.Secretariat)
	for i := 0; i < 3; i++ {
		alloc, took := measure(func() {
			status, out = apitest.Send(t, srv, http.MethodGet, "/api/reform/councils/"+w.Council.Id+"/establishment.docx", apitest.Token(secretariat)).StatusJSON()
		})
		t.Logf("download: %d, %.1f MB allocated in %v", status, float64(alloc)/(1<<20), took)
		if status != http.StatusInternalServerError || apitest.ErrCode(out, "template") != "template_invalid" {
			t.Fatalf("download: %d %v, want 500 template.template_invalid", status, out)
		}
		if alloc > budget || took > 5*time.Second {
			t.Errorf("download: %.1f MB in %v", float64(alloc)/(1<<20), took)
		}
	}
}
