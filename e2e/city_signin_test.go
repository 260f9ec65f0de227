package e2e_test

import (
	"testing"

	"github.com/oauth2-proxy/mockoidc"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
)

// cityProvider starts an OpenID Connect provider on loopback and
// configures it on the shared ward's users as a superuser does in the
// dashboard; the test's end removes it again.
func cityProvider(t *testing.T) *mockoidc.MockOIDC {
	t.Helper()
	w := Shared(t)
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	users, err := w.App.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	users.OAuth2.Enabled = true
	users.OAuth2.Providers = []core.OAuth2ProviderConfig{{
		Name: "oidc", DisplayName: "Tài khoản thành phố", ClientId: m.ClientID, ClientSecret: m.ClientSecret,
		AuthURL: m.AuthorizationEndpoint(), TokenURL: m.TokenEndpoint(),
		Extra: map[string]any{"jwksURL": m.JWKSEndpoint(), "issuers": []string{m.Issuer()}},
	}}
	if err := w.App.Save(users); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		users, err := w.App.FindCollectionByNameOrId("users")
		if err == nil {
			users.OAuth2.Enabled = false
			users.OAuth2.Providers = nil
			if err := w.App.Save(users); err != nil {
				t.Error(err)
			}
		}
		m.Shutdown()
	})
	return m
}

// TestCitySignIn: the sign-in page offers the city's account only once a
// provider is configured; a ward account's verified city e-mail signs in
// through the provider's window and lands home as that account; a city
// account without a ward account is told, in Vietnamese, to ask the
// Culture–Society Office.
func TestCitySignIn(t *testing.T) {
	p := NewPage(t)
	p.Go("/dang-nhap.html")
	if !Eval[bool](p, `document.getElementById("city-sign-in").hidden`) {
		t.Fatal("the city's sign-in is offered with no provider configured")
	}

	m := cityProvider(t)
	user := NewUser(t, "staff")
	m.QueueUser(&mockoidc.MockUser{Subject: "city-" + user.Id, Email: user.Email(), EmailVerified: true})
	p.Go("/dang-nhap.html")
	p.WaitJS(`!document.getElementById("city-sign-in").hidden`)
	p.CheckNarrow("dang-nhap-thanh-pho")
	p.Screenshots("dang-nhap-thanh-pho")
	p.Click(i18n.T("signin.oidc"))
	p.WaitJS(`location.pathname === "/" && document.body.dataset.ready === "true"`)
	if got := Eval[string](p, `JSON.parse(localStorage.getItem("pocketbase_auth")).record.id`); got != user.Id {
		t.Errorf("signed in as %q, want %s", got, user.Id)
	}

	q := NewPage(t)
	q.Allow("/auth-with-oauth2", 403)
	m.QueueUser(&mockoidc.MockUser{Subject: "city-nguoi-la", Email: "nguoila@hanoi.gov.vn", EmailVerified: true})
	q.Go("/dang-nhap.html")
	q.WaitJS(`!document.getElementById("city-sign-in").hidden`)
	q.Click(i18n.T("signin.oidc"))
	q.WaitText("nguoila@hanoi.gov.vn")
	q.Screenshots("dang-nhap-thanh-pho-tu-choi")
	if got := q.Text("#city-status"); got != i18n.T("error.oidc_no_account", "email", "nguoila@hanoi.gov.vn") {
		t.Errorf("refusal = %q", got)
	}
}
