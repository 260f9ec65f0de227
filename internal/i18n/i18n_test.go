package i18n

import (
	"os"
	"testing"
	"testing/fstest"
)

func TestT(t *testing.T) {
	fsys := fstest.MapFS{Path: {Data: []byte(`{"error.deadline_passed":"Đã quá hạn nộp ({deadline}).","a":"b"}`)}}
	if err := Load(fsys); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		key  string
		args []string
		want string
	}{
		{"error.deadline_passed", []string{"deadline", "25/09/2026"}, "Đã quá hạn nộp (25/09/2026)."},
		{"a", nil, "b"},
		{"missing.key", nil, "missing.key"},
	}
	for _, c := range cases {
		if got := T(c.key, c.args...); got != c.want {
			t.Errorf("T(%q) = %q, want %q", c.key, got, c.want)
		}
	}
}

func TestLoadRealCatalog(t *testing.T) {
	if err := Load(os.DirFS("../../pb_public")); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"error.read_only_field", "app.name"} {
		if !Has(k) {
			t.Errorf("catalog lacks %q", k)
		}
	}
}
