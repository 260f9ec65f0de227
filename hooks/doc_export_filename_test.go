package hooks

import (
	"mime"
	"testing"
)

// TestAttachmentHeader checks the Content-Disposition of a download: an
// ASCII fallback name, and the exact name in RFC 5987 form, which a
// browser (and Go's own parser) reads back unchanged, Vietnamese included.
func TestAttachmentHeader(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"Tong-hop-sang-kien-2026.xlsx": `attachment; filename="Tong-hop-sang-kien-2026.xlsx"; filename*=UTF-8''Tong-hop-sang-kien-2026.xlsx`,
		"Tổng hợp \"2026\".xlsx":       `attachment; filename="T_ng h_p _2026_.xlsx"; filename*=UTF-8''T%E1%BB%95ng%20h%E1%BB%A3p%20%222026%22.xlsx`,
	} {
		got := attachment(name)
		if got != want {
			t.Errorf("attachment(%q) =\n %s\nwant\n %s", name, got, want)
		}
		_, params, err := mime.ParseMediaType(got)
		if err != nil || params["filename"] != name {
			t.Errorf("%q reads back as %q (%v)", got, params["filename"], err)
		}
	}
}
