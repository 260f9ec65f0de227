package hooks

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/oauth2-proxy/mockoidc"
	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/apitest"
)

// cityOIDC starts an OpenID Connect provider on loopback (the city's
// single sign-on in the test) and configures it on users as a superuser
// does in the dashboard: PocketBase's `oidc` provider, the id_token's claims
// checked against the provider's keys and issuer.
func cityOIDC(t *testing.T, app core.App) *mockoidc.MockOIDC {
	t.Helper()
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Shutdown() })
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	users.OAuth2.Enabled = true
	users.OAuth2.Providers = []core.OAuth2ProviderConfig{{
		Name:         "oidc",
		DisplayName:  "Tài khoản thành phố",
		ClientId:     m.ClientID,
		ClientSecret: m.ClientSecret,
		AuthURL:      m.AuthorizationEndpoint(),
		TokenURL:     m.TokenEndpoint(),
		Extra:        map[string]any{"jwksURL": m.JWKSEndpoint(), "issuers": []string{m.Issuer()}},
	}}
	if err := app.Save(users); err != nil {
		t.Fatal(err)
	}
	return m
}

// oidcSignIn does what the sign-in page and the browser do: the provider
// signs user in and redirects back with a code, which is posted to
// auth-with-oauth2 (PKCE as PocketBase's JS SDK). It returns the status and
// the decoded answer.
func oidcSignIn(t *testing.T, h http.Handler, m *mockoidc.MockOIDC, user *mockoidc.MockUser, createData map[string]any) (int, map[string]any) {
	t.Helper()
	m.QueueUser(user)
	verifier := "mot-chuoi-ngau-nhien-du-dai-cho-pkce-0123456789abcdef"
	sum := sha256.Sum256([]byte(verifier))
	redirect := "http://127.0.0.1:8090/api/oauth2-redirect"
	q := url.Values{
		"client_id": {m.ClientID}, "response_type": {"code"}, "scope": {"openid email profile"},
		"state": {"trang-dang-nhap"}, "redirect_uri": {redirect},
		"code_challenge": {base64.RawURLEncoding.EncodeToString(sum[:])}, "code_challenge_method": {"S256"},
	}
	res := apitest.Send(t, m.AuthorizationEndpoint(), http.MethodGet, "?"+q.Encode())
	loc, err := url.Parse(res.Header.Get("Location"))
	if err != nil || loc.Query().Get("code") == "" {
		t.Fatalf("the provider did not redirect with a code: %d %q", res.Status, res.Header.Get("Location"))
	}
	return apitest.Send(t, h, http.MethodPost, "/api/collections/users/auth-with-oauth2", apitest.JSON(map[string]any{
		"provider": "oidc", "code": loc.Query().Get("code"),
		"codeVerifier": verifier, "redirectURL": redirect, "createData": createData,
	})).StatusJSON()
}

// cityWardAccount saves a ward account as the secretariat makes one.
func cityWardAccount(t *testing.T, app core.App, email string, roles ...string) *core.Record {
	t.Helper()
	users, _ := app.FindCollectionByNameOrId("users")
	u := core.NewRecord(users)
	u.SetEmail(email)
	u.SetPassword("mat-khau-cua-phuong")
	u.SetVerified(true)
	u.Set("name", "Phạm Thị Hoa")
	u.Set("roles", roles)
	if unit, err := app.FindFirstRecordByData("units", "code", "TYT"); err == nil {
		u.Set("unit", unit.Id)
	}
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	return u
}

// errorCode is data[field].code of an error answer.
func errorCode(body map[string]any, field string) string {
	data, _ := body["data"].(map[string]any)
	f, _ := data[field].(map[string]any)
	code, _ := f["code"].(string)
	return code
}

