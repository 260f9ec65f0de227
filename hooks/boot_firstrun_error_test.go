package hooks

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// TestFirstRunRefusalInVietnamese: a first start with a setting PocketBase
// refuses stops with a Vietnamese sentence that names the environment
// variable to fix (it printed "password: Must be at least 8 character(s).").
func TestFirstRunRefusalInVietnamese(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, email, password string
		want                  []string
	}{
		{"a short password", "", "ngan", []string{"SANGKIEN_ADMIN_PASSWORD", "Cần ít nhất 8 ký tự", "từ 8 đến 71 ký tự"}},
		{"a long password", "", strings.Repeat("a", 72), []string{"SANGKIEN_ADMIN_PASSWORD", "71 ký tự"}},
		{"an e-mail that is none", "khong-phai-email", "matkhau-du-dai", []string{"SANGKIEN_ADMIN_EMAIL", "Địa chỉ email không hợp lệ"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			app := newFirstRunApp(t)
			setEnv(app, "SANGKIEN_ADMIN_EMAIL", c.email)
			setEnv(app, "SANGKIEN_ADMIN_PASSWORD", c.password)
			router, err := apis.NewRouter(app)
			if err != nil {
				t.Fatal(err)
			}
			se := &core.ServeEvent{App: app, Router: router, Server: &http.Server{Addr: "127.0.0.1:8090"}}
			err = app.OnServe().Trigger(se, func(e *core.ServeEvent) error { return e.Next() })
			if err == nil {
				t.Fatal("the first start went on")
			}
			msg := err.Error()
			if !vietnameseText(msg) || strings.Contains(msg, "Must be") || strings.Contains(msg, "must be") {
				t.Errorf("refusal %q is not Vietnamese", msg)
			}
			for _, part := range append([]string{"Lần chạy đầu tiên"}, c.want...) {
				if !strings.Contains(msg, part) {
					t.Errorf("refusal %q lacks %q", msg, part)
				}
			}
		})
	}
}

// vietnameseText reports whether s holds a letter outside ASCII.
func vietnameseText(s string) bool {
	for _, r := range s {
		if r > 127 {
			return true
		}
	}
	return false
}
