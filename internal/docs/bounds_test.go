package docs

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// TestTemplateRunsAreBounded: a ward template that loops on a number, calls
// itself, or repeats a large text passed Check (nothing happens on the
// sample, whose numbers are 0) and then, printed on real data, ran for
// ever or filled the server's memory. Each run now stops with ErrTemplate
// within the bounds, quickly; the defaults still run (TestCheck).
func TestTemplateRunsAreBounded(t *testing.T) {
	big := strings.Repeat("x", 700<<10)
	for name, src := range map[string]string{
		"a loop on a number":        `{{range 5000000}}{{end}}`,
		"loops on the year, nested": `{{range 20000}}{{range 20000}}{{range 20000}}{{end}}{{end}}{{end}}`,
		"a template calling itself": `{{define "r"}}{{if lt . 40}}{{template "r" (add . 1)}}{{template "r" (add . 1)}}{{end}}{{end}}{{template "r" 0}}`,
		"a large text repeated":     `{{range 100}}<w:p><w:r><w:t>` + big + `</w:t></w:r></w:p>{{end}}`,
	} {
		t.Run(name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() { done <- Check(KeyDecision, []byte(src)) }()
			select {
			case err := <-done:
				if !errors.Is(err, ErrTemplate) {
					t.Fatalf("Check = %.300v, want ErrTemplate", err)
				}
				if !strings.Contains(err.Error(), "more than") {
					t.Errorf("the error does not name the bound: %.300v", err)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("the run did not stop within 20 s")
			}
		})
	}
}
