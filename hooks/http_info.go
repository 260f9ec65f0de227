package hooks

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// publicInfo answers GET /api/reform/info for anyone, signed in or not:
// what the pages must know about the server before sign-in. mail says
// whether PocketBase sends mail through SMTP (the forgotten-password page
// says whom to ask instead when it does not). Nothing else, no secrets.
func publicInfo(e *core.RequestEvent) error {
	return e.JSON(http.StatusOK, map[string]any{"mail": mailOn(e.App)})
}
