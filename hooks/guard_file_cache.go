package hooks

import "github.com/pocketbase/pocketbase/core"

// privateFileCache marks the download of a protected file (an initiative's
// attachment, a decision's scan) as never to be stored by a browser or a
// proxy: PocketBase's default is a 30-day public cache, which would keep a
// file a person may no longer see, and share it through a ward's proxy.
func privateFileCache(e *core.FileDownloadRequestEvent) error {
	if e.FileField != nil && e.FileField.Protected {
		e.Response.Header().Set("Cache-Control", "private, no-store")
	}
	return e.Next()
}