// TestCityAccountSignIn: with the city's provider configured, a person
// whose verified city e-mail is a ward account's signs in as that account,
// with the roles, unit and name the secretariat gave, whatever the provider
// and the client send; an e-mail without a ward account, an unverified
// e-mail and a deactivated account are refused with their codes and a
// Vietnamese sentence, and no account is ever created.
func TestCityAccountSignIn(t *testing.T) {
	t.Parallel()
	app := newFirstRunTestApp(t)
	m := cityOIDC(t, app)
	_, h := serve(t, app, "")
	hoa := cityWardAccount(t, app, "hoapt@hoankiem.gov.vn", "staff")
	accounts := func() int {
		n, _ := app.CountRecords("users")
		return int(n)
	}
	before := accounts()

	status, body := oidcSignIn(t, h, m, &mockoidc.MockUser{Subject: "city-0001", Email: "hoapt@hoankiem.gov.vn",
		EmailVerified: true, PreferredUsername: "Quản trị thành phố", Groups: []string{"secretariat", "chairman"}},
		map[string]any{"roles": []string{"secretariat", "chairman"}, "name": "Người khác"})
	if status != http.StatusOK {
		t.Fatalf("a known verified e-mail: %d %v", status, body)
	}
	record, _ := body["record"].(map[string]any)
	if record["id"] != hoa.Id || body["token"] == "" {
		t.Fatalf("signed in as %v, want %s", record["id"], hoa.Id)
	}
	stored, _ := app.FindRecordById("users", hoa.Id)
	if got := stored.GetStringSlice("roles"); !slices.Equal(got, []string{"staff"}) {
		t.Errorf("roles after the city sign-in = %v, want [staff]", got)
	}
	if stored.GetString("name") != "Phạm Thị Hoa" || stored.GetString("unit") != hoa.GetString("unit") {
		t.Errorf("name %q unit %q changed", stored.GetString("name"), stored.GetString("unit"))
	}
	// the same person again, now through the link PocketBase kept.
	if status, body := oidcSignIn(t, h, m, &mockoidc.MockUser{Subject: "city-0001", Email: "hoapt@hoankiem.gov.vn", EmailVerified: true}, nil); status != http.StatusOK {
		t.Errorf("a second sign-in: %d %v", status, body)
	}

	status, body = oidcSignIn(t, h, m, &mockoidc.MockUser{Subject: "city-0002", Email: "nguoila@hanoi.gov.vn", EmailVerified: true},
		map[string]any{"roles": []string{"secretariat"}, "password": "12345678", "passwordConfirm": "12345678"})
	if status != http.StatusForbidden || errorCode(body, "email") != "oidc_no_account" {
		t.Errorf("an e-mail without a ward account: %d %v", status, body)
	}
	if msg, _ := body["message"].(string); msg == "" || !bytes.Contains([]byte(msg), []byte("nguoila@hanoi.gov.vn")) || !bytes.Contains([]byte(msg), []byte("Phòng Văn hóa – Xã hội")) {
		t.Errorf("message = %q", body["message"])
	}

	cityWardAccount(t, app, "chuaxacminh@hoankiem.gov.vn", "staff")
	before++
	status, body = oidcSignIn(t, h, m, &mockoidc.MockUser{Subject: "city-0003", Email: "chuaxacminh@hoankiem.gov.vn", EmailVerified: false}, nil)
	if status != http.StatusForbidden || errorCode(body, "email") != "oidc_email_unverified" {
		t.Errorf("an unverified e-mail matching a ward account: %d %v", status, body)
	}

	stored.Set("active", false)
	if err := app.Save(stored); err != nil {
		t.Fatal(err)
	}
	status, body = oidcSignIn(t, h, m, &mockoidc.MockUser{Subject: "city-0001", Email: "hoapt@hoankiem.gov.vn", EmailVerified: true}, nil)
	if status != http.StatusForbidden || errorCode(body, "identity") != "account_inactive" {
		t.Errorf("a deactivated account: %d %v", status, body)
	}

	if got := accounts(); got != before {
		t.Errorf("%d accounts after the sign-ins, want %d: one was created", got, before)
	}
	if links, _ := app.FindAllExternalAuthsByRecord(hoa); len(links) != 1 {
		t.Errorf("%d city links for the account, want 1", len(links))
	}
}

// TestCityAccountOffByDefault: a new ward offers no OAuth2 sign-in at all.
func TestCityAccountOffByDefault(t *testing.T) {
	t.Parallel()
	app := newFirstRunApp(t)
	_, h := serve(t, app, "")
	res := apitest.Send(t, h, http.MethodGet, "/api/collections/users/auth-methods")
	var methods struct {
		OAuth2 struct {
			Enabled   bool  `json:"enabled"`
			Providers []any `json:"providers"`
		} `json:"oauth2"`
	}
	_ = json.Unmarshal(res.Body, &methods)
	if res.Status != http.StatusOK || methods.OAuth2.Enabled || len(methods.OAuth2.Providers) != 0 {
		t.Errorf("auth-methods: %d %s", res.Status, res.Body)
	}
}
