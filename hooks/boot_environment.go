package hooks

import (
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"sangkien/internal/i18n"
)

// applyEnvironment copies what the ward's operator set in the environment
// into the settings and the organization record at every start: the site
// address (SANGKIEN_URL), the reverse proxy's client address header
// (SANGKIEN_PROXY_HEADER), the off-machine backup storage (SANGKIEN_S3_*)
// and the ward's names (SANGKIEN_WARD, SANGKIEN_CITY, SANGKIEN_CHAIRMAN,
// SANGKIEN_ADDRESS, only over the seeded placeholders). What is not set in
// the environment stays as the dashboard has it. It then warns when mail is
// on and the site address still points at localhost.
func applyEnvironment(se *core.ServeEvent) error {
	if err := applySettingsEnvironment(se.App); err != nil {
		return err
	}
	if err := fillOrganizationFromEnvironment(se.App); err != nil {
		return err
	}
	warnSiteAddress(se.App, outputOf(se.App).Stderr)
	return se.Next()
}

// applySettingsEnvironment sets Meta.AppURL from SANGKIEN_URL, the trusted
// proxy header from SANGKIEN_PROXY_HEADER and the backups' S3 storage from
// SANGKIEN_S3_*, saving only when they change.
func applySettingsEnvironment(app core.App) error {
	// a copy: the app's settings change only once saved (valid).
	s, err := app.Settings().Clone()
	if err != nil {
		return err
	}
	env := envOf(app)
	changed := false
	if u := strings.TrimRight(strings.TrimSpace(env.Getenv("SANGKIEN_URL")), "/"); u != "" && s.Meta.AppURL != u {
		s.Meta.AppURL = u
		changed = true
	}
	// the reverse proxy's header with the client's address (X-Forwarded-For,
	// X-Real-IP): the audit log and the per-address sign-in limit then see
	// the person, not the proxy. Its last value is taken (the one the proxy
	// itself added), so a client cannot pretend to be another address.
	if h := strings.TrimSpace(env.Getenv("SANGKIEN_PROXY_HEADER")); h != "" &&
		(len(s.TrustedProxy.Headers) != 1 || s.TrustedProxy.Headers[0] != h || s.TrustedProxy.UseLeftmostIP) {
		s.TrustedProxy.Headers = []string{h}
		s.TrustedProxy.UseLeftmostIP = false
		changed = true
	}
	if s3, ok := s3FromEnvironment(app); ok && s.Backups.S3 != s3 {
		s.Backups.S3 = s3
		changed = true
	}
	if !changed {
		return nil
	}
	if err := app.Save(s); err != nil {
		return fmt.Errorf("%s: %w", i18n.T("boot.env_invalid"), err)
	}
	return nil
}

// s3FromEnvironment reads the backups' S3-compatible storage from
// SANGKIEN_S3_ENDPOINT, _BUCKET, _REGION (default us-east-1), _ACCESS_KEY,
// _SECRET and _FORCE_PATH_STYLE (default on: most S3-compatible services
// outside AWS want path-style addresses); ok is false when no bucket is set.
func s3FromEnvironment(app core.App) (core.S3Config, bool) {
	vars := envOf(app)
	env := func(k string) string { return strings.TrimSpace(vars.Getenv("SANGKIEN_S3_" + k)) }
	if env("BUCKET") == "" {
		return core.S3Config{}, false
	}
	region := env("REGION")
	if region == "" {
		region = "us-east-1"
	}
	pathStyle := true
	switch strings.ToLower(env("FORCE_PATH_STYLE")) {
	case "0", "false", "no", "off":
		pathStyle = false
	}
	return core.S3Config{
		Enabled:        true,
		Bucket:         env("BUCKET"),
		Region:         region,
		Endpoint:       env("ENDPOINT"),
		AccessKey:      env("ACCESS_KEY"),
		Secret:         env("SECRET"),
		ForcePathStyle: pathStyle,
	}, true
}

// wardPlaceholder reports whether an organization value is still the
// seeded placeholder ("Phường (tên phường)", "(họ và tên Chủ tịch …)") or
// empty: the documents would print it as it is.
func wardPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	return v == "" || strings.HasPrefix(v, "(") || strings.Contains(v, "(tên")
}

// organizationPlaceholders lists the organization fields that still hold
// a placeholder (empty when the ward's names are set).
func organizationPlaceholders(org *core.Record) []string {
	var fields []string
	for _, f := range []string{"ward_name", "city_name", "chairman_name"} {
		if wardPlaceholder(org.GetString(f)) {
			fields = append(fields, f)
		}
	}
	return fields
}

// fillOrganizationFromEnvironment writes SANGKIEN_WARD, SANGKIEN_CITY,
// SANGKIEN_CHAIRMAN and SANGKIEN_ADDRESS into the organization record's
// fields that still hold their placeholder; a name a person typed is never
// overwritten. "Hoàn Kiếm" becomes "Phường Hoàn Kiếm", "Hà Nội" "Thành phố
// Hà Nội", as the document headers name them.
func fillOrganizationFromEnvironment(app core.App) error {
	env := envOf(app)
	values := map[string]string{
		"ward_name":     withLevel(env.Getenv("SANGKIEN_WARD"), "Phường ", "Phường", "Xã", "Đặc khu"),
		"city_name":     withLevel(env.Getenv("SANGKIEN_CITY"), "Thành phố ", "Thành phố", "Tỉnh"),
		"chairman_name": strings.TrimSpace(env.Getenv("SANGKIEN_CHAIRMAN")),
		"address":       strings.TrimSpace(env.Getenv("SANGKIEN_ADDRESS")),
	}
	org, err := app.FindFirstRecordByFilter("organization", "")
	if err != nil {
		return nil // no organization record: nothing to fill
	}
	changed := false
	for field, v := range values {
		if v != "" && wardPlaceholder(org.GetString(field)) {
			org.Set(field, v)
			changed = true
		}
	}
	if !changed {
		return nil
	}
	return app.Save(org)
}

// withLevel trims name and puts prefix before it unless it already starts
// with one of the levels (any case).
func withLevel(name, prefix string, levels ...string) string {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		return ""
	}
	for _, l := range levels {
		if strings.HasPrefix(strings.ToLower(name), strings.ToLower(l)+" ") {
			return name
		}
	}
	return prefix + name
}

// localSiteAddress reports whether the site address mails link to is one
// only this machine can open.
func localSiteAddress(appURL string) bool {
	u, err := url.Parse(appURL)
	if err != nil || u.Hostname() == "" {
		return true
	}
	switch h := u.Hostname(); {
	case h == "localhost", h == "0.0.0.0", h == "::1", strings.HasPrefix(h, "127."):
		return true
	}
	return false
}

// warnSiteAddress prints and logs a warning when PocketBase sends mail
// through SMTP and the site address is still localhost: every link in a
// mail would open the reader's own machine.
func warnSiteAddress(app core.App, w io.Writer) {
	s := app.Settings()
	if !s.SMTP.Enabled || !localSiteAddress(s.Meta.AppURL) {
		return
	}
	msg := i18n.T("boot.url_localhost", "url", s.Meta.AppURL)
	app.Logger().Warn(msg)
	fmt.Fprintf(w, "\n%s\n\n", msg)
}
