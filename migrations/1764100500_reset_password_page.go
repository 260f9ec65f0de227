package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// This migration points the ward accounts' password-reset mail at the
// ward's own page (/dat-lai-mat-khau.html?token=…) instead of PocketBase's
// dashboard (/_/#/auth/confirm-password-reset/…), in Vietnamese. The link
// starts with the Application URL of the settings ({APP_URL}): set it to
// the address people use (Settings → Application in /_/).

func init() {
	m.Register(resetPasswordPage, dashboardResetPage)
}

// resetPasswordPage is the up migration.
func resetPasswordPage(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	users.ResetPasswordTemplate.Subject = "Đặt lại mật khẩu – " + core.EmailPlaceholderAppName
	users.ResetPasswordTemplate.Body = `<p>Xin chào,</p>
<p>Có yêu cầu đặt lại mật khẩu cho tài khoản của bạn. Bấm vào đường dẫn dưới đây để đặt mật khẩu mới:</p>
<p><a class="btn" href="` + core.EmailPlaceholderAppURL + `/dat-lai-mat-khau.html?token=` + core.EmailPlaceholderToken + `" target="_blank" rel="noopener">Đặt lại mật khẩu</a></p>
<p><i>Nếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu của bạn không thay đổi.</i></p>
<p>` + core.EmailPlaceholderAppName + `</p>`
	return app.Save(users)
}

// dashboardResetPage is the down migration: PocketBase's own reset mail.
func dashboardResetPage(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	users.ResetPasswordTemplate = core.NewAuthCollection("users").ResetPasswordTemplate
	return app.Save(users)
}
