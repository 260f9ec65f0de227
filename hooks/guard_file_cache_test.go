package hooks_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tools/filesystem"

	"sangkien/internal/apitest"
	"sangkien/internal/testkit"
)

// TestOnlyProtectedFilesAreNeverCached: an initiative's attachment (a
// protected file) comes marked never to be stored; a person's avatar (not
// protected, shown to every signed-in account) keeps PocketBase's public
// cache, so that every list of names does not fetch it again.
func TestOnlyProtectedFilesAreNeverCached(t *testing.T) {
	t.Parallel()
	w := testkit.NewWard(t)
	defer w.App.Cleanup()
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	f, err := filesystem.NewFileFromBytes(img.Bytes(), "anh.png")
	if err != nil {
		t.Fatal(err)
	}
	user := w.StaffA
	user.Set("avatar", f)
	if err := w.App.Save(user); err != nil {
		t.Fatalf("avatar: %v", err)
	}
	ini := w.Initiative(t, w.StaffA, "draft", nil)
	attachment := attach(t, w.App, ini, "attachments", "de-xuat.pdf")
	srv := testkit.Serve(t, w.App)
	token := fileToken(t, srv.URL, testkit.Token(t, w.StaffA))
	for _, c := range []struct {
		what, path string
		noStore    bool
	}{
		{"the avatar", fmt.Sprintf("/api/files/users/%s/%s", user.Id, user.GetString("avatar")), false},
		{"the attachment", fmt.Sprintf("/api/files/initiatives/%s/%s?token=%s", ini.Id, attachment, token), true},
	} {
		res := apitest.Send(t, srv, http.MethodGet, c.path)
		if res.Status != http.StatusOK {
			t.Fatalf("%s: status %d", c.what, res.Status)
		}
		cc := res.Header.Get("Cache-Control")
		if got := cc == "private, no-store"; got != c.noStore {
			t.Errorf("%s: Cache-Control %q", c.what, cc)
		}
	}
}
