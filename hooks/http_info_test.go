package hooks_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"sangkien/internal/testkit"
)

// TestPublicInfo: anyone may read /api/reform/info (the forgotten-password
// page asks before sign-in); it says whether mail goes out and nothing
// else, whatever the SMTP settings hold.
func TestPublicInfo(t *testing.T) {
	t.Parallel()
	smtp := func(on bool) func(testing.TB, *tests.TestApp, *core.ServeEvent) {
		return func(_ testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
			s := app.Settings()
			s.SMTP.Enabled = on
			s.SMTP.Host = "smtp.phuong.test"
			s.SMTP.Username = "hopthu"
			s.SMTP.Password = "bi-mat-smtp"
		}
	}
	for _, sc := range []struct {
		name, who string
		on        bool
		want      string
	}{
		{"a visitor, no SMTP", "", false, `{"mail":false}`},
		{"a visitor, SMTP", "", true, `{"mail":true}`},
		{"staff, SMTP", "staff", true, `{"mail":true}`},
		{"a superuser, no SMTP", "superuser", false, `{"mail":false}`},
	} {
		w := testkit.NewWard(t)
		headers := map[string]string{}
		switch sc.who {
		case "staff":
			headers["Authorization"] = testkit.Token(t, w.StaffA)
		case "superuser":
			headers["Authorization"] = testkit.Token(t, w.Superuser)
		}
		(&tests.ApiScenario{
			Name:   "GET /api/reform/info - " + sc.name,
			Method: http.MethodGet, URL: "/api/reform/info", Headers: headers,
			BeforeTestFunc:     smtp(sc.on),
			ExpectedStatus:     200,
			ExpectedContent:    []string{sc.want},
			NotExpectedContent: []string{"smtp.phuong.test", "hopthu", "bi-mat-smtp"},
			TestAppFactory:     func(testing.TB) *tests.TestApp { return w.App },
		}).Test(t)
	}
}

// TestResetMailLinksToWardPage: the reset mail sends people to the ward's
// own page, not to the dashboard (migration 1764100500).
func TestResetMailLinksToWardPage(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	(&tests.ApiScenario{
		Name:   "POST request-password-reset - the mail links to /dat-lai-mat-khau.html",
		Method: http.MethodPost, URL: "/api/collections/users/request-password-reset",
		Body:           strings.NewReader(`{"email":"` + w.StaffA.Email() + `"}`),
		ExpectedStatus: 204,
		ExpectedEvents: map[string]int{"OnRecordRequestPasswordResetRequest": 1},
		TestAppFactory: func(testing.TB) *tests.TestApp { return w.App },
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			// PocketBase sends the mail in the background.
			for i := 0; i < 100 && app.TestMailer.TotalSend() == 0; i++ {
				time.Sleep(20 * time.Millisecond)
			}
			msg := app.TestMailer.LastMessage()
			if !strings.Contains(msg.HTML, "/dat-lai-mat-khau.html?token=") || strings.Contains(msg.HTML, "/_/#/") {
				t.Errorf("reset mail links elsewhere:\n%s", msg.HTML)
			}
			if !strings.Contains(msg.Subject, "Đặt lại mật khẩu") {
				t.Errorf("subject %q", msg.Subject)
			}
		},
	}).Test(t)
}
