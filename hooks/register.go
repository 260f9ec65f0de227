// Package hooks holds the ward's process rules on top of PocketBase: record
// hooks, the /api/reform routes, scheduled jobs and the static pages. The
// wiring is all in Register, grouped by domain; handlers live in files
// named for what they do.
package hooks

import (
	"io/fs"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"sangkien/internal/i18n"
)

// Register wires every hook, route and job of the program into app.
// public is the pb_public tree: the staff pages and the string catalog.
func Register(app core.App, public fs.FS) error {
	if err := i18n.Load(public); err != nil {
		return err
	}

	// first start: superuser and ward account, printed once.
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{Func: firstRun, Priority: -100})

	// the CRUD API: server-set fields and defaults.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(guardServerFields)
		return se.Next()
	})
	app.OnRecordCreate("initiatives").BindFunc(setInitiativeDefaults)
	app.OnRecordCreateRequest("initiatives").BindFunc(setInitiativeOwner)
	app.OnRecordCreate("scores").BindFunc(setScoreDefaults)
	app.OnRecordCreateRequest("scores").BindFunc(setScoreMember)
	app.OnRecordCreate("rounds").BindFunc(setRoundDefaults)
	app.OnRecordCreateRequest("units").BindFunc(setUnitQuotaDefault)

	// the audit trail of every change made through the CRUD API.
	app.OnRecordCreateRequest(auditedCollections...).BindFunc(auditCreate)
	app.OnRecordUpdateRequest(auditedCollections...).BindFunc(auditUpdate)
	app.OnRecordDeleteRequest(auditedCollections...).BindFunc(auditDelete)

	// reports: the Excel documents the office prints and signs.
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.GET("/api/reform/rounds/{year}/export.xlsx", exportReport)
		return se.Next()
	})

	// the staff pages, bound last so that API routes win.
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Func: func(se *core.ServeEvent) error {
			se.Router.GET("/{path...}", apis.Static(public, false))
			return se.Next()
		},
		Priority: 999,
	})
	return nil
}
