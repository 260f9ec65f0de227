package docs

import (
	"errors"
	"strings"
	"testing"
)

// TestCheck checks that every default template passes Check and that
// templates a ward might upload by mistake are refused, including a
// mistake inside a list's item (run on sample data with one item).
func TestCheck(t *testing.T) {
	for _, key := range Keys {
		src, err := Default(key)
		if err != nil {
			t.Fatal(err)
		}
		if err := Check(key, src); err != nil {
			t.Errorf("default %s: %v", key, err)
		}
	}
	bad := map[string]string{
		"unknown field in an item": `{{range .Items}}{{p "" .Nope}}{{end}}`,
		"unclosed action":          `{{p "" .Year`,
		"broken XML":               `<w:p><w:r>{{.Year}}</w:p>`,
		"two roots":                `</w:body><w:body>`,
		"unknown function":         `{{nosuch .Year}}`,
	}
	for name, src := range bad {
		if err := Check(KeyDecision, []byte(src)); !errors.Is(err, ErrTemplate) {
			t.Errorf("%s: Check = %v, want ErrTemplate", name, err)
		}
	}
	if err := Check("nosuch", []byte("")); err == nil || !strings.Contains(err.Error(), "unknown document") {
		t.Errorf("unknown key: %v", err)
	}
}
